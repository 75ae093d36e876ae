using System.Text;
using System.Text.Json.Nodes;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Segmentation;

/// <summary>One customer's assignment by one model in one run.</summary>
public sealed record CustomerAssignment(string Model, int ModelVersion, string Segment, string RawSegment, string Reason, bool IsActiveModel);

/// <summary>An archived assignment of a past run.</summary>
/// <param name="RunId">The run.</param>
/// <param name="AsOf">The run's as_of.</param>
/// <param name="Model">The model's name.</param>
/// <param name="ModelVersion">The model's version in that run.</param>
/// <param name="Segment">The customer's segment.</param>
/// <param name="DefinitionChanged">True when the model's definition differs from its previous archived run's under the same
/// version (edited without a version bump), so a change of segment there may be the model's, not the customer's.</param>
/// <param name="LikelyRenamedFrom">The customer's segment in its previous archived run of the model when the two are a likely
/// rename between those runs (<see cref="SegmentRenames"/>), so the customer did not move; null otherwise.</param>
public sealed record ArchivedAssignment(string RunId, DateOnly AsOf, string Model, int ModelVersion, string Segment, bool DefinitionChanged = false, string? LikelyRenamedFrom = null)
{
    /// <summary>Run-wide settings that measured customers differently from the model's previous archived run, as compare names them ("periods: month → quarter"); empty for the first run or runs measured alike.</summary>
    public IReadOnlyList<string> SettingsChanged { get; init; } = [];
}

/// <summary>A segment at one stability period end: after hysteresis, and as the method assigned it.</summary>
public sealed record PeriodAssignment(string Model, DateOnly PeriodEnd, string Segment, string RawSegment);

/// <summary>One cost pool's charge to a customer, as cost_to_serve.csv lists it: driver volume × rate = cost.</summary>
public sealed record PoolCost(string Pool, string Driver, double DriverVolume, double Rate, double Cost)
{
    /// <summary>False for a pool the customer had no driver volume of in the window (0 × rate = 0): cost_to_serve.csv lists it all the same.</summary>
    public bool Charged => DriverVolume != 0 || Cost != 0;
}

