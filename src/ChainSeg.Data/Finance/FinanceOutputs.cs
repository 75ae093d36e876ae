using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Finance;

/// <summary>The profitability output files (DEFINITIONS.md cost-to-serve and profitability) and the SQL that writes each from the run schema.</summary>
public static class FinanceOutputs
{
    // Files whose columns metric_definitions.csv describes.
    private const string Pnl = "segment_pnl";

    /// <summary>
    /// File name → query. <paramref name="activeModel"/>'s segments carry their stock's carrying cost for
    /// <paramref name="chargedYears"/> (the years the cost pools are charged for, <see cref="MetricsOptions.ChargedYears"/>);
    /// segment_pnl names <paramref name="netContributionId"/> (<see cref="MetricsOptions.NetContributionId"/>) with or without it.
    /// </summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema, string activeModel, double chargedYears, string netContributionId)
    {
        var s = Sql.Id(runSchema);
        var inventory = PolicyOutputs.SegmentCarrying(runSchema);
        // As segment_summary: a segment with a customer whose cost of goods is unknown has no known margin or contribution.
        const string costKnown = SegmentationOutputs.MarginKnown;
        // The stock planned for the active model's segments (inventory_by_segment.csv), its annual carrying cost charged for the
        // window as the cost pools are, rounded once: rounded to the cent first, it could be a cent off. A segment holding no
        // stock carries 0. Other models' segments hold no planned stock. A segment holding stock of a SKU without a unit cost
        // has an unknown carrying cost, not the part that could be valued.
        var carrying = $"""
            CASE WHEN a.model = {Sql.Str(activeModel)} AND (SELECT count(*) FROM carrying) > 0 AND coalesce(any_value(c.uncosted_sku_locations), 0) = 0
                THEN round(coalesce(any_value(c.annual_carrying_cost), 0) * {Sql.Num(chargedYears)}, 2) END
            """;
        var net = $"CASE WHEN {costKnown} THEN round(sum(m.net_contribution) - coalesce({carrying}, 0), 2) + 0.0 END";
        return
        [
            ("cost_to_serve.csv", $"SELECT customer_id, pool, driver, driver_volume, rate, cost + 0.0 AS cost FROM {s}.cost_to_serve ORDER BY customer_id, pool, driver"),
            ("segment_pnl.csv", $"""
                WITH carrying AS ({inventory})
                SELECT a.model, a.model_version, a.segment, count(*) AS customers,
                    round(sum(m.revenue), 2) + 0.0 AS revenue,
                    CASE WHEN {costKnown} THEN round(sum(m.cost_of_goods), 2) + 0.0 END AS cost_of_goods,
                    -- Of the rounded sums, so the row reconciles (segment_summary's Σ gross_margin may differ by the customers' cents).
                    CASE WHEN {costKnown} THEN round(round(sum(m.revenue), 2) - round(sum(m.cost_of_goods), 2), 2) + 0.0 END AS gross_margin,
                    round(sum(m.cost_to_serve), 2) + 0.0 AS cost_to_serve,
                    {carrying} AS carrying_cost,
                    {net} AS net_contribution,
                    CASE WHEN sum(m.revenue) > 0 THEN round({net} / sum(m.revenue), 4) + 0.0 END AS net_contribution_pct,
                    count(CASE WHEN m.net_contribution < 0 THEN 1 END) AS loss_making_customers,
                    CASE WHEN {carrying} IS NULL THEN {Sql.Str(netContributionId)} ELSE {Sql.Str(netContributionId + "+carrying")} END AS net_contribution_definition
                FROM {s}.assignments a LEFT JOIN {s}.customer_metrics m USING (customer_id)
                    LEFT JOIN carrying c ON a.model = {Sql.Str(activeModel)} AND c.segment = a.segment
                GROUP BY a.model, a.model_version, a.segment ORDER BY a.model, net_contribution DESC NULLS LAST, a.segment
                """),
            // The per-pool split of each segment's cost_to_serve, one row per model, segment and pool (tidy: pools as rows).
            ("segment_cost_to_serve.csv", $"""
                SELECT a.model, a.segment, c.pool, c.driver, round(sum(c.driver_volume), 6) AS driver_volume, round(sum(c.cost), 2) + 0.0 AS cost
                FROM {s}.assignments a JOIN {s}.cost_to_serve c USING (customer_id)
                GROUP BY a.model, a.segment, c.pool, c.driver ORDER BY a.model, a.segment, cost DESC, c.pool, c.driver
                """),
            ("whale_curve.csv", $"""
                SELECT w.customer_rank, w.customer_id, a.segment, w.net_contribution, w.cumulative_net_contribution, w.cumulative_pct_of_total, w.customer_share
                FROM {s}.whale_curve w LEFT JOIN {s}.assignments a ON a.customer_id = w.customer_id AND a.model = {Sql.Str(activeModel)}
                ORDER BY w.customer_rank
                """),
        ];
    }

