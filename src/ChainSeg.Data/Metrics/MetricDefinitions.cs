using System.Globalization;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Data.Metrics;

/// <summary>One column of customer_metrics.csv: its definition id (DEFINITIONS.md where one applies) and meaning.</summary>
public sealed record MetricDefinition(string Column, string DefinitionId, string Meaning);

/// <summary>What every customer metric means; written as metric_definitions.csv so no number is compared under another definition.</summary>
public static class MetricDefinitions
{
    /// <summary>Numeric metric names rules and models may use (demand_class, text, and the order dates are excluded).</summary>
    public static IReadOnlyList<string> NumericNames { get; } = For(new MetricsOptions(DateOnly.MinValue, DateOnly.MinValue))
        .Select(d => d.Column).Where(c => c != "demand_class" && !c.EndsWith("_date", StringComparison.Ordinal)).ToList();

    /// <summary>Columns of customer_metrics that hold no number (the id, customer attributes, order dates, demand_class), each with what it holds (text, date).</summary>
    /// <remarks>Named where a setting reads a numeric metric, they are refused as text or dates rather than as unknown: the column is there.</remarks>
    public static IReadOnlyDictionary<string, string> NonNumericNames { get; } = CustomerMetrics.ColumnNames.Except(NumericNames)
        .ToDictionary(c => c, c => c.EndsWith("_date", StringComparison.Ordinal) ? "date" : RuleExpression.TextColumn, StringComparer.Ordinal);

    /// <summary>
    /// Metrics that are shares of a whole, in [0, 1] for every customer: a part of the orders or lines counted below it.
    /// </summary>
    /// <remarks>
    /// Other ratios are not: return_rate can pass 1 (units returned from sales before the window), expedites and complaints
    /// per order can too, gross_margin_pct is negative for a customer sold below cost (and above 1 when the cost of goods
    /// returned outweighs that of goods sold while revenue stays positive), and price_realisation is above 1 for one charged above list.
    /// </remarks>
    public static IReadOnlyList<string> Shares { get; } = ["on_time_rate", "in_full_rate", "otif_rate", "perfect_order_rate", "fill_rate_units", "fill_rate_lines", "fill_rate_orders", "drop_ship_share", "order_change_rate"];

    /// <summary>The largest value of each bounded metric: 1 for every share, the bound a hysteresis margin may not harden a rule past.</summary>
    public static IReadOnlyDictionary<string, double> ShareBounds { get; } = Shares.ToDictionary(s => s, _ => 1.0, StringComparer.Ordinal);

    /// <summary>Metrics measured from a source other than the order lines, and the customer master's texts rules compare, each with that source's canonical table: without it they are empty.</summary>
    public static IReadOnlyDictionary<string, string> SourceTables { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["name"] = "customers", ["parent_id"] = "customers", ["country"] = "customers", ["region"] = "customers", ["channel"] = "customers",
        ["orders_with_shipments"] = "shipments", ["orders_timed"] = "shipments", ["orders_otif"] = "shipments", ["on_time_rate"] = "shipments",
        ["in_full_rate"] = "shipments", ["otif_rate"] = "shipments", ["perfect_orders"] = "service_events", ["perfect_order_rate"] = "service_events",
        ["units_ordered"] = "shipments", ["units_shipped"] = "shipments", ["fill_rate_units"] = "shipments",
        ["lines_fill_known"] = "shipments", ["lines_filled"] = "shipments", ["fill_rate_lines"] = "shipments",
        ["orders_fill_known"] = "shipments", ["orders_filled_first_time"] = "shipments", ["orders_filled_after_backorders"] = "shipments", ["fill_rate_orders"] = "shipments",
        ["delivered_orders"] = "shipments", ["delivered_order_days"] = "shipments", ["order_cycle_days"] = "shipments",
        ["deliveries"] = "shipments", ["drop_size"] = "shipments", ["deliveries_per_order"] = "shipments",
        ["expedites"] = "service_events", ["expedite_rate"] = "service_events", ["complaints"] = "service_events", ["complaint_rate"] = "service_events",
        ["order_changes"] = "service_events", ["order_change_rate"] = "service_events",
        ["cost_to_serve"] = "cost_pools", ["cost_to_serve_pct"] = "cost_pools", ["net_contribution"] = "cost_pools",
        ["drop_ship_share"] = "locations",
        ["price_realisation"] = "products", ["list_value"] = "products", ["listed_revenue"] = "products",
    };

