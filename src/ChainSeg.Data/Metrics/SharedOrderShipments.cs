namespace ChainSeg.Data.Metrics;

/// <summary>
/// The SQL that splits the shipments of an order id several customers share (each judged as its own order with the general
/// orders, see <see cref="MetricFacts"/>) among them, so freight, shipment rows, deliveries and units shipped are not each
/// customer's whole order: a customer's freight was the order's, charged once per customer.
/// </summary>
/// <remarks>
/// Per snapshot, among the customers with units of the order in its window: a shipment row's freight goes to the customer
/// whose line has its SKU; a row of an SKU several of them ordered splits by their units of it, and one of an SKU none of
/// them ordered, or without SKU, by their units of the order. Each row counts (shipment rows, direct_cost_missing, units
/// shipped) for one customer, the one with the largest share (ties by id), so the rows add up to the export's; a shipment
/// is a delivery to each customer a row of it counts for. Only the shared orders (rare) take this path.
/// </remarks>
internal static class SharedOrderShipments
{
    // The alias of the split joined to the general orders' lines.
    private const string Alias = "x";

    /// <summary>
    /// CTEs (each followed by a comma and a line break) over <c>general</c> (with its <c>shared</c> flag), <c>lines_by_sku</c>
    /// (the window columns <c>ordered_k</c>) and <c>known</c> (the shipments each snapshot knew): <c>shared_split</c>, per
    /// customer, shared order and snapshot, its freight, shipment rows, those without freight, deliveries and units shipped.
    /// </summary>
    public static string Ctes(int snapshots) => $"""
        shared_units AS (
                SELECT * FROM (
                    SELECT customer_id, order_id, sku, CAST(w.k AS INTEGER) AS k,
                        [{string.Join(", ", Enumerable.Range(0, snapshots).Select(k => $"ordered_{k}"))}][w.k + 1] AS ordered
                    FROM lines_by_sku CROSS JOIN range({snapshots}) w(k) WHERE order_id IN (SELECT order_id FROM general WHERE shared)
                ) WHERE ordered > 0
            ), shared_customers AS (
                SELECT customer_id, order_id, k, sum(ordered) / sum(sum(ordered)) OVER (PARTITION BY order_id, k) AS of_order
                FROM shared_units GROUP BY customer_id, order_id, k
            ), shared_known AS (
                -- sku_units: the customers' units of the row's SKU, null when none ordered it (or it names none).
                SELECT sh.order_id, sh.k, sh.sku, sh.shipment_id, sh.freight_cost, sh.quantity_shipped, g.units AS sku_units, row_number() OVER () AS row_id
                FROM known sh LEFT JOIN (SELECT order_id, k, sku, sum(ordered) AS units FROM shared_units GROUP BY ALL) g USING (order_id, k, sku)
                WHERE sh.order_id IN (SELECT order_id FROM general WHERE shared)
            ), shared_rows AS (
                SELECT sh.*, c.customer_id,
                    CASE WHEN sh.sku_units IS NULL THEN c.of_order ELSE coalesce(u.ordered, 0) / sh.sku_units END AS share
                FROM shared_known sh JOIN shared_customers c USING (order_id, k)
                LEFT JOIN shared_units u ON u.customer_id = c.customer_id AND u.order_id = sh.order_id AND u.k = sh.k AND u.sku = sh.sku
            ), shared_split AS (
                SELECT customer_id, order_id, k, coalesce(sum(freight_cost * share), 0) AS freight,
                    count(CASE WHEN counted THEN 1 END) AS shipment_rows, count(CASE WHEN counted AND freight_cost IS NULL THEN 1 END) AS unfreighted,
                    count(DISTINCT CASE WHEN counted THEN shipment_id END) AS shipments, coalesce(sum(CASE WHEN counted THEN quantity_shipped END), 0) AS shipped
                FROM (SELECT *, row_number() OVER (PARTITION BY row_id ORDER BY share DESC, customer_id) = 1 AS counted FROM shared_rows)
                GROUP BY customer_id, order_id, k
            ),

        """;

    /// <summary>SQL joining <c>shared_split</c> to the rows of <paramref name="orders"/> (customer_id, order_id, k).</summary>
    public static string Join(string orders) =>
        $" LEFT JOIN shared_split {Alias} ON {Alias}.customer_id = {orders}.customer_id AND {Alias}.order_id = {orders}.order_id AND {Alias}.k = {orders}.k";

    /// <summary>SQL of a split column (freight, shipment_rows, unfreighted, shipments, shipped): the customer's share of a shared order, else the order's (<c>s</c>).</summary>
    public static string Charged(string column) => $"CASE WHEN {Alias}.k IS NULL THEN s.{column} ELSE {Alias}.{column} END";
}
