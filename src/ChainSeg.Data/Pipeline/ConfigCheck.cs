using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Data.Allocation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Inventory;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Products;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Pipeline;

/// <summary>One source's first rows as ingestion took them.</summary>
/// <param name="Table">Canonical table.</param>
/// <param name="Source">The file (or files) read.</param>
/// <param name="Quality">Row accounting of the sampled rows, with reasons and advice as a run reports them.</param>
/// <param name="Quarantined">The first quarantined rows: source row, reason and the value that failed (or the raw line).</param>
public sealed record SourceSample(string Table, string Source, TableQuality Quality, IReadOnlyList<string> Quarantined);

/// <summary>What <c>chainseg validate</c> found.</summary>
/// <param name="ConfigFile">The chainseg.yaml read, or null for the defaults.</param>
/// <param name="Models">Segmentation models, in configuration order.</param>
/// <param name="ActiveModel">The model whose segments drive policies.</param>
/// <param name="Sources">Each source's sample, in canonical table order.</param>
/// <param name="PolicyWarnings">policies: entries naming a segment the active model never assigns (a misspelt name).</param>
public sealed record ConfigReport(string? ConfigFile, IReadOnlyList<string> Models, string ActiveModel, IReadOnlyList<SourceSample> Sources,
    IReadOnlyList<string> PolicyWarnings)
{
    /// <summary>Models the file writes that read a metric whose source no file provides (cost_to_serve without cost_pools).</summary>
    public IReadOnlyList<string> MetricWarnings { get; init; } = [];

    /// <summary>cost_pools drivers the run would warn cost_pool_driver_ignored: a time-driven pool's driver its time equation does not use.</summary>
    public IReadOnlyList<string> CostWarnings { get; init; } = [];

    /// <summary>Models whose max_segments is below the segments their method assigns (abc with max_segments 2), each named.</summary>
    public IReadOnlyList<string> ModelWarnings { get; init; } = [];

    /// <summary>Every source's advice on a setting (a column that mostly fails to parse, rows not valid in the encoding), as table and text.</summary>
    public IEnumerable<(string Table, string Advice)> Advice => Sources.SelectMany(s => s.Quality.SettingAdvice.Select(a => (s.Table, a)));

    /// <summary>Every source's advice on rows to correct in the exports (customers on a parent cycle), as table and text: warnings, which a run reads past.</summary>
    public IEnumerable<(string Table, string Advice)> DataWarnings => Sources.SelectMany(s => s.Quality.DataAdvice.Select(a => (s.Table, a)));
}

/// <summary>
/// Checks a configuration without running it: every setting the stages read, each source's files, header and mapping,
/// then each source's first rows through the run's own ingestion, in memory, so formats, cultures and encodings are
/// tried on real values while nothing is stored.
/// </summary>
public static class ConfigCheck
{
    /// <summary>Rows read from each source by default.</summary>
    public const int DefaultSampleRows = 1000;

    // The in-memory schema the samples are ingested into.
    private const string Schema = "sample";

    /// <summary>
    /// Checks every setting the stages read, before any data is: models, window and periods, policies, calendar,
    /// inventory and costs, as_of. A run calls it first, so a typo stops it in its first second rather than after its metrics.
    /// </summary>
    /// <param name="config">The configuration to check.</param>
    /// <param name="time">The clock a future as_of is judged by (default the system's).</param>
    /// <returns>The models to run and the active model's name.</returns>
    /// <exception cref="ConfigurationException">The first setting found wrong; the message names it and the fix.</exception>
    public static (SegmentationConfig Models, string Active) Settings(ChainSegConfig config, TimeProvider? time = null)
    {
        var (segmentation, active) = ModelValidation.Validate(config);
        ReportingCurrency.Of(config);
        // Any dates do: the options are built only for their checks of window, periods and demand measure.
        var asOf = RunPipeline.ParseAsOf(config.AsOf, "as_of", time ?? TimeProvider.System) ?? new DateOnly(2000, 1, 1);
        Monitoring.AlertSettings.From(config.Alerts, MetricsOptions.From(config, asOf, asOf.AddYears(-1)));
        var book = PolicyBookFactory.Create(config.Policies, segmentation.Models[active].PolicyMethod);
        PolicyBookFactory.Calendar(config.Policies.Calendar);
        InventoryPolicyStage.CheckSettings(config);
        ProductAxisStage.Cutoffs(config);
        CheckSimulation(config.Simulation);
        // Read by allocate and the demo's allocation examples, not by a run; checked here so validate covers them.
        if (config.Policies.Shortage.Count > 0)
            ShortageAllocation.Rules(config, book, config.Policies.Shortage.Keys, integerUnits: false);
        CapacityPlanning.CheckSettings(config.Policies.Capacity);
        return (segmentation, active);
    }