    /// <summary>
    /// What each figure of the profitability files is (written to metric_definitions.csv as <c>FILE.COLUMN</c>), by the
    /// customer metric it aggregates and how.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> Definitions(MetricsOptions o)
    {
        var metric = MetricDefinitions.For(o).ToDictionary(d => d.Column, d => d.DefinitionId, StringComparer.Ordinal);
        var cts = metric["cost_to_serve"];
        MetricDefinition Of(string file, string column, string id, string meaning) => new($"{file}.{column}", id, meaning);
        return
        [
            Of("cost_to_serve", "driver_volume", $"{cts}.driver_volume", "the customer's volume of the pool's driver in the window (orders, lines, units, shipments as deliveries, returns as return lines, expedites, complaints, weight_kg, freight, customers served, revenue of positive lines), or for a pool costs.time_equations prices, the customer's minutes by its time equation, or for a direct cost costs.direct charges (pool freight or service_events, driver direct), its amount: Σ freight_cost of the shipments the freight driver counts, or Σ cost of the customer's service events dated in the window"),
            Of("cost_to_serve", "rate", $"{cts}.rate", "the cost of one unit of the driver: the pool's average, its annual cost × the years charged (as cost_to_serve) ÷ every customer's driver volume, or the rate costs.activity_rates configures for the pool (its customers then absorb more or less than its cost, warned cost_pool_rate_variance), or for a pool costs.time_equations prices, the capacity cost rate a minute (annual cost ÷ practical minutes a year; driver is then minutes); a pool without driver volume and without a configured rate is left out (cost_pool_unattributed); 1 for a direct cost (driver direct)"),
            Of("cost_to_serve", "cost", cts, "rate × driver_volume to 1e-6, not to the cent: a pool's rows sum to its cost for the window (rounded to cents, the 185,619 return lines of the 10 M-line bench company, mostly one per customer, fell 250 short of a 3.1 M pool), a customer's rows to its cost_to_serve (in cents) within half a cent"),
            Of(Pnl, "customers", "segment.customers", "customers assigned to the segment (inactive ones included, in their own segment)"),
            Of(Pnl, "revenue", $"sum({metric["revenue"]})", "Σ the customers' revenue"),
            Of(Pnl, "cost_of_goods", $"sum({metric["cost_of_goods"]})", "Σ the customers' cost of goods; empty when one customer's is unknown (an uncosted line), as gross_margin and net_contribution"),
            Of(Pnl, "gross_margin", $"{metric["gross_margin"]}.of_sums", "revenue − cost_of_goods of the row, so the row reconciles (segment_summary's Σ gross_margin can differ by the customers' rounding)"),
            Of(Pnl, "cost_to_serve", $"sum({cts})", "Σ the customers' cost-to-serve; split by pool in segment_cost_to_serve.csv; empty without cost pools"),
            Of(Pnl, "carrying_cost", "carrying.window", "the annual carrying cost of the stock planned for the segment (inventory_by_segment.csv, before its rounding to the cent) × the years the cost pools are charged for, rounded once; 0 for a segment holding no stock, empty for models other than the active one (stock is planned for its segments), a run without inventory policies, or a segment holding stock of a SKU-location without a unit cost (inventory_by_segment.csv uncosted_sku_locations; warned carrying_cost_unknown)"),
            Of(Pnl, "net_contribution", $"sum({metric["net_contribution"]})-carrying", "Σ the customers' net contribution (revenue − cost_of_goods − cost_to_serve) less carrying_cost when given (net_contribution_definition says which): revenue − cost_of_goods − cost_to_serve − carrying_cost of the row; empty as cost_of_goods, or without cost pools"),
            Of(Pnl, "net_contribution_pct", $"ratio(sum({metric["net_contribution"]})-carrying, {metric["revenue"]})", "net_contribution ÷ revenue; empty when revenue is 0 or less"),
            Of(Pnl, "loss_making_customers", $"count({metric["net_contribution"]} < 0)", "customers whose own net contribution is negative"),
            Of("segment_cost_to_serve", "cost", $"sum({cts})", "Σ the segment's customers' cost of the pool (cost_to_serve.csv's, before they are rounded to the cent), to the cent: the rows of a segment sum to its segment_pnl cost_to_serve (Σ the customers' rounded cost_to_serve) within the customers' rounding"),
            Of("whale_curve", "cumulative_net_contribution", o.WhaleCurveId, "Σ net contribution of the customers ranked up to this one (largest first, ties by customer id); customers without a net contribution are left off"),
            Of("whale_curve", "cumulative_pct_of_total", o.WhaleCurvePctId, "cumulative_net_contribution ÷ Σ every net contribution on the curve (1.5 is 150 %); its peak is run_summary.json's whale_curve.peak_pct_of_total; empty when the total is 0 or less"),
            Of("whale_curve", "customer_share", "whale.customer_share", "customer_rank ÷ customers on the curve"),
        ];
    }
}
