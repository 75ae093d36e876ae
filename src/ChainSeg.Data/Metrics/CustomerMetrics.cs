using System.Globalization;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// Per-customer metrics computed by SQL inside the store (never row by row in C#), over the window of
/// <see cref="MetricsOptions"/>; every column's definition is in <see cref="MetricDefinitions"/>.
/// </summary>
public static class CustomerMetrics
{
    /// <summary>Line revenue: net_amount when the export carries it, else quantity × unit_price (ARCHITECTURE.md §3).</summary>
    public const string LineRevenue = "coalesce(l.net_amount, l.quantity * l.unit_price)";

    /// <summary>
    /// Creates <c>customer_accounts</c>, <c>customer_period_demand</c> and <c>customer_metrics</c> (each name followed by
    /// <paramref name="suffix"/>, so snapshots at other dates or rolled up can sit beside them) in the run schema;
    /// returns the number of customers.
    /// </summary>
    public static long Create(DuckDBConnection connection, string runSchema, MetricsOptions options, string suffix = "")
    {
        var t = new Tables(Sql.Id(runSchema), suffix);
        CreateAccounts(connection, t, options.RollUpHierarchy);
        CreateWindowLines(connection, t, options);
        CreatePeriodDemand(connection, t, options);
        CreateMetrics(connection, t, options);
        connection.Execute($"DROP TABLE {t.WindowLines}");
        return connection.ScalarLong($"SELECT count(*) FROM {t.Metrics}");
    }

    /// <summary>Qualified names of the tables one metrics computation reads and writes.</summary>
    private sealed record Tables(string Schema, string Suffix)
    {
        public string Accounts => $"{Schema}.{Sql.Id("customer_accounts" + Suffix)}";
        public string WindowLines => $"{Schema}.{Sql.Id("window_lines" + Suffix)}";
        public string PeriodDemand => $"{Schema}.{Sql.Id("customer_period_demand" + Suffix)}";
        public string Metrics => $"{Schema}.{Sql.Id("customer_metrics" + Suffix)}";
    }

