using ChainSeg.Core.Monitoring;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Monitoring;

/// <summary>
/// Every model's KPIs per segment at the run's as_of and each earlier stability period end (kpis_by_segment.csv, the active
/// model first), pooled from the per-customer metrics each period end's snapshot holds: every rate is Σ numerator ÷ Σ
/// denominator over the segment's customers, never a mean of their rates, and no order line is read again.
/// </summary>
public static class SegmentKpiTable
{
    /// <summary>The run-schema table the KPIs are kept in.</summary>
    public const string Table = "segment_kpis";

    /// <summary>The output file.</summary>
    public const string File = "kpis_by_segment.csv";

    /// <summary>The customer metrics an earlier period end's snapshot must hold for its KPIs (numerators and denominators) under <paramref name="o"/>.</summary>
    public static IReadOnlyList<string> Metrics(MetricsOptions o) =>
        ["orders_otif", "orders_timed", "revenue", "gross_margin", "cost_to_serve", "net_contribution", "list_value", "listed_revenue",
            "units_ordered", "units_shipped", "lines_fill_known", "lines_filled", "orders_fill_known", o.FillOrder.FilledColumn(),
            "delivered_orders", "delivered_order_days", "perfect_orders"];

    /// <summary>Each KPI's definition id in a run under <paramref name="o"/>: that of the customer metric it pools (otif.order, revenue.net, …).</summary>
    public static IReadOnlyDictionary<string, string> Definitions(MetricsOptions o)
    {
        var metric = MetricDefinitions.For(o).ToDictionary(d => d.Column, d => d.DefinitionId, StringComparer.Ordinal);
        return SegmentKpi.All.ToDictionary(k => k.Name, k => metric[k.Name], StringComparer.Ordinal);
    }

