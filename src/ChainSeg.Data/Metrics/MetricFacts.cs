using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// The passes over order lines and shipments that every snapshot of one batch shares (see
/// <see cref="CustomerMetrics.CreateSnapshots"/>). The snapshots' window starts and ends cut the calendar into segments,
/// each lying wholly inside or outside every window, so a window's sums are sums over its segments: lines are summed once
/// per customer and segment (cells), per customer, period and segment (order days and the periods' demand, from sums per
/// day) and per customer and order (orders and service, per segment or, for the orders a boundary splits, per snapshot),
/// and service events per customer and segment, instead of one pass over the lines per snapshot. The tables are temporary
/// (connection-scoped) and dropped by <see cref="Drop"/>.
/// </summary>
/// <remarks>
/// Conditional sums are written <c>sum(CASE WHEN c THEN x END)</c> rather than <c>sum(x) FILTER (WHERE c)</c>: the same
/// values (a row that fails c adds nothing either way), but DuckDB evaluates each FILTER clause separately for its
/// aggregate, and with dozens of them over 10 M lines or millions of orders the CASE form takes about 15 % less CPU.
/// </remarks>
internal sealed class MetricFacts
{
    private readonly DuckDBConnection _connection;
    private readonly string _schema;
    private readonly IReadOnlyList<MetricsOptions> _windows;
    private readonly List<DateOnly> _boundaries;
    private readonly DateOnly _knownThrough;

    /// <summary>
    /// Plans the facts for the given snapshot windows; nothing is computed until <see cref="Build"/>. A snapshot before
    /// <paramref name="runAsOf"/> (default: the latest as-of date of the windows) judges service with what was known at its date.
    /// </summary>
    public MetricFacts(DuckDBConnection connection, string quotedSchema, IReadOnlyList<MetricsOptions> windows, DateOnly? runAsOf = null)
    {
        _connection = connection;
        _schema = quotedSchema;
        _windows = windows;
        var last = windows.Max(w => w.AsOf);
        _knownThrough = runAsOf > last ? runAsOf.Value : last;
        // Segment s holds the days d with exactly s boundaries ≤ d: window k is the segments [Segment(start), Segment(as_of)].
        _boundaries = windows.SelectMany(w => new[] { w.WindowStart, w.AsOf.AddDays(1) }).Distinct().Order().ToList();
    }

    /// <summary>Line sums per customer (or account) and segment.</summary>
    public static string Cells(bool rollUp) => "temp.main.chainseg_metric_cells" + (rollUp ? "_accounts" : "");

    /// <summary>
    /// Positive units (null without a positive line), revenue and order days (days with a positive line) per customer (or
    /// account), period and segment: one row per customer and period unless a window boundary splits the period.
    /// </summary>
    public static string Periods(bool rollUp) => "temp.main.chainseg_metric_periods" + (rollUp ? "_accounts" : "");

    /// <summary>
    /// Expedite, complaint and order change events per customer (or account), segment of the event date and changed order
    /// (<c>changed_order</c>: the order an order_change event names; null for the other events and for a change naming no known order).
    /// </summary>
    public static string Events(bool rollUp) => "temp.main.chainseg_metric_events" + (rollUp ? "_accounts" : "");

    /// <summary>
    /// Orders and service flag sums per customer (or account): per segment <c>seg</c> for the orders lying wholly in one, and
    /// per snapshot <c>k</c> (seg null) for the orders a window boundary splits; snapshot k sums <see cref="OrderStatsIn"/>.
    /// </summary>
    public static string OrderStats(bool rollUp) => "temp.main.chainseg_metric_order_stats" + (rollUp ? "_accounts" : "");

    /// <summary>
    /// Under <c>metrics.otif.level: line</c>, the service flag sums of <see cref="OrderStats"/> judged per order line (order id
    /// + SKU) instead of per order, in the same rows (seg, k); its orders, shipments, freight and shipped columns count lines and are not read.
    /// </summary>
    public static string LineStats(bool rollUp) => "temp.main.chainseg_metric_line_stats" + (rollUp ? "_accounts" : "");

    /// <summary>SQL of the date from which a shipment (alias <paramref name="shipment"/>) is known to a snapshot: shipped, else delivered; always without either.</summary>
    public static string KnownFrom(string shipment) => $"coalesce({shipment}.ship_date, {shipment}.delivered_date, DATE '0001-01-01')";

    /// <summary>SQL condition on <see cref="OrderStats"/>: the row counts towards snapshot <paramref name="k"/>.</summary>
    public string OrderStatsIn(int k) => $"((k IS NULL AND {InWindow(k)}) OR k = {k})";

    /// <summary>The segment a date falls in.</summary>
    public int Segment(DateOnly day) => _boundaries.Count(b => b <= day);

    /// <summary>First and last segment of snapshot <paramref name="k"/>'s window.</summary>
    public (int Low, int High) Window(int k) => (Segment(_windows[k].WindowStart), Segment(_windows[k].AsOf));

    /// <summary>SQL giving the segment of a DATE expression.</summary>
    public string SegmentOf(string day) => _boundaries.Count == 0
        ? "0"
        : "(" + string.Join(" + ", _boundaries.Select(b => $"({day} >= {CustomerMetrics.Date(b)})::INTEGER")) + ")";

    /// <summary>SQL condition: the segment column <paramref name="segment"/> lies in snapshot <paramref name="k"/>'s window.</summary>
    public string InWindow(int k, string segment = "seg")
    {
        var (low, high) = Window(k);
        return $"{segment} BETWEEN {low} AND {high}";
    }

    /// <summary>
    /// Builds the tables of each roll-up in <paramref name="accountsByRollUp"/> (roll-up → its customer_accounts table),
    /// calling <paramref name="createAccounts"/> (roll-up, a query of the customer ids the order lines name with each one's
    /// first line date, <c>customer_id, first_line_date</c>) when a roll-up's map is needed: after the line sums without
    /// roll-up, whose ids it reads instead of the 10 M lines (0.15 s instead of 0.35-0.42 at 200 k customers), and before
    /// those with roll-up, which read the map.
    /// </summary>
    public void Build(IReadOnlyDictionary<bool, string> accountsByRollUp, Action<bool, string> createAccounts)
    {
        var lineCustomers = $"SELECT customer_id, min(CAST(order_date AS DATE)) AS first_line_date FROM {_schema}.order_lines GROUP BY customer_id";
        foreach (var (rollUp, accounts) in accountsByRollUp)
        {
            var (customer, join) = rollUp ? ("a.account_id", $"JOIN {accounts} a USING (customer_id)") : ("l.customer_id", "");
            if (rollUp)
                createAccounts(rollUp, lineCustomers);
            CreateCells(rollUp, customer, join);
            if (!rollUp)
                createAccounts(rollUp, lineCustomers = $"SELECT customer_id, min(first_line_date) AS first_line_date FROM {Cells(rollUp)} GROUP BY customer_id");
            CreatePeriods(rollUp, customer, join);
            CreateOrderStats(rollUp, customer, join);
            if (ByLine)
                CreateOrderStats(rollUp, customer, join, byLine: true);
            CreateEvents(rollUp, accounts);
        }
    }

