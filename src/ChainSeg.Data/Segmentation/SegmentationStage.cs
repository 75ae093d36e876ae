using System.Globalization;
using System.Runtime.ExceptionServices;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Segmentation;

/// <summary>What the segmentation stage produced, for the run summary and the CLI.</summary>
/// <param name="ActiveModel">Model whose segments drive policies.</param>
/// <param name="Models">Per model: version, method, segment counts and warnings.</param>
/// <param name="PeriodEnds">As-of dates of the stability snapshots, oldest first; the last is the run's as_of.</param>
public sealed record SegmentationSummary(string ActiveModel, IReadOnlyList<ModelSummary> Models, IReadOnlyList<DateOnly> PeriodEnds);

/// <summary>One model's outcome in a run.</summary>
public sealed record ModelSummary(string Model, int Version, string Method, string DefinitionHash, IReadOnlyDictionary<string, int> Segments,
    IReadOnlyList<string> Warnings, int HeldBackByHysteresis);

/// <summary>
/// Segments customers with every configured model at the run's as-of date and at earlier period ends (for stability and
/// hysteresis), writes assignments, per-period assignments, transitions and the history archive into the store.
/// </summary>
public sealed class SegmentationStage(DuckDBConnection connection, string runSchema)
{
    private readonly SegmentationRecords _records = new(connection, runSchema);

    /// <summary>Runs every model; <paramref name="current"/> are the options the run's customer_metrics were computed with.</summary>
    /// <exception cref="ConfigurationException">A model is misconfigured.</exception>
    public SegmentationSummary Run(ChainSegConfig config, MetricsOptions current, string runId, string configHash, Action<string>? progress = null)
    {
        var (segmentation, active) = ModelValidation.Validate(config);

        var periodEnds = PeriodEnds(current.AsOf, segmentation.Stability, CustomerMetrics.EarliestOrderDate(connection, runSchema) ?? current.WindowStart);
        var requests = SnapshotRequests(segmentation, current, periodEnds);
        CreateMissingSnapshots(requests.Values.ToList(), current.AsOf, progress);
        var reads = ReadPlan(segmentation);
        var texts = new[] { false, true }.ToDictionary(rollUp => rollUp, rollUp => segmentation.Models.Values.Where(m => m.RollUpHierarchy == rollUp)
            .SelectMany(SegmentationMethods.TextsRead).ToHashSet(StringComparer.Ordinal));
        var snapshots = new Dictionary<(DateOnly, bool), MetricSnapshot>();
        var missingInputs = CustomerMetrics.MissingInputs(connection, runSchema, current);
        MetricSnapshot Snapshot(DateOnly asOf, bool rollUp)
        {
            if (snapshots.TryGetValue((asOf, rollUp), out var cached))
                return cached;
            var request = requests[(asOf, rollUp)];
            _records.AwaitPendingInsert();
            // Only as_of's reasons are written, so only its customers yet to come are looked up.
            return snapshots[(asOf, rollUp)] = MetricSnapshotReader.Read(connection, runSchema, request.Options, request.Suffix, reads[rollUp],
                texts[rollUp]) with
            {
                MissingInputs = missingInputs,
                FirstOrdersAfterAsOf = asOf == current.AsOf
                    ? MetricSnapshotReader.FirstOrdersAfterAsOf(connection, runSchema, request.Options, request.Suffix)
                    : new Dictionary<string, FirstOrderLine>(),
            };
        }

        try
        {
            var summary = SegmentModels(segmentation, active, current, periodEnds, Snapshot, runId, configHash, progress, snapshots.Keys);
            return summary with
            {
                Models = summary.Models.Select(m => m.Model == active ? m with { Warnings = [.. m.Warnings, .. Policies.PolicySegmentNames.WithoutCustomers(config, m.Segments.Keys)] } : m).ToList(),
            };
        }
        catch
        {
            // The run fails with the first error; a model's rows still being inserted must not outlive it on the connection.
            _records.AbandonPendingInsert();
            throw;
        }
    }

