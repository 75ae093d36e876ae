using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Finance;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Inventory;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Monitoring;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Products;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Pipeline;

/// <summary>What one <c>chainseg run</c> is asked to do.</summary>
/// <param name="DataDirectory">Folder with canonical files (and optionally chainseg.yaml); null when the config names every source.</param>
/// <param name="OutDirectory">Where outputs go; the default store lives here too.</param>
/// <param name="ConfigPath">chainseg.yaml, or null for the data folder's file or the defaults.</param>
/// <param name="Store">--store value, or null for duckdb in the output folder.</param>
/// <param name="AsOf">Reference date overriding the config's as_of.</param>
public sealed record RunRequest(string? DataDirectory, string OutDirectory, string? ConfigPath = null, string? Store = null, DateOnly? AsOf = null)
{
    /// <summary>DuckDB memory limit (e.g. 1536MB); larger work spills to disk.</summary>
    public string MemoryLimit { get; init; } = "1536MB";

    /// <summary>Largest source (file bytes) whose raw text is staged in memory; larger ones are staged in the store file.</summary>
    public long InMemoryLoadBytes { get; init; } = RawLoader.DefaultInMemoryLoadBytes;
}

/// <summary>A progress report: the stage that started and a short message.</summary>
public sealed record StageProgress(string Stage, string Message);

/// <summary>Wall time of one stage.</summary>
public sealed record StageTiming(string Stage, double Seconds);