    // The simulation runs last: a setting it cannot run with must stop the run here, not after every other stage.
    private static void CheckSimulation(SimulationConfig simulation)
    {
        foreach (var (key, value, least) in new[]
                 {
                     ("sku_locations", simulation.SkuLocations, 1), ("days", simulation.Days, 1), ("replications", simulation.Replications, 1),
                     ("trade_off_sku_locations", simulation.TradeOffSkuLocations, 0),
                 })
        {
            if (value < least)
                throw new ConfigurationException($"simulation.{key} must be at least {least}; got {value}.");
        }
        SimulationOptions.RequireDays(simulation.Days, "simulation.days");
        SimulationOptions.RequireReplications(simulation.Replications, "simulation.replications");
        SeedSetting.Require(simulation.Seed, "simulation.seed");
    }

    /// <summary>Checks the configuration and reads the first <paramref name="sampleRows"/> rows of every source.</summary>
    /// <param name="configPath">chainseg.yaml, or null for the data folder's file or the defaults.</param>
    /// <param name="dataDirectory">Folder with the exports, or null when the config names every source.</param>
    /// <param name="sampleRows">Rows read from each source (the first ones of each file).</param>
    /// <param name="time">The clock a future as_of is judged by (default the system's).</param>
    /// <exception cref="ConfigurationException">A setting, file or column is wrong; the message names it and the fix.</exception>
    public static ConfigReport Run(string? configPath, string? dataDirectory, int sampleRows = DefaultSampleRows, TimeProvider? time = null)
    {
        if (sampleRows < 1)
            throw new ConfigurationException($"--sample must be at least 1; got {sampleRows}.");
        var config = ConfigLoader.Resolve(configPath, dataDirectory);
        var sources = SourceResolver.Resolve(config, dataDirectory);
        var (segmentation, active) = Settings(config, time);
        // Without a cost_pools source a pool-keyed costs: setting is refused as the run refuses it; with one, its pools are known now.
        var costPools = sources.FirstOrDefault(s => s.Table.Name == "cost_pools");
        if (costPools is null)
            CostPoolSourceCheck.RequirePools(config.Costs, sources);
        var samples = Sample(sources, config, sampleRows);
        var costWarnings = costPools is null ? [] : CostPoolSourceCheck.Check(config.Costs, costPools);
        return new ConfigReport(config.SourceFile, segmentation.Models.Keys.ToList(), active, samples,
            PolicySegmentNames.NeverAssigned(config, active, segmentation.Models[active]))
        {
            MetricWarnings = config.Segmentation is not { Models.Count: > 0 } ? [] : UnsourcedMetrics(segmentation, sources),
            CostWarnings = costWarnings,
            ModelWarnings = [.. segmentation.Models.Select(m => (m.Key, Warning: SegmentationMethods.MaxSegmentsBelowMethod(m.Value)))
                .Where(m => m.Warning is not null).Select(m => $"{m.Warning!.Kind}: model '{m.Key}': {m.Warning.Message}")],
        };
    }