    private SegmentationSummary SegmentModels(SegmentationConfig segmentation, string active, MetricsOptions current, IReadOnlyList<DateOnly> periodEnds,
        Func<DateOnly, bool, MetricSnapshot> snapshotOf, string runId, string configHash, Action<string>? progress, IEnumerable<(DateOnly, bool)> snapshotsRead)
    {
        _records.CreateTables(runId);
        // Every model's current period is segmented in the background as soon as its metrics are read: the k-means fit
        // (seconds at 200 k customers) then runs while earlier models read snapshots and write rows, which use one core.
        // A model's failure is rethrown as thrown when the loop reaches it, so models fail in the same order as before.
        var currentOutcomes = new Dictionary<string, Task<ModelOutcome>>(StringComparer.Ordinal);
        foreach (var (name, model) in segmentation.Models)
        {
            var snapshot = snapshotOf(current.AsOf, model.RollUpHierarchy);
            currentOutcomes[name] = Task.Run(() => SegmentationMethods.Run(name, model, snapshot));
        }
        // The earlier periods' metrics are read while the current periods are segmented, instead of after the first model's.
        foreach (var model in segmentation.Models.Values)
            foreach (var asOf in periodEnds)
                snapshotOf(asOf, model.RollUpHierarchy);
        var summaries = new List<ModelSummary>();
        foreach (var (name, model) in segmentation.Models)
        {
            progress?.Invoke($"segmenting with {name} ({model.Method})");
            var definitionHash = SegmentationRecords.DefinitionHash(model);
            var warnings = new List<string>();
            // The current date first: a k-means fit made there scores the earlier dates, so labels stay comparable.
            var currentOutcome = currentOutcomes[name].GetAwaiter().GetResult();
            warnings.AddRange(currentOutcome.Warnings.Where(w => !GuardKinds.Contains(w.Kind)).Select(w => $"{w.Kind}: {w.Message}"));
            if (RollsUp(model, current) && NoHierarchy())
                warnings.Add($"roll_up_without_hierarchy: {(model.RollUpHierarchy ? "" : "metrics.")}roll_up_hierarchy rolls customers up to their top accounts, but no customer has a parent_id in the customers export, "
                    + $"so every customer is its own account{(model.RollUpHierarchy ? " and the model segments customers as without it" : "")}; map parent_id in the customer master, or drop roll_up_hierarchy.");
            var fewer = SegmentationMethods.MaxSegmentsBelowMethod(model);
            if (fewer is not null)
                warnings.Add($"{fewer.Kind}: {fewer.Message}");
            if (model.Hysteresis?.Periods is { } needed and >= 2 && periodEnds.Count <= needed)
                warnings.Add($"hysteresis_without_history: the data reach back {periodEnds.Count} period {(periodEnds.Count == 1 ? "end" : "ends")}, and hysteresis.periods {needed} needs {needed + 1} before a customer can move to another segment, so this run moves no customer save where hysteresis never holds one back (into or out of inactive, or out of a class given for a missing value); lower hysteresis.periods or wait for more history.");
            var perPeriod = new List<IReadOnlyList<SegmentAssignment>>();
            var mergedAway = new List<IReadOnlySet<string>>();
            var valueless = new List<IReadOnlySet<string>>();
            var observations = new List<IReadOnlyList<IReadOnlyDictionary<string, PeriodObservation>>>();
            // The hierarchy is one for all periods, but a period lists only the customers whose account it segmented.
            var rollsUp = RollsUp(model, current);
            Dictionary<string, string>? accountOfCustomer = rollsUp ? new(StringComparer.Ordinal) : null;
            var outcomes = EarlierOutcomes(name, model, periodEnds.Select(asOf => asOf == current.AsOf ? null : snapshotOf(asOf, model.RollUpHierarchy)).ToList(), currentOutcome,
                snapshotOf(current.AsOf, model.RollUpHierarchy).Metrics);
            foreach (var (asOf, outcome) in periodEnds.Zip(outcomes))
            {
                mergedAway.Add(outcome.MergedAway);
                if (rollsUp)
                {
                    var (assignments, accountOf) = Inherit(outcome.Assignments, Suffix(asOf, current.AsOf, model.RollUpHierarchy), asOf, current.AsOf);
                    foreach (var (child, account) in accountOf)
                        accountOfCustomer![child] = account;
                    perPeriod.Add(assignments);
                    observations.Add(outcome.MarginAxes.Select(axis => (IReadOnlyDictionary<string, PeriodObservation>)accountOf
                        .Where(c => axis.ContainsKey(c.Value)).ToDictionary(c => c.Key, c => axis[c.Value], StringComparer.Ordinal)).ToList());
                    valueless.Add(accountOf.Where(c => outcome.Valueless.Contains(c.Value)).Select(c => c.Key).ToHashSet(StringComparer.Ordinal));
                }
                else
                {
                    perPeriod.Add(outcome.Assignments);
                    observations.Add(outcome.MarginAxes);
                    valueless.Add(outcome.Valueless);
                }
            }
            var grid = PeriodGrid.Of(perPeriod);
            var (final, held, paths) = Stabilise(model, grid, observations, mergedAway, valueless, currentOutcome.Fitted, accountOfCustomer);
            // max_segments_below_method has said this model yields more segments than it may, naming them and the fix:
            // the guard's too_many_segments would say it again.
            warnings.AddRange(Guard(model, grid.Customers, final, snapshotOf(current.AsOf, false).Metrics)
                .Where(w => fewer is null || w.Kind != SegmentGuard.TooManySegments).Select(w => $"{w.Kind}: {w.Message}"));
            _records.AwaitPendingInsert();
            _records.WriteStability(name, periodEnds, paths);
            if (currentOutcome.Fitted is { } fitted)
                _records.WriteClusters(name, fitted);
            warnings.AddRange(_records.RegisterModel(name, model, definitionHash, runId));
            _records.WriteModel(name, model, new SegmentationRecords.ArchiveKey(runId, definitionHash, configHash, current.AsOf), periodEnds, grid, paths, final, name == active);
            var segments = final.OfType<StabilisedAssignment>().GroupBy(a => a.Segment, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
            summaries.Add(new ModelSummary(name, model.Version, model.Method, definitionHash, segments, warnings, held));
            // A model's per-period assignments and paths (hundreds of MB at 200 k customers) lived long enough to reach
            // the oldest generation, where they would pile up model after model until a full collection: collect them
            // now, so the stage's peak memory is one model's, not all of them together. Not after the last model: nothing
            // piles up any more, and a collection would trace the cached snapshots, garbage as soon as the stage returns.
            if (name != segmentation.Models.Keys.Last())
                GC.Collect();
        }
        _records.AwaitPendingInsert();
        RecordKpis(active, current, periodEnds, segmentation.Models);
        // The run's own roll-up snapshot stays beside customer_metrics: explain shows the account metrics roll-up models read.
        DropSnapshotTables(snapshotsRead.Select(k => Suffix(k.Item1, current.AsOf, k.Item2)).Where(s => s.Length > 0 && s != RollUpSuffix));
        return new SegmentationSummary(active, summaries, periodEnds);
    }

    // Whether a model segments accounts and hands each account's segment down to its customers: under its own
    // roll_up_hierarchy, and under metrics.roll_up_hierarchy whatever the model says, since the run's metrics (and every
    // snapshot, SnapshotRequests) list accounts then; segmenting those without handing down left the children, and their
    // order lines, without a segment. The model's tables stay those of its own setting (snapshot key model.RollUpHierarchy).
    private static bool RollsUp(SegmentationModelConfig model, MetricsOptions current) => model.RollUpHierarchy || current.RollUpHierarchy;

    // Roll-up follows customers.parent_id; without one (no customers export, or parent_id unmapped or empty) it changes nothing.
    private bool NoHierarchy()
    {
        if (_noHierarchy is null)
        {
            _records.AwaitPendingInsert();
            _noHierarchy = !connection.TableExists(runSchema, "customers")
                || connection.ScalarLong($"SELECT count(*) FROM {Sql.Id(runSchema)}.customers WHERE parent_id IS NOT NULL") == 0;
        }

        return _noHierarchy.Value;
    }

    private bool? _noHierarchy;

    // Per roll-up, the metrics the models read (null: all), and tenure_days, which tells a customer not yet ordering at a
    // past period end (WithoutLaterCustomers); the guards read the volume metric of the current period without roll-up.
    private static Dictionary<bool, HashSet<string>?> ReadPlan(SegmentationConfig segmentation)
    {
        var plan = new Dictionary<bool, HashSet<string>?>();
        HashSet<string>? Of(bool rollUp) => plan.TryGetValue(rollUp, out var read) ? read : new HashSet<string>(StringComparer.Ordinal) { "orders", Tenure };
        foreach (var model in segmentation.Models.Values)
        {
            var metrics = Of(model.RollUpHierarchy);
            var read = SegmentationMethods.MetricsRead(model);
            plan[model.RollUpHierarchy] = metrics is null || read is null ? null : [.. metrics, .. read];
            var own = Of(false);
            plan[false] = own is null ? null : [.. own, model.MinShareOf ?? model.ValueMetric];
        }
        return plan;
    }

    // Each earlier period scored against the current fit, independently of the others, so they run on every core; a
    // null snapshot stands for the current period. Only the current period's reasons are ever written, so the earlier
    // ones are not formatted. The first failure in period order is rethrown as it was thrown.
    // currentMetrics: the current period's snapshot, which tells the customers who order later from those who never do.
    private static ModelOutcome[] EarlierOutcomes(string name, SegmentationModelConfig model, IReadOnlyList<MetricSnapshot?> snapshots, ModelOutcome current,
        CustomerMetricSet currentMetrics)
    {
        var outcomes = new ModelOutcome[snapshots.Count];
        var errors = new Exception?[snapshots.Count];
        Parallel.For(0, snapshots.Count, p =>
        {
            try
            {
                outcomes[p] = snapshots[p] is { } snapshot
                    ? WithoutLaterCustomers(SegmentationMethods.Run(name, model, snapshot, current.Fitted, explain: false), snapshot.Metrics, currentMetrics)
                    : current;
            }
            catch (Exception e)
            {
                errors[p] = e;
            }
        });
        if (errors.FirstOrDefault(e => e is not null) is { } error)
            ExceptionDispatchInfo.Throw(error);
        return outcomes;
    }

    private const string Tenure = "tenure_days";

    // At a past period end, a customer without an order line on or before it (tenure_days empty, no orders) was not a
    // customer yet: it has no segment there, so its first order enters it rather than counting as a move out of inactive,
    // and customers yet to come do not agree as inactive → inactive. One without an order line even at as_of (master data
    // alone) stays inactive, as it is in the current period.
    private static ModelOutcome WithoutLaterCustomers(ModelOutcome outcome, CustomerMetricSet period, CustomerMetricSet current)
    {
        if (!period.HasMetric(Tenure) || !current.HasMetric(Tenure))
            return outcome;
        var (tenure, orders, currentTenure) = (period.Column(Tenure), period.HasMetric("orders") ? period.Column("orders") : null, current.Column(Tenure));
        HashSet<string>? later = null;
        for (var i = 0; i < tenure.Count; i++)
        {
            if (double.IsNaN(tenure[i]) && !(orders?[i] > 0) && current.TryRowOf(period.CustomerIds[i], out var row) && !double.IsNaN(currentTenure[row]))
                (later ??= new HashSet<string>(StringComparer.Ordinal)).Add(period.CustomerIds[i]);
        }
        if (later is null)
            return outcome;
        return outcome with
        {
            Assignments = outcome.Assignments.Where(a => !later.Contains(a.CustomerId)).ToList(),
            MarginAxes = outcome.MarginAxes.Select(axis => (IReadOnlyDictionary<string, PeriodObservation>)axis.Where(o => !later.Contains(o.Key))
                .ToDictionary(StringComparer.Ordinal)).ToList(),
        };
    }

    private static readonly HashSet<string> GuardKinds = [SegmentGuard.TooManySegments, "small_segment", "no_volume"];

    // The DEFINITIONS.md guards, once per model on what operations will run: the final (stabilised) assignments. Inactive
    // customers are not a service tier, so they are left out. Volume is the model's share metric, else its value metric;
    // the segment-count limit is the lower of DEFINITIONS.md's 6 and the model's max_segments.
    // Customers: every customer of the model's periods in ordinal order, final aligned with them.
    private static IReadOnlyList<SegmentationWarning> Guard(SegmentationModelConfig model, string[] customers, StabilisedAssignment?[] final,
        CustomerMetricSet metrics)
    {
        var volumeMetric = model.MinShareOf ?? model.ValueMetric;
        var volume = metrics.HasMetric(volumeMetric) ? metrics.Column(volumeMetric) : null;
        var active = Enumerable.Range(0, customers.Length).Where(i => final[i] is { } f && f.Segment != SegmentationMethods.Inactive).ToList();
        var options = new SegmentGuardOptions(Math.Min(SegmentGuardOptions.Default.WarnAboveSegments, model.MaxSegments ?? int.MaxValue));
        return SegmentGuard.Check(active.Select(i => new SegmentAssignment(customers[i], final[i]!.Segment, final[i]!.Reason)).ToList(),
            volume is null ? null : active.Select(i => metrics.TryRowOf(customers[i], out var row) ? volume[row] : 0).ToList(), volume is null ? null : volumeMetric, options);
    }

    /// <summary>
    /// The metric snapshots the models read: the run's customer_metrics (as computed with <paramref name="current"/>) first,
    /// then every other (period end, roll-up) pair, so the metrics stage can create them all in one pass
    /// (<see cref="CustomerMetrics.CreateSnapshots"/>).
    /// </summary>
    /// <exception cref="ConfigurationException">A model is misconfigured.</exception>
    public static IReadOnlyList<MetricSnapshotRequest> Snapshots(ChainSegConfig config, MetricsOptions current, DateOnly firstOrder)
    {
        var (segmentation, _) = ModelValidation.Validate(config);
        return SnapshotRequests(segmentation, current, PeriodEnds(current.AsOf, segmentation.Stability, firstOrder)).Values.ToList();
    }

    // (as-of, roll-up) → the snapshot's options and table suffix; the run's own tables (suffix "") first, as computed.
    // The earlier ends also hold the numerators and denominators of the models' KPIs (SegmentKpiTable.Metrics).
    private static Dictionary<(DateOnly, bool), MetricSnapshotRequest> SnapshotRequests(SegmentationConfig segmentation, MetricsOptions current,
        IReadOnlyList<DateOnly> periodEnds)
    {
        var requests = new Dictionary<(DateOnly, bool), MetricSnapshotRequest> { [(current.AsOf, false)] = new(current) };
        var reads = ReadPlan(segmentation);
        foreach (var rollUp in segmentation.Models.Values.Select(m => m.RollUpHierarchy).Distinct().Order())
            foreach (var asOf in periodEnds)
            {
                // Only the models read these snapshots (MetricSnapshotReader: the plan's metrics). A model without a roll-up
                // of its own reads the run's customer_metrics at as_of, rolled up under metrics.roll_up_hierarchy, so its
                // earlier ends are too: measured per customer, children were inactive there and exited at as_of.
                var options = current.EndingOn(asOf);
                // The run's own rolled-up snapshot also has the figures segment_summary.csv takes over the accounts of a
                // model that rolls up on its own (SummaryFromAccounts).
                var metrics = rollUp && asOf == current.AsOf && reads[rollUp] is { } read ? [.. read, .. SegmentationOutputs.AccountFigures] : reads[rollUp];
                if (asOf != current.AsOf && metrics is not null)
                    metrics = [.. metrics, .. Monitoring.SegmentKpiTable.Metrics(current)];
                requests.TryAdd((asOf, rollUp), new MetricSnapshotRequest(options with { RollUpHierarchy = rollUp || current.RollUpHierarchy },
                    Suffix(asOf, current.AsOf, rollUp), metrics));
            }
        return requests;
    }

    // Snapshots the metrics stage has not created (a caller that made only the run's own customer_metrics, or segmenting a
    // run again after its period-end snapshots were dropped), in one batch. Told the run's as_of: a batch of earlier ends
    // alone took its latest for the run's and judged it with deliveries made after it.
    private void CreateMissingSnapshots(IReadOnlyList<MetricSnapshotRequest> requests, DateOnly runAsOf, Action<string>? progress)
    {
        var existing = connection.Query($"SELECT table_name FROM information_schema.tables WHERE table_schema = {Sql.Str(runSchema)}", r => r.GetString(0))
            .ToHashSet(StringComparer.Ordinal);
        var missing = requests.Where(r => !existing.Contains("customer_metrics" + r.Suffix)).ToList();
        if (missing.Count == 0)
            return;
        progress?.Invoke($"metrics as of {string.Join(", ", missing.Select(r => DateFormat.Iso(r.Options.AsOf)).Distinct())}");
        CustomerMetrics.CreateSnapshots(connection, runSchema, missing, runAsOf);
    }

    /// <summary>
    /// The period ends segmented, oldest first: the as-of date and the calendar ends of the periods before it, back to the
    /// first order (<paramref name="earliest"/>), not to the run's window start: each earlier snapshot has a window of its own.
    /// A calendar end less than half a period before as_of is skipped, so the last period is never a stub of a few days
    /// (as_of 2025-10-01 would otherwise count as a period after 2025-09-30, and hysteresis's "N consecutive periods"
    /// could pass in one day).
    /// </summary>
    public static IReadOnlyList<DateOnly> PeriodEnds(DateOnly asOf, StabilityConfig stability, DateOnly earliest)
    {
        if (stability.Periods < 1)
            throw new ConfigurationException($"segmentation.stability.periods must be at least 1; got {stability.Periods}.");
        // Spelt as the top-level periods: setting may be (Quarter, monthly, months); weeks are too short to segment.
        var months = MetricsOptions.BucketName(stability.Bucket ?? "") switch
        {
            "month" => 1,
            "quarter" => 3,
            _ => throw new ConfigurationException($"segmentation.stability.bucket '{stability.Bucket}' is not known; use month or quarter."),
        };
        var ends = new List<DateOnly> { asOf };
        var periodStart = new DateOnly(asOf.Year, (asOf.Month - 1) / months * months + 1, 1);
        // Half of as_of's own period in days, as the demand series measures it (MetricsOptions.LastDemandPeriod): a fixed
        // 15 days a month kept 15 days of October (31) and dropped 14 of February (28).
        // (Its length from its last month, not the next period's start: validation passes as_of 9999-12-31.)
        var lastMonth = periodStart.AddMonths(months - 1);
        var length = lastMonth.AddDays(DateTime.DaysInMonth(lastMonth.Year, lastMonth.Month) - 1).DayNumber - periodStart.DayNumber + 1;
        if (2 * (asOf.DayNumber - periodStart.AddDays(-1).DayNumber) < length)
            periodStart = periodStart.AddMonths(-months);
        for (var k = 1; k < stability.Periods; k++)
        {
            // Calendar ends stop at the calendar's first month: validation passes no first order (DateOnly.MinValue), and
            // periods: 100000 ("back to the first order") walked past year 1 and failed with "Value to add was out of range".
            var monthsBack = months * (k - 1);
            if (monthsBack >= periodStart.Year * 12 + periodStart.Month - 13)
                break;
            var end = periodStart.AddMonths(-monthsBack).AddDays(-1);
            if (end < earliest)
                break;
            ends.Add(end);
        }
        ends.Reverse();
        return ends;
    }

    /// <summary>
    /// The models whose segment_summary.csv figures per ordering relationship are taken over the accounts' rolled-up rows
    /// (<see cref="RollUpSuffix"/>) rather than the customers' own: those that roll up on their own. Under
    /// metrics.roll_up_hierarchy the run's customer_metrics lists the accounts already.
    /// </summary>
    public static IReadOnlyList<string> SummaryFromAccounts(SegmentationConfig segmentation, MetricsOptions current) =>
        current.RollUpHierarchy ? [] : segmentation.Models.Where(m => m.Value.RollUpHierarchy).Select(m => m.Key).ToList();

    /// <summary>Suffix of the run's rolled-up snapshot (customer_metrics_accounts, customer_accounts_accounts), kept with the run.</summary>
    public const string RollUpSuffix = "_accounts";

    private static string Suffix(DateOnly asOf, DateOnly current, bool rollUp) =>
        (asOf == current ? "" : "_at_" + asOf.ToString("yyyyMMdd", CultureInfo.InvariantCulture)) + (rollUp ? RollUpSuffix : "");

    // Children take their account's segment; the account itself keeps the method's reason. Also returns customer → account.
    // At a past period end a child whose own first order line comes after it (and by as_of) was no customer yet: it takes
    // no segment there, as a customer without roll-up does not (WithoutLaterCustomers), though its account had one. A child
    // without a line by as_of (master data alone) follows its account at every end, as it does at as_of.
    // suffix: the rolled-up snapshot's tables the accounts were segmented on (its customer_accounts holds the map).
    private (List<SegmentAssignment> Assignments, Dictionary<string, string> AccountOf) Inherit(IReadOnlyList<SegmentAssignment> accountAssignments, string suffix,
        DateOnly asOf, DateOnly current)
    {
        var byAccount = accountAssignments.ToDictionary(a => a.CustomerId, StringComparer.Ordinal);
        _records.AwaitPendingInsert();
        var accounts = connection.Query(
            $"SELECT customer_id, account_id, first_line_date FROM {Sql.Id(runSchema)}.{Sql.Id("customer_accounts" + suffix)}",
            r => (Customer: r.GetString(0), Account: r.GetString(1), FirstLine: r.IsDBNull(2) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(2))));
        var known = accounts.Where(a => byAccount.ContainsKey(a.Account)
            && (a.Customer == a.Account || a.FirstLine is not { } first || first <= asOf || first > current)).ToList();
        return (known.Select(a => a.Customer == a.Account
                ? byAccount[a.Account]
                : new SegmentAssignment(a.Customer, byAccount[a.Account].Segment,
                    byAccount[a.Account].Reason.Length == 0 ? "" : $"inherits {byAccount[a.Account].Segment} from parent account {a.Account}: {byAccount[a.Account].Reason}"))
            .ToList(), known.ToDictionary(a => a.Customer, a => a.Account, StringComparer.Ordinal));
    }