    /// <summary>The date of the data's first order line (the cells hold every line), or null without lines; read after <see cref="Build"/>.</summary>
    public DateOnly? FirstLine() => CustomerMetrics.DateOf(_connection.Scalar($"SELECT min(first_line_date) FROM {Cells(_windows[0].RollUpHierarchy)}"));

    /// <summary>Drops every table the facts created.</summary>
    public void Drop()
    {
        // The line tables only where made: the default path's statements stay those it had before otif.line existed.
        foreach (var table in new[] { false, true }.SelectMany(r => new[] { Cells(r), Periods(r), OrderStats(r) }.Concat(ByLine ? [LineStats(r)] : []).Append(Events(r))))
            _connection.Execute($"DROP TABLE IF EXISTS {table}");
    }

    // An order's last delivery and whether every shipment of it was delivered (its cycle time ends there), over shipments `sh`.
    private const string Delivered = "max(sh.delivered_date) AS delivered_last, count(sh.delivered_date) = count(*) AS delivered_all";

    private DateOnly LastDay => _windows.Max(w => w.AsOf);

    // otif.line: the service flags are judged per order line too (LineStats).
    private bool ByLine => _windows[0].Otif.Level == OtifLevel.Line;

    private DateOnly FirstDay => _windows.Min(w => w.WindowStart);

    private string Bucket => _windows[0].Bucket;

    /// <summary>
    /// The period starts of the bucket whose period a window boundary splits (a boundary that is not a period start):
    /// only these periods have more than one row per customer in <see cref="Periods"/>.
    /// </summary>
    public IReadOnlyList<DateOnly> SplitPeriods => _boundaries.Select(_windows[0].BucketStart).Where((start, i) => start != _boundaries[i]).Distinct().ToList();

