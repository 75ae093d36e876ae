using DuckDB.NET.Data;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;

namespace ChainSeg.Bench;

/// <summary>
/// The least SQL that yields what issue 3's customer metrics name, on a store an earlier run left, so the metrics stage
/// can be measured against a floor rather than against its own history: lines grouped by order, shipments grouped by
/// order, their join summed per customer and month, and one snapshot per period end summed from those months. It does
/// less than the product on purpose (in full is judged on the order total, not per SKU; no hierarchy, events, costs or
/// product classes), so its time is a lower bound for the stage, not a rival to it.
/// </summary>
public static class MetricsFloorBenchmark
{
    /// <summary>Entry point: <c>metrics-floor --store FILE [--period-ends N]</c>.</summary>
    public static int Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var store = Arg("--store") ?? throw new ArgumentException("--store FILE (a store a run left) is required.");
        var periodEnds = int.Parse(Arg("--period-ends") ?? "4", System.Globalization.CultureInfo.InvariantCulture);
        using var connection = new DuckDBConnection($"Data Source={store};ACCESS_MODE=READ_ONLY");
        connection.Open();
        // As the store runs: the same memory limit and threads, so a step that spills here spills there.
        connection.Execute("SET memory_limit = '1536MB'");
        connection.Execute("SET threads = 2");
        var schema = connection.Scalar("SELECT run_id FROM runs WHERE is_current") is string runId ? ChainSegStore.SchemaOf(runId)
            : throw new InvalidOperationException($"{store} has no current run.");
        var lines = $"{Sql.Id(schema)}.order_lines";
        var shipments = $"{Sql.Id(schema)}.shipments";
        var asOf = (string)connection.Scalar($"SELECT max(order_date)::DATE::VARCHAR FROM {lines}")!;
        Console.WriteLine($"metrics floor on {store} ({schema}, as_of {asOf}, {periodEnds} period ends, DuckDB threads=2)");

        double cpu = 0;
        cpu += Step("lines by order", $"""
            CREATE TEMP TABLE floor_orders AS
            SELECT order_id, min(customer_id) AS customer_id, min(customer_id) <> max(customer_id) AS shared,
                   min(order_date)::DATE AS order_day, count(*) AS lines,
                   sum(quantity) FILTER (WHERE quantity > 0) AS units,
                   sum(coalesce(net_amount, quantity * unit_price)) AS revenue,
                   sum(margin_amount) AS margin,
                   count(*) FILTER (WHERE quantity < 0) AS return_lines,
                   avg(requested_date - order_date::DATE) AS requested_days
            FROM {lines} GROUP BY order_id
            """);
        cpu += Step("shipments by order", $"""
            CREATE TEMP TABLE floor_shipped AS
            SELECT order_id, count(*) AS shipments, sum(quantity_shipped) AS shipped, sum(quantity_ordered) AS ordered,
                   max(delivered_date) AS delivered, min(promised_date) AS promised, sum(freight_cost) AS freight
            FROM {shipments} GROUP BY order_id
            """);
        cpu += Step("orders joined, per customer and day", """
            CREATE TEMP TABLE floor_days AS
            SELECT o.customer_id, o.order_day,
                   count(*) AS orders, sum(o.lines) AS lines, sum(o.units) AS units, sum(o.revenue) AS revenue,
                   sum(o.margin) AS margin, sum(o.return_lines) AS return_lines, sum(o.requested_days) AS requested_days,
                   count(s.order_id) AS orders_shipped, sum(s.shipments) AS shipments, sum(s.freight) AS freight,
                   count(*) FILTER (WHERE s.delivered <= s.promised) AS on_time,
                   count(*) FILTER (WHERE s.shipped >= s.ordered) AS in_full,
                   count(*) FILTER (WHERE s.delivered <= s.promised AND s.shipped >= s.ordered) AS otif
            FROM floor_orders o LEFT JOIN floor_shipped s USING (order_id)
            GROUP BY ALL
            """);
        // Demand per customer and month, for variability and intermittency: the one figure a monthly grain is needed for.
        cpu += Step("units per customer and month", """
            CREATE TEMP TABLE floor_months AS
            SELECT customer_id, date_trunc('month', order_day)::DATE AS month, sum(units) AS units
            FROM floor_days GROUP BY ALL
            """);
        for (var end = 0; end < periodEnds; end++)
        {
            // Period ends a quarter apart, each with a twelve-month window of whole months, as the stability snapshots.
            var last = $"(date_trunc('month', DATE '{asOf}') - INTERVAL {3 * end} MONTH)::DATE";
            var first = $"({last} - INTERVAL 11 MONTH)::DATE";
            var lastDay = $"({last} + INTERVAL 1 MONTH - INTERVAL 1 DAY)::DATE";
            cpu += Step($"snapshot {end + 1} (12 months to {end * 3} months back)", $"""
                CREATE TEMP TABLE floor_snapshot_{end} AS
                WITH days AS (
                    SELECT customer_id, sum(orders) AS orders, sum(lines) AS lines, sum(units) AS units, sum(revenue) AS revenue,
                           sum(margin) AS margin, count(*) AS order_days, min(order_day) AS first_day, max(order_day) AS last_day,
                           sum(return_lines) AS return_lines, sum(requested_days) AS requested_days,
                           sum(orders_shipped) AS orders_shipped, sum(shipments) AS shipments, sum(freight) AS freight,
                           sum(on_time) AS on_time, sum(in_full) AS in_full, sum(otif) AS otif
                    FROM floor_days WHERE order_day BETWEEN {first} AND {lastDay} GROUP BY customer_id
                ), months AS (
                    SELECT customer_id, sum(units * units) AS units_squared, count(*) FILTER (WHERE units > 0) AS demand_months
                    FROM floor_months WHERE month BETWEEN {first} AND {last} GROUP BY customer_id
                )
                SELECT customer_id, orders, lines, units, revenue, margin, revenue / nullif(orders, 0) AS avg_order_value,
                       lines / orders AS lines_per_order, orders / 12.0 AS orders_per_month,
                       (last_day - first_day) / nullif(order_days - 1, 0) AS mean_interorder_days,
                       {lastDay} - last_day AS recency, requested_days / orders AS requested_lead_time,
                       sqrt(greatest(units_squared / 12.0 - (units / 12.0) ^ 2, 0)) / nullif(units / 12.0, 0) AS demand_cv,
                       12.0 / demand_months AS adi, return_lines / lines AS return_rate,
                       otif / nullif(orders_shipped, 0) AS otif_rate, on_time / nullif(orders_shipped, 0) AS on_time_rate,
                       in_full / nullif(orders_shipped, 0) AS in_full_rate, shipments / orders AS deliveries_per_order, freight
                FROM days JOIN months USING (customer_id)
                """);
        }
        Console.WriteLine($"  metrics floor: {cpu:F2} s cpu in all (two cores give 20 s cpu in 10 s wall)");
        return 0;

        double Step(string name, string sql)
        {
            var (wall, used) = CpuClock.Time(() => connection.Execute(sql));
            var rows = connection.ScalarLong($"SELECT count(*) FROM {sql.Split(' ', StringSplitOptions.RemoveEmptyEntries)[3]}");
            Console.WriteLine($"  {name,-44} {wall,7:F2} s wall {used,7:F2} s cpu {rows,12:N0} rows");
            return used;
        }
    }
}