/// <summary>Everything <c>chainseg explain</c> shows about one customer.</summary>
/// <param name="RunId">The run explained.</param>
/// <param name="CustomerId">The customer id as stored.</param>
/// <param name="Metrics">Metric columns and values as stored (numbers, dates, text; null where the metric has no value); empty when the run's tables were dropped.</param>
/// <param name="Assignments">Segment and reason per model, from the archive.</param>
/// <param name="Periods">Segments at the stability period ends; empty when the run's tables were dropped.</param>
/// <param name="History">The customer's archived segments across complete runs.</param>
/// <param name="TablesDropped">True when the run is older than the runs whose tables the store keeps: only the archive remains.</param>
public sealed record CustomerExplanation(
    string RunId,
    string CustomerId,
    IReadOnlyList<KeyValuePair<string, object?>> Metrics,
    IReadOnlyList<CustomerAssignment> Assignments,
    IReadOnlyList<PeriodAssignment> Periods,
    IReadOnlyList<ArchivedAssignment> History,
    bool TablesDropped = false)
{
    /// <summary>
    /// The account roll-up models segmented this customer by (its top-level parent, or itself) with the rolled-up metrics
    /// they read, or null when no model of the run rolls up.
    /// </summary>
    public RolledUpAccount? Account { get; init; }

    /// <summary>The run's stability period ends, oldest first: an end missing from <see cref="Periods"/> is one before the customer's first order.</summary>
    public IReadOnlyList<DateOnly> PeriodEnds { get; init; } = [];

    /// <summary>Each metric column's definition id as the run's metric_definitions.csv names it (otif_rate: otif.order).</summary>
    public IReadOnlyDictionary<string, string> Definitions { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>True when the run's customer_metrics list accounts (metrics.roll_up_hierarchy), not customers.</summary>
    /// <remarks><see cref="Metrics"/> is then an account's rolled-up row, or empty for a child, not the customer's own lines.</remarks>
    public bool MetricsRolledUp { get; init; }

    /// <summary>The customer's cost-to-serve by cost pool (cost_to_serve.csv's rows), costliest first; null when the run had no cost pools, so none was computed.</summary>
    public IReadOnlyList<PoolCost>? CostPools { get; init; } = [];

    /// <summary>For a run whose tables were dropped, the newest run whose tables the store keeps that has this customer (where its metrics are); null when none has, or the run's tables are kept.</summary>
    public KeptRun? KeptRun { get; init; }

    /// <summary>The ISO 4217 code of the currency the run's amounts are in, as its run_summary.json names it; null when the run named none or predates currency:.</summary>
    public string? Currency { get; init; }
}

/// <summary>A run whose tables the store keeps, named where a dropped run's customer still has metrics.</summary>
/// <param name="RunId">The run.</param>
/// <param name="IsCurrent">True for the store's current run, which explain reads without --run.</param>
public sealed record KeptRun(string RunId, bool IsCurrent);

/// <summary>The account a roll-up model segments and the metrics it read: the account's own and its children's lines together.</summary>
/// <param name="AccountId">The top-level parent (the customer itself when it has none).</param>
/// <param name="Customers">Customers rolled into the account, itself included.</param>
/// <param name="Metrics">The rolled-up metrics the models read, by column.</param>
public sealed record RolledUpAccount(string AccountId, int Customers, IReadOnlyList<KeyValuePair<string, object?>> Metrics);

/// <summary>Two segmentations of the same customers compared: transitions, share changed and adjusted Rand index.</summary>
/// <param name="From">The first side, as RUN:MODEL.</param>
/// <param name="To">The second side, as RUN:MODEL.</param>
/// <param name="FromSegments">Segments of the first side (table rows).</param>
/// <param name="ToSegments">Segments of the second side (table columns).</param>
/// <param name="Transitions">Counts between the two.</param>
/// <param name="AdjustedRandIndex">Agreement of the two partitions over customers in both (Hubert &amp; Arabie 1985).</param>
public sealed record SegmentationComparison(string From, string To, IReadOnlyList<string> FromSegments, IReadOnlyList<string> ToSegments,
    TransitionMatrix Transitions, double AdjustedRandIndex)
{
    /// <summary>The archived version of the first side's model.</summary>
    public int FromVersion { get; init; }

    /// <summary>The archived version of the second side's model.</summary>
    public int ToVersion { get; init; }

    /// <summary>The first side's as_of (its run's reference date).</summary>
    public DateOnly FromAsOf { get; init; }

    /// <summary>The second side's as_of; before <see cref="FromAsOf"/> when a run --as-of an earlier date is compared with one before it.</summary>
    public DateOnly ToAsOf { get; init; }

    /// <summary>True when both sides are one model name of another version or another definition (a change without a bump).</summary>
    public bool ModelChanged { get; init; }

    /// <summary>The first side's model.</summary>
    public string FromModel { get; init; } = "";

    /// <summary>The second side's model; another than <see cref="FromModel"/> when two models are compared, not one model's runs.</summary>
    public string ToModel { get; init; } = "";

    /// <summary>Run-wide settings that measure customers differently between the two runs, as "name: before → after" (window, periods, metrics and their definition ids, costs.activity_rates, stability).</summary>
    public IReadOnlyList<string> SettingsChanged { get; init; } = [];
}

/// <summary>Reads current and archived segmentations from the store for explain and compare.</summary>
public sealed class SegmentationHistory(ChainSegStore store)
{
    /// <summary>
    /// Explains one customer in a run (the current run when <paramref name="runId"/> is null), with every model's segments or,
    /// given <paramref name="model"/>, that model's alone. Assignments and history come from the archive, which keeps every
    /// run; metrics and per-period segments from the run's tables while the store keeps them.
    /// </summary>
    /// <exception cref="ConfigurationException">No such run, model of the run (the message lists its models) or customer (the message names the runs that have the customer, else suggests close ids), or the id matches several customers but for case or by its standardised id.</exception>
    public CustomerExplanation Explain(string customerId, string? runId = null, string? model = null)
    {
        // compare's RUN:MODEL is two options here; read as a run id it was answered with the run ids closest to it.
        // 'current:' read "pass --run current --model ." with no model at all.
        if (runId?.Split(':', 2) is [var runPart, var modelPart])
            throw new ConfigurationException(string.IsNullOrWhiteSpace(modelPart)
                ? $"--run takes a run alone; pass --run {runPart}, and --model MODEL for one model's segments."
                : $"--run takes a run alone ('{runId}' names a model too); pass --run {runPart} --model {modelPart.Trim()}.");
        var run = Run(runId);
        var s = Sql.Id(run.Schema);
        var c = store.Connection;
        if (model is not null)
            model = ModelNamed(run, model, models => $"pass {Agreement.For(models.Count, "it", "one of them")} to --model",
                (other, name) => $"explain the archived run that has {name}: --run {other} --model {name}");
        // --model narrows every list to that model's rows; the metrics are the customer's whichever model reads them.
        string OfModel(string column) => model is null ? "" : $" AND {column} = {Sql.Str(model)}";
        var inRun = $"(SELECT DISTINCT customer_id FROM assignment_history WHERE run_id = {Sql.Str(run.RunId)})";
        // The id as ingestion stored it, so one copied from the export (Online Retail's 17850.0) finds the customer 17850.
        var wanted = CodeText.Sql(Sql.Str(customerId.Trim()));
        var id = c.Scalar($"SELECT customer_id FROM {inRun} WHERE customer_id = {wanted}") as string
            ?? ByCase(inRun, customerId, wanted)
            ?? ByIdentifierKey(run, inRun, customerId, wanted);
        if (id is null)
        {
            // A customer this run's data no longer (or not yet) has is still in the archive of other runs: say which,
            // rather than suggest other customers' ids as if the id were mistyped. Found as in the run: by case or by the
            // standardised id (c00002 for C2 under strip_prefixes: [C]).
            var rules = IdRules(run);
            var key = CustomerIdKey.Sql(wanted, rules);
            var elsewhere = c.Query(
                $"""
                SELECT h.run_id FROM assignment_history h JOIN runs USING (run_id)
                WHERE (lower(h.customer_id) = lower({wanted}) OR {CustomerIdKey.Sql("h.customer_id", rules)} = {key}
                        OR (h.run_id, h.customer_id) IN (SELECT run_id, customer_id FROM ({Crosswalks()}) WHERE {CustomerIdKey.Sql("source_customer_id", rules)} = {key}))
                    AND runs.status = 'complete'
                GROUP BY h.run_id, runs.seq ORDER BY runs.seq DESC LIMIT 4
                """,
                r => r.GetString(0));
            if (elsewhere.Count > 0)
                throw new ConfigurationException($"customer '{customerId}' is not in run {run.RunId}, but the archive has it in run{(elsewhere.Count > 1 ? "s" : "")} {FirstThree(elsewhere)}; pass --run {elsewhere[0]} to explain it there.");
            var close = c.Query($"SELECT customer_id FROM {inRun} ORDER BY jaro_winkler_similarity(lower(customer_id), lower({wanted})) DESC, customer_id LIMIT 3", r => r.GetString(0));
            throw new ConfigurationException($"customer '{customerId}' is not in run {run.RunId}; closest ids: {string.Join(", ", close)}.");
        }

        var active = ActiveModel(run);
        var assignments = c.Query(
            $"""
            SELECT model, model_version, segment, coalesce(raw_segment, segment), coalesce(reason, ''), coalesce(is_active_model, model = {Sql.Str(active ?? "")})
            FROM assignment_history WHERE run_id = {Sql.Str(run.RunId)} AND customer_id = {Sql.Str(id)}{OfModel("model")}
            """,
            r => new CustomerAssignment(r.GetString(0), r.GetInt32(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5)))
            .OrderBy(a => !a.IsActiveModel).ThenBy(a => a.Model, StringComparer.Ordinal).ToList();
        var archived = c.Query(
            $"""
            SELECT h.run_id, h.as_of, h.model, h.model_version, h.segment, h.definition_hash FROM assignment_history h JOIN runs USING (run_id)
            WHERE h.customer_id = {Sql.Str(id)} AND runs.status = 'complete'{OfModel("h.model")} ORDER BY runs.seq, h.model
            """,
            r => (Row: new ArchivedAssignment(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2), r.GetInt32(3), r.GetString(4)), Hash: r.GetString(5)));
        // Each row against the customer's previous archived row of the same model. A model edited without a version bump
        // showed "tiers v1 core" then "tiers v1 strategic" with nothing to say the model moved, not the customer: marked as
        // compare notes it (hashes of older builds checked as compare checks them). "behaviour v1 erratic urgent" then
        // "erratic rare" read as the customer moving where k-means renamed the cluster around it (a centroid across a naming
        // edge), or a rules segment was renamed in chainseg.yaml: compare's test over the two runs' whole assignments of the
        // model says which, asked only where the customer's segment changed.
        var history = archived.Select((a, i) =>
        {
            var (previous, previousHash) = archived.Take(i).LastOrDefault(p => p.Row.Model == a.Row.Model);
            if (previous is null)
                return a.Row;
            var definitionChanged = previous.ModelVersion == a.Row.ModelVersion && previousHash != a.Hash
                && !SameRecordedDefinition(previous.RunId, a.Row.RunId, a.Row.Model);
            var renamed = previous.Segment != a.Row.Segment && LikelyRenamed(previous.RunId, a.Row.RunId, a.Row.Model, previous.Segment, a.Row.Segment);
            // A model untouched on a run measured another way (quarters for months, other activity rates) moves customers
            // of its own accord: noted as compare notes it between the two runs.
            return a.Row with { DefinitionChanged = definitionChanged, LikelyRenamedFrom = renamed ? previous.Segment : null, SettingsChanged = SettingsChanged(previous.RunId, a.Row.RunId) };
        }).ToList();
        if (run.DataDropped)
            return new CustomerExplanation(run.RunId, id, [], assignments, [], history, TablesDropped: true)
                { Currency = CurrencyOf(run.RunId), KeptRun = KeptRunOf(id) };

        var metrics = MetricsOf(s, "customer_metrics", id);
        var periods = c.Query(
            $"SELECT model, period_end, segment, raw_segment FROM {s}.period_assignments WHERE customer_id = {Sql.Str(id)}{OfModel("model")} ORDER BY model, period_end",
            r => new PeriodAssignment(r.GetString(0), DateOnly.FromDateTime(r.GetDateTime(1)), r.GetString(2), r.GetString(3)));
        var periodEnds = c.Query($"SELECT DISTINCT period_end FROM {s}.period_assignments ORDER BY 1", r => DateOnly.FromDateTime(r.GetDateTime(0)));
        var rolledUp = MetricsRolledUp(run);
        return new CustomerExplanation(run.RunId, id, metrics, assignments, periods, history)
        {
            // Under --model, the account's rolled-up metrics are shown only if that model read them.
            Account = model is not null && !rolledUp && ModelRollsUp(run.RunId, model) == false ? null : AccountOf(run, id, rolledUp),
            PeriodEnds = periodEnds, MetricsRolledUp = rolledUp, CostPools = CostPoolsOf(run, id),
            Definitions = DefinitionsOf(run, periodEnds.Count > 0 ? periodEnds[^1] : DateOnly.FromDateTime(run.StartedAt)),
            Currency = CurrencyOf(run.RunId),
        };
    }

    // The newest run whose tables the store keeps that archived the customer: a dropped run's metrics are gone, and the
    // current run may lack a customer who has since left the data, so "explain the current run" would answer "not in run".
    private KeptRun? KeptRunOf(string customerId) => store.Connection.Query(
        $"""
        SELECT h.run_id, runs.is_current FROM assignment_history h JOIN runs USING (run_id)
        WHERE h.customer_id = {Sql.Str(customerId)} AND runs.status = 'complete' AND NOT runs.data_dropped
        ORDER BY runs.seq DESC LIMIT 1
        """, r => new KeptRun(r.GetString(0), r.GetBoolean(1))).SingleOrDefault();

    // The direct costs the run charged, as the cost_to_serve id its summary stored names them; null for a summary without
    // one. A run made before costs.direct charged none, though its recorded configuration, without the key, reads under
    // this build as charging both: its figures would pass for the new definition.
    private DirectCosts? StoredDirectCosts(string runId) =>
        store.Connection.Scalar($"SELECT summary FROM runs WHERE run_id = {Sql.Str(runId)}") is string text
        && JsonNode.Parse(text)?["definitions"]?["cost_to_serve"] is JsonValue id && id.TryGetValue(out string? costToServe) ? DirectCostNames.InId(costToServe) : null;

    private static MetricsOptions Charging(MetricsOptions options, DirectCosts? charged) => charged is { } costs ? options with { DirectCosts = costs } : options;

    // The currency the run's amounts are in, as its summary recorded it: the configuration may name another since (or
    // none), and the code the run validated is the one its outputs name. Null for a run that named none or predates it.
    private string? CurrencyOf(string runId) =>
        store.Connection.Scalar($"SELECT summary FROM runs WHERE run_id = {Sql.Str(runId)}") is string text
        && JsonNode.Parse(text)?["currency"] is JsonValue code && code.TryGetValue(out string? currency) ? currency : null;

    // Whether from (in fromRun) → to (in toRun) is a likely rename of the model's segment, by SegmentRenames as compare applies it.
    private bool LikelyRenamed(string fromRun, string toRun, string model, string from, string to) =>
        SegmentRenames.In(Transitions((fromRun, model), (toRun, model))).Any(r => r.From == from && r.To == to);

    // The transition table between two archived (run, model) assignments, counted in the store: a run of 200 k customers
    // stays there, where reading both sides into C# to count them cost a read of every row (compare: 2 × 200 k).
    private TransitionMatrix Transitions((string RunId, string Model) from, (string RunId, string Model) to)
    {
        static string Side((string RunId, string Model) side) =>
            $"(SELECT customer_id, segment FROM assignment_history WHERE run_id = {Sql.Str(side.RunId)} AND model = {Sql.Str(side.Model)})";
        var counts = store.Connection.Query(
            $"SELECT a.segment, b.segment, count(*) FROM {Side(from)} a FULL JOIN {Side(to)} b USING (customer_id) GROUP BY ALL",
            r => (r.IsDBNull(0) ? null : r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1), checked((int)r.GetInt64(2))));
        return TransitionMatrix.FromCounts(counts);
    }

    // The definition ids depend on the run's settings (the periods bucket, demand measure, OTIF variant), so they are read
    // under its recorded configuration; the defaults' where it cannot be read. asOf only places the window, which no id names.
    private Dictionary<string, string> DefinitionsOf(RunRecord run, DateOnly asOf)
    {
        MetricsOptions options;
        try
        {
            options = Charging(MetricsOptions.From(RecordedConfig(run.RunId) ?? new ChainSegConfig(), asOf, asOf), StoredDirectCosts(run.RunId));
        }
        catch (ConfigurationException)
        {
            options = new MetricsOptions(asOf, asOf);
        }
        return MetricDefinitions.For(options).ToDictionary(d => d.Column, d => d.DefinitionId, StringComparer.Ordinal);
    }

    // The customer's rows of the run's cost-to-serve breakdown, or null when the run had no cost pools: its cost-to-serve
    // was not computed, which an empty list (or 0) would not say. A run made before the breakdown was kept has no rows.
    private List<PoolCost>? CostPoolsOf(RunRecord run, string id)
    {
        var c = store.Connection;
        var s = Sql.Id(run.Schema);
        if (!c.TableExists(run.Schema, "cost_pools") || c.ScalarLong($"SELECT count(*) FROM {s}.cost_pools") == 0)
            return null;
        if (!c.TableExists(run.Schema, "cost_to_serve"))
            return [];
        return c.Query($"SELECT pool, driver, driver_volume, rate, cost FROM {s}.cost_to_serve WHERE customer_id = {Sql.Str(id)} ORDER BY cost DESC, pool",
            r => new PoolCost(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3), r.GetDouble(4)));
    }

    // A metrics table's row of one customer (or account), every column by name; empty when it has none.
    private List<KeyValuePair<string, object?>> MetricsOf(string schema, string table, string id)
    {
        var metrics = new List<KeyValuePair<string, object?>>();
        using var command = store.Connection.CreateCommand();
        command.CommandText = $"SELECT * FROM {schema}.{Sql.Id(table)} WHERE customer_id = {Sql.Str(id)}";
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            for (var i = 0; i < reader.FieldCount; i++)
                metrics.Add(new(reader.GetName(i), reader.IsDBNull(i) ? null : reader.GetValue(i)));
        }
        return metrics;
    }

    // The run's rolled-up snapshot, kept when a model rolls up (SegmentationStage.RollUpSuffix); without one, under
    // metrics.roll_up_hierarchy (metricsRolledUp), the run's own tables, which every model then read.
    private RolledUpAccount? AccountOf(RunRecord run, string id, bool metricsRolledUp)
    {
        var c = store.Connection;
        var suffix = c.TableExists(run.Schema, "customer_metrics" + SegmentationStage.RollUpSuffix) ? SegmentationStage.RollUpSuffix : metricsRolledUp ? "" : null;
        var (metricsTable, accountsTable) = ("customer_metrics" + suffix, "customer_accounts" + suffix);
        if (suffix is null || !c.TableExists(run.Schema, metricsTable) || !c.TableExists(run.Schema, accountsTable))
            return null;
        var s = Sql.Id(run.Schema);
        if (c.Scalar($"SELECT account_id FROM {s}.{Sql.Id(accountsTable)} WHERE customer_id = {Sql.Str(id)}") is not string account)
            return null;
        var customers = (int)c.ScalarLong($"SELECT count(*) FROM {s}.{Sql.Id(accountsTable)} WHERE account_id = {Sql.Str(account)}");
        return new RolledUpAccount(account, customers, MetricsOf(s, metricsTable, account));
    }

    // Whether a model of the run rolled up to accounts, as its recorded definition (run_models) says; null for a run recorded
    // before that table or a definition that no longer reads, which proves nothing either way.
    private bool? ModelRollsUp(string runId, string model)
    {
        if (RunModelDefinition(runId, model) is not { } definition)
            return null;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(definition);
            return document.RootElement.TryGetProperty("roll_up_hierarchy", out var rollUp) && rollUp.ValueKind == System.Text.Json.JsonValueKind.True;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    // A model's definition as the run recorded it (run_models, JSON); null for a run made before that table.
    private string? RunModelDefinition(string runId, string model) =>
        store.Connection.Scalar($"SELECT definition FROM run_models WHERE run_id = {Sql.Str(runId)} AND model = {Sql.Str(model)}") as string;

    // Whether the run's metrics were rolled up to accounts, as its recorded configuration says; not when it cannot be read.
    private bool MetricsRolledUp(RunRecord run) => RecordedConfig(run.RunId)?.Metrics.RollUpHierarchy ?? false;

    // The configuration a run recorded, as this build reads it; null when it cannot be read (a run made before runs
    // recorded it, or a file this build refuses), which proves nothing either way.
    private ChainSegConfig? RecordedConfig(string runId)
    {
        try
        {
            return store.ConfigOf(runId);
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    // An id typed in another case finds its customer; ids that differ only in case (Ab, aB) are distinct customers, so
    // one they share is not guessed at, as a shared standardised id is not. wanted: SQL of the id as ingestion stores it.
    private string? ByCase(string inRun, string customerId, string wanted) =>
        OneOf(store.Connection.Query(
            $"SELECT customer_id FROM {inRun} WHERE lower(customer_id) = lower({wanted}) ORDER BY customer_id LIMIT 4", r => r.GetString(0)),
            customerId, "but for case");

    // The one customer an id matches, null for none; several are refused, naming them (how: how the id matched them).
    private static string? OneOf(List<string> matches, string customerId, string how) => matches.Count switch
    {
        1 => matches[0],
        0 => null,
        _ => throw new ConfigurationException($"customer '{customerId}' matches {FirstThree(matches)} {how}; give one of them."),
    };

    // Ids as the explain errors list them: the first three, then "…" when the query (LIMIT 4) found more.
    private static string FirstThree(List<string> ids) => FirstNames.Of(ids, 3);

    // The run's identifier rules; the defaults where its recorded configuration cannot be read.
    private CustomerIdRules IdRules(RunRecord run) => RecordedConfig(run.RunId)?.Identifiers.CustomerId ?? new CustomerIdRules();

    // An id as another system writes it ("c00012", "12" for C-00012, or an ERP's 700012 that the crosswalk links to it, as
    // ingestion and route resolve it) is found by the key ingestion matched ids on, under the run's identifier rules; a key
    // that several customers share is not guessed at. The crosswalk is the run's table while the store keeps it, then its
    // archived rows (crosswalk_history; none for runs dropped before the archive kept them).
    // wanted: SQL of the id as ingestion stores it.
    private string? ByIdentifierKey(RunRecord run, string inRun, string customerId, string wanted)
    {
        var rules = IdRules(run);
        var crosswalk = $" UNION SELECT {CustomerIdKey.Sql("source_customer_id", rules)}, customer_id FROM ({Crosswalks(run)}) WHERE customer_id IN {inRun}";
        var matches = store.Connection.Query(
            $"""
            SELECT DISTINCT customer_id FROM (SELECT {CustomerIdKey.Sql("customer_id", rules)} AS k, customer_id FROM {inRun}{crosswalk})
            WHERE k = {CustomerIdKey.Sql(wanted, rules)} ORDER BY customer_id LIMIT 4
            """,
            r => r.GetString(0));
        return OneOf(matches, customerId, "by its standardised id");
    }

    // The crosswalk rows (run_id, source_customer_id, customer_id) of one run, or of every run when null: a kept run's own
    // id_crosswalk table, a dropped run's archived rows.
    private string Crosswalks(RunRecord? only = null)
    {
        var kept = (only is null ? store.Runs() : [only])
            .Where(r => r.Status == RunStatus.Complete && !r.DataDropped && store.Connection.TableExists(r.Schema, "id_crosswalk"))
            .Select(r => $"SELECT {Sql.Str(r.RunId)} AS run_id, source_customer_id, customer_id FROM {Sql.Id(r.Schema)}.id_crosswalk");
        var archived = $"SELECT run_id, source_customer_id, customer_id FROM main.crosswalk_history{(only is null ? "" : $" WHERE run_id = {Sql.Str(only.RunId)}")}";
        return string.Join(" UNION ALL ", kept.Prepend(archived));
    }

    /// <summary>
    /// Compares two segmentations from the archive. Each side is <c>RUN</c> or <c>RUN:MODEL</c>, where RUN is a run id,
    /// <c>current</c> or <c>previous</c>; without a model the run's active model is used.
    /// </summary>
    /// <exception cref="ConfigurationException">A run or model is not in the archive, or both sides name the same run and model.</exception>
    public SegmentationComparison Compare(string from, string to)
    {
        var before = Load(from);
        var after = Load(to);
        // A segmentation agrees with itself (a diagonal table, adjusted Rand index 1), which says nothing of its customers:
        // one side is mistyped, most often as the run the other names under another name (current and its id).
        if (before.Label == after.Label)
            throw new ConfigurationException($"{from} and {to} are the same segmentation ({before.Label}); compare it with another run (previous, current or a run id) or another model of the run (RUN:MODEL).");
        var matrix = Transitions((before.RunId, before.Model), (after.RunId, after.Model));
        // Each side's own segments: the matrix's rows and columns are those of either side.
        var fromSegments = matrix.Segments.Where(s => matrix.Left(s) > 0 || matrix.Segments.Any(t => matrix.Count(s, t) > 0)).ToList();
        var toSegments = matrix.Segments.Where(t => matrix.Entered(t) > 0 || matrix.Segments.Any(s => matrix.Count(s, t) > 0)).ToList();
        return new SegmentationComparison(before.Label, after.Label, fromSegments, toSegments, matrix, matrix.AdjustedRandIndex)
        {
            FromVersion = before.Version,
            ToVersion = after.Version,
            FromAsOf = before.AsOf,
            ToAsOf = after.AsOf,
            // Another version is the user's word that the model changed, even where its hashed definition did not (a bump
            // for its assumptions, or for a window changed beside it): README promises the note for either.
            ModelChanged = before.Model == after.Model && (before.Version != after.Version
                || before.DefinitionHash != after.DefinitionHash && !SameRecordedDefinition(before.RunId, after.RunId, before.Model)),
            FromModel = before.Model,
            ToModel = after.Model,
            SettingsChanged = SettingsChanged(before.RunId, after.RunId),
        };
    }

    // Settings outside any model that change what a customer measures, and so its segment, with the model untouched: a
    // quarterly bucket against a monthly one moved 42.5 % of an ABC×XYZ model's customers on Online Retail, and compare
    // said nothing. Only settings both runs recorded are compared; a run that recorded none proves nothing either way.
    private List<string> SettingsChanged(string fromRun, string toRun)
    {
        if (fromRun == toRun || Measured(fromRun) is not { } before || Measured(toRun) is not { } after)
            return [];
        return before.Join(after, b => b.Name, a => a.Name, (b, a) => (Before: b, After: a))
            .Where(pair => pair.Before.Meaning != pair.After.Meaning)
            .Select(pair => $"{pair.Before.Name}: {pair.Before.Value} → {pair.After.Value}")
            .ToList();
    }

    // A run's measurement settings as its recorded configuration reads; else, for a run made before runs recorded it or one
    // this build refuses (a later build's OTIF variant), the bucket and definition ids its summary stored (DEFINITIONS.md:
    // stored with every run so a number can be traced); null when it has neither.
    // Read once per run: explain's history asks for a run as the later side of one pair and the earlier of the next, per model.
    private List<(string Name, string Value, string Meaning)>? Measured(string runId)
    {
        if (!_measured.TryGetValue(runId, out var settings))
            _measured[runId] = settings = (RecordedConfig(runId) is { } config ? ReadableSettings(config, StoredDirectCosts(runId)) : null) ?? StoredSettings(runId);
        return settings;
    }

    private readonly Dictionary<string, List<(string Name, string Value, string Meaning)>?> _measured = new(StringComparer.Ordinal);

    private static List<(string Name, string Value, string Meaning)>? ReadableSettings(ChainSegConfig config, DirectCosts? charged)
    {
        try
        {
            return MeasurementSettings(config, charged).ToList();
        }
        catch (ConfigurationException)
        {
            return null;
        }
    }

    // run_summary.json as the registry keeps it: period_bucket and the definitions' OTIF, fill.order, demand measure and cost-to-serve ids.
    private List<(string Name, string Value, string Meaning)>? StoredSettings(string runId)
    {
        if (store.Connection.Scalar($"SELECT summary FROM runs WHERE run_id = {Sql.Str(runId)}") is not string text || JsonNode.Parse(text) is not { } summary)
            return null;
        var stored = new (string Name, JsonNode? Value)[] { ("periods", summary["period_bucket"]), ("metrics.demand_measure", summary["definitions"]?["demand_measure"]), ("metrics.otif", summary["definitions"]?["otif"]), ("metrics.fill.order", summary["definitions"]?["fill_order"]), ("cost_to_serve", summary["definitions"]?["cost_to_serve"]), ("currency", summary["currency"]) }
            .Where(s => s.Value is JsonValue).Select(s => Setting(s.Name, s.Value!.GetValue<string>())).ToList();
        return stored.Count == 0 ? null : stored;
    }

    // Each setting as written and what it means as a run reads it, whatever the spelling ("Monthly", "All", "1 year" for
    // "12 months": the window is read for one fixed as_of, where both start alike).
    // charged: the direct costs the run's summary says it charged, over what the configuration reads as (StoredDirectCosts).
    private static IEnumerable<(string Name, string Value, string Meaning)> MeasurementSettings(ChainSegConfig config, DirectCosts? charged)
    {
        var asOf = new DateOnly(2023, 3, 31);
        var options = Charging(MetricsOptions.From(config, asOf, asOf), charged);
        var window = config.Window is null ? "" : string.Join(' ', config.Window.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        yield return ("window", window is "" or "all" ? "all" : window,
            options.WholeHistory ? "all" : DateFormat.Iso(options.WindowStart));
        yield return Setting("periods", options.Bucket);
        yield return Setting("metrics.roll_up_hierarchy", options.RollUpHierarchy ? "true" : "false");
        yield return Setting("metrics.demand_measure", options.DemandMeasure);
        yield return Setting("metrics.otif", options.Otif.Id);
        yield return Setting("metrics.fill.order", options.FillOrder.DefinitionId());
        // The definition id names the pools charged at a standard rate, not the rates: picking at 0.35 then 0.50 a line
        // moves every customer's cost-to-serve under one id, so the rates themselves are compared too. holding_cost_rate
        // and ordering_cost size stock (inventory policies), not a customer's measures, so they are left out.
        yield return Setting("cost_to_serve", options.CostToServeId);
        yield return Setting("costs.activity_rates", options.ActivityRates.Count == 0 ? "none"
            : string.Join(", ", options.ActivityRates.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"{r.Key}={r.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)}")));
        // Likewise a time equation's capacity and minutes, which its id (cts.abc[time_driven=…]) does not name.
        yield return Setting("costs.time_equations", options.TimeEquations.Count == 0 ? "none"
            : string.Join(", ", options.TimeEquations.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")));
        // Amounts are not converted: revenue in GBP after EUR ranks other numbers. Named only by a run that set it.
        if (ReportingCurrency.Of(config) is { } currency)
            yield return Setting("currency", currency);
        var stability = config.Segmentation?.Stability ?? new StabilityConfig();
        yield return Setting("segmentation.stability",
            stability.Periods <= 1 ? "off" : $"{stability.Periods} {MetricsOptions.BucketName(stability.Bucket) ?? stability.Bucket.Trim()} ends");
    }

    private static (string Name, string Value, string Meaning) Setting(string name, string value) => (name, value, value);

    // Archived hashes are those of the build that made each run, and a later chainseg may serialise the same settings
    // differently (an option added with its default): the definitions themselves, as this build reads and hashes them, say
    // whether the model changed. A run's definition is in run_models; runs older than that table have it in the registry
    // (the run that first used the version) or in their recorded chainseg.yaml; without any of those the archived hashes stand.
    private bool SameRecordedDefinition(string fromRun, string toRun, string model)
    {
        string? Definition(string runId)
        {
            var c = store.Connection;
            if ((RunModelDefinition(runId, model)
                 ?? c.Scalar($"SELECT definition FROM segmentation_models WHERE first_run_id = {Sql.Str(runId)} AND model = {Sql.Str(model)}")) is string stored)
                return SegmentationRecords.DefinitionHashOf(stored);
            if (c.Scalar($"SELECT config_text FROM runs WHERE run_id = {Sql.Str(runId)}") is not string)
                return null; // The built-in models of the build that made the run: not known here.
            if (RecordedConfig(runId)?.Segmentation?.Models is not { } models || !models.TryGetValue(model, out var config))
                return null;
            try
            {
                return SegmentationRecords.DefinitionHash(config);
            }
            catch (ConfigurationException)
            {
                return null; // A model this build no longer reads (its cluster range) proves nothing either way.
            }
        }

        return Definition(fromRun) is { } a && Definition(toRun) is { } b && a == b;
    }

    // A model of the run as the user named it. Model names are case-sensitive in chainseg.yaml, but "RFM" for rfm names one
    // model unless two differ by case alone. fix: how to name one of the run's models, given them; elsewhere: how to name
    // the model in the newest archived run before this one that has it (a model the configuration dropped keeps its history
    // there; a later run only when none before has it: of a model dropped and restored, the later run may be compare's other side).
    private string ModelNamed(RunRecord run, string model, Func<List<string>, string> fix, Func<string, string, string> elsewhere)
    {
        // The configuration's model names are stored in NFC (NameForms): Café typed as e + combining accent names Café.
        model = model.Normalize(NormalizationForm.FormC);
        var models = ModelsOf(run);
        var named = models.Contains(model, StringComparer.Ordinal) ? [model]
            : models.Where(m => string.Equals(m, model, StringComparison.OrdinalIgnoreCase)).ToList();
        if (named.Count != 1)
        {
            // A near miss of the run's models is named as a mistyped command or metric is ('behavior' for behaviour); else
            // one of a model only archived runs have ('olds' for old) leads to the run that has it.
            var hint = named.Count == 0 ? MetricNameSuggestion.Hint(model, models) : "";
            var sought = named.Count > 0 || hint.Length > 0 ? null
                : MetricNameSuggestion.For(model, store.Connection.Query(
                    $"SELECT DISTINCT model FROM assignment_history WHERE run_id <> {Sql.Str(run.RunId)} ORDER BY model", r => r.GetString(0))) ?? model;
            var archived = sought is null ? []
                : store.Connection.Query(
                    $"""
                    SELECT h.run_id, any_value(h.model) FROM assignment_history h JOIN runs USING (run_id)
                    WHERE h.run_id <> {Sql.Str(run.RunId)} AND lower(h.model) = lower({Sql.Str(sought)})
                    GROUP BY h.run_id HAVING count(DISTINCT h.model) = 1
                    ORDER BY any_value(runs.seq) < (SELECT seq FROM runs WHERE run_id = {Sql.Str(run.RunId)}) DESC, any_value(runs.seq) DESC LIMIT 1
                    """, r => (Run: r.GetString(0), Model: r.GetString(1)));
            var other = archived is [var (otherRun, otherModel)] ? $", or {elsewhere(otherRun, otherModel)}" : "";
            throw new ConfigurationException($"model '{model}' is not in run {run.RunId}{hint}; {Agreement.For(models.Count, "its model is", "its models are")} {string.Join(", ", models)}: {fix(models)}{other}.");
        }
        return named[0];
    }

    // The models the archive holds for the run, by name.
    private List<string> ModelsOf(RunRecord run) =>
        store.Connection.Query($"SELECT DISTINCT model FROM assignment_history WHERE run_id = {Sql.Str(run.RunId)} ORDER BY model", r => r.GetString(0));

    // One side of compare as the archive records it; its customers' segments stay in the store (Transitions counts them there).
    private (string Label, string RunId, string Model, int Version, string DefinitionHash, DateOnly AsOf) Load(string side)
    {
        var parts = side.Split(':', 2);
        // ":tiers" was told "run '' is not a complete run", with the store's run ids as the closest.
        if (parts.Length > 1 && string.IsNullOrWhiteSpace(parts[0]))
        {
            var named = string.IsNullOrWhiteSpace(parts[1]) ? "MODEL" : parts[1].Trim();
            throw new ConfigurationException($"'{side}' names no run before ':'; write RUN:MODEL, as current:{named} or previous:{named} (or a run id).");
        }
        var run = Run(parts[0]);
        // "current:" was told "model '' is not in run …", as if a model were named.
        if (parts.Length > 1 && string.IsNullOrWhiteSpace(parts[1]))
            throw new ConfigurationException($"'{side}' names no model after ':'; write RUN:MODEL, as {run.RunId}:{ModelsOf(run).FirstOrDefault()}, or the run alone, as {parts[0]}, for its active model.");
        var model = parts.Length > 1
            ? ModelNamed(run, parts[1], models => $"name {Agreement.For(models.Count, "it", "one")} after the run, as {run.RunId}:{models.FirstOrDefault()}",
                (other, name) => $"the archived run that has {name}: {other}:{name}")
            : ActiveModel(run);
        // One run archives one version of a model.
        var archived = store.Connection.Query(
            $"""
            SELECT any_value(model_version), any_value(definition_hash), any_value(as_of) FROM assignment_history
            WHERE run_id = {Sql.Str(run.RunId)} AND model = {Sql.Str(model ?? "")} HAVING count(*) > 0
            """,
            r => (r.GetInt32(0), r.GetString(1), DateOnly.FromDateTime(r.GetDateTime(2))));
        if (archived is not [var (version, definitionHash, asOf)])
        {
            var models = ModelsOf(run);
            throw new ConfigurationException($"run {run.RunId} has no archived model '{model}'; it has: {string.Join(", ", models)}.");
        }
        return ($"{run.RunId}:{model}", run.RunId, model!, version, definitionHash, asOf);
    }

    // From the archive alone, so runs whose tables were dropped still answer: the archived flag, else (runs archived before
    // the flag existed) the run summary's active model, else the first model.
    private string? ActiveModel(RunRecord run)
    {
        var c = store.Connection;
        if (c.Scalar($"SELECT any_value(model) FROM assignment_history WHERE run_id = {Sql.Str(run.RunId)} AND is_active_model") is string flagged)
            return flagged;
        if (c.Scalar($"SELECT summary FROM runs WHERE run_id = {Sql.Str(run.RunId)}") is string summary
            && JsonNode.Parse(summary)?["segmentation"]?["active_model"]?.GetValue<string>() is { } fromSummary)
            return fromSummary;
        return c.Scalar($"SELECT min(model) FROM assignment_history WHERE run_id = {Sql.Str(run.RunId)}") as string;
    }

    // A run id, the unique start of one (its timestamp, 20261203T205630Z), or 'current' / 'previous' (the latest complete
    // run and the one before it) in any case; null is current. Spaces at the edges come from copying, not from the id.
    private RunRecord Run(string? runId)
    {
        runId = runId?.Trim();
        if (string.Equals(runId, "previous", StringComparison.OrdinalIgnoreCase))
        {
            var complete = store.Runs().Where(r => r.Status == RunStatus.Complete).Take(2).ToList();
            return complete.Count switch
            {
                0 => throw NoCompleteRun(),
                1 => throw new ConfigurationException($"there is no previous complete run in {store.Path}, only the current one ({complete[0].RunId}); another `chainseg run` makes this one the previous."),
                _ => complete[1],
            };
        }
        if (runId is null || string.Equals(runId, "current", StringComparison.OrdinalIgnoreCase))
            return store.CurrentRun() ?? throw NoCompleteRun();
        var known = store.GetRun(runId) ?? RunStartingWith(runId);
        if (known is { Status: RunStatus.Complete })
            return known;
        // A run that did not complete is named as such (it has no segments to read), and an id not in the store is most
        // likely mistyped: the complete runs whose ids are closest to it come first, not merely the newest.
        var why = known?.Status switch
        {
            null => "",
            RunStatus.Failed => $": it failed ({known.Error?.TrimEnd('.')}), so it has no segments",
            RunStatus.Interrupted => ": it was interrupted (its process stopped before it completed), so it has no segments",
            _ => ": it has not completed (still running, or its process died; the next run marks it interrupted), so it has no segments yet",
        };
        var closest = store.Connection.Query(
            $"SELECT run_id FROM runs WHERE status = 'complete' ORDER BY jaro_winkler_similarity(lower(run_id), lower({Sql.Str(runId)})) DESC, seq DESC LIMIT 3",
            r => r.GetString(0));
        if (closest.Count == 0)
            throw NoCompleteRun();
        throw new ConfigurationException($"run '{known?.RunId ?? runId}' is not a complete run in {store.Path}{why}; closest complete runs: {string.Join(", ", closest)}.");
    }

    // The one run whose id starts with the text (case aside), null when none does; several are refused by name, newest first.
    private RunRecord? RunStartingWith(string start)
    {
        if (start.Length == 0)
            return null;
        var matching = store.Runs().Where(r => r.RunId.StartsWith(start, StringComparison.OrdinalIgnoreCase)).ToList();
        if (matching.Count > 1)
            throw new ConfigurationException($"run '{start}' is the start of {matching.Count} run ids in {store.Path}: "
                + $"{FirstNames.Of(matching.Select(r => r.RunId).ToList(), 5)}; pass more of the id.");
        return matching.FirstOrDefault();
    }

    private ConfigurationException NoCompleteRun() =>
        new($"store {store.Path} has no complete run yet; run `chainseg run` or `chainseg demo` first.");
}