    /// <summary>What the cost metrics are measured from: a line's cost is revenue − margin_amount, else quantity × unit_cost.</summary>
    public const string CostInputs = "products.unit_cost or order_lines.margin_amount";

    /// <summary>The metrics measured from the lines' costs (<see cref="CostInputs"/>): without either, empty for every customer.</summary>
    public static IReadOnlyList<string> CostMetrics { get; } = ["cost_of_goods", "gross_margin", "gross_margin_pct", "net_contribution"];

    /// <summary>Why a cost metric is empty for everyone when the data has no cost at all, as a run and validate say it.</summary>
    public static string WithoutCosts(string metric) => $"{metric} needs {CostInputs}; neither is in the data";

    /// <summary>Why no customer has a net_contribution, naming only the inputs the run lacks (cost pools, costs of goods), as the run's summary says it.</summary>
    public static string WithoutNetContribution(bool costPools, bool costsOfGoods) => (costPools, costsOfGoods) switch
    {
        (false, false) => $"net_contribution needs cost_pools and a cost of goods ({CostInputs}); none is in the data",
        (false, true) => "net_contribution needs cost_pools; none is in the data",
        (true, false) => WithoutCosts("net_contribution"),
        (true, true) => $"no customer has a net_contribution: each has an order line without a cost ({CostInputs})",
    };

    /// <summary>The metrics measured from order_change service events (an ERP change log): without any, empty for every customer.</summary>
    public static IReadOnlyList<string> OrderChangeMetrics { get; } = ["order_changes", "order_change_rate"];

    /// <summary>Why an order change metric is empty for everyone when the service events hold no change log, as a run says it.</summary>
    public static string WithoutOrderChanges(string metric) => $"{metric} needs service_events of event_type order_change (an ERP change log, one row per change); none is in the data";

    /// <summary>The metrics of DEFINITIONS.md perfect_order, whose documentation and condition come from claims naming an order.</summary>
    public static IReadOnlyList<string> PerfectOrderMetrics { get; } = ["perfect_orders", "perfect_order_rate"];

    /// <summary>Why a perfect order metric is empty for everyone when no claim names an order, as a run says it.</summary>
    public static string WithoutOrderClaims(string metric) =>
        $"{metric} needs service_events of event_type claim naming the order claimed (order_id); none is in the data, so documentation and condition are unknown";

    /// <summary>Why the count of the fill.order variant metrics.fill.order does not configure is empty for everyone.</summary>
    public static string OtherOrderFillBasis(OrderFillBasis configured) =>
        $"{configured.Other().FilledColumn()} counts orders filled under {configured.Other().DefinitionId()} and metrics.fill.order is {configured.Name()}; set metrics.fill.order: {configured.Other().Name()} to measure it";

    /// <summary>Why a perfect order metric is empty for everyone under metrics.otif.level: line.</summary>
    public static string PerfectOrderByLine(string metric) =>
        $"{metric} counts orders (SCOR RL.1.1) and metrics.otif.level: line judges order lines; set metrics.otif.level: order to measure it";