    // The final assignment per customer of the current period (aligned with the grid's customers), and every customer's
    // stabilised segment per period. A k-means fit with size limits keeps every period's stabilised segments within them.
    private static (StabilisedAssignment?[] Final, int Held, StabilisedPeriods Paths) Stabilise(
        SegmentationModelConfig model, PeriodGrid grid, List<IReadOnlyList<IReadOnlyDictionary<string, PeriodObservation>>> observations,
        IReadOnlyList<IReadOnlySet<string>> mergedAway, IReadOnlyList<IReadOnlySet<string>> valueless, FittedClusterModel? fitted, IReadOnlyDictionary<string, string>? accountOf)
    {
        var n = grid.Customers.Length;
        var codebook = new SegmentCodebook();
        var raw = grid.Assignments.Select(column => column.Select(a => codebook.Code(a?.Segment)).ToArray()).ToArray();
        var segments = raw;
        var notes = raw.Select(_ => Enumerable.Repeat(-1, n).ToArray()).ToArray();
        // Per (account) row, the segment hysteresis would have held it in at as_of when size limits released it there: its
        // segment is then its raw one, whose reason alone would not say why the hold gave way.
        var releasedFrom = new string?[n];
        var accountRow = Enumerable.Range(0, n).ToArray();
        // Hysteresis over one period follows every raw segment at once (SegmentHysteresis.ByPeriods), so only longer
        // hysteresis or a margin needs each customer's path worked out.
        if (model.Hysteresis?.Margin is not null || (model.Hysteresis?.Periods ?? 1) > 1)
        {
            var held = raw.Select(_ => new string?[n]).ToArray();
            var why = raw.Select(_ => new string?[n]).ToArray();
            // Each customer's path is a pure function of the read-only inputs, so customers are stabilised on every core.
            Parallel.For(0, n, i =>
            {
                foreach (var step in Path(model, grid, i, observations, mergedAway, valueless))
                {
                    if (step.RawSegment is null)
                        continue;
                    held[step.Period][i] = step.Segment ?? step.RawSegment;
                    why[step.Period][i] = step.Segment is null || step.Segment == step.RawSegment ? null : step.Reason;
                }
            });
            segments = held.Select(column => column.Select(codebook.Code).ToArray()).ToArray();
            notes = why.Select(column => column.Select(codebook.Code).ToArray()).ToArray();
            accountRow = AccountRows(grid.Customers, accountOf);
            if (fitted?.SizeLimits is not null)
            {
                // A released customer's path is worked out again from its release on, hysteresis holding it in its raw segment.
                var releasedAt = new Dictionary<int, HashSet<int>>();
                KeepWithinSizeLimits(fitted, codebook, raw, segments, notes, accountRow, (row, period) =>
                {
                    var releases = releasedAt.TryGetValue(row, out var known) ? known : releasedAt[row] = [];
                    if (period == raw.Length - 1)
                    {
                        // The path as it stood before this release says where hysteresis held the customer.
                        var before = Path(model, grid, row, observations, mergedAway, valueless, releases)[period];
                        releasedFrom[row] = before.Segment ?? before.RawSegment;
                    }
                    releases.Add(period);
                    foreach (var step in Path(model, grid, row, observations, mergedAway, valueless, releases).Skip(period))
                    {
                        if (step.RawSegment is null)
                            continue;
                        var segment = step.Segment ?? step.RawSegment;
                        segments[step.Period][row] = codebook.Code(segment);
                        notes[step.Period][row] = segment == step.RawSegment ? -1 : codebook.Code(step.Reason);
                    }
                });
            }
            if (accountOf is not null)
                FollowAccounts(raw, segments, notes, accountRow);
        }
        var final = new StabilisedAssignment?[n];
        var heldBack = 0;
        for (var i = 0; i < n; i++)
        {
            if (grid.Assignments[^1][i] is not { } assignment)
                continue;
            var segment = codebook.Names[segments[^1][i]];
            if (segment == assignment.Segment)
            {
                var from = accountRow[i] >= 0 ? releasedFrom[accountRow[i]] : null;
                final[i] = new StabilisedAssignment(segment, segment, from is null || from == segment
                    ? assignment.Reason
                    : $"placed by cluster size limits: released from {from}, where hysteresis would hold it; {assignment.Reason}");
                continue;
            }
            heldBack++;
            // The note says where and why ("held in gold: raw silver for 1 of 2 consecutive periods"); the raw reason follows.
            final[i] = new StabilisedAssignment(segment, assignment.Segment, $"{codebook.Names[notes[^1][i]]}; raw {assignment.Reason}");
        }
        return (final, heldBack, new StabilisedPeriods(codebook.Names, raw, segments, notes));
    }