    /// <summary>The default reference date: the latest order date in the data (never the clock).</summary>
    public static DateOnly? LatestOrderDate(DuckDBConnection connection, string runSchema) =>
        connection.Scalar($"SELECT CAST(max(order_date) AS DATE) FROM {Sql.Id(runSchema)}.order_lines") switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => null,
        };

    /// <summary>The earliest order date in the data.</summary>
    public static DateOnly? EarliestOrderDate(DuckDBConnection connection, string runSchema) =>
        connection.Scalar($"SELECT CAST(min(order_date) AS DATE) FROM {Sql.Id(runSchema)}.order_lines") switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => null,
        };

    internal static string Date(DateOnly date) => $"DATE {Sql.Str(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))}";

    // customer → account the metrics are reported for: itself, or its top-level parent when rolling up.
    // Cycles in the parent chain stop at the depth limit and fall back to the customer itself.
    private static void CreateAccounts(DuckDBConnection connection, Tables t, bool rollUp)
    {
        var everyone = $"SELECT customer_id FROM {t.Schema}.customers UNION SELECT DISTINCT customer_id FROM {t.Schema}.order_lines";
        if (!rollUp)
        {
            connection.Execute($"CREATE OR REPLACE TABLE {t.Accounts} AS SELECT customer_id, customer_id AS account_id FROM ({everyone})");
            return;
        }
        connection.Execute($"""
            CREATE OR REPLACE TABLE {t.Accounts} AS
            WITH RECURSIVE chain(customer_id, ancestor, depth) AS (
                SELECT customer_id, customer_id, 0 FROM ({everyone})
                UNION ALL
                SELECT c.customer_id, p.parent_id, c.depth + 1
                FROM chain c JOIN {t.Schema}.customers p ON p.customer_id = c.ancestor
                WHERE p.parent_id IS NOT NULL AND c.depth < 20
            )
            SELECT customer_id, CASE WHEN max(depth) >= 20 THEN customer_id ELSE arg_max(ancestor, depth) END AS account_id
            FROM chain GROUP BY customer_id
            """);
    }

    private static void CreateWindowLines(DuckDBConnection connection, Tables t, MetricsOptions o) =>
        connection.Execute($"""
            CREATE OR REPLACE TABLE {t.WindowLines} AS
            SELECT a.account_id AS customer_id, l.order_id, l.sku, l.quantity, {LineRevenue} AS revenue,
                   CASE WHEN l.margin_amount IS NOT NULL THEN {LineRevenue} - l.margin_amount ELSE l.quantity * p.unit_cost END AS cost_of_goods,
                   l.quantity * p.weight_kg AS weight_kg,
                   CAST(l.order_date AS DATE) AS order_day, l.requested_date, l.location_id
            FROM {t.Schema}.order_lines l
            JOIN {t.Accounts} a USING (customer_id)
            LEFT JOIN {t.Schema}.products p USING (sku)
            WHERE CAST(l.order_date AS DATE) BETWEEN {Date(o.WindowStart)} AND {Date(o.AsOf)}
            """);

    // Demand per customer and period, zero periods included, from the customer's first period with demand in the
    // window to the as-of period: a customer who started late is not charged with zeros before it existed.
    private static void CreatePeriodDemand(DuckDBConnection connection, Tables t, MetricsOptions o)
    {
        var bucket = Sql.Str(o.Bucket);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {t.PeriodDemand} AS
            WITH periods AS (
                SELECT CAST(unnest(generate_series(date_trunc({bucket}, {Date(o.WindowStart)}), date_trunc({bucket}, {Date(o.AsOf)}), INTERVAL {o.BucketInterval})) AS DATE) AS period_start
            ), observed AS (
                SELECT customer_id, CAST(date_trunc({bucket}, order_day) AS DATE) AS period_start,
                       coalesce(sum(quantity) FILTER (WHERE quantity > 0), 0) AS units,
                       sum(revenue) AS revenue,
                       count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders
                FROM {t.WindowLines} GROUP BY ALL
            ), span AS (
                SELECT customer_id, min(period_start) AS first_period FROM observed WHERE units > 0 GROUP BY ALL
            )
            SELECT sp.customer_id, p.period_start, row_number() OVER (PARTITION BY sp.customer_id ORDER BY p.period_start) AS period_index,
                   coalesce(ob.units, 0) AS units, coalesce(ob.revenue, 0) AS revenue, coalesce(ob.orders, 0) AS orders
            FROM span sp JOIN periods p ON p.period_start >= sp.first_period
            LEFT JOIN observed ob ON ob.customer_id = sp.customer_id AND ob.period_start = p.period_start
            ORDER BY sp.customer_id, p.period_start
            """);
    }

    private static void CreateMetrics(DuckDBConnection connection, Tables t, MetricsOptions o)
    {
        var months = $"greatest(1.0, date_diff('day', greatest(min(order_day), {Date(o.WindowStart)}), {Date(o.AsOf)}) / 30.4375)";
        var onTimeLimit = $"sh.promised_date + INTERVAL {o.Otif.LateDays} DAY";
        var earliest = o.Otif.EarlyDays is int early ? $"AND sh.delivered_date >= sh.promised_date - INTERVAL {early} DAY" : "";
        var inFull = $"(1 - {Sql.Num(o.Otif.InFullTolerance)})";
        var demand = o.DemandMeasure == "revenue" ? "revenue" : "units";
        var cutoffs = o.DemandClassCutoffs;
        var windowYears = $"(date_diff('day', {Date(o.WindowStart)}, {Date(o.AsOf)}) + 1) / 365.25";

        connection.Execute($"""
            CREATE OR REPLACE TABLE {t.Metrics} AS
            WITH sales AS (
                SELECT customer_id,
                    sum(revenue) AS revenue,
                    sum(revenue) FILTER (WHERE quantity > 0) AS gross_revenue,
                    sum(cost_of_goods) AS cost_of_goods,
                    count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders,
                    count(*) FILTER (WHERE quantity > 0) AS lines,
                    coalesce(sum(quantity) FILTER (WHERE quantity > 0), 0) AS units,
                    coalesce(sum(weight_kg) FILTER (WHERE quantity > 0), 0) AS weight_kg,
                    min(order_day) FILTER (WHERE quantity > 0) AS first_order_date,
                    max(order_day) FILTER (WHERE quantity > 0) AS last_order_date,
                    {months} AS active_months,
                    count(*) FILTER (WHERE quantity < 0) AS return_lines,
                    coalesce(-sum(quantity) FILTER (WHERE quantity < 0), 0) AS returned_units,
                    coalesce(-sum(revenue) FILTER (WHERE quantity < 0), 0) AS returned_value,
                    avg(date_diff('day', order_day, requested_date)) FILTER (WHERE requested_date IS NOT NULL AND quantity > 0) AS requested_lead_time_days,
                    avg(CASE WHEN loc.type IN ('supplier', 'vendor', 'drop_ship') THEN 1.0 ELSE 0.0 END) FILTER (WHERE quantity > 0) AS drop_ship_share
                FROM {t.WindowLines} l LEFT JOIN {t.Schema}.locations loc USING (location_id)
                GROUP BY customer_id
            ), tenure AS (
                SELECT a.account_id AS customer_id, CAST(min(o.order_date) AS DATE) AS first_ever_order
                FROM {t.Schema}.order_lines o JOIN {t.Accounts} a USING (customer_id)
                WHERE CAST(o.order_date AS DATE) <= {Date(o.AsOf)} GROUP BY ALL
            ), order_days AS (
                SELECT customer_id, order_day, order_day - lag(order_day) OVER (PARTITION BY customer_id ORDER BY order_day) AS gap
                FROM (SELECT DISTINCT customer_id, order_day FROM {t.WindowLines} WHERE quantity > 0)
            ), intervals AS (
                SELECT customer_id, avg(gap) AS mean_interorder_days FROM order_days WHERE gap IS NOT NULL GROUP BY ALL
            ), variability AS (
                SELECT customer_id, count(*) AS periods,
                    CASE WHEN avg({demand}) > 0 THEN stddev_pop({demand}) / avg({demand}) END AS demand_cv,
                    count(*) FILTER (WHERE {demand} > 0) AS demand_periods,
                    CASE WHEN count(*) FILTER (WHERE {demand} > 0) >= 2
                         THEN (max(period_index) FILTER (WHERE {demand} > 0) - min(period_index) FILTER (WHERE {demand} > 0)) / (count(*) FILTER (WHERE {demand} > 0) - 1)
                         ELSE count(*) END AS adi,
                    power(stddev_pop({demand}) FILTER (WHERE {demand} > 0) / nullif(avg({demand}) FILTER (WHERE {demand} > 0), 0), 2) AS cv2
                FROM {t.PeriodDemand} GROUP BY ALL
            ), order_customer AS (
                SELECT order_id, any_value(customer_id) AS customer_id, sum(quantity) AS ordered
                FROM {t.WindowLines} WHERE quantity > 0 GROUP BY order_id
            ), order_service AS (
                SELECT oc.customer_id, oc.order_id,
                    bool_and(sh.delivered_date IS NOT NULL AND sh.delivered_date <= {onTimeLimit} {earliest}) AS on_time,
                    sum(sh.quantity_shipped) >= oc.ordered * {inFull} AS in_full,
                    coalesce(sum(sh.quantity_shipped) FILTER (WHERE sh.delivered_date <= {onTimeLimit} {earliest}), 0) >= oc.ordered * {inFull} AS otif,
                    count(DISTINCT sh.shipment_id) AS shipments,
                    coalesce(sum(sh.freight_cost), 0) AS freight
                FROM order_customer oc JOIN {t.Schema}.shipments sh ON sh.order_id = oc.order_id
                GROUP BY oc.customer_id, oc.order_id, oc.ordered
            ), service AS (
                SELECT customer_id, count(*) AS orders_with_shipments, avg(on_time::INT) AS on_time_rate, avg(in_full::INT) AS in_full_rate,
                       avg(otif::INT) AS otif_rate, sum(shipments) AS shipments, sum(freight) AS freight
                FROM order_service GROUP BY ALL
            ), events AS (
                SELECT a.account_id AS customer_id,
                    count(*) FILTER (WHERE event_type = 'expedite') AS expedites,
                    count(*) FILTER (WHERE event_type = 'complaint') AS complaints,
                    count(*) FILTER (WHERE event_type = 'return') AS return_events,
                    count(*) AS service_events
                FROM {t.Schema}.service_events e JOIN {t.Accounts} a USING (customer_id)
                WHERE e.event_date BETWEEN {Date(o.WindowStart)} AND {Date(o.AsOf)} GROUP BY ALL
            ), accounts AS (
                SELECT DISTINCT account_id AS customer_id FROM {t.Accounts}
            ), drivers AS (
                SELECT a.customer_id,
                    coalesce(sa.orders, 0) AS orders, coalesce(sa.lines, 0) AS lines, coalesce(sa.units, 0) AS units,
                    coalesce(sv.shipments, 0) AS shipments, coalesce(sa.return_lines, 0) AS returns, coalesce(ev.expedites, 0) AS expedites,
                    coalesce(ev.complaints, 0) AS complaints, coalesce(sa.weight_kg, 0) AS weight_kg, coalesce(sv.freight, 0) AS freight,
                    1 AS customers, greatest(coalesce(sa.gross_revenue, 0), 0) AS revenue
                FROM accounts a LEFT JOIN sales sa USING (customer_id) LEFT JOIN service sv USING (customer_id) LEFT JOIN events ev USING (customer_id)
            ), driver_totals AS (
                SELECT sum(orders) AS orders, sum(lines) AS lines, sum(units) AS units, sum(shipments) AS shipments, sum(returns) AS returns,
                       sum(expedites) AS expedites, sum(complaints) AS complaints, sum(weight_kg) AS weight_kg, sum(freight) AS freight,
                       sum(customers) AS customers, sum(revenue) AS revenue
                FROM drivers
            ), cost AS (
                -- Activity-based costing (DEFINITIONS.md cost-to-serve): rate = pool cost for the window / total driver volume.
                SELECT d.customer_id, sum(p.annual_cost * {windowYears} *
                    CASE p.driver {string.Concat(MetricsOptions.CostDrivers.Select(k => $"WHEN '{k}' THEN d.{k} / nullif(t.{k}, 0) "))} END) AS cost_to_serve
                FROM drivers d CROSS JOIN driver_totals t CROSS JOIN {t.Schema}.cost_pools p
                GROUP BY d.customer_id
            )
            SELECT a.customer_id, c.name, c.parent_id, c.country, c.region, c.channel,
                round(coalesce(sa.revenue, 0), 2) AS revenue,
                round(sa.cost_of_goods, 2) AS cost_of_goods,
                round(coalesce(sa.revenue, 0) - sa.cost_of_goods, 2) AS gross_margin,
                round((coalesce(sa.revenue, 0) - sa.cost_of_goods) / nullif(sa.revenue, 0), 4) AS gross_margin_pct,
                coalesce(sa.orders, 0) AS orders, coalesce(sa.lines, 0) AS lines, coalesce(sa.units, 0) AS units,
                round(sa.gross_revenue / nullif(sa.orders, 0), 2) AS avg_order_value,
                round(sa.lines / nullif(sa.orders, 0), 3) AS lines_per_order,
                round(sa.units / nullif(sa.lines, 0), 3) AS units_per_line,
                round(coalesce(sa.orders, 0) / coalesce(sa.active_months, 1.0), 4) AS orders_per_month,
                round(iv.mean_interorder_days, 2) AS mean_interorder_days,
                date_diff('day', sa.last_order_date, {Date(o.AsOf)}) AS recency_days,
                date_diff('day', t.first_ever_order, {Date(o.AsOf)}) AS tenure_days,
                sa.first_order_date, sa.last_order_date,
                coalesce(v.periods, 0) AS periods, round(v.demand_cv, 4) AS demand_cv, round(v.adi, 4) AS adi, round(v.cv2, 4) AS cv2,
                CASE WHEN v.demand_periods IS NULL OR v.demand_periods = 0 THEN NULL
                     WHEN v.adi < {Sql.Num(cutoffs.Adi)} AND coalesce(v.cv2, 0) < {Sql.Num(cutoffs.Cv2)} THEN 'smooth'
                     WHEN v.adi < {Sql.Num(cutoffs.Adi)} THEN 'erratic'
                     WHEN coalesce(v.cv2, 0) < {Sql.Num(cutoffs.Cv2)} THEN 'intermittent'
                     ELSE 'lumpy' END AS demand_class,
                coalesce(sa.return_lines, 0) AS return_lines, coalesce(sa.returned_units, 0) AS returned_units,
                round(coalesce(sa.returned_value, 0), 2) AS returned_value,
                round(coalesce(sa.returned_units, 0) / nullif(sa.units, 0), 4) AS return_rate,
                coalesce(ev.expedites, 0) AS expedites, round(coalesce(ev.expedites, 0) / nullif(sa.orders, 0), 4) AS expedite_rate,
                coalesce(ev.complaints, 0) AS complaints, round(coalesce(ev.complaints, 0) / nullif(sa.orders, 0), 4) AS complaint_rate,
                coalesce(sv.orders_with_shipments, 0) AS orders_with_shipments,
                round(sv.on_time_rate, 4) AS on_time_rate, round(sv.in_full_rate, 4) AS in_full_rate, round(sv.otif_rate, 4) AS otif_rate,
                round(sa.requested_lead_time_days, 2) AS requested_lead_time_days,
                round(sa.drop_ship_share, 4) AS drop_ship_share,
                round(coalesce(co.cost_to_serve, 0), 2) AS cost_to_serve,
                round(coalesce(co.cost_to_serve, 0) / nullif(sa.revenue, 0), 4) AS cost_to_serve_pct
            FROM accounts a
            LEFT JOIN {t.Schema}.customers c ON c.customer_id = a.customer_id
            LEFT JOIN sales sa ON sa.customer_id = a.customer_id
            LEFT JOIN tenure t ON t.customer_id = a.customer_id
            LEFT JOIN intervals iv ON iv.customer_id = a.customer_id
            LEFT JOIN variability v ON v.customer_id = a.customer_id
            LEFT JOIN service sv ON sv.customer_id = a.customer_id
            LEFT JOIN events ev ON ev.customer_id = a.customer_id
            LEFT JOIN cost co ON co.customer_id = a.customer_id
            ORDER BY a.customer_id
            """);
    }
}