    /// <summary>All metric columns in output order (attributes excluded).</summary>
    /// <remarks>Numbers are written invariantly: metric_definitions.csv must read the same on every machine (ADI 1,32 under de-DE).
    /// Every figure of the demand series names its measure, ADI, CV² and the class too: under demand_measure: revenue they
    /// are read off money (a period netted to 0 by a return has no demand), so a units run's class is another number.</remarks>
    public static IReadOnlyList<MetricDefinition> For(MetricsOptions o) =>
    [
        new("revenue", "revenue.net", "Σ line revenue in the window (net_amount, else quantity × unit_price), returns netted"),
        new("cost_of_goods", "cogs.line", "Σ (line revenue − margin_amount) when the export carries margin, else quantity × products.unit_cost; 0 without a line in the window (nothing sold); empty when any line in the window has neither"),
        new("gross_margin", "margin.gross", "revenue − cost_of_goods: 0 without a line in the window, empty when cost_of_goods is"),
        new("gross_margin_pct", "margin.gross_pct", "gross_margin ÷ revenue; empty when gross_margin is, or revenue is 0 (as for a customer without a line in the window) or less (returns outweighing sales, where −40 over −100 would read as a 40 % margin)"),
        new("price_realisation", "price.realisation", "Σ line revenue ÷ Σ quantity × list price (products.unit_price) over the positive lines in the window whose SKU has a list price above 0 (returns not netted): 1 sold at list, 0.73 at 27 % below list on average, weighted by list value; empty when none of them has one, or the run has no products"),
        new("list_value", "price.list_value", "Σ quantity × list price (products.unit_price) over the positive lines in the window whose SKU has a list price above 0: their revenue at list, price_realisation's denominator; 0 without such a line, empty when the run has no products"),
        new("listed_revenue", "price.listed_revenue", "Σ line revenue over the same lines: price_realisation's numerator, so a segment's realisation is Σ listed_revenue ÷ Σ list_value of its customers; 0 without such a line, empty when the run has no products"),
        new("orders", "orders.count", "distinct orders with at least one positive line (an order id several customers share is an order of each, with its own lines)"),
        new("lines", "lines.count", "order lines with positive quantity"),
        new("units", "units.sum", "Σ positive quantity"),
        new("avg_order_value", "orders.avg_value", "revenue of positive lines ÷ orders, over the orders that stood: one its own negative lines net to no unit (cancelled or returned in full under its order id) is left out of both"),
        new("lines_per_order", "orders.lines_per_order", "lines ÷ orders"),
        new("units_per_line", "lines.units_per_line", "units ÷ lines"),
        new("orders_per_month", "orders.frequency", "orders ÷ calendar months from the later of window start and the customer's first order line in all history (as tenure_days) to the end of as_of (whole months, then the days left as a share of their month; at least 1): a 12-month window is 12 months for a customer of longer standing"),
        new("mean_interorder_days", "orders.interval", "mean days between consecutive distinct order dates"),
        new("recency_days", "recency", "as_of − last order date"),
        new("tenure_days", "tenure", "as_of − date of the first order line in all history (a return line counts: it shows an earlier purchase)"),
        new("first_order_date", "orders.first_date", "date of the first order line with positive quantity in the window; empty without one (tenure_days counts from the first line in all history)"),
        new("last_order_date", "orders.last_date", "date of the last order line with positive quantity in the window; empty without one"),
        new("periods", $"demand.periods[{o.Bucket}]", "periods from the window's first period (or, for a customer without an order line in all history before the later of that period's start and the window start, its first period with demand) to the last at least half over by as_of (an unfinished last period, or a first period the window or the data's first day cuts, under half its length is left out); 0 without demand in them"),
        new("demand_mean", $"demand.mean[{o.Bucket},{o.DemandMeasure}]", "mean demand per period, zero periods included"),
        new("demand_sd", $"demand.sd[{o.Bucket},{o.DemandMeasure}]", "population standard deviation of demand per period, zero periods included"),
        new("demand_cv", $"demand.cv[{o.Bucket},{o.DemandMeasure}]", "population standard deviation ÷ mean of periodic demand, zero periods included; empty with fewer than 2 periods (one period shows no variability) or a total of 0 or less (revenue net of returns under demand_measure: revenue: no variability relative to a mean that is not positive)"),
        new("adi", $"demand.adi[{o.Bucket},{o.DemandMeasure}]", "mean interval between non-zero demand periods (empty with fewer than 2)"),
        new("cv2", $"demand.cv2[{o.Bucket},{o.DemandMeasure}]", "squared CV of the non-zero period demands (empty with fewer than 2)"),
        new("demand_class", $"demand.sb[{o.Bucket},{o.DemandMeasure}]", string.Create(CultureInfo.InvariantCulture, $"Syntetos–Boylan: smooth / erratic / intermittent / lumpy at ADI {o.DemandClassCutoffs.Adi}, CV² {o.DemandClassCutoffs.Cv2}; single_demand with one period of demand (no interval to measure)")),
        new("return_lines", "returns.lines", "order lines with negative quantity (returns and cancellations)"),
        new("returned_units", "returns.units", "Σ −quantity of return lines"),
        new("net_units", "units.net", "units − returned_units: units kept after returns and cancellations (ABC on units ranks an order cancelled in full as no volume)"),
        new("returned_value", "returns.value", "Σ −revenue of return lines"),
        new("return_rate", "returns.unit_rate", "returned units ÷ units sold, both dated in the window (a return counts where it is dated, whatever sale it reverses, so the rate may pass 1)"),
        new("expedites", "service.expedites", "expedite events in the window (empty, as are the three columns after it, when the run has no service events at all)"),
        new("expedite_rate", "service.expedites_per_order", "expedite events ÷ orders"),
        new("complaints", "service.complaints", "complaint events in the window"),
        new("complaint_rate", "service.complaints_per_order", "complaint events ÷ orders"),
        new("order_changes", "service.order_changes", "order_change events in the window, one per change of an ERP change log (empty, as order_change_rate, when the run has no order_change event at all: no change log, not no change)"),
        new("order_change_rate", "service.order_change_rate", "orders changed ÷ orders, at most 1: the distinct orders order_change events in the window name, each change naming no known order (no order_id, or one the order lines lack) counted as one order; a change may name an order placed before the window, hence the cap"),
        .. Service(o.Otif),
        new("perfect_orders", o.Otif.PerfectOrderId + ".count", "orders of orders_otif (otif.order, the same on-time reference, window and in-full tolerance) that no claim names: no service event of event_type claim whose order_id is the order, logged under the order's customer (rolled up, a customer of its account; a claim under another customer is ignored, as ingestion warns order_of_another_customer); a claim dated after an earlier snapshot's date is not known there, the run's as_of sees every claim in the export (claims follow delivery); DEFINITIONS.md perfect_order, SCOR RL.1.1, documentation and condition right; perfect_order_rate's numerator; empty when no claim in the data names an order (documentation and condition unknown, not right) and under metrics.otif.level: line (a perfect order is an order)"),
        new("perfect_order_rate", o.Otif.PerfectOrderId, "perfect_orders ÷ orders_timed (OTIF's denominator), so a segment's is Σ perfect_orders ÷ Σ orders_timed of its customers; at most otif_rate; empty as perfect_orders is, or without a timed order"),
        new("units_ordered", "fill.unit.ordered", "Σ quantity ordered over the orders whose fill is known: orders with shipments (any level of OTIF: per order) whose every shipment carries a quantity_shipped (an empty one is unknown, not 0) and that are not open (partly shipped and not yet due, see in_full_rate); fill_rate_units' denominator; 0 without such an order"),
        new("units_shipped", "fill.unit.shipped", "Σ units shipped over the same orders, each line counting its own SKU's quantity_shipped up to its quantity (an over-shipment or another SKU fills no line); an order settled by its totals (shipped as ordered, or short in total; or with a shipment without a sku) counts its total up to its quantity; fill_rate_units' numerator"),
        new("fill_rate_units", "fill.unit", "units_shipped ÷ units_ordered (DEFINITIONS.md fill.unit: units shipped ÷ units ordered, shipped by as_of, delivered or not), so a segment's is Σ units_shipped ÷ Σ units_ordered of its customers; empty without an order whose fill is known"),
        new("lines_fill_known", "fill.line.known", "order lines (order_lines rows with positive quantity) of the orders whose fill is known (as units_ordered: every shipment weighed, not open), less the lines of an order with a shipment without a sku that is short in total over several lines (which line is short is unknown); fill_rate_lines' denominator; 0 without such a line"),
        new("lines_filled", "fill.line.filled", "lines of lines_fill_known completely filled by as_of (backorders included): their SKU's quantity_shipped in the order covers the SKU's quantity ordered there, no in-full tolerance (rows of one order and SKU fill together: shipments name the SKU, not the row; an over-shipment or another SKU fills no line); fill_rate_lines' numerator"),
        new("fill_rate_lines", "fill.line", "lines_filled ÷ lines_fill_known (DEFINITIONS.md fill.line: lines completely filled ÷ lines), so a segment's is Σ lines_filled ÷ Σ lines_fill_known of its customers; empty without a line whose fill is known"),
        .. OrderFill(o.FillOrder),
        new("delivered_orders", "order.cycle_time.orders", "orders with shipments every one of which was delivered (the run's as_of: every delivered_date the export holds, one after as_of included; an earlier snapshot: by its date), the order not open (partly shipped and not yet due); order_cycle_days' denominator; 0 without one"),
        new("delivered_order_days", "order.cycle_time.days", "Σ over delivered_orders of the last delivered_date − the order's first order date, calendar days; order_cycle_days' numerator"),
        new("order_cycle_days", "order.cycle_time", "delivered_order_days ÷ delivered_orders: the mean order cycle time in calendar days (DEFINITIONS.md: delivered date − order date), so a segment's is Σ delivered_order_days ÷ Σ delivered_orders of its customers; empty without a delivered order"),
        new("deliveries", "deliveries.count", "shipments to the customer: per order with a positive line in the window, its distinct shipment ids (a shipment id shared by two orders counts once for each; of an order id several customers share, the shipments a row of which counts for the customer, the one whose line has its SKU, else the one with the most units of it or of the order, so one carrying two customers' SKUs counts once for each; an earlier snapshot counts those known by its date, shipped, else delivered), summed over the orders, as the cost driver shipments counts them, per order under both OTIF levels; 0 without any, empty (as drop_size and deliveries_per_order) when the run has no shipments"),
        new("drop_size", "deliveries.drop_size", "units shipped (Σ quantity_shipped of those orders' shipments) ÷ deliveries, over the orders whose shipments all carry a quantity_shipped (an empty one is unknown, not 0): the units each drop carries; empty without such a delivery"),
        new("deliveries_per_order", "deliveries.per_order", "deliveries ÷ orders with shipment records (orders, not lines, under both OTIF levels): 1 when every order ships in one delivery, above 1 for orders split or backordered; empty without a delivery"),
        new("requested_lead_time_days", "lead_time.requested", "mean requested_date − order date"),
        new("drop_ship_share", "route.drop_ship_share", "share of lines shipped from a supplier or drop-ship location (locations.type supplier, vendor or drop ship, in any case, with spaces, hyphens or underscores); empty when the run has no locations"),
        new("cost_to_serve", o.CostToServeId, "Σ pools: annual cost × years from the later of window start and the data's first order line (one length for every customer) to as_of × customer's share of the pool's driver volume (activity-based costing), or for a pool costs.activity_rates sets a rate for, that rate × the customer's driver volume (warned cost_pool_rate_variance by what the customers absorb against the pool's cost), or for a pool costs.time_equations prices (time-driven ABC, Kaplan & Anderson 2004), the customer's minutes (Σ minutes per driver unit × its volume) × the capacity cost rate, annual cost ÷ practical minutes a year (unused capacity is run_summary.json's unused_capacity, on no customer; warned capacity_overrun when the minutes exceed it); a pool driven by customers is split equally over the customers with an order line in the window, so one without a line carries none of it; a pool whose driver has no volume in the window is carried by no one (warned cost_pool_unattributed); plus the direct costs costs.direct charges (both by default, named in the id as direct=…): freight, Σ freight_cost of the shipments of the customer's orders the freight driver counts (orders by order date; at as_of every shipment of them the export holds, one shipped after as_of included, at a past period end those shipped by it; of an order id several customers share, split among them: a shipment row to the customer whose line has its SKU, a row of an SKU several ordered by their units of it, one of an SKU none ordered or without sku by their units of the order, so Σ over customers is Σ freight_cost), and service_events, Σ cost of its service events dated in the window (an empty freight_cost or cost adds 0, warned direct_cost_missing); empty without cost pools, whose activities' cost is then unknown"),
        new("cost_to_serve_pct", o.CostToServePctId, "cost_to_serve ÷ revenue; empty when revenue is 0 or less (returns outweighing sales: no revenue to weigh the cost against)"),
        new("net_contribution", o.NetContributionId, "revenue − cost_of_goods − cost_to_serve as written (DEFINITIONS.md Profitability; the carrying cost of stock is a segment's, in segment_pnl.csv); empty when cost_of_goods is (an uncosted line) or the run has no cost pools"),
    ];