    // Hysteresis holds customers one by one, and together they can overfill a segment (or drain one) beyond the size
    // limits each period's raw assignment met: the fewest held customers needed take their raw segment instead.
    // Under roll-up the clusters are of accounts, and their children inherit the account's segment: the limits are counted
    // over the account rows alone, and each child then follows its account's stabilised segment (FollowAccounts).
    // restabilise(row, period): works out a released row's stabilised segments and notes again from that period on.
    private static void KeepWithinSizeLimits(FittedClusterModel fitted, SegmentCodebook codebook, int[][] allRaw, int[][] allSegments, int[][] notes, int[] accountRow,
        Action<int, int> restabilise)
    {
        var accounts = Enumerable.Range(0, accountRow.Length).Where(i => accountRow[i] == i).ToArray();
        // Without roll-up every row is its own account: the periods are used as they are, not copied.
        var everyRow = accounts.Length == accountRow.Length;
        var raw = everyRow ? allRaw : allRaw.Select(period => accounts.Select(i => period[i]).ToArray()).ToArray();
        var segments = everyRow ? allSegments : allSegments.Select(period => accounts.Select(i => period[i]).ToArray()).ToArray();
        var clustered = fitted.ClusterSegments.ToHashSet(StringComparer.Ordinal);
        SizeLimitedHysteresis.ReleaseOverPeriods(raw, segments, p =>
        {
            if (fitted.SegmentBounds(raw[p].Count(c => c >= 0 && clustered.Contains(codebook.Names[c]))) is not { } bounds)
                return null;
            return (codebook.Names.Select(name => bounds.TryGetValue(name, out var b) ? b.Minimum : 0).ToArray(),
                codebook.Names.Select(name => bounds.TryGetValue(name, out var b) ? b.Maximum : int.MaxValue).ToArray());
        }, (a, p) =>
        {
            restabilise(accounts[a], p);
            // Under roll-up the bounds read a copy of the account rows: it follows the rewritten path.
            if (!everyRow)
                for (var q = p; q < segments.Length; q++)
                    segments[q][a] = allSegments[q][accounts[a]];
        });
    }

