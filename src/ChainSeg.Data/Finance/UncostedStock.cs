using System.Globalization;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Finance;

/// <summary>
/// Stock the inventory policies hold that has no unit cost (neither <c>inventory.unit_cost</c> nor <c>products.unit_cost</c>),
/// so the carrying cost of the segments holding it is unknown and segment_pnl.csv leaves it empty.
/// </summary>
/// <param name="SkuLocations">Stocked SKU-locations without a unit cost.</param>
/// <param name="Skus">Their distinct SKUs.</param>
/// <param name="Segments">The active model's segments holding part of their stock.</param>
public sealed record UncostedStock(long SkuLocations, long Skus, IReadOnlyList<string> Segments)
{
    /// <summary>The uncosted stock of the run's inventory policies, or null when every stocked SKU-location has a unit cost.</summary>
    public static UncostedStock? Find(DuckDBConnection connection, string runSchema)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var s = Sql.Id(runSchema);
        var (skuLocations, skus) = connection.Query(
            $"SELECT count(*), count(DISTINCT sku) FROM {s}.inventory_policies WHERE order_qty > 0 AND unit_cost IS NULL",
            r => (r.GetInt64(0), r.GetInt64(1))).Single();
        if (skuLocations == 0)
            return null;
        // The segments as segment_pnl.csv's carrying cost attributes the stock (inventory_by_segment.csv's shares), so the
        // warning names the rows it leaves empty.
        var segments = connection.Query($"SELECT segment FROM ({PolicyOutputs.SegmentCarrying(runSchema)}) WHERE uncosted_sku_locations > 0 ORDER BY segment", r => r.GetString(0)).ToList();
        return new UncostedStock(skuLocations, skus, segments);
    }

    /// <summary>The run warning: what lacks a cost, the segments left without a carrying cost, their rows' definition id, and the fix.</summary>
    /// <param name="netContributionId">The run's net contribution id (MetricsOptions.NetContributionId), which those rows are under.</param>
    public string Warning(string netContributionId) =>
        $"carrying_cost_unknown: {Count(SkuLocations, "stocked SKU-location")} ({Count(Skus, "SKU")}) {(SkuLocations == 1 ? "has" : "have")} no unit cost "
        + $"(inventory.unit_cost or products.unit_cost), so segment_pnl.csv leaves carrying_cost empty for {Count(Segments.Count, "segment")} "
        + $"({string.Join(", ", Segments)}), whose net_contribution is then without it ({netContributionId}); give those SKUs a unit cost to charge their stock.";

    private static string Count(long n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n:N0} {noun}{(n == 1 ? "" : "s")}");
}
