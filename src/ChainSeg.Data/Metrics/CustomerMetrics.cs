using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>Per-customer metrics computed by SQL inside the store (never row by row in C#).</summary>
public static class CustomerMetrics
{
    /// <summary>Line revenue: net_amount when the export carries it, else quantity × unit_price (ARCHITECTURE.md §3).</summary>
    public const string LineRevenue = "coalesce(net_amount, quantity * unit_price)";

    /// <summary>Creates <c>customer_metrics</c> in the run schema, one row per customer in the master table or the order lines; returns its row count.</summary>
    public static long Create(DuckDBConnection connection, string runSchema, DateOnly asOf)
    {
        var s = Sql.Id(runSchema);
        var asOfLiteral = Sql.Str(asOf.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.customer_metrics AS
            WITH lines AS (
                SELECT customer_id, order_id, quantity, {LineRevenue} AS revenue, order_date
                FROM {s}.order_lines WHERE CAST(order_date AS DATE) <= DATE {asOfLiteral}
            ), per_customer AS (
                SELECT customer_id,
                    round(sum(revenue), 2) AS revenue,
                    count(DISTINCT order_id) FILTER (WHERE quantity > 0) AS orders,
                    count(*) FILTER (WHERE quantity > 0) AS lines,
                    coalesce(sum(quantity) FILTER (WHERE quantity > 0), 0) AS units,
                    CAST(min(order_date) AS DATE) AS first_order_date,
                    CAST(max(order_date) AS DATE) AS last_order_date,
                    count(*) FILTER (WHERE quantity < 0) AS return_lines,
                    coalesce(-sum(quantity) FILTER (WHERE quantity < 0), 0) AS returned_units,
                    round(coalesce(-sum(revenue) FILTER (WHERE quantity < 0), 0), 2) AS returned_value
                FROM lines GROUP BY customer_id
            ), everyone AS (
                SELECT customer_id FROM {s}.customers UNION SELECT customer_id FROM per_customer
            )
            SELECT e.customer_id,
                coalesce(p.revenue, 0) AS revenue, coalesce(p.orders, 0) AS orders, coalesce(p.lines, 0) AS lines,
                coalesce(p.units, 0) AS units, p.first_order_date, p.last_order_date,
                coalesce(p.return_lines, 0) AS return_lines, coalesce(p.returned_units, 0) AS returned_units,
                coalesce(p.returned_value, 0) AS returned_value
            FROM everyone e LEFT JOIN per_customer p USING (customer_id)
            ORDER BY e.customer_id
            """);
        return connection.ScalarLong($"SELECT count(*) FROM {s}.customer_metrics");
    }

    /// <summary>The default reference date: the latest order date in the data (never the clock).</summary>
    public static DateOnly? LatestOrderDate(DuckDBConnection connection, string runSchema) =>
        connection.Scalar($"SELECT CAST(max(order_date) AS DATE) FROM {Sql.Id(runSchema)}.order_lines") switch
        {
            DateOnly d => d,
            DateTime dt => DateOnly.FromDateTime(dt),
            _ => null,
        };
}
