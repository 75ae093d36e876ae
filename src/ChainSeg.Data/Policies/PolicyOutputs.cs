using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Policies;

/// <summary>Policy output files and the SQL that writes each from the run schema.</summary>
public static class PolicyOutputs
{
    // Stock held for the segment that has no unit cost: valued at nothing, so its carrying cost is unknown.
    private const string Uncosted = "count(*) FILTER (WHERE p.stock_share > 0 AND ip.order_qty > 0 AND ip.unit_cost IS NULL)";

    // Each segment's part (p) of each SKU-location's policy (ip), with its share of the stock: of the stocked demand.
    private static string StockShares(string s) => $"""
        (
            SELECT *, CASE WHEN stocked THEN demand_share / nullif(sum(CASE WHEN stocked THEN demand_share END) OVER (PARTITION BY sku, location_id), 0) ELSE 0 END AS stock_share
            FROM {s}.inventory_segment_parts
        ) p JOIN {s}.inventory_policies ip USING (sku, location_id)
        """;

    /// <summary>
    /// Per segment holding stock, its annual carrying cost (as inventory_by_segment.csv attributes it, not rounded) and its
    /// uncosted SKU-locations: what segment_pnl.csv charges for the window and rounds once, as a figure rounded to the cent
    /// and then multiplied could be a cent off.
    /// </summary>
    public static string SegmentCarrying(string runSchema) =>
        $"SELECT p.segment, sum(ip.annual_carrying_cost * p.stock_share) AS annual_carrying_cost, {Uncosted} AS uncosted_sku_locations FROM {StockShares(Sql.Id(runSchema))} GROUP BY p.segment";

    /// <summary>File name → query.</summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema)
    {
        var s = Sql.Id(runSchema);
        return
        [
            // A segment's own row (product_class all) comes first, then its product class cells.
            ("service_policies.csv", $"SELECT * FROM {s}.service_policies ORDER BY priority, segment, product_class <> 'all', product_class"),
            // segment_safety_stock lists, per segment served, "segment target definition: safety stock": its own reserve under
            // segment_reserves (the row's safety stock is their sum), or what its own target needs on the pooled stock when
            // mixed CSL and fill-rate targets are settled by strictest (the largest drives the row); empty otherwise.
            // analytic_csl / analytic_fill_rate are what the formulas promise at the reorder point; simulation.csv checks them.
            ("inventory_policies.csv", $"SELECT * FROM {s}.inventory_policies ORDER BY sku, location_id"),
            // Carrying cost and safety-stock value are attributed to segments by their share of each SKU-location's stocked
            // demand: a make-to-order segment (DEFINITIONS.md: no safety stock) is served there but holds none of the stock.
            ("inventory_by_segment.csv", $"""
                SELECT p.segment, count(*) AS sku_locations_served,
                       count(*) FILTER (WHERE ip.driving_segment = p.segment) AS sku_locations_driven,
                       coalesce(round(sum(greatest(ip.safety_stock, 0) * ip.unit_cost * p.stock_share), 2), 0) AS safety_stock_value,
                       coalesce(round(sum(ip.annual_carrying_cost * p.stock_share), 2), 0) AS annual_carrying_cost,
                       {Uncosted} AS uncosted_sku_locations,
                       'stocked_demand_share' AS attribution
                FROM {StockShares(s)}
                GROUP BY p.segment ORDER BY annual_carrying_cost DESC, p.segment
                """),
            ("multi_echelon.csv", $"SELECT * FROM {s}.multi_echelon ORDER BY sku_total_cost_per_day DESC, sku, location_id"),
            ("simulation.csv", $"SELECT * FROM {s}.simulation ORDER BY segment, demand_class"),
            ("simulation_sku_locations.csv", $"SELECT * FROM {s}.simulation_sku_locations ORDER BY segment, demand_class, sku, location_id"),
            ("tradeoff_curve.csv", $"SELECT * FROM {s}.tradeoff_curve ORDER BY segment, demand_class, target"),
        ];
    }
}