    // Additive line figures per customer (account) and segment; every line, so tenure (first order in all history) is a
    // minimum over the segments up to a snapshot's as-of date, and every customer the lines name is here (lines after
    // the last as-of date fall in the last segment, which no window holds). Rolled up, per account, member customer and
    // segment: a window's served customers (the `customers` cost driver) are the account's members with a line in it,
    // so an account carries what its customers do apart.
    private void CreateCells(bool rollUp, string customer, string join) =>
        _connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE {Cells(rollUp)} AS
            SELECT customer_id, {(rollUp ? "member, " : "")}seg,
                sum(revenue) AS revenue,
                sum(CASE WHEN quantity > 0 THEN revenue END) AS gross_revenue,
                sum(cost_of_goods) AS cost_of_goods,
                count(CASE WHEN cost_of_goods IS NULL THEN 1 END) AS uncosted_lines,
                count(CASE WHEN quantity > 0 THEN 1 END) AS lines,
                sum(CASE WHEN quantity > 0 THEN quantity END) AS units,
                sum(CASE WHEN quantity > 0 THEN weight_kg END) AS weight_kg,
                sum(CASE WHEN quantity > 0 AND list_value > 0 THEN list_value END) AS list_value,
                sum(CASE WHEN quantity > 0 AND list_value > 0 THEN revenue END) AS listed_revenue,
                min(CASE WHEN quantity > 0 THEN order_day END) AS first_order_date,
                max(CASE WHEN quantity > 0 THEN order_day END) AS last_order_date,
                min(order_day) AS first_line_date,
                count(CASE WHEN quantity < 0 THEN 1 END) AS return_lines,
                sum(CASE WHEN quantity < 0 THEN quantity END) AS returned_quantity,
                sum(CASE WHEN quantity < 0 THEN revenue END) AS returned_revenue,
                sum(CASE WHEN requested_date IS NOT NULL AND quantity > 0 THEN date_diff('day', order_day, requested_date) END) AS lead_days,
                count(CASE WHEN requested_date IS NOT NULL AND quantity > 0 THEN 1 END) AS lead_lines,
                count(CASE WHEN drop_ship AND quantity > 0 THEN 1 END) AS drop_ship_lines
            FROM (
                SELECT {customer} AS customer_id, l.customer_id AS member, l.quantity, {CustomerMetrics.LineRevenue} AS revenue,
                    {CustomerMetrics.LineCostOfGoods} AS cost_of_goods,
                    l.quantity * p.weight_kg AS weight_kg, l.quantity * p.unit_price AS list_value, CAST(l.order_date AS DATE) AS order_day, l.requested_date,
                    loc.drop_ship, {SegmentOf("CAST(l.order_date AS DATE)")} AS seg
                FROM {_schema}.order_lines l {join}
                LEFT JOIN {_schema}.products p USING (sku)
                LEFT JOIN (
                    -- Types as exports write them ('Supplier', 'Drop Ship', 'drop-ship'): only the exact lower-case spellings
                    -- counted, so a supplier location read as 0 % drop ship. Classified once per location, not per line.
                    SELECT location_id, regexp_replace(lower(type), '[^a-z]', '', 'g') IN ('supplier', 'vendor', 'dropship') AS drop_ship
                    FROM {_schema}.locations
                ) loc USING (location_id)
            )
            GROUP BY customer_id, {(rollUp ? "member, " : "")}seg
            """);

    // Per customer (account), period and segment in the union of the windows: the order days and the periods' demand.
    // Lines are summed per day first (a period's demand is the sum of its days', as in customer_period_demand), and the
    // days per period, so each snapshot reads one row per customer and period instead of one per order day.
    private void CreatePeriods(bool rollUp, string customer, string join) =>
        _connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE {Periods(rollUp)} AS
            SELECT customer_id, CAST(date_trunc({Sql.Str(Bucket)}, order_day) AS DATE) AS period_start, {SegmentOf("order_day")} AS seg,
                sum(units) AS units, sum(revenue) AS revenue, count(units) AS order_days
            FROM (
                SELECT {customer} AS customer_id, CAST(l.order_date AS DATE) AS order_day,
                    sum(CASE WHEN l.quantity > 0 THEN l.quantity END) AS units, sum({CustomerMetrics.LineRevenue}) AS revenue
                FROM {_schema}.order_lines l {join}
                WHERE CAST(l.order_date AS DATE) BETWEEN {CustomerMetrics.Date(FirstDay)} AND {CustomerMetrics.Date(LastDay)}
                GROUP BY ALL
            )
            GROUP BY ALL
            """);

    // Service events per customer (account) and segment, of the dates in the union of the windows, with their cost (a direct
    // cost, DirectCosts.ServiceEvents; an event without one adds nothing, and is counted for direct_cost_missing). Order changes are kept
    // per order changed too, so a window counts an order changed on both sides of a period end once (count(DISTINCT) over
    // its segments): one row more per changed order, in the same pass over the events.
    private void CreateEvents(bool rollUp, string accounts) =>
        _connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE {Events(rollUp)} AS
            SELECT a.account_id AS customer_id, {SegmentOf("e.event_date")} AS seg,
                CASE WHEN e.event_type = 'order_change' THEN e.order_id END AS changed_order,
                count(CASE WHEN e.event_type = 'expedite' THEN 1 END) AS expedites, count(CASE WHEN e.event_type = 'complaint' THEN 1 END) AS complaints,
                count(CASE WHEN e.event_type = 'order_change' THEN 1 END) AS order_changes, sum(e.cost) AS event_cost,
                -- The events with a cost to record and those of them without one, charged as 0 (direct_cost_missing). An order
                -- change without a cost is none: a change log records the change, not its cost.
                count(CASE WHEN e.cost IS NOT NULL OR e.event_type <> 'order_change' THEN 1 END) AS costable_events,
                count(CASE WHEN e.cost IS NULL AND e.event_type <> 'order_change' THEN 1 END) AS uncosted_events
            FROM {_schema}.service_events e JOIN {accounts} a USING (customer_id)
            WHERE e.event_date BETWEEN {CustomerMetrics.Date(FirstDay)} AND {CustomerMetrics.Date(LastDay)}
            GROUP BY ALL
            """);

    // Orders with a positive line and, over those with shipments, the service flags (DEFINITIONS.md otif.order: every
    // shipment in the window around the promise; in full when every line's SKU was shipped up to its quantity ordered in
    // the window, or, for an order with a shipment that names no SKU, when the order's total was), summed per customer
    // (account). An order whose positive lines lie in one segment is in a window whole or not at all, so it is counted and
    // its flags summed once per segment, and a snapshot adds up its window's segments; only the general orders (spread over
    // segments, that is lines on days a window boundary separates, shared by customers, or judged differently by some
    // snapshot, see `Pending`) are measured per snapshot, from their lines in the window and the shipments it knew. A snapshot's
    // rates are Σ flags ÷ Σ defined flags, as avg() over the orders. Orders are grouped by their first and last segment
    // only (no per-window bits): the cheapest grouping of the ~4 M orders, which dominate this statement. The table stays
    // long (a row per segment) rather than a column set per snapshot: pivoting 40 sums per customer cost 1.5 CPU s at 10 M
    // lines, summing a snapshot's rows 0.2.
    // byLine (otif.line) runs the same statement with each order line (order id + SKU) as its "order", into LineStats.
    private void CreateOrderStats(bool rollUp, string customer, string join, bool byLine = false)
    {
        var otif = _windows[0].Otif;
        // DATE ± INTEGER stays a DATE; DATE + INTERVAL is a TIMESTAMP, and casting every delivery date to compare with it
        // took the shipments' grouping from 3.5 to 6.0 CPU s at 10 M shipments (measured alone).
        var onTime = $"sh.delivered_date <= sh.promised_date + {otif.LateDays}" +
            (otif.EarlyDays is int early ? $" AND sh.delivered_date >= sh.promised_date - {early}" : "");
        var inFull = $"(1 - {Sql.Num(otif.InFullTolerance)})";
        var ks = Enumerable.Range(0, _windows.Count).ToList();
        // Under `reference: requested` every shipment reads its order's latest requested_date (by_order, over the lines in
        // the windows; a general order's per snapshot, `requested_by_snapshot`) as its promised_date, so on time, `due`,
        // `unpromised` and `promised_last` (and with it the open-order rule) follow the request, and an order without one
        // is unpromised as a shipment without a promise is. The default reads the shipments table itself: no join added.
        var requested = otif.Reference == OtifReference.Requested;
        // By line each order line (order id + SKU) is judged as an order is, with its shipments of that SKU (OrderLineShipments).
        var byLines = byLine ? new OrderLineShipments(_schema) : null;
        var source = byLine ? OrderLineShipments.Shipments : $"{_schema}.shipments";
        var shipments = requested
            ? $"(SELECT sh.order_id, sh.sku, sh.shipment_id, sh.quantity_shipped, sh.freight_cost, sh.ship_date, o.requested AS promised_date, sh.delivered_date FROM {source} sh JOIN by_order o USING (order_id))"
            : source;
        // DEFINITIONS.md order_profile's order value (avg_order_value): an order its own negative lines net to no unit, cancelled
        // (or returned) in full, stood at no value. So the order path reads the negative lines too, in the same scan: quantity,
        // the orders' other sums and their lines count the positive lines alone (a negative one's quantity is null), `signed`
        // nets them and `value` is the positive lines' revenue. A return order of its own id (no positive line) is no order.
        // By line the orders are lines, with no value of their own, and the negative lines stay out.
        var (quantity, signs) = byLine ? ("l.quantity", "l.quantity > 0") : ("CASE WHEN l.quantity > 0 THEN l.quantity END", "l.quantity <> 0");
        var cancelled = byLine ? ("NULL::BOOLEAN", "NULL::DOUBLE") : ("sum(signed) <= 0", "sum(value)");
        var lines = $"""
            SELECT {customer} AS customer_id, {(byLine ? OrderLineShipments.Key("l") + " AS order_id" : "l.order_id")}, l.sku, {quantity} AS quantity,
                l.quantity AS signed, {(byLine ? "NULL::DOUBLE" : $"CASE WHEN l.quantity > 0 THEN {CustomerMetrics.LineRevenue} END")} AS value,
                l.requested_date, CAST(l.order_date AS DATE) AS order_day, {SegmentOf("CAST(l.order_date AS DATE)")} AS seg
            FROM {_schema}.order_lines l {join}
            WHERE {signs} AND CAST(l.order_date AS DATE) BETWEEN {CustomerMetrics.Date(FirstDay)} AND {CustomerMetrics.Date(LastDay)}{byLines?.Tracked}
            """;
        // Judged line by line outright (lines and shipments grouped by order and SKU, then joined), the orders cost 15 CPU s
        // against 5 by their totals at 10 M lines (measured alone). So both sides of an order are summed once more, each
        // quantity weighted by 31 bits of its SKU's hash (exact in a DOUBLE for whole quantities): equal signatures mean every
        // SKU was shipped as ordered (an order shipped in another mix matches by chance about once in 2^31), so each line is
        // in full exactly when the total is, and a total that falls short fails some line too. Only the orders left
        // (`unsettled`: an SKU over-shipped or substituted, or a line short within the tolerance) and the general ones are
        // judged line by line, in `by_line` and `general_by_line` (an order with a late, overdue or unpromised shipment is
        // not OTIF or not timed whatever its lines, so its OTIF needs no line verdict); at the default tolerance no order of
        // a generated company is unsettled. A shipment without SKU weighs hash(NULL), so its order is unsettled and left to
        // its total; shipments that name no SKU at all take no signature (all would be unsettled).
        var skus = _connection.ScalarLong($"SELECT count(*) FROM (SELECT 1 FROM {_schema}.shipments WHERE sku IS NOT NULL LIMIT 1)") > 0;
        string Signature(string sku, string quantity) => skus ? $"sum((hash({sku}) >> 33)::DOUBLE * {quantity})" : "NULL::DOUBLE";
        // Flags of one set of orders left-joined to their shipments (one row each, Verdicts), given the quantity ordered, the date judged at, the
        // latest requested_date of the order's lines and its lines' in-full and OTIF verdicts where they were judged (else
        // the totals'): per flag Σ and count defined; n counts the orders with shipments (shipments is never null on a
        // matched order), shipments their deliveries and shipped the units those carried (drop size: one sum more over the
        // orders, no pass of its own). OTIF is the joint event (DEFINITIONS.md otif.order): an order late by any shipment
        // is not OTIF even when its lines' quantities came on time beside it (an extra or unordered shipment delivered
        // late read OTIF beside on-time 0).
        // The last on-time day of an order's rest not yet shipped: its requested_date, else the latest promise of its shipments.
        string RestDue(string requested) => $"coalesce({requested}, s.promised_last) + {otif.LateDays}";
        // claimed: whether a claim of the order's customer names the order, known at the date judged at; null by line, where
        // no perfect order is counted (a perfect order is an order).
        // lines: the order's lines (order_lines rows) counted; linesFilled and firstTime the line verdicts where lines were judged.
        // Verdicts are one row per order, projected once below FlagSums: summed in place, each verdict was evaluated again
        // inside every aggregate that reads it (the open rule in 14 of them): about 0.06 CPU s of the statement's 1.3 at 1 M lines.
        // linesJudged: whether lineInFull and lineOtif are the lines' verdicts, unknown (null) included, rather than left to the totals.
        // split: whether a shared order's shipments are split among its customers (SharedOrderShipments), else each row reads its order's.
        string Verdicts(string ordered, string day, string requested, string lineInFull, string lineOtif, string linesJudged, string orderDay, string lineFilled, string? claimed,
            string lines, string linesFilled, string firstTime, string cancelled, string value, bool split = false)
        {
            // A shipment without quantity_shipped carried an unknown quantity: the known ones prove an order in full when they
            // cover it, and only an order whose every shipment is weighed is known short (counting the unknown as 0 failed OTIF
            // for orders the in-full rate left out as unknown).
            string Covers(string shipped) => $"CASE WHEN {shipped} >= {ordered} * {inFull} THEN true WHEN s.weighed THEN false END";
            // Where the lines were judged, a line short beside a shipment without quantity leaves the order unknown: the
            // totals would prove it in full whenever the others' units cover it (an over-shipment, or the tolerance on the total).
            var shippedInFull = $"CASE WHEN {linesJudged} THEN {lineInFull} ELSE {Covers("s.shipped")} END";
            // Open: short of in full while the rest is not yet due (its requested_date, else the latest promise of its
            // shipments, + late days on or after the date judged at), so neither in full nor timed, as an order in transit
            // is (one already late stays late). Read as not in full, it failed every customer that ordered in the last
            // days before a snapshot, for quantities not yet due. Without either date it is judged as it stands.
            var open = $"(NOT {shippedInFull} AND {RestDue(requested)} >= {day})";
            var onTime = VerdictAt(day, open);
            var full = $"CASE WHEN s.shipped IS NOT NULL AND NOT coalesce({open}, false) THEN {shippedInFull} END";
            var fullOnTime = $"CASE WHEN {linesJudged} THEN {lineOtif} ELSE {Covers("s.shipped_on_time")} END";
            // DEFINITIONS.md fill.unit and order cycle time, as counts a segment pools. Fill is known for an order whose every
            // shipment carries its quantity (as the drop size) and that is not open (its rest not yet due would read as unfilled);
            // each line fills at most its quantity of its own SKU where lines were judged (by_line, general_by_line), else the
            // order's total shipped up to its quantity (a whole order settled by its totals: shipped as ordered, or short).
            // An order is delivered when every shipment known was, and it is not open: its cycle ends on the last delivery.
            var settled = $"NOT coalesce({open}, false)";
            var fillKnown = $"s.weighed AND {settled}";
            var delivered = $"s.delivered_all AND {settled}";
            // DEFINITIONS.md fill.line and fill.order over the same orders, completely filled (no in-full tolerance). Where lines
            // were not judged the totals settle them: an order shipped as ordered (equal signatures) or covered in total fills
            // every line, one short in total none of a single line; of several lines short in total the totals cannot tell
            // which, so those lines are unknown (only an order with a shipment without sku is left so). First-time: an order
            // short in total was not filled the first time, one covered with every unit shipped on its first date was. After
            // backorders (metrics.fill.order): every line filled, as fill.line judges it; an order short in total is not,
            // whichever of its lines is short. Only the configured variant is measured: the default's SQL stays as it was.
            var filledLines = $"coalesce({linesFilled}, CASE WHEN s.shipped >= {ordered} THEN {lines} WHEN {lines} = 1 THEN 0 END)";
            var filledOrder = _windows[0].FillOrder == OrderFillBasis.AfterBackorders
                ? $"coalesce(({filledLines}) = {lines}, s.shipped >= {ordered})"
                : $"coalesce({firstTime}, CASE WHEN s.shipped < {ordered} THEN false WHEN s.first_date_only THEN true END)";
            string Charged(string column) => split ? $"{SharedOrderShipments.Charged(column)} AS {column}" : $"s.{column}";
            return $"{Charged("shipments")}, {Charged("freight")}, {Charged("shipment_rows")}, {Charged("unfreighted")}, s.weighed, s.shipped, "
                + $"{(split ? SharedOrderShipments.Charged("shipped") : "s.shipped")} AS delivered_units, s.delivered_all, s.delivered_last, {ordered} AS ordered, {orderDay} AS order_day, "
                + $"{lines} AS lines, {lineFilled} AS line_filled, {claimed ?? "NULL::BOOLEAN"} AS claimed, {onTime} AS is_on_time, {full} AS is_in_full, "
                + $"{fullOnTime} AS full_on_time, {fillKnown} AS fill_known, {delivered} AS delivered, {filledLines} AS filled_lines, {filledOrder} AS filled_order, "
                + $"{(byLine ? "NULL::BOOLEAN" : cancelled)} AS cancelled, {(byLine ? "NULL::DOUBLE" : value)} AS value";
        }
        // The flag sums over Verdicts' columns: per flag Σ and count defined.
        string FlagSums(bool claims) => $"""
            count(shipments) AS n,
            sum(is_on_time::INT) AS on_time, count(is_on_time) AS on_time_n,
            sum(is_in_full::INT) AS in_full, count(is_in_full) AS in_full_n,
            sum(CASE WHEN is_on_time IS NOT NULL THEN (is_on_time AND full_on_time)::INT END) AS otif,
            count(CASE WHEN is_on_time IS NOT NULL THEN (is_on_time AND full_on_time) END) AS otif_n,
            {(claims ? "sum(CASE WHEN is_on_time IS NOT NULL THEN (is_on_time AND full_on_time AND NOT claimed)::INT END)" : "NULL::BIGINT")} AS perfect,
            sum(shipments) AS shipments, sum(freight) AS freight, sum(shipment_rows) AS shipment_rows, sum(unfreighted) AS unfreighted,
            sum(CASE WHEN weighed THEN delivered_units END) AS shipped, sum(CASE WHEN weighed THEN shipments END) AS weighed_shipments,
            sum(CASE WHEN fill_known THEN ordered END) AS units_ordered,
            sum(CASE WHEN fill_known THEN coalesce(line_filled, least(shipped, ordered)) END) AS units_shipped,
            sum(CASE WHEN delivered THEN date_diff('day', order_day, delivered_last) END) AS delivered_order_days,
            count(CASE WHEN delivered THEN 1 END) AS delivered_orders,
            sum(CASE WHEN fill_known AND filled_lines IS NOT NULL THEN lines END) AS lines_fill_known,
            sum(CASE WHEN fill_known THEN filled_lines END) AS lines_filled,
            count(CASE WHEN fill_known THEN filled_order END) AS orders_fill_known,
            count(CASE WHEN fill_known AND filled_order THEN 1 END) AS orders_filled,
            count(CASE WHEN cancelled THEN 1 END) AS cancelled_orders, sum(CASE WHEN cancelled THEN value END) AS cancelled_value
            """;
        // The units a line's own SKU filled, at most its quantity: an SKU shipped over its line fills no other.
        string Filled(string ordered) => $"sum(least(coalesce(s.shipped, 0), {ordered}))";
        // The lines (rows) of an order whose SKU its shipments completely filled: rows of one SKU fill together, as shipments name the SKU, not the row.
        string LinesFilled(string ordered, string lines) => $"sum(CASE WHEN coalesce(s.shipped, 0) >= {ordered} THEN {lines} ELSE 0 END)";
        // Every line (SKU) of an order completely filled by the shipments of its first ship date (shipped_first).
        string FirstTime(string ordered) => $"bool_and(coalesce(s.shipped_first, 0) >= {ordered})";
        // Every line (SKU) of an order in full: false once a line is known short (its shipments all weighed, or none for its
        // SKU), true when every line's known quantity covers it, else unknown (a line short beside a shipment without quantity).
        string EveryLine(string shipped, string ordered) =>
            $"CASE WHEN bool_or(coalesce({shipped}, 0) < {ordered} * {inFull} AND coalesce(s.weighed, true)) THEN false "
            + $"WHEN bool_and(coalesce({shipped}, 0) >= {ordered} * {inFull}) THEN true END";
        // An order's verdict at a date: late once a shipment was delivered outside the window or an undelivered one's last
        // on-time day is before that date; unknown while an undelivered one is not yet due, one lacks a promise or the order
        // is open (`open`); else on time. An undelivered shipment not yet due is in transit: counting it late took on-time
        // share from every customer that ordered in the export's last days, for deliveries nobody could have made yet.
        static string VerdictAt(string day, string open) =>
            $"CASE WHEN s.shipments IS NULL THEN NULL WHEN s.late OR s.due < {day} THEN false WHEN s.unpromised OR s.due IS NOT NULL OR {open} THEN NULL ELSE true END";
        // What snapshot k knew: a past snapshot (as_of before the run's, by default the batch's latest) sees a shipment only
        // once it was shipped (or, without a ship date, delivered) by its as_of, and a delivery only when made by then, as a
        // run on that date would have; the run's snapshot sees the whole export (deliveries after the last order date were
        // made by the time it was exported). Judging past snapshots with later deliveries took an order in transit at a
        // period end for delivered, on time or late; and a batch of earlier ends alone (segmentation making the ones a
        // store lacks) read its latest end with the whole export, unless told the run's as_of.
        string KnownBy(int k) => _windows[k].AsOf < _knownThrough ? CustomerMetrics.Date(_windows[k].AsOf) : "DATE '9999-12-31'";
        string AsOf(int k) => CustomerMetrics.Date(_windows[k].AsOf);
        // An order whose verdict some snapshot holding it would take differently from the whole export (a shipment or a
        // delivery after that snapshot's as_of, an undelivered shipment not yet due then, or a rest not yet due then if it
        // may be short, `restDue`) is judged per snapshot; the others take one verdict at the run's as_of, which every
        // snapshot holding them shares (each undelivered shipment of theirs was overdue by then). The rest's due date
        // matters only before the run's as_of: at it, the one verdict is that snapshot's.
        string Pending(string seg, string lastEvent, string due, string restDue) => "(" + string.Join(" OR ", ks.Select(k =>
            $"({InWindow(k, seg)} AND ({(_windows[k].AsOf < _knownThrough ? $"{lastEvent} > {KnownBy(k)} OR {restDue} >= {AsOf(k)} OR " : "")}{due} >= {AsOf(k)}))")) + ")";
        // When a whole order's rest falls due, if it may be short of in full (short in total, or shipped in another mix
        // than ordered, see `Signature`): whether it is open depends on the snapshot's date (see `Flags`).
        var restDue = $"CASE WHEN s.shipped < o.quantity * {inFull} OR s.signature <> o.signature THEN {RestDue("o.requested")} END";
        var asOfs = $"[{string.Join(", ", ks.Select(AsOf))}]";
        var knownBy = $"[{string.Join(", ", ks.Select(KnownBy))}]";
        // Requested: a snapshot judges a general order against the latest request of the lines its window holds (a line
        // ordered after its as_of was not there to request anything), as `general_by_line` reads them for the open rule.
        var requestedBySnapshot = requested
            ? $"requested_by_snapshot AS (SELECT order_id, [{string.Join(", ", ks.Select(k => $"max(requested_{k})"))}] AS requested "
                + "FROM lines_by_sku WHERE order_id IN (SELECT order_id FROM general) GROUP BY order_id), "
            : "";
        var knownPromise = requested ? "r.requested[w.k + 1] AS promised_date" : "sh.promised_date";
        var knownJoin = requested ? " JOIN requested_by_snapshot r ON r.order_id = sh.order_id" : "";
        // By line, the empty shipments of `known` are made per snapshot (OrderLineShipments.EmptyKnown) rather than read from
        // `picked`, so a line whose SKU was shipped after a snapshot, or at a promise made after it, is judged as that snapshot knew it.
        // DEFINITIONS.md perfect_order: the orders a claim names under the order's own customer (rolled up, its account: the
        // events are read under alias l and joined as the lines are), each with its first claim's date. A claim under another
        // customer (order_of_another_customer at ingestion) names no order of the claimant. The few claimed orders are joined
        // to the orders, not looked up by another pass over the lines; a claim a past snapshot could not know yet (dated
        // after its as_of) makes its order general (`Pending`), so that snapshot judges it unclaimed.
        var claims = byLine ? "" : $"""
            claims AS (
                SELECT {customer} AS customer_id, l.order_id, min(l.event_date) AS claimed
                FROM {_schema}.service_events l {join}
                WHERE l.event_type = 'claim' AND l.order_id IS NOT NULL
                GROUP BY ALL
            ), 
            """;
        string ClaimJoin(string orders) => byLine ? "" : $" LEFT JOIN claims c ON c.order_id = {orders}.order_id AND c.customer_id = {orders}.customer_id";
        var (lineCtes, orderKnown, realOnly, emptyKnown) = byLines is null ? ("", "", "", "") : (byLines.Ctes, byLines.OrderKnown(knownBy, ks.Count),
            " AND sh.shipment_id IS NOT NULL", OrderLineShipments.EmptyKnown(knownBy, ks.Count, requested ? "r.requested[w.k + 1]" : "x.promised_last", knownJoin));
        // An order id several customers share: its shipments split among them (by line, the freight and shipment columns are not read).
        var sharedSplit = byLine ? "" : SharedOrderShipments.Ctes(ks.Count);
        var statement = $"""
            CREATE OR REPLACE TEMP TABLE {(byLine ? LineStats(rollUp) : OrderStats(rollUp))} AS
            WITH {lineCtes}by_order AS (
                -- Grouped by order id alone (3.5 CPU s against 5.8 by customer and order id at 10 M lines): an order id that several
                -- customers share (first and last customer differ) is judged per customer with the general orders.
                SELECT order_id, min(customer_id) AS customer_id, min(customer_id) <> max(customer_id) AS shared,
                    min(seg) AS seg, max(seg) AS last_seg, sum(quantity) AS quantity, {Signature("sku", "quantity")} AS signature,
                    max(requested_date) AS requested, min(order_day) AS order_day, count(quantity) AS lines,
                    {cancelled.Item1} AS cancelled, {cancelled.Item2} AS value
                FROM ({lines}) GROUP BY order_id HAVING count(quantity) > 0
            ), shipped_by_order AS (
                -- Most orders have one shipment: only orders whose shipment ids hash differently (so differ) go to the
                -- distinct count; equal hashes count as one shipment (two ids of one order colliding in 64 bits would count once).
                SELECT sh.order_id,
                    -- Without a promised date a shipment's timeliness is unknown; without a delivery date against a promise it is
                    -- late once due (`due`, judged per snapshot date in VerdictAt), in transit before. An order is late when a
                    -- known shipment is, else unknown when one is (left out of the on-time and OTIF rates: dates unreadable or
                    -- not exported made them 0 % for every customer), else on time.
                    bool_or(sh.promised_date IS NOT NULL AND sh.delivered_date IS NOT NULL AND NOT ({onTime})) AS late,
                    min(CASE WHEN sh.promised_date IS NOT NULL AND sh.delivered_date IS NULL THEN sh.promised_date + {otif.LateDays} END) AS due,
                    bool_or(sh.promised_date IS NULL) AS unpromised, max(sh.promised_date) AS promised_last,
                    sum(sh.quantity_shipped) AS shipped,
                    -- Every shipment row carries its quantity: an empty one is unknown, not 0 (the drop size weighs only such
                    -- orders; in full and OTIF are known short only for them).
                    count(sh.quantity_shipped) = count(*) AS weighed,
                    coalesce(sum(CASE WHEN {onTime} THEN sh.quantity_shipped END), 0) AS shipped_on_time,
                    {Signature("sh.sku", "sh.quantity_shipped")} AS signature,
                    min(hash(sh.shipment_id)) <> max(hash(sh.shipment_id)) AS several,
                    coalesce(sum(sh.freight_cost), 0) AS freight,
                    -- The rows whose freight the sum above reads, and those without a freight_cost it charges as 0
                    -- (direct_cost_missing), counted in this pass rather than in one more over the shipments.
                    count(*) AS shipment_rows, count(*) - count(sh.freight_cost) AS unfreighted,
                    greatest(max(sh.ship_date), max(sh.delivered_date)) AS last_event,
                    -- Every unit shipped on the first ship date (shipped, else delivered: `KnownFrom`; fill.order, first time): an
                    -- order its totals settle as shipped as ordered (equal signatures) was filled the first time exactly then, so only
                    -- orders the signatures cannot settle are judged per SKU, `unsettled`; sending those shipped on several dates
                    -- there too took 0.25 CPU s at 1 M lines, and those with a shipment without ship_date 0.1 (their ids spread over
                    -- the whole history, so the per-SKU reads no longer skipped the lines and shipments far from the period ends).
                    max(CASE WHEN sh.quantity_shipped > 0 THEN {KnownFrom("sh")} END) = min({KnownFrom("sh")}) AS first_date_only,
                    {Delivered}
                FROM {shipments} sh GROUP BY sh.order_id
            ), several AS (
                SELECT sh.order_id, count(DISTINCT sh.shipment_id) AS shipments FROM {source} sh
                WHERE sh.order_id IN (SELECT order_id FROM shipped_by_order WHERE several) GROUP BY sh.order_id
            ), shipped AS (
                -- Joined to `several` before the orders: joining the ~4 M orders to both took 0.5 CPU s more at 10 M lines.
                SELECT b.order_id, b.late, b.due, b.unpromised, b.promised_last, b.last_event, b.shipped, b.weighed, b.shipped_on_time, b.signature,
                    coalesce(v.shipments, 1) AS shipments, b.freight, b.shipment_rows, b.unfreighted, b.delivered_last, b.delivered_all, b.first_date_only
                FROM shipped_by_order b LEFT JOIN several v USING (order_id)
            ), {claims}judged AS MATERIALIZED (
                -- Every order beside its shipments, joined once for `unsettled`, the flag sums and telling the general orders:
                -- shared, spread over segments (lines on days a window boundary separates) or pending.
                SELECT o.customer_id, o.order_id, o.seg, o.quantity, o.signature AS ordered_signature, o.requested, o.order_day, o.lines, o.cancelled, o.value,
                    s.first_date_only, s.late, s.due, s.unpromised, s.promised_last, s.shipped, s.weighed, s.shipped_on_time, s.signature, s.shipments, s.freight, s.shipment_rows, s.unfreighted,
                    s.delivered_last, s.delivered_all, {(byLine ? "NULL::DATE" : "c.claimed")} AS claimed,
                    o.shared, o.shared OR o.seg <> o.last_seg OR coalesce({Pending("o.seg", byLine ? "s.last_event" : "greatest(s.last_event, c.claimed)", "s.due", restDue)}, false) AS general
                FROM by_order o LEFT JOIN shipped s USING (order_id){ClaimJoin("o")}
            ), general AS (
                SELECT order_id, shared FROM judged WHERE general
            ), unsettled AS (
                -- Whole orders whose totals do not settle their lines (see `Signature`): `mixed`, in full by their totals but
                -- shipped in another mix; and, for the lines filled, the other weighed orders shipped in another mix than
                -- ordered (short in total: which line is short the totals cannot tell).
                -- `covered`, mixed and covered in total with no tolerance, picks the orders whose units are filled per SKU:
                -- fill.unit counts complete fills, so OTIF's in_full_tolerance must not move an order short in total
                -- from its total to its SKUs.
                SELECT order_id, shipped >= quantity * {inFull} AND signature <> ordered_signature AS mixed,
                    shipped >= quantity AND signature <> ordered_signature AS covered FROM judged
                WHERE NOT general AND signature <> ordered_signature AND (weighed OR shipped >= quantity * {inFull})
            ), lines_by_sku AS (
                -- The general and unsettled orders' lines per customer, order id and SKU, with the quantity in each window.
                -- Per window the SKU's units netted (`net_`) and positive lines' revenue (`value_`) too: whether the order stood there.
                SELECT customer_id, order_id, sku, sum(quantity) AS quantity, min(order_day) AS order_day, count(quantity) AS lines,
                    {string.Join(", ", ks.Select(k => $"sum(CASE WHEN {InWindow(k)} THEN quantity END) AS ordered_{k}"))},
                    {string.Join(", ", ks.Select(k => $"count(CASE WHEN {InWindow(k)} THEN quantity END) AS lines_{k}"))},
                    {string.Join(", ", ks.Select(k => $"sum(CASE WHEN {InWindow(k)} THEN signed END) AS net_{k}"))},
                    {string.Join(", ", ks.Select(k => $"sum(CASE WHEN {InWindow(k)} THEN value END) AS value_{k}"))},
                    {string.Join(", ", ks.Select(k => $"max(CASE WHEN {InWindow(k)} THEN requested_date END) AS requested_{k}"))}
                FROM ({lines}) WHERE order_id IN (SELECT order_id FROM general UNION ALL SELECT order_id FROM unsettled)
                GROUP BY customer_id, order_id, sku
            ), picked AS MATERIALIZED (
                -- The shipments of the general and unsettled orders, read from the 10 M in one pass for both.
                SELECT sh.order_id, sh.sku, sh.shipment_id, sh.quantity_shipped, sh.freight_cost, sh.ship_date, sh.promised_date, sh.delivered_date
                FROM {shipments} sh WHERE sh.order_id IN (SELECT order_id FROM general UNION ALL SELECT order_id FROM unsettled)
            ), first_shipped AS (
                -- Their first ship date (shipped, else delivered): every shipment of it is known to a snapshot once any is.
                SELECT sh.order_id, min({KnownFrom("sh")}) AS first_shipped FROM picked sh GROUP BY sh.order_id
            ), shipped_by_line AS (
                SELECT sh.order_id, sh.sku, sum(sh.quantity_shipped) AS shipped, sum(CASE WHEN {onTime} THEN sh.quantity_shipped END) AS shipped_on_time,
                    count(sh.quantity_shipped) = count(*) AS weighed,
                    sum(CASE WHEN {KnownFrom("sh")} = f.first_shipped THEN sh.quantity_shipped END) AS shipped_first
                FROM picked sh JOIN first_shipped f USING (order_id)
                WHERE sh.order_id IN (SELECT order_id FROM unsettled)
                GROUP BY sh.order_id, sh.sku
            ), by_line AS (
                -- Per unsettled order: its lines filled and whether filled the first time and, of a mixed one, every line (SKU)
                -- in full, on time and in full, and the units filled; an order with a shipment without SKU is left to its totals.
                SELECT l.customer_id, l.order_id, u.mixed,
                    CASE WHEN u.mixed THEN {EveryLine("s.shipped", "l.quantity")} END AS in_full,
                    CASE WHEN u.mixed THEN {EveryLine("s.shipped_on_time", "l.quantity")} END AS otif, CASE WHEN u.covered THEN {Filled("l.quantity")} END AS filled,
                    {LinesFilled("l.quantity", "l.lines")} AS lines_filled, {FirstTime("l.quantity")} AS first_time
                FROM lines_by_sku l JOIN unsettled u USING (order_id) LEFT JOIN shipped_by_line s USING (order_id, sku)
                WHERE l.order_id NOT IN (SELECT order_id FROM shipped_by_line WHERE sku IS NULL) AND l.quantity IS NOT NULL
                GROUP BY l.customer_id, l.order_id, u.mixed, u.covered
            ), by_segment AS (
                -- s: a whole order and its shipments, judged once.
                SELECT customer_id, seg, NULL::INTEGER AS k, count(*) AS orders, {FlagSums(!byLine)} FROM (
                    SELECT s.customer_id, s.seg, {Verdicts("s.quantity", CustomerMetrics.Date(_knownThrough), "s.requested", "v.in_full", "v.otif", "coalesce(v.mixed, false)", "s.order_day", "v.filled", byLine ? null : "s.claimed IS NOT NULL",
                    "s.lines", "v.lines_filled", "coalesce(v.first_time, CASE WHEN s.signature = s.ordered_signature THEN s.first_date_only END)", "s.cancelled", "s.value")}
                    FROM judged s LEFT JOIN by_line v USING (customer_id, order_id) WHERE NOT s.general
                ) GROUP BY customer_id, seg
            ), {requestedBySnapshot}{orderKnown}known AS (
                -- The general orders' shipments at each snapshot, as it knew them (`KnownBy`).
                SELECT sh.order_id, CAST(w.k AS INTEGER) AS k, sh.sku, sh.shipment_id, sh.quantity_shipped, sh.freight_cost, {knownPromise},
                    CASE WHEN sh.delivered_date <= {knownBy}[w.k + 1] THEN sh.delivered_date END AS delivered_date, {KnownFrom("sh")} AS known_from
                FROM picked sh CROSS JOIN range({ks.Count}) w(k){knownJoin}
                WHERE sh.order_id IN (SELECT order_id FROM general)
                    AND {KnownFrom("sh")} <= {knownBy}[w.k + 1]{realOnly}{emptyKnown}
            ), known_by_order AS (
                SELECT sh.order_id, sh.k,
                    bool_or(sh.promised_date IS NOT NULL AND sh.delivered_date IS NOT NULL AND NOT ({onTime})) AS late,
                    min(CASE WHEN sh.promised_date IS NOT NULL AND sh.delivered_date IS NULL THEN sh.promised_date + {otif.LateDays} END) AS due,
                    bool_or(sh.promised_date IS NULL) AS unpromised, max(sh.promised_date) AS promised_last,
                    sum(sh.quantity_shipped) AS shipped, count(sh.quantity_shipped) = count(*) AS weighed,
                    coalesce(sum(CASE WHEN {onTime} THEN sh.quantity_shipped END), 0) AS shipped_on_time,
                    count(DISTINCT sh.shipment_id) AS shipments, coalesce(sum(sh.freight_cost), 0) AS freight,
                    count(*) AS shipment_rows, count(*) - count(sh.freight_cost) AS unfreighted,
                    bool_or(sh.sku IS NULL) AS untracked, max(CASE WHEN sh.quantity_shipped > 0 THEN sh.known_from END) = min(sh.known_from) AS first_date_only,
                    {Delivered}
                FROM known sh GROUP BY sh.order_id, sh.k
            ), known_by_line AS (
                SELECT sh.order_id, sh.k, sh.sku, sum(sh.quantity_shipped) AS shipped, sum(CASE WHEN {onTime} THEN sh.quantity_shipped END) AS shipped_on_time,
                    count(sh.quantity_shipped) = count(*) AS weighed,
                    sum(CASE WHEN sh.known_from = f.first_shipped THEN sh.quantity_shipped END) AS shipped_first
                FROM known sh JOIN first_shipped f USING (order_id) GROUP BY sh.order_id, sh.k, sh.sku
            ), general_by_line AS (
                -- Per customer, general order and snapshot whose window holds some of its lines: the quantity ordered there and
                -- its latest requested_date, and every line (SKU) of it in full, and on time and in full, against the
                -- shipments that snapshot knew.
                SELECT l.customer_id, l.order_id, l.k, sum(l.ordered) AS ordered, max(l.requested) AS requested, min(l.order_day) AS order_day,
                    {EveryLine("s.shipped", "l.ordered")} AS in_full,
                    {EveryLine("s.shipped_on_time", "l.ordered")} AS otif, {Filled("l.ordered")} AS filled,
                    sum(l.lines) AS lines, {LinesFilled("l.ordered", "l.lines")} AS lines_filled, {FirstTime("l.ordered")} AS first_time,
                    sum(l.net) <= 0 AS cancelled, sum(l.value) AS value
                FROM (
                    SELECT customer_id, order_id, sku, order_day, CAST(w.k AS INTEGER) AS k, [{string.Join(", ", ks.Select(k => $"ordered_{k}"))}][w.k + 1] AS ordered,
                        [{string.Join(", ", ks.Select(k => $"requested_{k}"))}][w.k + 1] AS requested,
                        [{string.Join(", ", ks.Select(k => $"lines_{k}"))}][w.k + 1] AS lines,
                        [{string.Join(", ", ks.Select(k => $"net_{k}"))}][w.k + 1] AS net, [{string.Join(", ", ks.Select(k => $"value_{k}"))}][w.k + 1] AS value
                    FROM lines_by_sku CROSS JOIN range({ks.Count}) w(k) WHERE order_id IN (SELECT order_id FROM general)
                ) l LEFT JOIN known_by_line s USING (order_id, k, sku)
                WHERE l.ordered IS NOT NULL
                GROUP BY l.customer_id, l.order_id, l.k
            ), {sharedSplit}spread AS (
                -- A general order once per snapshot whose window holds some of its lines, judged at that snapshot's as_of.
                SELECT customer_id, NULL::INTEGER AS seg, k, count(*) AS orders, {FlagSums(!byLine)} FROM (
                    SELECT v.customer_id, v.k, {Verdicts("v.ordered", $"{asOfs}[v.k + 1]", "v.requested", "v.in_full", "v.otif", "coalesce(NOT s.untracked, false)",
                        "v.order_day", "CASE WHEN NOT s.untracked THEN v.filled END", byLine ? null : $"coalesce(c.claimed <= {knownBy}[v.k + 1], false)",
                        "v.lines", "CASE WHEN NOT s.untracked THEN v.lines_filled END", "CASE WHEN NOT s.untracked THEN v.first_time END", "v.cancelled", "v.value", split: !byLine)}
                    FROM general_by_line v LEFT JOIN known_by_order s USING (order_id, k){ClaimJoin("v")}{(byLine ? "" : SharedOrderShipments.Join("v"))}
                ) GROUP BY customer_id, k
            )
            SELECT * FROM by_segment UNION ALL SELECT * FROM spread
            """;
        // DuckDB's CTE filter pusher copies the OR of `judged`'s consumers' filters into it, so the long `general` expression
        // was evaluated twice per order (in that filter and in the projection): 1.5-2 CPU s of 11-13 at 10 M lines. Off for
        // this statement only (the setting is instance-wide in DuckDB, but it changes plans, never results); its rows are the
        // same (freight sums differ in the last bits, as any re-run's may).
        _connection.Execute("SET disabled_optimizers = 'cte_filter_pusher'");
        try
        {
            _connection.Execute(statement);
        }
        finally
        {
            _connection.Execute("RESET disabled_optimizers");
        }
    }
}
