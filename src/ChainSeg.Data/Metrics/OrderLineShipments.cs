namespace ChainSeg.Data.Metrics;

/// <summary>
/// The SQL that lets <see cref="MetricFacts"/>' order statistics judge order lines (<c>metrics.otif.level: line</c>) with
/// the same statement: each order line (order id + SKU) takes the place of an order, keyed in the column <c>order_id</c>,
/// and its shipments are its order's shipments of that SKU.
/// </summary>
/// <remarks>
/// A line of an order with shipments but none of its SKU (known at a snapshot) gets one empty shipment: 0 units, undelivered,
/// at the latest promise of its order's shipments known then. So it is not in full and, once that promise is past, late
/// (open while its rest is not yet due), where without a shipment it would be left out as an order without shipments is.
/// Shipments of an SKU the order lacks belong to no line. An order with a shipment without SKU has no line that shipment can
/// be matched to: its lines are left out (unknown) rather than judged on the order's totals, which would give each line the
/// order's verdict.
/// </remarks>
internal sealed class OrderLineShipments(string schema)
{
    /// <summary>The shipments keyed by line, empty shipments of the lines never shipped included (a CTE of <see cref="Ctes"/>).</summary>
    public const string Shipments = "line_shipments";

    /// <summary>SQL of a line's key from a row with order_id and sku: the order id's length first, so no two pairs of ids spell one key.</summary>
    public static string Key(string alias) => $"(length({alias}.order_id)::VARCHAR || ':' || {alias}.order_id || {alias}.sku)";

    /// <summary>SQL condition on the order lines <c>l</c>: the order has no shipment without SKU.</summary>
    public string Tracked => $" AND l.order_id NOT IN (SELECT order_id FROM {schema}.shipments WHERE sku IS NULL)";

    /// <summary>
    /// CTEs (each followed by a comma and a line break) to open the statement's WITH: <c>unshipped</c>, every positive line of an order with
    /// shipments whose first shipment of its SKU came after its order's first (first_known; null when never), and
    /// <see cref="Shipments"/>, the shipments by line with an empty one for each line never shipped.
    /// </summary>
    public string Ctes => $"""
        unshipped AS (
                SELECT {Key("l")} AS order_id, l.order_id AS raw_order_id, l.sku, o.first_event, o.promised_last, s.first_known
                FROM (SELECT DISTINCT order_id, sku FROM {schema}.order_lines WHERE quantity > 0) l
                JOIN (
                    SELECT order_id, min({MetricFacts.KnownFrom("sh")}) AS first_event, max(sh.promised_date) AS promised_last
                    FROM {schema}.shipments sh GROUP BY order_id
                ) o USING (order_id)
                LEFT JOIN (SELECT order_id, sku, min({MetricFacts.KnownFrom("sh")}) AS first_known FROM {schema}.shipments sh GROUP BY order_id, sku) s USING (order_id, sku)
                WHERE s.first_known IS NULL OR s.first_known > o.first_event
            ), {Shipments} AS (
                SELECT {Key("sh")} AS order_id, sh.sku, sh.shipment_id, sh.quantity_shipped, sh.freight_cost, sh.ship_date, sh.promised_date, sh.delivered_date
                FROM {schema}.shipments sh WHERE sh.sku IS NOT NULL
                UNION ALL
                SELECT order_id, sku, NULL, 0, NULL, first_event, promised_last, NULL FROM unshipped WHERE first_known IS NULL
            ),

        """;

    /// <summary>
    /// A CTE (followed by a comma and a line break) of the latest promise per order and snapshot k among the shipments the snapshot knew, for
    /// the orders of the general lines without a shipment of their SKU then.
    /// </summary>
    public string OrderKnown(string knownBy, int snapshots) => $"""
        order_known AS (
                SELECT x.order_id, w.k, max(x.promised_date) AS promised_last
                FROM {schema}.shipments x CROSS JOIN range({snapshots}) w(k)
                WHERE x.order_id IN (SELECT raw_order_id FROM unshipped WHERE order_id IN (SELECT order_id FROM general))
                    AND {MetricFacts.KnownFrom("x")} <= {knownBy}[w.k + 1]
                GROUP BY x.order_id, w.k
            ),

        """;

    /// <summary>
    /// Rows to add to <c>known</c> (UNION ALL first): the empty shipment of each general line at each snapshot that knew a
    /// shipment of its order but none of its SKU; <paramref name="promise"/> is the promised_date expression (the order's
    /// latest known promise, <c>x.promised_last</c>, or the requested date) and <paramref name="join"/> any join it needs.
    /// </summary>
    public static string EmptyKnown(string knownBy, int snapshots, string promise, string join) => $"""

                UNION ALL
                SELECT sh.order_id, CAST(w.k AS INTEGER) AS k, sh.sku, NULL, 0, NULL, {promise} AS promised_date, NULL, NULL
                FROM unshipped sh CROSS JOIN range({snapshots}) w(k) JOIN order_known x ON x.order_id = sh.raw_order_id AND x.k = w.k{join}
                WHERE sh.order_id IN (SELECT order_id FROM general) AND (sh.first_known IS NULL OR sh.first_known > {knownBy}[w.k + 1])
        """;
}