    // Under roll-up each child carries its account's stabilised segment and note wherever both have a segment. Their raw
    // segments agree, but their paths need not: a child that entered later (no segment before its first order line) would
    // take its raw segment at once where hysteresis holds its account in another.
    private static void FollowAccounts(int[][] raw, int[][] segments, int[][] notes, int[] accountRow)
    {
        for (var p = 0; p < raw.Length; p++)
            for (var i = 0; i < accountRow.Length; i++)
            {
                if (accountRow[i] >= 0 && accountRow[i] != i && raw[p][i] >= 0 && raw[p][accountRow[i]] >= 0)
                    (segments[p][i], notes[p][i]) = (segments[p][accountRow[i]], notes[p][accountRow[i]]);
            }
    }

    // Each grid row's account row: itself without roll-up (or for an account), its account's row for a child, -1 when the
    // account is not in the grid.
    private static int[] AccountRows(string[] customers, IReadOnlyDictionary<string, string>? accountOf)
    {
        if (accountOf is null)
            return Enumerable.Range(0, customers.Length).ToArray();
        var row = customers.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i, StringComparer.Ordinal);
        return customers.Select((c, i) => accountOf.TryGetValue(c, out var account) ? row.GetValueOrDefault(account, -1) : i).ToArray();
    }

    // One customer's stabilised segment per period. Inactive (no orders in the window) is the absence of a segment, never
    // one to hold or to be held in: see SegmentHysteresis.
    // releasedAt: the periods at which size limits released the customer to its raw segment, or null.
    private static IReadOnlyList<StabilisedSegment> Path(SegmentationModelConfig model, PeriodGrid grid, int row,
        List<IReadOnlyList<IReadOnlyDictionary<string, PeriodObservation>>> observations, IReadOnlyList<IReadOnlySet<string>> mergedAway,
        IReadOnlyList<IReadOnlySet<string>> valueless, IReadOnlySet<int>? releasedAt = null)
    {
        var customer = grid.Customers[row];
        var raw = new string?[grid.Assignments.Length];
        for (var p = 0; p < raw.Length; p++)
            raw[p] = grid.Assignments[p][row]?.Segment;
        if (model.Hysteresis?.Margin is not { } margin)
        {
            // The periods whose class came for a missing value: null for the many customers without one.
            HashSet<int>? valuelessAt = null;
            for (var p = 0; p < raw.Length; p++)
                if (valueless[p].Contains(customer))
                    (valuelessAt ??= []).Add(p);
            return SegmentHysteresis.ByPeriods(raw, model.Hysteresis?.Periods ?? 1, SegmentationMethods.Inactive, mergedAway, releasedAt, valuelessAt);
        }
        var axes = new IReadOnlyList<StabilisedSegment>[observations[^1].Count];
        for (var x = 0; x < axes.Length; x++)
        {
            var path = new PeriodObservation?[observations.Count];
            for (var p = 0; p < path.Length; p++)
                path[p] = observations[p][x].TryGetValue(customer, out var o) ? o : null;
            axes[x] = SegmentHysteresis.ByMargin(path, margin, releasedAt);
        }
        // Called for every customer: loops rather than a list, a set and a join per period (at 200 k customers and four
        // periods they were most of the stage's garbage under a margin).
        var result = new StabilisedSegment[raw.Length];
        for (var t = 0; t < raw.Length; t++)
            result[t] = Combined(t, raw[t], axes);
        return result;
    }

    // A period's step over every margin axis (ABC then XYZ): no segment while an axis has none, inactive when an axis is,
    // else the axes' segments joined; held when any axis held; the distinct reasons in axis order, an unchanged axis named
    // by its segment ("X unchanged") beside another axis' reason, where a bare "unchanged" would read as the whole segment.
    internal static StabilisedSegment Combined(int t, string? raw, IReadOnlyList<StabilisedSegment>[] axes)
    {
        if (axes.Length == 1)
        {
            var step = axes[0][t];
            return step.Segment is null ? new StabilisedSegment(t, raw, null, false, "no assignment yet") : new StabilisedSegment(t, raw, step.Segment, step.Held, step.Reason);
        }
        var segments = new string[axes.Length];
        var reasons = new string[axes.Length];
        var (held, inactive) = (false, false);
        for (var x = 0; x < axes.Length; x++)
        {
            var step = axes[x][t];
            if (step.Segment is null)
                return new StabilisedSegment(t, raw, null, false, "no assignment yet");
            segments[x] = step.Segment;
            reasons[x] = step.Reason;
            inactive |= step.Segment == SegmentationMethods.Inactive;
            held |= step.Held;
        }
        var reason = reasons.All(r => r == SegmentHysteresis.Unchanged) ? SegmentHysteresis.Unchanged
            : string.Join("; ", reasons.Select((r, x) => r == SegmentHysteresis.Unchanged ? $"{segments[x]} unchanged" : r).Distinct(StringComparer.Ordinal));
        return new StabilisedSegment(t, raw, inactive ? SegmentationMethods.Inactive : string.Concat(segments), held, reason);
    }

    // Every model's KPIs at every period end, taken before the earlier ends' snapshots are dropped: at as_of from the
    // assignments and the run's customer_metrics (as segment_summary.csv), earlier from the segments each model had there,
    // measured on the snapshot of its own roll-up (as it was segmented); the models of one roll-up share one statement.
    private void RecordKpis(string active, MetricsOptions current, IReadOnlyList<DateOnly> periodEnds, IReadOnlyDictionary<string, SegmentationModelConfig> models)
    {
        var s = Sql.Id(runSchema);
        Monitoring.SegmentKpiTable.PeriodSource Earlier(DateOnly end, bool rollUp, IEnumerable<string> names) =>
            new(end, current.EndingOn(end).WindowStart,
                $"SELECT model, customer_id, segment FROM {s}.period_assignments WHERE period_end = {SegmentationSql.Date(end)} AND model IN ({string.Join(", ", names.Select(Sql.Str))})",
                "customer_metrics" + Suffix(end, current.AsOf, rollUp));
        Monitoring.SegmentKpiTable.Record(connection, runSchema, active, current, periodEnds.SelectMany(end => end == current.AsOf
            ? [new Monitoring.SegmentKpiTable.PeriodSource(end, current.WindowStart, $"SELECT model, customer_id, segment FROM {s}.assignments", "customer_metrics")]
            : models.GroupBy(m => m.Value.RollUpHierarchy).OrderBy(g => g.Key).Select(g => Earlier(end, g.Key, g.Select(m => m.Key)))));
    }

    private void DropSnapshotTables(IEnumerable<string> suffixes)
    {
        foreach (var suffix in suffixes.Distinct())
            foreach (var table in new[] { "customer_metrics", "customer_period_demand", "customer_accounts" })
                connection.Execute($"DROP TABLE IF EXISTS {Sql.Id(runSchema)}.{Sql.Id(table + suffix)}");
    }
}

/// <summary>SQL literals used by the segmentation stage.</summary>
internal static class SegmentationSql
{
    public static string Date(DateOnly date) => CustomerMetrics.Date(date);
}