    // The OTIF columns: per order (otif.order) or per order line (otif.line). The columns keep their names under both levels,
    // so rules, k-means dimensions, stored runs and compare read one schema; the id and meaning say what they count.
    // DEFINITIONS.md fill.order under the configured variant: its known orders, both variants' counts (the other empty) and the rate.
    private static IEnumerable<MetricDefinition> OrderFill(OrderFillBasis basis)
    {
        var id = basis.DefinitionId();
        var filled = basis.FilledColumn();
        yield return basis == OrderFillBasis.FirstTime
            ? new("orders_fill_known", id + ".known", "orders whose fill is known (as units_ordered: with shipments, every one weighed, not open), less an order with a shipment without a sku whose total covers it but not on its first ship date alone (which lines that date filled is unknown); fill_rate_orders' denominator; 0 without such an order")
            : new("orders_fill_known", id + ".known", "orders whose fill is known (as units_ordered: with shipments, every one weighed, not open); fill_rate_orders' denominator; 0 without such an order");
        var firstTime = "orders of orders_fill_known completely filled by the shipments of their first ship date (all shipments sharing the earliest ship_date, a shipment without one dated by its delivered_date), before any backorder: every line's SKU shipped then up to its quantity ordered, no in-full tolerance; an order with a single ship date is filled the first time when it is filled at all";
        var afterBackorders = "orders of orders_fill_known completely filled by every shipment known by as_of (an earlier snapshot: by its date), backorders included: every line filled as lines_filled judges it (its SKU's quantity_shipped in the order covers the SKU's quantity ordered there, no in-full tolerance); an order short in total is not filled";
        string Count(OrderFillBasis of, string meaning) => of == basis ? meaning + "; fill_rate_orders' numerator"
            : meaning + $"; empty: metrics.fill.order is {basis.Name()}, whose count is {filled}";
        yield return new(OrderFillBasis.FirstTime.FilledColumn(), OrderFillBasis.FirstTime.DefinitionId() + ".filled", Count(OrderFillBasis.FirstTime, firstTime));
        yield return new(OrderFillBasis.AfterBackorders.FilledColumn(), OrderFillBasis.AfterBackorders.DefinitionId() + ".filled", Count(OrderFillBasis.AfterBackorders, afterBackorders));
        yield return new("fill_rate_orders", id, $"{filled} ÷ orders_fill_known (DEFINITIONS.md fill.order: orders completely filled ÷ orders, {(basis == OrderFillBasis.FirstTime ? "first-time fill, the default" : "after backorders, as metrics.fill.order sets")}), so a segment's is Σ {filled} ÷ Σ orders_fill_known of its customers; empty without an order whose fill is known");
    }

