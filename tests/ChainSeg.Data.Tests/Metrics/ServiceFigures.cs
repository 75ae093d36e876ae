using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

/// <summary>
/// A customer's OTIF figures as one string, "orders_with_shipments|orders_timed|on_time_rate|in_full_rate|otif_rate" (empty
/// where unknown), so a test states a customer's expected service in one hand-worked value.
/// </summary>
internal static class ServiceFigures
{
    private static readonly string[] Columns = ["orders_with_shipments", "orders_timed", "on_time_rate", "in_full_rate", "otif_rate"];

    /// <summary>The figures of a customer_metrics.csv row.</summary>
    public static string Of(Dictionary<string, string> row) => string.Join('|', Columns.Select(c => row[c]));

    /// <summary>Creates a snapshot per options in the run's store and returns each one's figures by (snapshot index, customer), rates written as CSV writes them.</summary>
    public static Func<int, string, string> AtSnapshots(PipelineOutput output, IReadOnlyList<MetricsOptions> options)
    {
        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        var snapshots = options.Select((o, i) => new MetricSnapshotRequest(o, $"_service_{i}")).ToList();
        using var store = ChainSegStore.Open(output.Result.StorePath);
        CustomerMetrics.CreateSnapshots(store.Connection, schema, snapshots);
        var figures = snapshots.SelectMany((s, i) => store.Connection.Query(
            $"SELECT customer_id, {string.Join(", ", Columns)} FROM \"{schema}\".customer_metrics{s.Suffix}",
            r => (Key: (i, r.GetString(0)), Figures: string.Join('|', Enumerable.Range(1, Columns.Length).Select(c => r.IsDBNull(c) ? ""
                : r.GetValue(c) is double d ? d.ToString("0.0###", CultureInfo.InvariantCulture) : Convert.ToString(r.GetValue(c), CultureInfo.InvariantCulture))))))
            .ToDictionary(f => f.Key, f => f.Figures);
        return (snapshot, customer) => figures[(snapshot, customer)];
    }
}