/// <summary>What a completed run produced.</summary>
public sealed record RunResult(
    string RunId,
    string OutDirectory,
    string StorePath,
    IReadOnlyDictionary<string, TableQuality> Quality,
    IReadOnlyList<string> Outputs,
    IReadOnlyList<StageTiming> Stages,
    long Customers,
    DateOnly AsOf,
    SegmentationSummary Segmentation)
{
    /// <summary>The active model's segments, stability and an explained customer, for the console.</summary>
    public SegmentationDigest? Digest { get; init; }

    /// <summary>The reporting currency's ISO 4217 code (currency:), which every amount is in; null when not configured.</summary>
    public string? Currency { get; init; }

    /// <summary>Accounts customer_metrics lists under metrics.roll_up_hierarchy (<see cref="Customers"/> rolled into them); null without it.</summary>
    public long? Accounts { get; init; }

    /// <summary>How many SKUs sold in the window Fisher's product axis classed functional, innovative and unclassified (product_classes.csv).</summary>
    public ProductAxisSummary? ProductAxis { get; init; }

    /// <summary>The whale curve of the customers' net contribution (whale_curve.csv); null when no customer has one (no cost pools or no costs of goods).</summary>
    public WhaleCurveSummary? WhaleCurve { get; init; }

    /// <summary>Why the whale curve is not measured (<see cref="CustomerMetrics.WhyNoNetContribution"/>); null when it is.</summary>
    public string? WhaleCurveMissing { get; init; }

    /// <summary>How many alerts alerts.csv lists, by severity; null for a result not made by a run.</summary>
    public AlertSummary? Alerts { get; init; }

    /// <summary>The time-driven pools' capacity for the window (costs.time_equations): the unused capacity, run_summary.json's unused_capacity; empty without a time equation.</summary>
    public IReadOnlyList<PoolCapacity> Capacities { get; init; } = [];

    /// <summary>What the run found in the output folder and left alone, a product axis it could not build ("kind: detail") and cost pools no customer carries, as run_summary.json lists them under warnings.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>
/// One run of the pipeline: resolve sources → ingest into the store → metrics → output files. Outputs are written to a
/// staging folder and moved into place, and the run is marked current, only when every stage succeeded.
/// </summary>
public sealed class RunPipeline(TimeProvider time)
{
    // Relaxed escaping: the files are read by people too, and "§" or an apostrophe in a sample value should read as written.
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private const string QualityFile = "quality.json";
    private const string MetricsFile = "customer_metrics.csv";
    private const string DefinitionsFile = "metric_definitions.csv";

    /// <summary>Test seam: called with the run id once the new files are in place, just before the store commits the run.</summary>
    internal Action<string>? BeforeCommit { get; init; }

    /// <summary>Test seam: rows a sheet of chainseg.xlsx holds before it is cut with a note.</summary>
    internal int WorkbookRowLimit { get; init; } = PlanningWorkbook.DefaultRowLimit;

    /// <summary>Runs the pipeline.</summary>
    /// <exception cref="ConfigurationException">The configuration, a file or a column is wrong (exit code 2).</exception>
    /// <exception cref="OperationCanceledException">Cancelled; the run is recorded as failed and the previous run stays current.</exception>
    public RunResult Execute(RunRequest request, IProgress<StageProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var timings = new List<StageTiming>();
        var clock = Stopwatch.StartNew();
        void Stage(string stage, string message)
        {
            cancellationToken.ThrowIfCancellationRequested();
            progress?.Report(new StageProgress(stage, message));
        }
        void EndStage(string stage)
        {
            timings.Add(new StageTiming(stage, Math.Round(clock.Elapsed.TotalSeconds, 3)));
            clock.Restart();
        }

        Stage("resolve", "reading configuration and sources");
        var config = ConfigLoader.Resolve(request.ConfigPath, request.DataDirectory);
        var sources = SourceResolver.Resolve(config, request.DataDirectory);
        var (models, _) = ConfigCheck.Settings(config, time);
        CostPoolSourceCheck.RequirePools(config.Costs, sources);
        var currency = ReportingCurrency.Of(config);
        var asOfOverride = request.AsOf ?? ParseAsOf(config.AsOf, "as_of", time);
        var location = StoreLocation.Parse(request.Store, request.OutDirectory);
        var publisher = new OutputPublisher(request.OutDirectory, location.Target);
        RequireInputsKept(publisher, sources, request.DataDirectory, request.OutDirectory);
        RequireStoreKept(publisher, location.Target, request.OutDirectory);
        var published = Outputs(sources.Select(s => s.Table.Name)).ToList();
        OutputFolder.RequireRoom(Path.GetFullPath(request.OutDirectory), "run", published);
        OutputFolder.Ensure(request.OutDirectory);
        OutputFolder.RequireWritableFolders(request.OutDirectory, published);
        EndStage("resolve");

        using var store = ChainSegStore.Open(location.Target, request.MemoryLimit);
        var warnings = publisher.Recover(id => store.GetRun(id)?.Status).ToList();
        var startedAt = time.GetUtcNow().UtcDateTime;
        var configHash = ConfigLoader.Hash(config);
        var runId = NewRunId(store, publisher, startedAt, configHash);
        store.BeginRun(runId, startedAt, configHash, "{}");
        store.RecordConfig(runId, config.SourceFile is null ? null : File.ReadAllText(config.SourceFile), config.BaseDirectory);
        var schema = ChainSegStore.SchemaOf(runId);
        var staging = publisher.StagingFolder(runId);
        var inputHashes = Task.Run(() => HashInputs(sources), cancellationToken);
        var workbookWarmUp = PlanningWorkbook.WarmUp(cancellationToken);

        try
        {
            var quality = Ingest(store, schema, sources, config, request.InMemoryLoadBytes, Stage, EndStage, time);
            // Said before "no order line was accepted (… unknown_reference:customer_id …)", which names no file to fix.
            if (quality.Select(q => EmptyReferencedTable(q.Key, q.Value)).FirstOrDefault(m => m is not null) is { } emptyMaster)
                throw new ConfigurationException(emptyMaster);
            MultiEchelonStage.RequireNoUpstreamCycle(store.Connection, schema);
            CostPoolSourceCheck.RequireAccepted(store.Connection, schema, config.Costs, sources);

            Stage("metrics", "computing customer metrics");
            var latest = CustomerMetrics.LatestOrderDate(store.Connection, schema) ?? throw new ConfigurationException(NothingAccepted(quality["order_lines"]));
            var earliest = CustomerMetrics.EarliestOrderDate(store.Connection, schema) ?? latest;
            var asOf = asOfOverride ?? latest;
            // Every window would end before the first order: nothing to measure, and every customer inactive.
            if (asOf < earliest)
                throw new ConfigurationException($"as_of {DateFormat.Iso(asOf)} is before the first order line ({DateFormat.Iso(earliest)}), so no customer has an order to measure; set as_of (or --as-of) between {DateFormat.Iso(earliest)} and {DateFormat.Iso(latest)}.");
            // Months past the data read as customers lapsing: said before a stability table is read as churn.
            if (AsOfAfterData.Warning(asOf, latest) is { } staleAsOf)
                warnings.Add(staleAsOf);
            var metricsOptions = MetricsOptions.From(config, asOf, earliest);
            // The run's metrics and the snapshots at earlier period ends the models' stability reads, in one pass over the lines.
            var snapshots = SegmentationStage.Snapshots(config, metricsOptions, earliest);
            var rows = CustomerMetrics.CreateSnapshots(store.Connection, schema, snapshots)[0];
            // Rolled up, the rows are accounts: counted as customers, a run of 28 customers in 18 accounts said 18 customers.
            var (customers, accounts) = metricsOptions.RollUpHierarchy ? (CustomerMetrics.CustomersMeasured(store.Connection, schema), (long?)rows) : (rows, null);
            // Ingestion counts customers deeper than a roll-up follows, and those whose parent the master lacks, whether or
            // not a run rolls up; one that does (its metrics or a model) loses them from their accounts, so it names them and
            // the fix as the customers' advice.
            if (snapshots.Any(s => s.Options.RollUpHierarchy) && quality.TryGetValue("customers", out var customerQuality))
            {
                List<string> rollUpAdvice = [.. customerQuality.RollUpAdvice, .. CustomerMetrics.BeyondDepthLimitAdvice(store.Connection, schema) is { } depth ? [depth] : Array.Empty<string>()];
                quality["customers"] = customerQuality with { Advice = [.. customerQuality.Advice, .. rollUpAdvice], DataAdvice = [.. customerQuality.DataAdvice, .. rollUpAdvice] };
            }
            // A pool no customer carries leaves Σ cost_to_serve short of the pools: said, not left for finance to find.
            warnings.AddRange(CustomerMetrics.UnattributedPools(store.Connection, schema).Select(p => p.Warning()));
            // So does a pool whose only row was quarantined (a misspelt driver, a negative cost): no customer carries it either.
            if (sources.FirstOrDefault(s => s.Table.Name == "cost_pools") is { } costPools)
                warnings.AddRange(QuarantinedPool.Of(store.Connection, schema, costPools).Select(p => p.Warning()));
            // So does a pool charged at a configured rate whose customers absorb more or less than its cost.
            warnings.AddRange(CustomerMetrics.RateVariances(store.Connection, schema, metricsOptions).Select(p => p.Warning()).OfType<string>());
            // And a time-driven pool whose customers used more minutes than it can supply: they carry more than its cost.
            var capacities = CustomerMetrics.Capacities(store.Connection, schema);
            warnings.AddRange(capacities.Select(c => c.Warning()).OfType<string>());
            // A time-driven pool's cost_pools driver is not what charges it: one its equation does not use misleads.
            warnings.AddRange(TimeDrivenPools.IgnoredDrivers(store.Connection, schema, metricsOptions.TimeEquations));
            // A direct cost charged as 0 where the export lacks it makes its customers read cheaper: said, with whose rows.
            warnings.AddRange(DirectCostGap.Of(store.Connection, schema, metricsOptions.DirectCosts).Select(g => g.Warning()));
            store.ReleaseMemory();
            EndStage("metrics");

            Stage("segmentation", "segmenting customers");
            var segmentation = new SegmentationStage(store.Connection, schema)
                .Run(config, metricsOptions, runId, configHash, message => Stage("segmentation", message));
            EndStage("segmentation");

            Stage("products", "classifying products (Fisher's product axis)");
            var productCutoffs = ProductAxisStage.Cutoffs(config);
            var (productAxis, productWarning) = new ProductAxisStage(store.Connection, schema).Run(metricsOptions, productCutoffs, segmentation.ActiveModel);
            if (productWarning is not null)
                warnings.Add(productWarning);
            EndStage("products");

            Stage("policies", "service and inventory policies");
            var activeMethod = models.Models[segmentation.ActiveModel].PolicyMethod;
            var book = PolicyBookFactory.Create(config.Policies, activeMethod);
            PolicyBookFactory.Calendar(config.Policies.Calendar);
            new ServicePolicyStage(store.Connection, schema).Run(book, metricsOptions);
            var inventory = new InventoryPolicyStage(store.Connection, schema).Run(config, metricsOptions, book);
            var multiEchelon = new MultiEchelonStage(store.Connection, schema).Run(config, config.Policies.Inventory.MultiEchelonSkus, config.Policies.Inventory.MultiEchelonCsl);
            // segment_pnl.csv, written after this stage, charges the segments this stock; what it cannot value is warned once here.
            if (UncostedStock.Find(store.Connection, schema) is { } uncosted)
                warnings.Add(uncosted.Warning(metricsOptions.NetContributionId));
            EndStage("policies");

            Stage("simulation", "simulating inventory policies");
            var simulated = new SimulationStage(store.Connection, schema).Run(SimulationOptions.From(config));
            EndStage("simulation");

            Stage("finance", "net contribution and the whale curve");
            var whale = new WhaleCurveStage(store.Connection, schema, metricsOptions.WhaleCurveId).Run();
            var whaleMissing = whale is null ? CustomerMetrics.WhyNoNetContribution(store.Connection, schema) : null;
            EndStage("finance");

            Stage("monitoring", "KPIs by segment and alerts");
            var alerts = new AlertStage(store.Connection, schema).Run(AlertSettings.From(config.Alerts, metricsOptions) with { Currency = currency }, segmentation.ActiveModel, metricsOptions);
            warnings.AddRange(alerts.Warnings(asOf));
            EndStage("monitoring");

            Stage("outputs", "writing output files");
            Directory.CreateDirectory(Path.Combine(publisher.CreateStagingFolder(runId), "quarantine"));
            var outputs = new List<string> { QualityFile, MetricsFile };
            File.WriteAllText(Path.Combine(staging, QualityFile), JsonSerializer.Serialize(new { run_id = runId, definition = "ARCHITECTURE.md §4 row accounting", tables = quality }, Json));
            foreach (var table in quality.Keys)
            {
                Copy(store, $"SELECT * FROM {Sql.Id(schema)}.{Sql.Id("quarantine_" + table)} ORDER BY _source_file, _source_row", Path.Combine(staging, "quarantine", table + ".csv"));
                outputs.Add($"quarantine/{table}.csv");
            }
            Copy(store, $"SELECT * FROM {Sql.Id(schema)}.customer_metrics", Path.Combine(staging, MetricsFile));
            var segmentationQueries = SegmentTables.Store(store.Connection, schema,
                SegmentationOutputs.Queries(schema, metricsOptions.Otif.Id, SegmentationStage.SummaryFromAccounts(models, metricsOptions)), currency);
            var financeQueries = SegmentTables.Store(store.Connection, schema, FinanceOutputs.Queries(schema, segmentation.ActiveModel, metricsOptions.ChargedYears(earliest), metricsOptions.NetContributionId), currency);
            foreach (var (file, query) in segmentationQueries.Concat(ProductAxisStage.Queries(schema)).Concat(PolicyOutputs.Queries(schema))
                .Concat(financeQueries).Concat(MonitoringOutputs.Queries(schema)))
            {
                Copy(store, query, Path.Combine(staging, file));
                outputs.Add(file);
            }
            File.WriteAllLines(Path.Combine(staging, DefinitionsFile),
                MetricDefinitions.For(metricsOptions).Concat(SegmentationOutputs.SummaryDefinitions(metricsOptions)).Concat(SegmentationOutputs.StabilityDefinitions()).Concat(SegmentationOutputs.ClusterDefinitions()).Concat(ProductAxisStage.Definitions(productCutoffs)).Concat(FinanceOutputs.Definitions(metricsOptions)).Concat(SegmentKpiTable.Meanings(metricsOptions)).Concat(SegmentTables.CurrencyDefinitions(currency)).Select(d => $"{d.Column},\"{d.DefinitionId}\",\"{d.Meaning.Replace("\"", "\"\"")}\"").Prepend("column,definition_id,meaning"));
            outputs.Add(DefinitionsFile);
            var digest = SegmentationOutputs.Digest(store.Connection, schema, segmentation.ActiveModel, metricsOptions.Otif.Id,
                segmentationQueries.Single(q => q.File == "segment_summary.csv").Query);
            var hashes = inputHashes.GetAwaiter().GetResult();
            var hashesJson = JsonSerializer.Serialize(hashes, Json);
            store.SetInputHashes(runId, hashesJson);
            EndStage("outputs");

            Stage("workbook", "writing " + PlanningWorkbook.File);
            workbookWarmUp.GetAwaiter().GetResult();
            var definitions = new KeyValuePair<string, string>[] { new("otif", metricsOptions.Otif.Id), new("fill_order", metricsOptions.FillOrder.DefinitionId()), new("demand_measure", metricsOptions.DemandMeasure), new("cost_to_serve", metricsOptions.CostToServeId) };
            PlanningWorkbook.Write(store.Connection, Path.Combine(staging, PlanningWorkbook.File),
                new WorkbookRun(runId, asOf, metricsOptions.WindowStart, metricsOptions.Bucket, segmentation.ActiveModel, definitions, customers, quality,
                    whale is null ? null : JsonSerializer.SerializeToNode(whale, Json)!.AsObject()) { Currency = currency },
                WorkbookTables(segmentationQueries, financeQueries, schema), WorkbookRowLimit);
            outputs.Add(PlanningWorkbook.File);
            EndStage("workbook");

            var endedAt = time.GetUtcNow().UtcDateTime;
            var summary = JsonSerializer.Serialize(new
            {
                run_id = runId,
                status = RunStatus.Complete,
                started_at = startedAt,
                ended_at = endedAt,
                store = location.Kind + ":" + location.Target,
                config = config.SourceFile,
                config_hash = configHash,
                as_of = DateFormat.Iso(asOf),
                window_start = DateFormat.Iso(metricsOptions.WindowStart),
                period_bucket = metricsOptions.Bucket,
                currency,
                definitions = definitions.ToDictionary(d => d.Key, d => d.Value),
                inputs = hashes,
                stages = timings,
                rows_accepted = quality.ToDictionary(q => q.Key, q => q.Value.RowsAccepted),
                customers,
                accounts,
                segmentation,
                product_axis = productAxis,
                inventory,
                multi_echelon_skus = multiEchelon,
                whale_curve = whale,
                unused_capacity = capacities.Select(c => c.Summary()),
                alerts,
                simulation = simulated.Select(s => new
                {
                    segment = s.Segment,
                    demand_class = s.DemandClass,
                    sku_locations = s.Result.StockingPoints,
                    achieved_csl = double.IsNaN(s.Result.CycleServiceLevel) ? (double?)null : s.Result.CycleServiceLevel,
                    achieved_fill_rate = double.IsNaN(s.Result.FillRate) ? (double?)null : s.Result.FillRate,
                    average_inventory_value = s.Result.AverageInventoryValue,
                }),
                outputs = outputs.Append(OutputPublisher.SummaryFile),
                warnings,
            }, Json);
            File.WriteAllText(Path.Combine(staging, OutputPublisher.SummaryFile), summary);
            outputs.Add(OutputPublisher.SummaryFile);

            Stage("commit", "publishing the run");
            publisher.Publish(runId, outputs, () =>
            {
                BeforeCommit?.Invoke(runId);
                // A stop asked for while the files moved in is still honoured: until the store commits, the publisher
                // puts the previous outputs back.
                cancellationToken.ThrowIfCancellationRequested();
                store.CompleteRun(runId, endedAt, summary);
            });
            EndStage("commit");
            return new RunResult(runId, Path.GetFullPath(request.OutDirectory), location.Target, quality, outputs, timings, customers, asOf, segmentation) { Digest = digest, Currency = currency, Accounts = accounts, ProductAxis = productAxis, Warnings = warnings, WhaleCurve = whale, WhaleCurveMissing = whaleMissing, Alerts = alerts, Capacities = capacities };
        }
        catch (Exception e)
        {
            try { Task.WaitAll([inputHashes, workbookWarmUp], TimeSpan.FromSeconds(30)); } catch (Exception) { /* their own failures do not matter now */ }
            try
            {
                store.FailRun(runId, time.GetUtcNow().UtcDateTime, e is OperationCanceledException ? "cancelled" : e.Message);
            }
            catch (Exception cleanup) when (cleanup is DuckDB.NET.Data.DuckDBException or IOException or ObjectDisposedException or InvalidOperationException)
            {
                // A store that failed the run (a full disk) may fail its clean-up too: the run stays 'running', which the
                // next writer marks interrupted and forgets; the failure to report is the first one, not the clean-up's.
            }
            try
            {
                if (Directory.Exists(staging))
                    Directory.Delete(staging, recursive: true);
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                // Left for the next run's recovery; the failure to report is the first one.
            }
            // --out checked writable at the start and refused during the run: the message names --out, not the hidden
            // staging folder .NET's names.
            if (e is UnauthorizedAccessException)
                throw new ConfigurationException($"cannot write the outputs to {Path.GetFullPath(request.OutDirectory)}: permission denied (it changed during the run); make it writable and run again. The previous outputs are untouched.");
            throw;
        }
    }

    // The files every run publishes, named from the output queries (their names do not depend on the schema); the
    // publisher adds the quarantine files.
    private static IEnumerable<string> Published =>
        [QualityFile, MetricsFile, DefinitionsFile, PlanningWorkbook.File, OutputPublisher.SummaryFile,
            .. SegmentationOutputs.Queries("run", "otif").Concat(ProductAxisStage.Queries("run")).Concat(PolicyOutputs.Queries("run"))
                .Concat(FinanceOutputs.Queries("run", "model", 1, "contribution.net")).Concat(MonitoringOutputs.Queries("run")).Select(q => q.File)];

    // The sheets of chainseg.xlsx, each read by the query that writes its CSV file; assignments the active model's alone.
    private static List<WorkbookTable> WorkbookTables(IReadOnlyList<(string File, string Query)> segmentation, IReadOnlyList<(string File, string Query)> finance, string schema)
    {
        string Of(IEnumerable<(string File, string Query)> queries, string file) => queries.Single(q => q.File == file).Query;
        return
        [
            new("Segment summary", "segment_summary.csv", Of(segmentation, "segment_summary.csv"), KpiNumberFormats.Columns()),
            new("Segment P&L", "segment_pnl.csv", Of(finance, "segment_pnl.csv"), KpiNumberFormats.Columns()),
            // Its CSV writes whole counts as text ('9268', not '9268.0'); the sheet keeps them numbers.
            new("KPIs by segment", "kpis_by_segment.csv", SegmentKpiTable.SheetQuery(schema), KpiNumberFormats.KpiRows),
            new("Alerts", "alerts.csv", Of(MonitoringOutputs.Queries(schema), "alerts.csv"), KpiNumberFormats.AlertRows),
            // Its target is a CSL or fill rate, a share its name does not say.
            new("Service policies", "service_policies.csv", Of(PolicyOutputs.Queries(schema), "service_policies.csv"),
                KpiNumberFormats.Columns(shares: ["target"])),
            // driver_volume stays General: minutes, weight or counts by the pool's driver.
            new("Segment cost to serve", "segment_cost_to_serve.csv", Of(finance, "segment_cost_to_serve.csv"), KpiNumberFormats.Columns()),
            new("Assignments", "assignments.csv",
                $"SELECT customer_id, segment, model, reason FROM ({Of(segmentation, "assignments.csv")}) WHERE is_active_model ORDER BY customer_id"),
        ];
    }

    /// <summary>The files a run publishes in its output folder (relative, with '/'; the quarantine folder as "quarantine/"), given the tables it reads.</summary>
    public static IEnumerable<string> Outputs(IEnumerable<string> tables) =>
        Published.Append("quarantine/").Concat(tables.Select(t => $"quarantine/{t}.csv"));

    // An export in --out where the run publishes a file of its name (--data OUT/quarantine holds customers.csv, as the
    // quarantine files are named) was moved to the backup as a previous output and deleted with it: refused before the
    // run. The publisher adds the files the previous run summary lists.
    // --out the data folder itself (--data, or the folder of an export sources: maps), however spelled, is refused too: the
    // outputs would sit among the exports, where a later run's sources pattern (cost*.csv meets cost_to_serve.csv) or
    // `chainseg inspect` of the folder reads them as exports. A folder in it or above it keeps them apart: exports are
    // read from the folder itself, never its sub-folders.
    private static void RequireInputsKept(OutputPublisher publisher, IReadOnlyList<ResolvedSource> sources, string? dataDirectory, string outDirectory)
    {
        var inputs = sources.SelectMany(s => s.Files).ToList();
        var outFull = Path.GetFullPath(outDirectory);
        if (publisher.InputReplaced(inputs, Published) is { } replaced)
        {
            var full = Path.GetFullPath(replaced.Input);
            throw new ConfigurationException($"--out {outFull} would replace the input {full} with the run's {replaced.Output} when it publishes; "
                + $"pass an --out apart from the data folder {Path.GetDirectoryName(full)} (neither it nor a folder that holds it).");
        }
        var dataFolders = (dataDirectory is null ? [] : new[] { Path.GetFullPath(dataDirectory) })
            .Concat(inputs.Select(f => Path.GetDirectoryName(Path.GetFullPath(f))!)).Distinct(StringComparer.Ordinal);
        if (dataFolders.FirstOrDefault(folder => RealPath.SameFolder(outFull, folder)) is { } data)
            throw new ConfigurationException($"--out {outFull} is the data folder {data}: the outputs would sit among the exports, where a later run could read them as exports; "
                + $"pass an --out apart from it (e.g. {Path.Combine(Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(data)) ?? data, "chainseg-results")}).");
    }

    // A store in --out named as an output, or whose log an output's name would be (OUT/assignments beside assignments.csv):
    // publishing keeps the store and so cannot place that output, which it found only once the run had done all its work.
    private static void RequireStoreKept(OutputPublisher publisher, string store, string outDirectory)
    {
        if (publisher.OutputNamedAsStore(Published) is { } output)
            throw new ConfigurationException($"--store {store} collides with the run's output {output} in --out {Path.GetFullPath(outDirectory)}; "
                + $"name the store otherwise (e.g. {StoreLocation.DefaultFileName}) or place it outside --out.");
    }

    private static Dictionary<string, TableQuality> Ingest(ChainSegStore store, string schema, IReadOnlyList<ResolvedSource> sources, ChainSegConfig config, long inMemoryLoadBytes,
        Action<string, string> stage, Action<string> endStage, TimeProvider clock)
    {
        var staging = new StagingArea(store.Connection, schema + "_stage_");
        var loader = new RawLoader(store.Connection, staging, inMemoryLoadBytes);
        var ingestor = new TableIngestor(store.Connection, schema, staging, config.Identifiers, clock) { ReplacedColumns = [TimeDrivenPools.DriversReplaced(config.Costs)] };
        var quality = new Dictionary<string, TableQuality>(StringComparer.Ordinal);
        // DuckDB tries zstd on every string segment it writes; on the canonical tables' short ids and codes DICT_FSST
        // always wins, and the trial costs about a fifth of writing them, so ingestion leaves zstd out.
        store.Connection.Execute("SET disabled_compression_methods = 'zstd'");
        try
        {
            IngestTables(sources, stage, endStage, loader, ingestor, quality);
        }
        finally
        {
            store.Connection.Execute("RESET disabled_compression_methods");
        }
        staging.Clear();
        return quality;
    }

    private static void IngestTables(IReadOnlyList<ResolvedSource> sources, Action<string, string> stage, Action<string> endStage,
        RawLoader loader, TableIngestor ingestor, Dictionary<string, TableQuality> quality)
    {
        var ordered = CanonicalSchema.Tables.Select(t => (Table: t, Source: sources.FirstOrDefault(s => s.Table == t))).ToList();
        for (var i = 0; i < ordered.Count; i++)
        {
            var (table, source) = ordered[i];
            if (source is null)
            {
                ingestor.CreateEmpty(table);
                continue;
            }
            stage("ingest", $"ingesting {table.Name} from {source.DisplayName}");
            var tableQuality = ingestor.Ingest(source, loader.Load(source));
            if (!tableQuality.Reconciles)
                throw new InvalidOperationException($"row accounting for {table.Name} does not reconcile: read {tableQuality.RowsRead} ≠ accepted {tableQuality.RowsAccepted} + merged {tableQuality.RowsMerged} + quarantined {tableQuality.RowsQuarantined}.");
            quality[table.Name] = tableQuality;
            loader.Release(source, ordered.Skip(i + 1).Select(o => o.Source).OfType<ResolvedSource>());
            endStage("ingest:" + table.Name);
        }
    }

    private static void Copy(ChainSegStore store, string query, string path) =>
        store.Connection.Execute($"COPY ({query}) TO {Sql.Str(path)} (FORMAT csv, HEADER true)");

    // Unique in the store and in --out: a run of another store into the same folder, started in the same second with the
    // same configuration, had the id of the backup that run left, so publishing failed on it and restored that run's files.
    private static string NewRunId(ChainSegStore store, OutputPublisher publisher, DateTime startedAt, string configHash)
    {
        var baseId = startedAt.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) + "-" + configHash[..6];
        var id = baseId;
        for (var n = 2; store.GetRun(id) is not null || publisher.HasFoldersOf(id); n++)
            id = $"{baseId}-{n}";
        return id;
    }

    /// <summary>Why a run (and validate) stops on an order_lines source that holds its header alone.</summary>
    internal static string NoOrderLines(string source) =>
        $"{source} has a header but no rows, so there is nothing to measure; export at least one order line into it, or point sources.order_lines.path at the export that holds them.";

    /// <summary>
    /// Why a run (and validate) stops on a master table every order line must reference (customers, products) that holds its
    /// header alone: each line would be quarantined as an unknown reference. Null when the table has rows or none references it.
    /// </summary>
    internal static string? EmptyReferencedTable(string table, TableQuality quality) =>
        quality.RowsRead == 0 && CanonicalSchema.Table("order_lines").Columns.FirstOrDefault(c => c.Required && c.References == table) is { } column
            ? $"{quality.Source} has a header but no rows, so every order line's {column.Name} is unknown (quarantined as unknown_reference); export the {table} into it, or leave it out (order lines are then not checked against it)."
            : null;

    // A run that accepts no order line fails before any output is published, so the message says what became of them.
    private static string NothingAccepted(TableQuality lines)
    {
        if (lines.RowsRead == 0)
            return NoOrderLines(lines.Source);
        return string.Create(CultureInfo.InvariantCulture,
                $"no order line was accepted ({lines.RowsRead:N0} read; quarantined as {string.Join(", ", lines.TopReasons(3))}), so there is nothing to measure.")
            + string.Concat(lines.Advice.Select(a => " order_lines: " + a));
    }

    /// <summary>An as_of date (<paramref name="setting"/>: the config's as_of or the --as-of flag), or null when none is given.</summary>
    /// <exception cref="ConfigurationException">It is empty, not a yyyy-MM-dd date, outside the dates ChainSeg reads, or after tomorrow by <paramref name="time"/>.</exception>
    public static DateOnly? ParseAsOf(string? value, string setting, TimeProvider time)
    {
        if (value is null)
            return null;
        // Given but empty (--as-of "$AS_OF" with the variable unset) is not left out: which date was meant is unknown.
        if (string.IsNullOrWhiteSpace(value))
            throw new ConfigurationException($"{setting} is empty; write a date as yyyy-MM-dd, or leave {setting} out for the latest order date.");
        if (!DateFormat.TryParseIso(value, out var date))
            throw new ConfigurationException($"{setting} '{value}' is not a date; write it as yyyy-MM-dd.");
        // A future as_of segments customers as of a day no order has reached: every recency grows by the gap, and the last
        // window is partly empty. Tomorrow is allowed, as ingestion allows an order dated tomorrow (time zones).
        var future = DateFormat.FutureFrom(time);
        if (DateFormat.RequireInRange(date, setting) >= future)
            throw new ConfigurationException($"{setting} {DateFormat.Iso(date)} is in the future (today is {DateFormat.Iso(future.AddDays(-2))}), so no order has reached it; give a date up to tomorrow, or leave {setting} out for the latest order date.");
        return date;
    }

    private static List<InputHash> HashInputs(IReadOnlyList<ResolvedSource> sources) =>
        sources.SelectMany(s => s.Files).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(path =>
            {
                using var stream = File.OpenRead(path);
                return new InputHash(path, stream.Length, Convert.ToHexStringLower(SHA256.HashData(stream)));
            })
            .ToList();

    /// <summary>An input file and its SHA-256, recorded with the run.</summary>
    public sealed record InputHash(string Path, long Bytes, string Sha256);
}