    /// <summary>The definition ids <paramref name="kpi"/> is measured under: the run's (<paramref name="o"/>) and those of the default settings per order and per line, and after backorders.</summary>
    public static IReadOnlyList<string> KnownDefinitions(string kpi, MetricsOptions o)
    {
        // Variants beside the run's own: the ids a target is most often written for, so a mistyped one finds its nearest.
        var byDefault = new MetricsOptions(o.AsOf, o.WindowStart);
        return new[] { o, byDefault, byDefault with { Otif = new OtifDefinition(Level: OtifLevel.Line) }, byDefault with { FillOrder = OrderFillBasis.AfterBackorders } }
            .Select(options => Definitions(options)[kpi]).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>One period end's source: some models' segments there and the customer metrics of that date they are measured on.</summary>
    /// <param name="PeriodEnd">The period end (the run's as_of, or an earlier stability end).</param>
    /// <param name="WindowStart">The start of the window its metrics cover.</param>
    /// <param name="Assignments">A query of model, customer_id, segment for the models at that date.</param>
    /// <param name="MetricsTable">The unquoted name of the customer_metrics table of that date in the run schema.</param>
    public sealed record PeriodSource(DateOnly PeriodEnd, DateOnly WindowStart, string Assignments, string MetricsTable);

    /// <summary>Creates the KPI table and fills it with the models' KPIs at each period end, <paramref name="activeModel"/>'s marked as the active model's.</summary>
    public static void Record(DuckDBConnection connection, string runSchema, string activeModel, MetricsOptions options, IEnumerable<PeriodSource> periods)
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.{Table} (model VARCHAR, is_active_model BOOLEAN, segment VARCHAR, kpi_index INTEGER, kpi VARCHAR, definition VARCHAR,
                period_end DATE, window_start DATE, numerator DOUBLE, denominator DOUBLE, value DOUBLE)
            """);
        var definitions = Definitions(options);
        foreach (var period in periods)
            connection.Execute($"INSERT INTO {s}.{Table} {Query(s, activeModel, definitions, options.FillOrder, period)}");
    }

    // One period end's rows. A segment's figure is empty where segment_summary.csv's is: margin and contribution when one
    // customer's cost of goods is unknown, shares of revenue when Σ revenue is 0 or less, OTIF without a timed order, fill
    // without an order whose fill is known, cycle time without a delivered order.
    // Customers without a metrics row (children rolled into their account's) add nothing, as in segment_summary.
    // The models of one snapshot are measured in one pass over it, grouped by model and segment: the metrics are read once
    // per period end and roll-up, not once per model.
    private static string Query(string s, string activeModel, IReadOnlyDictionary<string, string> definitions, OrderFillBasis fillOrder, PeriodSource p)
    {
        const string marginKnown = "count(CASE WHEN m.customer_id IS NOT NULL AND m.gross_margin IS NULL THEN 1 END) = 0";
        string Row(string kpi, string numerator, string denominator, string value) =>
            $"SELECT model, segment, {SegmentKpi.All.ToList().FindIndex(k => k.Name == kpi) + 1}, {Sql.Str(kpi)}, {Sql.Str(definitions[kpi])}, {numerator}, {denominator}, {value} FROM sums";
        const string positive = "CASE WHEN revenue > 0 THEN revenue END";
        return $"""
            WITH sums AS (
                SELECT a.model, a.segment, sum(m.orders_otif) AS otif, sum(m.orders_timed) AS timed, sum(m.revenue) AS revenue,
                    CASE WHEN {marginKnown} THEN sum(m.gross_margin) END AS margin, sum(m.cost_to_serve) AS cts,
                    CASE WHEN {marginKnown} THEN sum(m.net_contribution) END AS net, sum(m.listed_revenue) AS listed, sum(m.list_value) AS list_value,
                    sum(m.units_shipped) AS shipped, sum(m.units_ordered) AS ordered, sum(m.lines_filled) AS lines_filled, sum(m.lines_fill_known) AS lines_known,
                    sum(m.{fillOrder.FilledColumn()}) AS orders_filled, sum(m.orders_fill_known) AS orders_known, sum(m.delivered_order_days) AS cycle_days, sum(m.delivered_orders) AS delivered,
                    sum(m.perfect_orders) AS perfect
                FROM ({p.Assignments}) a LEFT JOIN {s}.{Sql.Id(p.MetricsTable)} m USING (customer_id)
                GROUP BY a.model, a.segment
            )
            SELECT model, model = {Sql.Str(activeModel)}, segment, kpi_index, kpi, definition, {CustomerMetrics.Date(p.PeriodEnd)}, {CustomerMetrics.Date(p.WindowStart)},
                numerator, denominator, value
            FROM (
                {Row("otif_rate", "otif", "timed", "round(otif / nullif(timed, 0), 4)")}
                UNION ALL {Row("revenue", "round(revenue, 2) + 0.0", "NULL", "round(revenue, 2) + 0.0")}
                UNION ALL {Row("gross_margin_pct", "round(margin, 2) + 0.0", "round(revenue, 2) + 0.0", $"round(margin / {positive}, 4) + 0.0")}
                UNION ALL {Row("cost_to_serve_pct", "round(cts, 2) + 0.0", "round(revenue, 2) + 0.0", $"round(cts / {positive}, 4) + 0.0")}
                UNION ALL {Row("net_contribution", "round(net, 2) + 0.0", "NULL", "round(net, 2) + 0.0")}
                UNION ALL {Row("price_realisation", "round(listed, 2) + 0.0", "round(list_value, 2) + 0.0", "round(listed / nullif(list_value, 0), 4)")}
                UNION ALL {Row("fill_rate_units", "shipped", "ordered", "round(shipped / nullif(ordered, 0), 4)")}
                UNION ALL {Row("fill_rate_lines", "lines_filled", "lines_known", "round(lines_filled / nullif(lines_known, 0), 4)")}
                UNION ALL {Row("fill_rate_orders", "orders_filled", "orders_known", "round(orders_filled / nullif(orders_known, 0), 4)")}
                UNION ALL {Row("order_cycle_days", "cycle_days", "delivered", "round(cycle_days / nullif(delivered, 0), 2)")}
                UNION ALL {Row("perfect_order_rate", "perfect", "CASE WHEN perfect IS NOT NULL THEN timed END", "round(perfect / nullif(timed, 0), 4)")}
            ) k(model, segment, kpi_index, kpi, definition, numerator, denominator, value)
            """;
    }

    /// <summary>The query of kpis_by_segment.csv: the active model first, then the others by name; in each oldest period end first, then segment and KPI.</summary>
    public static string OutputQuery(string runSchema) => Query(runSchema, Whole("numerator"), Whole("denominator"));

    /// <summary>The rows of kpis_by_segment.csv in the same order, numerators and denominators as numbers (the workbook's sheet, where text cannot be summed).</summary>
    public static string SheetQuery(string runSchema) => Query(runSchema, "numerator", "denominator");

    private static string Query(string runSchema, string numerator, string denominator) =>
        $"""
        SELECT model, segment, kpi, definition, period_end, window_start, {numerator}, {denominator}, value
        FROM {Sql.Id(runSchema)}.{Table} ORDER BY NOT is_active_model, model, period_end, segment, kpi_index
        """;

    // Order counts are DOUBLE columns beside money; written as DOUBLE they read "9268.0", so a whole number is written bare.
    private static string Whole(string column) =>
        $"CASE WHEN {column} = trunc({column}) AND abs({column}) < 1e15 THEN CAST(CAST({column} AS BIGINT) AS VARCHAR) ELSE CAST({column} AS VARCHAR) END AS {column}";

    /// <summary>The active model's KPI values, for the alerts (which watch the active model: another model's segments are no service tiers run).</summary>
    public static IReadOnlyList<SegmentKpiValue> ReadActive(DuckDBConnection connection, string runSchema) =>
        connection.TableExists(runSchema, Table)
            ? connection.Query($"SELECT segment, kpi, definition, period_end, value FROM {Sql.Id(runSchema)}.{Table} WHERE is_active_model ORDER BY period_end, segment, kpi_index",
                r => new SegmentKpiValue(r.GetString(0), r.GetString(1), r.GetString(2), CustomerMetrics.DateOf(r.GetValue(3))!.Value, r.IsDBNull(4) ? null : r.GetDouble(4)))
            : [];

    /// <summary>What each column of kpis_by_segment.csv is, written to metric_definitions.csv as <c>kpis_by_segment.KPI</c> with its definition id.</summary>
    public static IEnumerable<MetricDefinition> Meanings(MetricsOptions o)
    {
        var id = Definitions(o);
        MetricDefinition Of(string kpi, string meaning) => new($"kpis_by_segment.{kpi}", id[kpi], meaning);
        return
        [
            Of("otif_rate", "numerator Σ orders_otif, denominator Σ orders_timed of the segment's customers (lines under otif.line); value their ratio, empty without a timed order"),
            Of("revenue", "Σ the customers' revenue (numerator and value)"),
            Of("gross_margin_pct", "Σ gross margin ÷ Σ revenue; empty when one customer's cost of goods is unknown or Σ revenue is 0 or less"),
            Of("cost_to_serve_pct", "Σ cost-to-serve ÷ Σ revenue; empty without cost pools or when Σ revenue is 0 or less"),
            Of("net_contribution", "Σ the customers' net contribution (revenue − cost of goods − cost-to-serve, without the segment's carrying cost, which segment_pnl.csv adds at as_of); empty as gross_margin_pct, or without cost pools"),
            Of("price_realisation", "Σ listed_revenue ÷ Σ list_value of the segment's customers; empty without list prices"),
            Of("fill_rate_units", "numerator Σ units_shipped, denominator Σ units_ordered of the segment's customers (orders whose fill is known: every shipment weighed, not open); value their ratio, empty without such an order (no shipments)"),
            Of("fill_rate_lines", "numerator Σ lines_filled, denominator Σ lines_fill_known of the segment's customers (lines of the orders whose fill is known); value their ratio, empty without such a line (no shipments)"),
            Of("fill_rate_orders", $"numerator Σ {o.FillOrder.FilledColumn()}, denominator Σ orders_fill_known of the segment's customers (orders whose fill is known, filled by {(o.FillOrder == OrderFillBasis.FirstTime ? "their first ship date's shipments" : "every shipment known by the period end, backorders included")}); value their ratio, empty without such an order (no shipments)"),
            Of("order_cycle_days", "numerator Σ delivered_order_days, denominator Σ delivered_orders of the segment's customers; value the mean order cycle time in calendar days, empty without a delivered order"),
            Of("perfect_order_rate", "numerator Σ perfect_orders, denominator Σ orders_timed of the segment's customers (orders: OTIF orders no claim names, of the orders of known timeliness); value their ratio, empty without a timed order, and all three empty where perfect_orders is (no claim names an order; metrics.otif.level: line)"),
        ];
    }
}
