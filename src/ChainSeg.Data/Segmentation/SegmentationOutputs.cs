using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Segmentation;

/// <summary>The segmentation output files and the SQL that writes each from the run schema.</summary>
public static class SegmentationOutputs
{
    /// <summary>File name → query, in the order they are written.</summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema, string otifDefinition)
    {
        var s = Sql.Id(runSchema);
        return
        [
            ("assignments.csv", $"SELECT customer_id, segment, model, model_version, reason, raw_segment, is_active_model FROM {s}.assignments ORDER BY NOT is_active_model, model, customer_id"),
            ("segment_summary.csv", $"""
                SELECT a.model, a.model_version, a.segment,
                    count(*) AS customers,
                    round(count(*) / sum(count(*)) OVER (PARTITION BY a.model), 4) AS customer_share,
                    round(sum(m.revenue), 2) AS revenue,
                    round(sum(m.revenue) / nullif(sum(sum(m.revenue)) OVER (PARTITION BY a.model), 0), 4) AS revenue_share,
                    round(sum(m.gross_margin), 2) AS gross_margin,
                    round(sum(m.gross_margin) / nullif(sum(m.revenue), 0), 4) AS gross_margin_pct,
                    round(avg(m.orders_per_month), 3) AS orders_per_month,
                    round(median(m.demand_cv), 3) AS median_demand_cv,
                    round(sum(m.otif_rate * m.orders_with_shipments) / nullif(sum(m.orders_with_shipments), 0), 4) AS otif_rate,
                    round(sum(m.cost_to_serve), 2) AS cost_to_serve,
                    round(sum(m.cost_to_serve) / nullif(sum(m.revenue), 0), 4) AS cost_to_serve_pct,
                    {Sql.Str(otifDefinition)} AS otif_definition
                FROM {s}.assignments a JOIN {s}.customer_metrics m USING (customer_id)
                GROUP BY a.model, a.model_version, a.segment ORDER BY a.model, revenue DESC NULLS LAST, a.segment
                """),
            ("period_assignments.csv", $"SELECT customer_id, model, period_end, raw_segment, segment, hysteresis FROM {s}.period_assignments ORDER BY model, period_end, customer_id"),
            ("segment_stability.csv", $"SELECT * FROM {s}.segment_stability ORDER BY model, basis, from_period, from_segment, to_segment"),
            ("stability_summary.csv", $"SELECT * FROM {s}.stability_summary ORDER BY model, basis, from_period"),
        ];
    }
}
