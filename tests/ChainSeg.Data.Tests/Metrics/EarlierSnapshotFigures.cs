using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

/// <summary>
/// Customer metrics at an earlier date, made in a run's store as segmentation makes its earlier period ends (judged with what
/// was known at that date), each customer's figures as one "a|b|c" string (empty where unknown, numbers as DuckDB writes them).
/// </summary>
internal static class EarlierSnapshotFigures
{
    /// <summary>A full snapshot at <paramref name="asOf"/> (a year's window) and one narrowed to <paramref name="counts"/>, read as <paramref name="columns"/> and <paramref name="counts"/>.</summary>
    /// <remarks><paramref name="fillOrder"/> is the snapshot's fill.order basis, first-time by default.</remarks>
    public static (Dictionary<string, string> All, Dictionary<string, string> Narrow) At(PipelineOutput output, DateOnly asOf, string[] columns, string[] counts,
        OrderFillBasis fillOrder = OrderFillBasis.FirstTime)
    {
        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var options = new MetricsOptions(asOf, asOf.AddDays(-365)) { FillOrder = fillOrder };
        CustomerMetrics.CreateSnapshots(store.Connection, schema,
            [new MetricSnapshotRequest(options, "_early"), new MetricSnapshotRequest(options, "_narrow", counts)], runAsOf: output.Result.AsOf);
        return (Figures(store, schema, "customer_metrics_early", columns), Figures(store, schema, "customer_metrics_narrow", counts));
    }

    private static Dictionary<string, string> Figures(ChainSegStore store, string schema, string table, string[] columns) =>
        store.Connection.Query($"SELECT customer_id, {string.Join(", ", columns.Select(c => $"coalesce(CAST({c} AS VARCHAR), '')"))} FROM \"{schema}\".{table}",
                r => (Customer: r.GetString(0), Figures: string.Join('|', columns.Select((_, i) => r.GetString(i + 1)))))
            .ToDictionary(r => r.Customer, r => r.Figures);
}