    // A model reading a metric whose source is missing sees it empty for every customer: a run warns metric_without_values
    // after ingest and metrics; validate says it before. Only for models the file writes: the default models read what the
    // data has and ignore what it lacks. The margins need a column rather than a table: products.unit_cost or
    // order_lines.margin_amount, mapped (or found by name) in the sources.
    private static List<string> UnsourcedMetrics(SegmentationConfig segmentation, IReadOnlyList<ResolvedSource> sources)
    {
        var present = sources.Select(s => s.Table.Name).ToHashSet(StringComparer.Ordinal);
        var costed = sources.Any(s => (s.Table.Name == "products" && s.IsMapped("unit_cost")) || (s.Table.Name == "order_lines" && s.IsMapped("margin_amount")));
        var warnings = new List<string>();
        foreach (var (name, model) in segmentation.Models)
        {
            var read = (SegmentationMethods.MetricsRead(model)
                ?? model.Rules.SelectMany(r => RuleExpression.Parse(r.Segment, r.When, MetricDefinitions.NumericNames, MetricDefinitions.NonNumericNames).Metrics)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var (metric, table) in read
                         .Select(m => (Metric: m, Table: MetricDefinitions.SourceTables.GetValueOrDefault(m)))
                         .Where(x => x.Table is not null && !present.Contains(x.Table)))
            {
                warnings.Add($"metric_without_source: model '{name}' reads {metric}, which is measured from {table}, and no {table} source is configured or found; "
                    + $"every customer will have it empty. Add the {table} export (or its sources: entry), or drop {metric} from the model.");
            }
            foreach (var metric in costed ? [] : read.Where(MetricDefinitions.CostMetrics.Contains))
            {
                warnings.Add($"metric_without_source: model '{name}' reads {metric}, and {MetricDefinitions.WithoutCosts(metric)}, so every customer will have it empty. "
                    + $"Map unit_cost on a products source or margin_amount on order_lines, or drop {metric} from the model.");
            }
        }
        return warnings;
    }

    // Each table on its own, with no master table beside it: a sample of order lines would name customers the sample of
    // customers lacks, so references are left to the run.
    private static List<SourceSample> Sample(IReadOnlyList<ResolvedSource> sources, ChainSegConfig config, int rows)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute($"CREATE SCHEMA {Schema}");
        var staging = new StagingArea(connection, "sample_stage_");
        var loader = new RawLoader(connection, staging, sampleRows: rows);
        // cost_pools is read whole, as the pool-name check reads it: a configured pool's row may lie past the sample, and
        // the export is a few dozen rows.
        var wholeLoader = new RawLoader(connection, new StagingArea(connection, "whole_stage_"));
        var samples = new List<SourceSample>();
        foreach (var table in CanonicalSchema.Tables)
        {
            if (sources.FirstOrDefault(s => s.Table == table) is not { } source)
                continue;
            // A customer id written as another id's spelling is no setting to fix, and which spelling a run keeps depends on
            // the tables beside it: left to the run, as references are.
            var quality = new TableIngestor(connection, Schema, staging, config.Identifiers)
            {
                AdvisesMergedSpellings = false, ReplacedColumns = [TimeDrivenPools.DriversReplaced(config.Costs)],
            }.Ingest(source, (table.Name == "cost_pools" ? wholeLoader : loader).Load(source));
            // The run stops on it after ingest; validate, read in seconds, says so before it.
            if (table.Name == "order_lines" && quality.RowsRead == 0)
                throw new ConfigurationException(RunPipeline.NoOrderLines(quality.Source));
            if (RunPipeline.EmptyReferencedTable(table.Name, quality) is { } emptyMaster)
                throw new ConfigurationException(emptyMaster);
            if (table.Name == "cost_pools")
                CostPoolSourceCheck.RequireAccepted(connection, Schema, config.Costs, sources);
            samples.Add(new SourceSample(table.Name, source.DisplayName, quality, Quarantined(connection, source)));
        }
        return samples;
    }

    // What a user fixing the config wants to see of each quarantined row: where it is, why, and the value as written.
    private static List<string> Quarantined(DuckDBConnection connection, ResolvedSource source, int count = 3)
    {
        var value = source.Columns.Count == 0 ? "NULL"
            : "CASE _column " + string.Concat(source.Columns.Select(c => $"WHEN {Sql.Str(c.Key)} THEN {Sql.Id(c.Value)} ")) + "END";
        return connection.Query(
            $"SELECT _source_row, _reason || coalesce(':' || _column, ''), {value}, _raw_line FROM {Schema}.{Sql.Id("quarantine_" + source.Table.Name)} ORDER BY _source_file, _source_row LIMIT {count}",
            r => $"row {r.GetValue(0)}: {r.GetString(1)}" + (!r.IsDBNull(2) ? $", '{r.GetString(2)}'" : !r.IsDBNull(3) ? $": {r.GetString(3).TrimEnd()}" : ""));
    }
}