    private static IEnumerable<MetricDefinition> Service(OtifDefinition otif) => otif.Level == OtifLevel.Order
        ?
        [
            new("orders_with_shipments", otif.Id + ".orders", "orders with shipment records (the denominator of the in-full rate, less the open orders: partly shipped and not yet due, see in_full_rate)"),
            new("orders_timed", otif.Id + ".known", $"orders with shipments whose timeliness is known at as_of: {Timed(otif)}, and the order not open (partly shipped and not yet due, see in_full_rate); an order late by a shipment already is known (late), one on time whose in-full is unknown (a shipment without quantity_shipped, the known quantities short) is not; the denominator of the OTIF rate and, with those orders, of the on-time rate"),
            new("orders_otif", otif.Id + ".count", "orders of orders_timed on time (every shipment delivered in the on-time window) whose every line (order and SKU) had its quantity × (1 − in_full_tolerance) delivered: the numerator of the OTIF rate, so a segment's OTIF is Σ orders_otif ÷ Σ orders_timed of its customers"),
            new("on_time_rate", otif.Id + ".on_time", $"orders whose every shipment was delivered in the on-time window ({Window(otif)}) ÷ orders with shipments of known timeliness (orders_timed and the on-time orders whose in-full is unknown)"),
            new("in_full_rate", otif.Id + ".in_full", $"orders shipped in full (any date) ÷ orders with shipments that are not open (partly shipped and not yet due: short of in full while {RestDue(otif)} + late days is on or after as_of; past that date it is not in full): every line (order and SKU) shipped up to its quantity × (1 − in_full_tolerance), another SKU not counting; an order with a shipment without a sku is judged on its total quantity (no SKU to match lines by); a shipment without quantity_shipped carried an unknown quantity: the known ones prove the order in full when they cover every line (each its own SKU's known units; on its total only where a shipment has no sku), else it is left out (unknown)"),
            new("otif_rate", otif.Id, "orders on time (every shipment delivered in the on-time window) whose every line (order and SKU) had its quantity × (1 − in_full_tolerance) delivered ÷ orders_timed (orders with shipments of known timeliness, an open order, partly shipped and not yet due, not among them unless late already; the joint event, never OT% × IF%); an order with a shipment without a sku is judged on its total quantity (no SKU to match lines by); an order on time whose in-full is unknown (a shipment without quantity_shipped, the known quantities short) is left out, a late one is not OTIF"),
        ]
        :
        [
            new("orders_with_shipments", otif.Id + ".lines", "order lines, not orders (otif.line): lines (order id + SKU with positive quantity; rows of one order and SKU are one line) of orders with shipment records, a line none of whose order's shipments carries its SKU included (0 shipped); the lines of an order with a shipment without a sku are left out (no line to match that shipment to: unknown); the denominator of the in-full rate, less the open lines (see in_full_rate)"),
            new("orders_timed", otif.Id + ".known", $"order lines, not orders (otif.line): lines with shipments whose timeliness is known at as_of: {Timed(otif)}, and the line not open (see in_full_rate); a line late by a shipment already is known (late), one on time whose in-full is unknown (a shipment without quantity_shipped, the known quantities short) is not; the denominator of the OTIF rate and, with those lines, of the on-time rate"),
            new("orders_otif", otif.Id + ".count", "order lines, not orders (otif.line): lines of orders_timed on time (every shipment of the line's SKU delivered in the on-time window) with the line's quantity × (1 − in_full_tolerance) of its SKU delivered in it: the numerator of the OTIF rate, so a segment's OTIF is Σ orders_otif ÷ Σ orders_timed of its customers"),
            new("on_time_rate", otif.Id + ".on_time", $"order lines whose every shipment of the order and the line's SKU was delivered in the on-time window ({Window(otif)}) ÷ lines with shipments of known timeliness (orders_timed and the on-time lines whose in-full is unknown); a line none of whose order's shipments carries its SKU is late once {(otif.Reference == OtifReference.Requested ? "its requested_date" : "its order's latest promised_date")} + late days is before as_of"),
            new("in_full_rate", otif.Id + ".in_full", $"order lines whose SKU was shipped (any date) up to the line's quantity × (1 − in_full_tolerance) ÷ orders_with_shipments less the open lines (shipped short while {RestDue(otif)} + late days is on or after as_of; past that date it is not in full); another SKU does not count; the lines of an order with a shipment without a sku are left out (unknown); a shipment without quantity_shipped carried an unknown quantity: the known ones prove the line in full when they cover it, else it is left out (unknown)"),
            new("otif_rate", otif.Id, "order lines on time (every shipment of the line's SKU delivered in the on-time window) with the line's quantity × (1 − in_full_tolerance) of its SKU delivered in it ÷ orders_timed (lines with shipments of known timeliness, an open line not among them unless late already); the joint event per line, never OT% × IF%; the lines of an order with a shipment without a sku are left out (unknown); a line on time whose in-full is unknown (a shipment without quantity_shipped, the known quantities short) is left out, a late one is not OTIF"),
        ];

    // The date each shipment is judged against, and the on-time window around it.
    private static string Window(OtifDefinition otif) => string.Create(CultureInfo.InvariantCulture,
        $"{(otif.Reference != OtifReference.Requested ? "the shipment's promised_date" : otif.Level == OtifLevel.Line ? "the line's requested_date (the latest of the order's rows of that SKU), the same for each of its shipments" : "the latest requested_date of the order's lines, the same for each of its shipments")} + {otif.LateDays} days late, {(otif.EarlyDays is int early ? $"− {early} days early" : "any day early")}");

    private static string Timed(OtifDefinition otif) => (otif.Reference, otif.Level) switch
    {
        (OtifReference.Requested, OtifLevel.Line) => "the line has a requested_date (every shipment's reference), no shipment undelivered and not yet due (that date + late days on or after as_of: in transit)",
        (OtifReference.Requested, _) => "the order has a requested_date on some line (the latest of them is every shipment's reference), no shipment undelivered and not yet due (that date + late days on or after as_of: in transit)",
        (_, OtifLevel.Line) => "every shipment of the line's SKU with a promised date, none undelivered and not yet due (promised_date + late days on or after as_of: in transit; a line without a shipment of its SKU is due at its order's latest promised_date)",
        _ => "every shipment with a promised date, none undelivered (no delivered_date; the run's as_of reads one after as_of as delivered) and not yet due (promised_date + late days on or after as_of: in transit)",
    };

    private static string RestDue(OtifDefinition otif) => (otif.Reference, otif.Level) switch
    {
        (OtifReference.Requested, OtifLevel.Line) => "the line's requested_date",
        (OtifReference.Requested, _) => "the latest requested_date of its lines",
        (_, OtifLevel.Line) => "the line's requested_date, else the latest promised_date of its shipments (its order's, without one of its SKU),",
        _ => "the latest requested_date of its lines, else the latest promised_date of its shipments,",
    };
}
