using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;

namespace ChainSeg.Bench;

/// <summary>
/// Metrics + segmentation alone, on the ingested tables of a store an earlier run left (e.g. the segmentation
/// benchmark's), so a change to either stage is measured in a minute instead of re-ingesting 10 M lines each time.
/// The store is copied first and the copy's current run re-measured; its outputs can be written for comparison.
/// </summary>
public static class StagesBenchmark
{
    /// <summary>
    /// Entry point: <c>stages --store FILE --data DIR [--work FILE] [--dump DIR] [--keep FILE] [--segmentation-only]</c>;
    /// <c>--keep</c> saves the store after metrics, <c>--segmentation-only</c> re-runs segmentation on a kept store's metrics.
    /// </summary>
    public static int Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var source = Arg("--store") ?? throw new ArgumentException("--store FILE is required.");
        var work = Arg("--work") ?? Path.Combine(Path.GetTempPath(), "chainseg-stages.duckdb");
        File.Copy(source, work, overwrite: true);
        File.Delete(work + ".wal");

        var config = ConfigLoader.Resolve(null, Arg("--data"));
        using var store = ChainSegStore.Open(work);
        var run = store.CurrentRun() ?? throw new InvalidOperationException($"{source} has no current run.");
        var schema = ChainSegStore.SchemaOf(run.RunId);
        var c = store.Connection;
        var segmentationOnly = args.Contains("--segmentation-only");
        // What the two stages create, so they start as they would after ingest.
        foreach (var (table, kind) in c.Query($"""
            SELECT table_name, CASE table_type WHEN 'VIEW' THEN 'VIEW' ELSE 'TABLE' END FROM information_schema.tables
            WHERE table_schema = {Sql.Str(schema)} AND (table_name LIKE 'customer\_accounts%' ESCAPE '\'
                OR table_name LIKE 'customer\_period\_demand%' ESCAPE '\' OR table_name LIKE 'customer\_metrics%' ESCAPE '\'
                OR table_name IN ('assignments', 'period_assignments', 'segment_stability', 'stability_summary'))
            """, r => (r.GetString(0), r.GetString(1))))
            if (!segmentationOnly || !table.StartsWith("customer_", StringComparison.Ordinal))
                c.Execute($"DROP {kind} {Sql.Id(schema)}.{Sql.Id(table)}");
        c.Execute($"DELETE FROM main.assignment_history WHERE run_id = {Sql.Str(run.RunId)}");
        c.Execute("CHECKPOINT");

        var asOf = config.AsOf is { } text ? DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture) : CustomerMetrics.LatestOrderDate(c, schema)!.Value;
        var firstOrder = CustomerMetrics.EarliestOrderDate(c, schema) ?? asOf;
        var options = MetricsOptions.From(config, asOf, firstOrder);
        // Without the kept snapshots segmentation would compute them itself and be timed with the metrics' work.
        var snapshots = SegmentationStage.Snapshots(config, options, firstOrder);
        var missing = !segmentationOnly ? [] : snapshots.Select(s => "customer_metrics" + s.Suffix)
            .Where(t => c.ScalarLong($"SELECT count(*) FROM information_schema.tables WHERE table_schema = {Sql.Str(schema)} AND table_name = {Sql.Str(t)}") == 0).ToList();
        if (missing.Count > 0)
        {
            Console.Error.WriteLine($"--segmentation-only: {source} lacks {string.Join(", ", missing)}; make the store with a full stages run and --keep FILE.");
            return 2;
        }
        var (metricsWall, metricsCpu) = segmentationOnly ? (0, 0) : CpuClock.Time(() =>
        {
            CustomerMetrics.CreateSnapshots(c, schema, snapshots);
            store.ReleaseMemory();
        });
        if (Arg("--keep") is { } keep)
        {
            c.Execute("CHECKPOINT");
            File.Copy(work, keep, overwrite: true);
        }
        var (pauseBefore, collectionsBefore, allocatedBefore) = (GC.GetTotalPauseDuration(), Enumerable.Range(0, 3).Select(GC.CollectionCount).ToArray(), GC.GetTotalAllocatedBytes(precise: true));
        var (segmentationWall, segmentationCpu) = CpuClock.Time(() => new SegmentationStage(c, schema).Run(config, options, run.RunId, ConfigLoader.Hash(config)));
        var collections = Enumerable.Range(0, 3).Select(g => GC.CollectionCount(g) - collectionsBefore[g]).ToArray();
        var allocated = (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024 * 1024);
        Console.WriteLine($"  metrics       {metricsWall,8:F2} s wall {metricsCpu,8:F2} s cpu");
        Console.WriteLine($"  segmentation  {segmentationWall,8:F2} s wall {segmentationCpu,8:F2} s cpu" +
            $"   (allocated {allocated:F2} GiB; GC pauses {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F2} s; gen0/1/2 collections {string.Join("/", collections)})");
        Console.WriteLine($"  metrics + segmentation {metricsWall + segmentationWall:F2} s wall {metricsCpu + segmentationCpu:F2} s cpu");

        if (Arg("--dump") is { } dump)
        {
            Directory.CreateDirectory(dump);
            var outputs = SegmentationOutputs.Queries(schema, options.Otif.Id).Prepend(("customer_metrics.csv", $"SELECT * FROM {Sql.Id(schema)}.customer_metrics"));
            foreach (var (file, query) in outputs)
                c.Execute($"COPY ({query}) TO {Sql.Str(Path.Combine(dump, file))} (FORMAT csv, HEADER true)");
        }
        return 0;
    }
}
