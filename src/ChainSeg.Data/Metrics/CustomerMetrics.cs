using System.Globalization;
using System.Text.RegularExpressions;
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

    /// <summary>Line cost of goods over order lines <c>l</c> joined to products <c>p</c>: revenue − margin_amount when the export carries it, else quantity × unit_cost; null with neither.</summary>
    public const string LineCostOfGoods = "CASE WHEN l.margin_amount IS NOT NULL THEN " + LineRevenue + " - l.margin_amount ELSE l.quantity * p.unit_cost END";

    /// <summary>
    /// Creates <c>customer_accounts</c>, <c>customer_period_demand</c> and <c>customer_metrics</c> (each name followed by
    /// <paramref name="suffix"/>, so snapshots at other dates or rolled up can sit beside them) in the run schema;
    /// returns the number of customers.
    /// </summary>
    public static long Create(DuckDBConnection connection, string runSchema, MetricsOptions options, string suffix = "") =>
        CreateSnapshots(connection, runSchema, [new MetricSnapshotRequest(options, suffix)])[0];

    /// <summary>
    /// Creates the tables of <see cref="Create"/> for several snapshots (e.g. the run's as-of date and the earlier period
    /// ends stability looks at) from one pass over the order lines and shipments (<see cref="MetricFacts"/>): each
    /// snapshot's metrics are the same as if created alone with the same <paramref name="runAsOf"/>. A snapshot before
    /// <paramref name="runAsOf"/> (default: the latest as-of date of the snapshots) judges service with the shipments and
    /// deliveries known at its own date; the others with the whole export. Returns the number of customers per snapshot.
    /// Only the first snapshot without roll-up has a customer_accounts table (the map does not depend on the date), and
    /// only a full one (<see cref="MetricSnapshotRequest.Metrics"/> null) a customer_period_demand table.
    /// </summary>
    /// <exception cref="ArgumentException">No snapshot, two with one suffix, or snapshots that differ in more than as-of date, window start and roll-up.</exception>
    public static IReadOnlyList<long> CreateSnapshots(DuckDBConnection connection, string runSchema, IReadOnlyList<MetricSnapshotRequest> snapshots,
        DateOnly? runAsOf = null)
    {
        ArgumentNullException.ThrowIfNull(snapshots);
        if (snapshots.Count == 0)
            throw new ArgumentException("Expected at least one snapshot to create.", nameof(snapshots));
        if (snapshots.Select(s => s.Suffix).Distinct(StringComparer.Ordinal).Count() != snapshots.Count)
            throw new ArgumentException("Every snapshot needs its own table suffix.", nameof(snapshots));
        var first = snapshots[0].Options;
        if (snapshots.Any(s => s.Options with { AsOf = first.AsOf, WindowStart = first.WindowStart, RollUpHierarchy = first.RollUpHierarchy } != first))
            throw new ArgumentException("Snapshots created together may differ only in as-of date, window start and roll-up.", nameof(snapshots));

        var schema = Sql.Id(runSchema);
        // The customer → account map depends on the roll-up alone: made once per roll-up, in the first snapshot's tables of
        // that roll-up. Rolled-up snapshots keep their own copy (segmentation reads it to hand accounts' segments down to
        // their customers); the others read the first.
        var accounts = snapshots.GroupBy(s => s.Options.RollUpHierarchy).ToDictionary(g => g.Key, g => new Tables(schema, g.First().Suffix).Accounts);
        var facts = new MetricFacts(connection, schema, snapshots.Select(s => s.Options).ToList(), runAsOf);
        try
        {
            facts.Build(accounts, (rollUp, lineCustomers) => CreateAccounts(connection, schema, accounts[rollUp], rollUp, lineCustomers));
            foreach (var (options, suffix, _) in snapshots)
                if (options.RollUpHierarchy && new Tables(schema, suffix).Accounts is var copy && copy != accounts[true])
                    connection.Execute($"CREATE OR REPLACE TABLE {copy} AS SELECT * FROM {accounts[true]}");
            var sources = MetricSources.Of(connection, schema);
            ActivityRates.RequirePools(connection, schema, first.ActivityRates);
            TimeDrivenPools.RequirePools(connection, schema, first.TimeEquations);
            var firstLine = facts.FirstLine();
            var customers = new List<long>();
            for (var k = 0; k < snapshots.Count; k++)
            {
                var (options, suffix, metrics) = snapshots[k];
                var t = new Tables(schema, suffix);
                // A full snapshot keeps its periods' demand in the store for analysts; a narrowed one (read only by
                // segmentation, which reads the variability metrics) computes it inside its metrics statement.
                var periodDemand = PeriodDemand(t, options, facts, k);
                if (metrics is null)
                    connection.Execute($"CREATE OR REPLACE TABLE {t.PeriodDemand} AS {periodDemand}");
                CreateMetrics(connection, t, options, facts, k, metrics, metrics is null ? t.PeriodDemand : $"({periodDemand})", accounts[options.RollUpHierarchy], sources, firstLine);
                customers.Add(connection.ScalarLong($"SELECT count(*) FROM {t.Metrics}"));
            }
            return customers;
        }
        finally
        {
            facts.Drop();
        }
    }

    /// <summary>Qualified names of the tables one metrics computation reads and writes.</summary>
    private sealed record Tables(string Schema, string Suffix)
    {
        public string Accounts => $"{Schema}.{Sql.Id("customer_accounts" + Suffix)}";
        public string PeriodDemand => $"{Schema}.{Sql.Id("customer_period_demand" + Suffix)}";
        public string Metrics => $"{Schema}.{Sql.Id("customer_metrics" + Suffix)}";
        public string UnattributedPools => $"{Schema}.{Sql.Id("cost_pools_unattributed" + Suffix)}";
        public string CostToServe => $"{Schema}.{Sql.Id("cost_to_serve" + Suffix)}";
        public string RateVariances => $"{Schema}.{Sql.Id("cost_pools_rate_variance" + Suffix)}";
        public string Capacities => $"{Schema}.{Sql.Id("cost_pools_capacity" + Suffix)}";
        public string DirectCostGaps => $"{Schema}.{Sql.Id(DirectCostGap.Table + Suffix)}";
    }

    /// <summary>The customers the run's customer_metrics measured, each in its own row or rolled into its account's.</summary>
    public static long CustomersMeasured(DuckDBConnection connection, string runSchema) =>
        connection.ScalarLong($"SELECT count(*) FROM {new Tables(Sql.Id(runSchema), "").Accounts}");

    /// <summary>The default reference date: the latest order date in the data (never the clock).</summary>
    public static DateOnly? LatestOrderDate(DuckDBConnection connection, string runSchema) =>
        DateOf(connection.Scalar($"SELECT CAST(max(order_date) AS DATE) FROM {Sql.Id(runSchema)}.order_lines"));

    /// <summary>The earliest order date in the data.</summary>
    public static DateOnly? EarliestOrderDate(DuckDBConnection connection, string runSchema) =>
        DateOf(connection.Scalar($"SELECT CAST(min(order_date) AS DATE) FROM {Sql.Id(runSchema)}.order_lines"));

    /// <summary>
    /// Why a metric is empty for every customer where the data itself says so, by metric: the cost metrics when no order line
    /// has a margin_amount and no product a unit_cost (Online Retail), the order change metrics when the service events hold
    /// no order_change (no change log), the perfect order metrics when no claim names an order or, under
    /// <paramref name="options"/>' metrics.otif.level: line, always, and the count of the fill.order variant metrics.fill.order
    /// does not configure. Named in metric_without_values.
    /// </summary>
    public static IReadOnlyDictionary<string, string> MissingInputs(DuckDBConnection connection, string runSchema, MetricsOptions? options = null)
    {
        var s = Sql.Id(runSchema);
        var missing = HasCostsOfGoods(connection, s) ? new Dictionary<string, string>(StringComparer.Ordinal)
            : MetricDefinitions.CostMetrics.ToDictionary(m => m, MetricDefinitions.WithoutCosts, StringComparer.Ordinal);
        if (!MetricSources.HasOrderChanges(connection, s))
            foreach (var metric in MetricDefinitions.OrderChangeMetrics)
                missing[metric] = MetricDefinitions.WithoutOrderChanges(metric);
        var byLine = options?.Otif.Level == OtifLevel.Line;
        if (byLine || !MetricSources.HasOrderClaims(connection, s))
            foreach (var metric in MetricDefinitions.PerfectOrderMetrics)
                missing[metric] = byLine ? MetricDefinitions.PerfectOrderByLine(metric) : MetricDefinitions.WithoutOrderClaims(metric);
        var fillOrder = options?.FillOrder ?? OrderFillBasis.FirstTime;
        missing[fillOrder.Other().FilledColumn()] = MetricDefinitions.OtherOrderFillBasis(fillOrder);
        return missing;
    }

    /// <summary>
    /// Why no customer has a net contribution (the whale curve is not measured), naming only what the run lacks: cost pools,
    /// costs of goods (<see cref="MetricDefinitions.CostInputs"/>), both, or, with both, a cost on every customer's lines.
    /// </summary>
    public static string WhyNoNetContribution(DuckDBConnection connection, string runSchema)
    {
        var s = Sql.Id(runSchema);
        return MetricDefinitions.WithoutNetContribution(MetricSources.Of(connection, s).CostPools, HasCostsOfGoods(connection, s));
    }

    // Whether any order line has a margin_amount or any product a unit_cost: without either, every cost metric is empty.
    private static bool HasCostsOfGoods(DuckDBConnection connection, string quotedSchema) => connection.ScalarLong($"""
        SELECT (SELECT count(*) FROM (SELECT 1 FROM {quotedSchema}.order_lines WHERE margin_amount IS NOT NULL LIMIT 1))
             + (SELECT count(*) FROM (SELECT 1 FROM {quotedSchema}.products WHERE unit_cost IS NOT NULL LIMIT 1))
        """) > 0;

    /// <summary>A DATE value as DuckDB returns it (DateOnly or DateTime); null for NULL.</summary>
    internal static DateOnly? DateOf(object? value) => value switch
    {
        DateOnly d => d,
        DateTime dt => DateOnly.FromDateTime(dt),
        _ => null,
    };

    internal static string Date(DateOnly date) => $"DATE {Sql.Str(DateFormat.Iso(date))}";

    /// <summary>Levels of the customer hierarchy a roll-up follows (ingestion counts the customers of chains beyond them).</summary>
    public const int HierarchyDepthLimit = 20;

    /// <summary>
    /// What a roll-up does with customers more than <see cref="HierarchyDepthLimit"/> levels below their top account
    /// (quality.json's hierarchy_too_deep:parent_id): how many, the first few and the fix; null when there are none.
    /// </summary>
    public static string? BeyondDepthLimitAdvice(DuckDBConnection connection, string runSchema)
    {
        if (FirstCustomers(connection, BeyondDepthLimit($"{Sql.Id(runSchema)}.customers")) is not var (n, examples))
            return null;
        var one = n == 1;
        return string.Create(CultureInfo.InvariantCulture,
            $"{n:N0} {(one ? "customer is" : "customers are")} more than {HierarchyDepthLimit} levels below {(one ? "its" : "their")} top account ({examples}), deeper than roll_up_hierarchy follows, so each heads its own account and the top account's metrics lack {(one ? "it" : "them")}; {FlattenHierarchy(one)}.");
    }

    /// <summary>The fix for customers deeper than a roll-up follows, as the run's advice and explain both say it.</summary>
    public static string FlattenHierarchy(bool one) =>
        $"flatten the hierarchy to {HierarchyDepthLimit} levels (a parent_id nearer the top) to roll {(one ? "it" : "them")} up";

    /// <summary>
    /// How many customers a query of customer ids (<c>customer_id</c>) names, and the first three by id for an advice line
    /// ("C1, C2, C3, …"); null when it names none.
    /// </summary>
    internal static (long Count, string Examples)? FirstCustomers(DuckDBConnection connection, string customerIds)
    {
        var first = connection.Query($"SELECT customer_id, count(*) OVER () FROM ({customerIds}) ORDER BY customer_id LIMIT 4",
            r => (Id: r.GetString(0), Count: r.GetInt64(1)));
        if (first.Count == 0)
            return null;
        var n = first[0].Count;
        return (n, string.Join(", ", first.Take(3).Select(c => c.Id)) + (n > 3 ? ", …" : ""));
    }

    // The customers a roll-up leaves as their own accounts for depth: those with a parent that are not reached within
    // HierarchyDepthLimit levels down from a customer without one (a chain deeper than the limit, or, before ingestion
    // blanks cycles' parents, a cycle and the customers below it). Top-down, each customer is reached once, so the walk
    // is as long as the customers table.
    // customers: a table whose parent_id names its own customers (ingestion blanks the others and cycles).
    internal static string BeyondDepthLimit(string customers) => $"""
        WITH RECURSIVE reached(customer_id, depth) AS (
            SELECT customer_id, 0 FROM {customers} WHERE parent_id IS NULL
            UNION ALL
            SELECT c.customer_id, r.depth + 1 FROM reached r JOIN {customers} c ON c.parent_id = r.customer_id
            WHERE r.depth < {HierarchyDepthLimit}
        )
        SELECT customer_id FROM {customers} WHERE parent_id IS NOT NULL AND customer_id NOT IN (SELECT customer_id FROM reached)
        """;

    // customer → account the metrics are reported for: itself, or its top-level parent when rolling up. lineCustomers:
    // a query of the customer ids the order lines name, with each one's first line date. Ingestion breaks parent cycles; a
    // chain deeper than the limit falls back to the customer itself (ingestion counts those customers, see
    // BeyondDepthLimit). The walk goes one step past the limit to tell a top exactly at the limit (the chain ends there)
    // from a chain that goes on: stopping at the limit took the first for the second. A rolled-up map also keeps each
    // customer's own first line date (null without lines): segmentation hands an account's segment at a past period end
    // only to the customers that had ordered by then, as tenure_days tells a customer without roll-up.
    private static void CreateAccounts(DuckDBConnection connection, string schema, string accounts, bool rollUp, string lineCustomers)
    {
        if (!rollUp)
        {
            connection.Execute($"""
                CREATE OR REPLACE TABLE {accounts} AS SELECT customer_id, customer_id AS account_id
                FROM (SELECT customer_id FROM {schema}.customers UNION SELECT customer_id FROM ({lineCustomers}))
                """);
            return;
        }
        connection.Execute($"""
            CREATE OR REPLACE TABLE {accounts} AS
            WITH RECURSIVE line_customers AS MATERIALIZED (
                {lineCustomers}
            ), chain(customer_id, ancestor, depth) AS (
                SELECT customer_id, customer_id, 0 FROM (SELECT customer_id FROM {schema}.customers UNION SELECT customer_id FROM line_customers)
                UNION ALL
                SELECT c.customer_id, p.parent_id, c.depth + 1
                FROM chain c JOIN {schema}.customers p ON p.customer_id = c.ancestor
                WHERE p.parent_id IS NOT NULL AND c.depth <= {HierarchyDepthLimit}
            )
            SELECT ch.customer_id, ch.account_id, l.first_line_date
            FROM (
                SELECT customer_id, CASE WHEN max(depth) > {HierarchyDepthLimit} THEN customer_id ELSE arg_max(ancestor, depth) END AS account_id
                FROM chain GROUP BY customer_id
            ) ch LEFT JOIN line_customers l USING (customer_id)
            """);
    }

    // The query of customer_period_demand: the observed periods of each customer's demand, from the window's first period
    // (MetricsOptions.FirstDemandPeriod) or, for a customer whose first line came later, its first period with demand, to
    // the last period at least half over by as_of (MetricsOptions.LastDemandPeriod; a customer who started late is not
    // charged with zeros before it existed, one of long standing is for the months of the window it did not order in:
    // XYZ is the variability over the window, DEFINITIONS.md); the periods without a line are zero demand, not listed, so
    // the series has customer_metrics.periods values, period_index 1 being the first. Revenue is
    // rounded to the cent: a sale returned in the same period nets to zero demand, not to a floating-point residue
    // (±1e-15) that demand_measure: revenue would count as a period with demand. The facts hold one row per customer and
    // period except where a window boundary splits the period: only those are summed here. The first period with demand
    // is the first of the series with a positive line.
    private static string PeriodDemand(Tables t, MetricsOptions o, MetricFacts facts, int k)
    {
        var periods = MetricFacts.Periods(o.RollUpHierarchy);
        var split = string.Join(", ", facts.SplitPeriods.Select(Date));
        var inSeries = $"{facts.InWindow(k)} AND period_start BETWEEN {Date(o.FirstDemandPeriod)} AND {Date(o.LastDemandPeriod)}";
        var whole = $"SELECT customer_id, period_start, coalesce(units, 0) AS units, round(revenue, 2) AS revenue FROM {periods} WHERE {inSeries}";
        var observed = split.Length == 0
            ? whole
            : $"""
                {whole} AND period_start NOT IN ({split})
                UNION ALL
                SELECT customer_id, period_start, coalesce(sum(units), 0), round(sum(revenue), 2)
                FROM {periods} WHERE {inSeries} AND period_start IN ({split}) GROUP BY customer_id, period_start
                """;
        // A customer with a line before the series' data (in all history) has its series from its first period; else from
        // its first period with a positive line: a return-only period before it (or a first period left out as a stub) does
        // not lengthen the series. The data begins at the later of the first period and the window start: a first period the
        // window cuts but keeps (17 days of December) begins before the window, and a line in its days outside the window is
        // a customer's before it (as tenure and orders_per_month count it), not its start. A customer without demand in the
        // series has none. A window of the whole history starts at the first line, so unless its first period is left out as
        // a stub only the second case arises: the lines' first dates are not read.
        var seriesData = o.FirstDemandPeriod > o.WindowStart ? o.FirstDemandPeriod : o.WindowStart;
        var firstDemand = "SELECT customer_id, min(period_start) AS first_period FROM observed WHERE units > 0 GROUP BY customer_id";
        var span = o.WholeHistory && seriesData == o.WindowStart ? firstDemand : $"""
            SELECT ob.customer_id,
                    CASE WHEN f.first_line < {Date(seriesData)} THEN {Date(o.FirstDemandPeriod)} ELSE min(ob.period_start) END AS first_period
                FROM observed ob JOIN (
                    SELECT customer_id, min(first_line_date) AS first_line FROM {MetricFacts.Cells(o.RollUpHierarchy)} WHERE seg <= {facts.Window(k).High} GROUP BY customer_id
                ) f USING (customer_id)
                WHERE ob.units > 0 GROUP BY ob.customer_id, f.first_line
            """;
        return $"""
            WITH observed AS (
                {observed}
            ), span AS (
                {span}
            )
            SELECT ob.customer_id, ob.period_start, {PeriodIndex(o, "sp.first_period", "ob.period_start")} AS period_index, ob.units, ob.revenue
            FROM observed ob JOIN span sp ON sp.customer_id = ob.customer_id AND ob.period_start >= sp.first_period
            """;
    }

    // 1-based index of period_start counted from first_period, both starts of a bucket.
    private static string PeriodIndex(MetricsOptions o, string firstPeriod, string periodStart) => o.Bucket switch
    {
        "week" => $"date_diff('day', {firstPeriod}, {periodStart}) // 7 + 1",
        "quarter" => $"date_diff('month', {firstPeriod}, {periodStart}) // 3 + 1",
        _ => $"date_diff('month', {firstPeriod}, {periodStart}) + 1",
    };

    // Orders, shipments and freight per customer, with the service rates, their denominators (orders_with_shipments,
    // orders_timed) and OTIF's numerator (orders_otif) per order or, under otif.line, per order line: the same columns,
    // their definitions naming the unit.
    // The drop size, deliveries per order, fill (units, lines, orders) and order cycle time are per order under both levels: shipments over the orders that have them; the
    // drop size over those whose shipments all carry a quantity_shipped.
    private static string OrderStats(MetricsOptions o, MetricFacts facts, int k)
    {
        string Sums(string table) => $"""
            SELECT customer_id, CAST(sum(orders) AS BIGINT) AS orders, CAST(sum(n) AS BIGINT) AS orders_with_shipments,
                    sum(on_time) / nullif(sum(on_time_n), 0) AS on_time_rate, sum(in_full) / nullif(sum(in_full_n), 0) AS in_full_rate,
                    sum(otif) / nullif(sum(otif_n), 0) AS otif_rate, CAST(sum(otif_n) AS BIGINT) AS orders_timed, CAST(sum(otif) AS BIGINT) AS orders_otif,
                    CAST(sum(perfect) AS BIGINT) AS perfect_orders,
                    CASE WHEN sum(n) > 0 THEN sum(shipments) END AS shipments, CASE WHEN sum(n) > 0 THEN sum(freight) END AS freight,
                    CAST(sum(shipment_rows) AS BIGINT) AS shipment_rows, CAST(sum(unfreighted) AS BIGINT) AS unfreighted_rows,
                    sum(shipped) / nullif(sum(weighed_shipments), 0) AS drop_size, sum(shipments) / nullif(sum(n), 0) AS deliveries_per_order,
                    sum(units_ordered) AS units_ordered, sum(units_shipped) AS units_shipped,
                    CAST(sum(delivered_orders) AS BIGINT) AS delivered_orders, CAST(sum(delivered_order_days) AS BIGINT) AS delivered_order_days,
                    CAST(sum(lines_fill_known) AS BIGINT) AS lines_fill_known, CAST(sum(lines_filled) AS BIGINT) AS lines_filled,
                    CAST(sum(orders_fill_known) AS BIGINT) AS orders_fill_known, CAST(sum(orders_filled) AS BIGINT) AS orders_filled,
                    CAST(sum(cancelled_orders) AS BIGINT) AS cancelled_orders, round(sum(cancelled_value), 6) AS cancelled_value
                FROM {table} WHERE {facts.OrderStatsIn(k)}
                GROUP BY customer_id
            """;
        var orders = Sums(MetricFacts.OrderStats(o.RollUpHierarchy));
        if (o.Otif.Level == OtifLevel.Order)
            return orders;
        // Shipments and freight stay per order (a shipment carrying three SKUs is one shipment), so are gated by the orders'
        // shipment records: an order whose lines are left out (a shipment without SKU) still ships.
        return $"""
            SELECT o.customer_id, o.orders, o.shipments, o.freight, o.shipment_rows, o.unfreighted_rows, o.drop_size, o.deliveries_per_order,
                    o.units_ordered, o.units_shipped, o.delivered_orders, o.delivered_order_days,
                    o.lines_fill_known, o.lines_filled, o.orders_fill_known, o.orders_filled, o.cancelled_orders, o.cancelled_value,
                    l.orders_with_shipments, l.on_time_rate, l.in_full_rate, l.otif_rate, l.orders_timed, l.orders_otif
                FROM ({orders}) o LEFT JOIN ({Sums(MetricFacts.LineStats(o.RollUpHierarchy))}) l USING (customer_id)
            """;
    }

    // periodDemand: the customer_period_demand table, or the same rows as a parenthesised query; accountsTable: the
    // customer → account map of the snapshot's roll-up.
    private static void CreateMetrics(DuckDBConnection connection, Tables t, MetricsOptions o, MetricFacts facts, int k, IReadOnlyCollection<string>? metrics,
        string periodDemand, string accountsTable, MetricSources sources, DateOnly? firstLine)
    {
        var columns = Columns(o, sources).Where(c => metrics is null || c.Name == "customer_id" || metrics.Contains(c.Name)).ToList();
        // A join is made only when a column reads its alias: DuckDB then skips the CTE behind it, so a narrowed snapshot
        // does not pay for cost-to-serve or the service rates it does not hold.
        var joins = Joins(t.Schema).Where(j => columns.Any(c => Regex.IsMatch(c.Expression, $@"\b{j.Alias}\."))).Select(j => $"\n            {j.Join}");
        var demand = o.DemandMeasure == "revenue" ? "revenue" : "units";
        var cells = MetricFacts.Cells(o.RollUpHierarchy);
        // The pools are annual costs: a window is charged for the days it holds data, from its start or the first order line
        // if later. A window reaching before the data (window: 10 years over two, or an earlier stability snapshot keeping
        // the run's length) charged years without a single driver, every customer's cost-to-serve inflated by as much.
        // The length is MetricsOptions.ChargedYears', the years segment_pnl.csv charges the carrying cost for, written as a
        // DOUBLE parsed from its round-trip text (a bare decimal literal is a DECIMAL, whose conversion may miss the last bit).
        var windowYears = firstLine is { } first ? $"CAST('{Sql.Num(o.ChargedYears(first))}' AS DOUBLE)" : "CAST(NULL AS DOUBLE)";

        var (_, high) = facts.Window(k);

        var with = $"""
            WITH sales AS (
                -- Money sums are rounded to 1e-6: DuckDB adds doubles in whatever order its threads finish, and the last bits
                -- that leaves would otherwise flip a half-cent figure (an average order value of 42.035) between two runs.
                SELECT customer_id,
                    round(sum(revenue), 6) AS revenue,
                    round(sum(gross_revenue), 6) AS gross_revenue,
                    -- A line without a cost (no unit_cost, no margin_amount) leaves the customer's cost of goods unknown: summing
                    -- the costed lines alone would report the uncosted revenue as pure margin.
                    CASE WHEN sum(uncosted_lines) = 0 THEN round(sum(cost_of_goods), 6) END AS cost_of_goods,
                    CAST(sum(lines) AS BIGINT) AS lines,
                    coalesce(sum(units), 0) AS units,
                    coalesce(sum(weight_kg), 0) AS weight_kg,
                    round(sum(list_value), 6) AS list_value,
                    round(sum(listed_revenue), 6) AS listed_revenue,
                    min(first_order_date) AS first_order_date,
                    max(last_order_date) AS last_order_date,
                    CAST(sum(return_lines) AS BIGINT) AS return_lines,
                    coalesce(-sum(returned_quantity), 0) AS returned_units,
                    coalesce(-round(sum(returned_revenue), 6), 0) AS returned_value,
                    sum(lead_days) / nullif(sum(lead_lines), 0) AS requested_lead_time_days,
                    sum(drop_ship_lines) / nullif(sum(lines), 0) AS drop_ship_share,
                    {(o.RollUpHierarchy ? "count(DISTINCT member)" : "1")} AS served_customers
                FROM {cells} WHERE {facts.InWindow(k)}
                GROUP BY customer_id
            ), tenure AS (
                SELECT customer_id, min(first_line_date) AS first_ever_order FROM {cells} WHERE seg <= {high} GROUP BY customer_id
            ), order_stats AS (
                {OrderStats(o, facts, k)}
            ), intervals AS (
                -- The mean gap between consecutive distinct order days is (last − first) / (days − 1); a day is in one segment.
                SELECT sa.customer_id, (sa.last_order_date - sa.first_order_date) / (d.order_days - 1) AS mean_interorder_days
                FROM sales sa JOIN (
                    SELECT customer_id, sum(order_days) AS order_days FROM {MetricFacts.Periods(o.RollUpHierarchy)}
                    WHERE order_days > 0 AND {facts.InWindow(k)} GROUP BY customer_id
                ) d USING (customer_id) WHERE d.order_days >= 2
            ), variability AS (
                -- Moments of the dense series (zero periods included) from the observed periods' own mean and variance (a
                -- period without a line is a zero: Σ(v − μ)² = n_obs·(σ²_obs + (μ_obs − μ)²) + n_zero·μ², no cancellation,
                -- where Σv²/n − μ² read 0.9999 for 1,000,001 and 999,999), and of the non-zero sizes likewise. Rounded (sums
                -- to 1e-6, moments to 1e-9): parallel aggregation differs in the last bits from run to run, and a CV² such as
                -- 0.21875 would otherwise round to 0.2187 or 0.2188 at random. The observed periods start at the first with
                -- demand, so their earliest start gives the series' length.
                SELECT customer_id, periods, mean AS demand_mean, sqrt(variance) AS demand_sd,
                    CASE WHEN total > 0 AND periods >= 2 THEN sqrt(variance) / mean END AS demand_cv,
                    demand_periods, CASE WHEN demand_periods >= 2 THEN index_span / (demand_periods - 1) END AS adi,
                    CASE WHEN demand_periods >= 2 THEN size_variance / (size_mean * size_mean) END AS cv2
                FROM (
                    SELECT *, total / periods AS mean,
                        greatest((observed * (observed_variance + (observed_mean - total / periods) * (observed_mean - total / periods))
                            + (periods - observed) * (total / periods) * (total / periods)) / periods, 0) AS variance
                    FROM (
                        SELECT customer_id, max(period_index - 1 + {PeriodIndex(o, "period_start", Date(o.LastDemandPeriod))}) AS periods, round(sum(v), 6) AS total,
                            count(*) AS observed, round(avg(v), 9) AS observed_mean, round(var_pop(v), 9) AS observed_variance,
                            round(avg(CASE WHEN v > 0 THEN v END), 9) AS size_mean, round(var_pop(CASE WHEN v > 0 THEN v END), 9) AS size_variance,
                            count(CASE WHEN v > 0 THEN 1 END) AS demand_periods,
                            max(CASE WHEN v > 0 THEN period_index END) - min(CASE WHEN v > 0 THEN period_index END) AS index_span
                        FROM (SELECT customer_id, period_start, period_index, {demand} AS v FROM {periodDemand})
                        GROUP BY customer_id
                    )
                )
            ), events AS (
                -- Changed orders: each order an order_change names once, and each change naming no known order as one.
                SELECT customer_id, CAST(sum(expedites) AS BIGINT) AS expedites, CAST(sum(complaints) AS BIGINT) AS complaints,
                    CAST(sum(order_changes) AS BIGINT) AS order_changes, round(sum(event_cost), 6) AS event_cost,
                    CAST(sum(costable_events) AS BIGINT) AS costable_events, CAST(sum(uncosted_events) AS BIGINT) AS uncosted_events,
                    count(DISTINCT changed_order) + coalesce(sum(CASE WHEN changed_order IS NULL THEN order_changes END), 0) AS changed_orders
                FROM {MetricFacts.Events(o.RollUpHierarchy)} WHERE {facts.InWindow(k)} GROUP BY customer_id
            ), accounts AS (
                SELECT DISTINCT account_id AS customer_id FROM {accountsTable}
            ), drivers AS (
                -- A pool driven by customers (key-account management) serves the customers with an order line in the window:
                -- every account in the map counted master-data customers and, at a past period end, those yet to order. An
                -- account counts its members with a line, so rolled up it carries what they carry apart (it counted as one).
                SELECT a.customer_id,
                    coalesce(os.orders, 0) AS orders, coalesce(sa.lines, 0) AS lines, coalesce(sa.units, 0) AS units,
                    coalesce(os.shipments, 0) AS shipments, coalesce(sa.return_lines, 0) AS returns, coalesce(ev.expedites, 0) AS expedites,
                    coalesce(ev.complaints, 0) AS complaints, coalesce(ev.order_changes, 0) AS order_changes, coalesce(sa.weight_kg, 0) AS weight_kg, coalesce(os.freight, 0) AS freight,
                    coalesce(ev.event_cost, 0) AS event_cost, coalesce(sa.served_customers, 0) AS customers, greatest(coalesce(sa.gross_revenue, 0), 0) AS revenue
                FROM accounts a LEFT JOIN sales sa USING (customer_id) LEFT JOIN order_stats os USING (customer_id) LEFT JOIN events ev USING (customer_id)
            ), driver_totals AS (
                SELECT sum(orders) AS orders, sum(lines) AS lines, sum(units) AS units, sum(shipments) AS shipments, sum(returns) AS returns,
                       sum(expedites) AS expedites, sum(complaints) AS complaints, sum(order_changes) AS order_changes, sum(weight_kg) AS weight_kg, sum(freight) AS freight,
                       sum(customers) AS customers, sum(revenue) AS revenue
                FROM drivers
            ), pool_costs AS (
                -- Activity-based costing (DEFINITIONS.md cost-to-serve): rate = pool cost for the window / total driver volume;
                -- the cost is taken as cost × the customer's share of the volume, as before the rate was listed, so the totals
                -- keep their last bits. A pool without volume has no rate and no cost (cost_pools_unattributed). A pool
                -- costs.activity_rates sets charges that rate × the customer's volume instead, a literal: no scan more.
                -- A pool costs.time_equations prices is time-driven: its driver is the customer's minutes (Σ minutes per unit ×
                -- volume) and its rate the capacity cost rate, annual cost ÷ practical minutes a year (the window scales both).
                SELECT d.customer_id, p.activity AS pool,
                    {TimeDrivenPools.Overriding(o.TimeEquations, "p.driver", _ => "'minutes'")} AS driver,
                    {TimeDrivenPools.Overriding(o.TimeEquations, Driver("d"), e => TimeDrivenPools.MinutesOf(e, "d"))} AS driver_volume,
                    {TimeDrivenPools.Overriding(o.TimeEquations, ActivityRates.Overriding(o.ActivityRates, $"p.annual_cost * {windowYears} / nullif({Driver("t")}, 0)", rate => rate), TimeDrivenPools.RateOf)} AS rate,
                    {TimeDrivenPools.Overriding(o.TimeEquations, ActivityRates.Overriding(o.ActivityRates, $"p.annual_cost * {windowYears} * ({Driver("d")} / nullif({Driver("t")}, 0))", rate => $"{rate} * {Driver("d")}"),
                        e => $"{TimeDrivenPools.RateOf(e)} * {TimeDrivenPools.MinutesOf(e, "d")}")} AS cost
                FROM drivers d CROSS JOIN driver_totals t CROSS JOIN {t.Schema}.cost_pools p{DirectCostRows(sources.CostPools ? o.DirectCosts : DirectCosts.None)}
            ), cost AS (
                SELECT customer_id, round(sum(cost), 6) AS cost_to_serve FROM pool_costs GROUP BY customer_id
            )
            """;
        connection.Execute($"""
            CREATE OR REPLACE TABLE {t.Metrics} AS
            {with}
            SELECT {string.Join(",\n    ", columns.Select(c => c.Expression))}
            FROM accounts a{string.Concat(joins)}
            ORDER BY a.customer_id
            """);
        // What each customer's cost-to-serve is made of (cost_to_serve.csv): only the run's own metrics are broken down.
        // The statement sums the sales, order statistics and events again, but only their driver columns (DuckDB prunes the
        // rest): summing them once into temporary tables both statements read was measured no faster (bench/HISTORY.md, 2026-12-04).
        if (metrics is null && t.Suffix.Length == 0)
            connection.Execute($"""
                CREATE OR REPLACE TABLE {t.CostToServe} AS
                {with}
                -- Volumes and costs to 1e-6 as the money sums: a weight summed in whatever order DuckDB's threads finish read
                -- 681.644 in one run and 681.6439999999999 in the next. cost_to_serve.csv writes them so, not to the cent; a
                -- segment's cost of a pool sums these, not the cents. The rate to 12 significant digits, not 6 decimals: at
                -- 0.020047 a 38,332.286 kg volume made 768.447 of a cost of 768.464078, a line that did not multiply out.
                -- Unsorted: the file's query sorts (a sort of 200 k customers × pools here too cost more than the rest).
                SELECT customer_id, pool, driver, round(driver_volume, 6) AS driver_volume,
                    CASE WHEN rate = 0 THEN rate ELSE round(rate, 11 - floor(log10(abs(rate)))::INTEGER) END AS rate, round(cost, 6) AS cost
                FROM pool_costs WHERE rate IS NOT NULL
                """);
        // The rows each direct cost charged reads per customer and those without a cost, charged as 0 (direct_cost_missing):
        // from the sums the drivers already hold, so no pass over the shipments or the events more.
        if (metrics is null && t.Suffix.Length == 0 && sources.CostPools && o.DirectCosts != DirectCosts.None)
            connection.Execute($"""
                CREATE OR REPLACE TABLE {t.DirectCostGaps} AS
                {with}
                {DirectCostGap.RowsSql(o.DirectCosts)}
                """);
        // Pool p's rows in the breakdown, without the direct costs' rows (driver `direct`), which a pool named freight shares a name with.
        var poolRows = $"{t.CostToServe} c WHERE c.pool = p.activity AND c.driver <> {Sql.Str(DirectCostNames.Driver)}";
        // A pool whose driver has no volume in the window has no rate (cost ÷ 0): no customer carries it, so the pools are
        // not fully attributed (DEFINITIONS.md) and the run must say so. Such a pool has no row in the breakdown above, so it
        // is found there rather than by summing the driver totals again (0.5 CPU s at 10 M lines).
        if (metrics is null && t.Suffix.Length == 0 && sources.CostPools)
            connection.Execute($"""
                CREATE OR REPLACE TABLE {t.UnattributedPools} AS
                SELECT p.activity, p.driver, p.annual_cost, round(p.annual_cost * {windowYears}, 2) AS window_cost
                FROM {t.Schema}.cost_pools p
                WHERE NOT EXISTS (SELECT 1 FROM {poolRows})
                ORDER BY p.activity
                """);
        // A configured rate charges what the volume makes of it, not the pool's cost: the difference is the run's to say.
        if (metrics is null && t.Suffix.Length == 0 && sources.CostPools && o.ActivityRates.Count > 0)
            connection.Execute($"""
                CREATE OR REPLACE TABLE {t.RateVariances} AS
                SELECT p.activity, p.driver, p.annual_cost, round(p.annual_cost * {windowYears}, 2) AS window_cost,
                    round(coalesce((SELECT sum(c.cost) FROM {poolRows}), 0), 2) AS absorbed
                FROM {t.Schema}.cost_pools p
                WHERE p.activity IN ({string.Join(", ", o.ActivityRates.Keys.Select(Sql.Str))})
                ORDER BY p.activity
                """);
        // A time-driven pool's capacity supplied for the window against what its customers used: the unused rest is the
        // run's own line (DEFINITIONS.md), never spread over the customers.
        if (metrics is null && t.Suffix.Length == 0 && sources.CostPools && o.TimeEquations.Count > 0)
            connection.Execute($"""
                CREATE OR REPLACE TABLE {t.Capacities} AS
                SELECT p.activity, p.annual_cost * {windowYears} AS window_cost,
                    {TimeDrivenPools.Overriding(o.TimeEquations, "NULL", e => $"CAST('{Sql.Num(e.PracticalCapacityMinutes)}' AS DOUBLE)")} * {windowYears} AS practical_minutes,
                    round(coalesce((SELECT sum(c.driver_volume) FROM {poolRows}), 0), 6) AS used_minutes
                FROM {t.Schema}.cost_pools p
                WHERE p.activity IN ({string.Join(", ", o.TimeEquations.Keys.Select(Sql.Str))}) AND {windowYears} IS NOT NULL
                ORDER BY p.activity
                """);
    }

    // The direct costs charged (costs.direct; none without cost pools, where the activities' cost and so cost_to_serve are
    // unknown, and freight alone would read as the whole of it) as pool_costs rows of every customer in drivers, the pool
    // named as costs.direct names it and driver `direct`: the amount is the volume, at a rate of 1, so cost_to_serve.csv's
    // rows still sum to cost_to_serve. Read from the sums the drivers already hold: no pass over the shipments or the events more.
    private static string DirectCostRows(DirectCosts costs) => string.Concat(DirectCostNames.Of(costs).Select(name => $"""

                UNION ALL
                SELECT customer_id, {Sql.Str(name)}, {Sql.Str(DirectCostNames.Driver)}, {DirectVolume[name]}, 1.0, {DirectVolume[name]} FROM drivers
        """));

    // The drivers column holding each direct cost's amount.
    private static readonly Dictionary<string, string> DirectVolume = new(StringComparer.Ordinal) { ["freight"] = "freight", ["service_events"] = "event_cost" };

    // The volume of pool p's driver in the driver columns of `alias` (drivers d: a customer's; driver_totals t: everyone's).
    private static string Driver(string alias) => $"CASE p.driver {string.Concat(MetricsOptions.CostDrivers.Select(k => $"WHEN '{k}' THEN {alias}.{k} "))} END";

    /// <summary>
    /// The cost pools of the run's metrics whose driver has no volume in the window, so no customer's cost_to_serve carries
    /// them: activity, driver, annual cost and the cost for the window.
    /// </summary>
    public static IReadOnlyList<UnattributedPool> UnattributedPools(DuckDBConnection connection, string runSchema)
    {
        if (!connection.TableExists(runSchema, "cost_pools_unattributed"))
            return [];
        return connection.Query($"SELECT activity, driver, annual_cost, window_cost FROM {new Tables(Sql.Id(runSchema), "").UnattributedPools}",
            r => new UnattributedPool(r.GetString(0), r.GetString(1), r.GetDouble(2), r.GetDouble(3))).ToList();
    }

    /// <summary>
    /// The cost pools <c>costs.activity_rates</c> charged at a configured rate, each with its cost for the window and what the
    /// customers absorbed at that rate; empty without a configured rate.
    /// </summary>
    public static IReadOnlyList<PoolRateVariance> RateVariances(DuckDBConnection connection, string runSchema, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!connection.TableExists(runSchema, "cost_pools_rate_variance") || options.ActivityRates.Count == 0)
            return [];
        return connection.Query($"SELECT activity, driver, annual_cost, window_cost, absorbed FROM {new Tables(Sql.Id(runSchema), "").RateVariances}",
            r => new PoolRateVariance(r.GetString(0), r.GetString(1), options.ActivityRates[r.GetString(0)], r.GetDouble(2), r.GetDouble(3), r.GetDouble(4))).ToList();
    }

    /// <summary>The time-driven pools' capacity for the run's window (costs.time_equations): supplied, used and unused; empty without a time equation.</summary>
    public static IReadOnlyList<PoolCapacity> Capacities(DuckDBConnection connection, string runSchema)
    {
        if (!connection.TableExists(runSchema, "cost_pools_capacity"))
            return [];
        return connection.Query($"SELECT activity, window_cost, practical_minutes, used_minutes FROM {new Tables(Sql.Id(runSchema), "").Capacities}",
            r => new PoolCapacity(r.GetString(0), r.GetDouble(1), r.GetDouble(2), r.GetDouble(3))).ToList();
    }

    /// <summary>Every column of customer_metrics in output order, numeric or not.</summary>
    internal static IReadOnlyList<string> ColumnNames { get; } =
        Columns(new MetricsOptions(DateOnly.MinValue, DateOnly.MinValue), new MetricSources(true, true, true, true, true, true, true)).Select(c => c.Name).ToList();

    // customer_metrics' columns in order, each as "expression AS name" over the aliases of Joins.
    private static IEnumerable<(string Name, string Expression)> Columns(MetricsOptions o, MetricSources sources)
    {
        var asOf = Date(o.AsOf);
        var cutoffs = o.DemandClassCutoffs;
        (string, string) Column(string name, string expression) => (name, $"{expression} AS {name}");
        // A money figure that sums to zero keeps the sign of its last rounding error (0.30 − 0.10 − 0.20 is −2.8e-17 in
        // doubles, and which way a sum falls depends on the order DuckDB adds the lines): rounded, that read "-0.0" and ABC's
        // reason "value -0". Adding 0.0 turns −0 into 0 (IEEE 754) and leaves every other value as it is.
        static string Money(string expression, int decimals) => $"(round({expression}, {decimals}) + 0.0)";
        yield return ("customer_id", "a.customer_id");
        foreach (var text in new[] { "name", "parent_id", "country", "region", "channel" })
            yield return (text, $"c.{text}");
        yield return Column("revenue", Money("coalesce(sa.revenue, 0)", 2));
        // No line in the window sold nothing: cost of goods 0, as revenue is 0, so its margin is 0 (the segment sums take it so);
        // only an uncosted line leaves them unknown. The margin % of nothing sold is 0 ÷ 0, empty.
        const string costOfGoods = "CASE WHEN sa.customer_id IS NULL THEN 0.0 ELSE sa.cost_of_goods END";
        yield return Column("cost_of_goods", Money(costOfGoods, 2));
        yield return Column("gross_margin", Money($"coalesce(sa.revenue, 0) - {costOfGoods}", 2));
        // Shares of positive revenue only: returns outweighing sales read −40 over −100 as a 40 % margin, and a cost over
        // negative revenue as a negative cost share, the cheapest to serve of all to a rule or a median split (Shapiro's
        // bargain basement), when it is the costliest.
        const string positiveRevenue = "CASE WHEN sa.revenue > 0 THEN sa.revenue END";
        yield return Column("gross_margin_pct", Money($"(coalesce(sa.revenue, 0) - sa.cost_of_goods) / {positiveRevenue}", 4));
        // Over the lines with a list price on both sides (a line without one would add revenue and no list value); without
        // any product in the run it is unknown, empty, as the service figures below.
        yield return Column("price_realisation", sources.Products ? Money("sa.listed_revenue / nullif(sa.list_value, 0)", 4) : "CAST(NULL AS DOUBLE)");
        // Its denominator and numerator, so a segment's realisation is the ratio of its customers' sums (segment_summary):
        // weighing the rounded ratio by list value read AX 0.7228 for 0.722747 on Online Retail.
        yield return Column("list_value", sources.Products ? Money("coalesce(sa.list_value, 0)", 2) : "CAST(NULL AS DOUBLE)");
        yield return Column("listed_revenue", sources.Products ? Money("coalesce(sa.listed_revenue, 0)", 2) : "CAST(NULL AS DOUBLE)");
        yield return Column("orders", "coalesce(os.orders, 0)");
        yield return Column("lines", "coalesce(sa.lines, 0)");
        yield return Column("units", "coalesce(sa.units, 0)");
        // The orders that stood: one its own negative lines netted to no unit (cancelled in full) has no order value to average.
        yield return Column("avg_order_value", "round((sa.gross_revenue - coalesce(os.cancelled_value, 0)) / nullif(os.orders - coalesce(os.cancelled_orders, 0), 0), 2)");
        yield return Column("lines_per_order", "round(sa.lines / nullif(os.orders, 0), 3)");
        yield return Column("units_per_line", "round(sa.units / nullif(sa.lines, 0), 3)");
        // Counted from the window's start, or from the customer's first line when it came later: a customer of long standing
        // who ordered on the 15th of every month read 12 orders over the 11 months from its first order in a 12-month window
        // ending on a 15th (1.09), and one of two orders in the window's last quarter read 0.67 a month rather than 0.17.
        yield return Column("orders_per_month", $"round(coalesce(os.orders, 0) / greatest(1.0, coalesce({CalendarMonths($"greatest(t.first_ever_order, {Date(o.WindowStart)})", Date(o.AsOf.AddDays(1)))}, 1.0)), 4)");
        yield return Column("mean_interorder_days", "round(iv.mean_interorder_days, 2)");
        yield return Column("recency_days", $"date_diff('day', sa.last_order_date, {asOf})");
        yield return Column("tenure_days", $"date_diff('day', t.first_ever_order, {asOf})");
        yield return ("first_order_date", "sa.first_order_date");
        yield return ("last_order_date", "sa.last_order_date");
        yield return Column("periods", "coalesce(v.periods, 0)");
        yield return Column("demand_mean", "round(v.demand_mean, 4)");
        yield return Column("demand_sd", "round(v.demand_sd, 4)");
        yield return Column("demand_cv", "round(v.demand_cv, 4)");
        yield return Column("adi", "round(v.adi, 4)");
        yield return Column("cv2", "round(v.cv2, 4)");
        yield return Column("demand_class", $"""
            CASE WHEN v.demand_periods IS NULL OR v.demand_periods = 0 THEN NULL
                 WHEN v.demand_periods = 1 THEN 'single_demand'
                 WHEN v.adi < {Sql.Num(cutoffs.Adi)} AND coalesce(v.cv2, 0) < {Sql.Num(cutoffs.Cv2)} THEN 'smooth'
                 WHEN v.adi < {Sql.Num(cutoffs.Adi)} THEN 'erratic'
                 WHEN coalesce(v.cv2, 0) < {Sql.Num(cutoffs.Cv2)} THEN 'intermittent'
                 ELSE 'lumpy' END
            """);
        yield return Column("return_lines", "coalesce(sa.return_lines, 0)");
        yield return Column("returned_units", "coalesce(sa.returned_units, 0)");
        yield return Column("net_units", "coalesce(sa.units, 0) - coalesce(sa.returned_units, 0)");
        yield return Column("returned_value", Money("coalesce(sa.returned_value, 0)", 2));
        yield return Column("return_rate", "round(coalesce(sa.returned_units, 0) / nullif(sa.units, 0), 4)");
        // Without any service event, cost pool or location in the run the figures are unknown, not zero: empty, so a rule or a k-means
        // dimension reading them is warned about (metric_without_values) instead of seeing every customer at 0.
        yield return Column("expedites", sources.ServiceEvents ? "coalesce(ev.expedites, 0)" : "CAST(NULL AS BIGINT)");
        yield return Column("expedite_rate", sources.ServiceEvents ? "round(coalesce(ev.expedites, 0) / nullif(os.orders, 0), 4)" : "CAST(NULL AS DOUBLE)");
        yield return Column("complaints", sources.ServiceEvents ? "coalesce(ev.complaints, 0)" : "CAST(NULL AS BIGINT)");
        yield return Column("complaint_rate", sources.ServiceEvents ? "round(coalesce(ev.complaints, 0) / nullif(os.orders, 0), 4)" : "CAST(NULL AS DOUBLE)");
        // Only an export with a change log measures order changes: expedites and complaints logged without one are no
        // sign that no order was changed, so without any order_change event both are unknown. A change dated in the window
        // may name an order placed before it (not among the orders): capped, the rate stays a share of the orders.
        yield return Column("order_changes", sources.OrderChanges ? "coalesce(ev.order_changes, 0)" : "CAST(NULL AS BIGINT)");
        yield return Column("order_change_rate", sources.OrderChanges ? "round(least(coalesce(ev.changed_orders, 0), os.orders) / nullif(os.orders, 0), 4)" : "CAST(NULL AS DOUBLE)");
        yield return Column("orders_with_shipments", "coalesce(os.orders_with_shipments, 0)");
        yield return Column("orders_timed", "coalesce(os.orders_timed, 0)");
        // OTIF's numerator as a count, so a segment's OTIF is Σ orders_otif ÷ Σ orders_timed (segment_summary): read back
        // from the 4-decimal rate, a count is exact below 10,000 timed orders only (12,344 of 20,001 came back 12,345).
        yield return Column("orders_otif", "coalesce(os.orders_otif, 0)");
        yield return Column("on_time_rate", "round(os.on_time_rate, 4)");
        yield return Column("in_full_rate", "round(os.in_full_rate, 4)");
        yield return Column("otif_rate", "round(os.otif_rate, 4)");
        // DEFINITIONS.md perfect_order: the OTIF orders no claim names, over OTIF's denominator. Without a claim naming an order
        // nothing tells right documentation and condition from unknown: empty (MissingInputs says why), not OTIF under another
        // name; likewise by line, where OTIF's counts are lines and a perfect order is an order.
        var perfectMeasured = sources.OrderClaims && o.Otif.Level == OtifLevel.Order;
        yield return Column("perfect_orders", perfectMeasured ? "coalesce(os.perfect_orders, 0)" : "CAST(NULL AS BIGINT)");
        yield return Column("perfect_order_rate", perfectMeasured ? "round(os.perfect_orders / nullif(os.orders_timed, 0), 4)" : "CAST(NULL AS DOUBLE)");
        // fill.unit and order cycle time as counts, so a segment's are Σ units_shipped ÷ Σ units_ordered and Σ days ÷ Σ orders
        // (kpis_by_segment); 0 and empty without a shipment, as orders_timed and otif_rate.
        yield return Column("units_ordered", "coalesce(os.units_ordered, 0)");
        yield return Column("units_shipped", "coalesce(os.units_shipped, 0)");
        yield return Column("fill_rate_units", "round(os.units_shipped / nullif(os.units_ordered, 0), 4)");
        // fill.line and fill.order likewise, over the same orders. Each fill.order variant has its count column, so no name
        // says first time of a count after backorders; the variant metrics.fill.order does not configure is empty (one set
        // of columns for rules, k-means dimensions and stored runs, as perfect_orders keeps under otif.line).
        yield return Column("lines_fill_known", "coalesce(os.lines_fill_known, 0)");
        yield return Column("lines_filled", "coalesce(os.lines_filled, 0)");
        yield return Column("fill_rate_lines", "round(os.lines_filled / nullif(os.lines_fill_known, 0), 4)");
        yield return Column("orders_fill_known", "coalesce(os.orders_fill_known, 0)");
        foreach (var basis in Enum.GetValues<OrderFillBasis>())
            yield return Column(basis.FilledColumn(), basis == o.FillOrder ? "coalesce(os.orders_filled, 0)" : "CAST(NULL AS BIGINT)");
        yield return Column("fill_rate_orders", "round(os.orders_filled / nullif(os.orders_fill_known, 0), 4)");
        yield return Column("delivered_orders", "coalesce(os.delivered_orders, 0)");
        yield return Column("delivered_order_days", "coalesce(os.delivered_order_days, 0)");
        yield return Column("order_cycle_days", "round(os.delivered_order_days / nullif(os.delivered_orders, 0), 2)");
        // Deliveries as the cost driver `shipments` counts them; without any shipment in the run unknown, not 0, as above.
        yield return Column("deliveries", sources.Shipments ? "CAST(coalesce(os.shipments, 0) AS BIGINT)" : "CAST(NULL AS BIGINT)");
        yield return Column("drop_size", "round(os.drop_size, 3)");
        yield return Column("deliveries_per_order", "round(os.deliveries_per_order, 3)");
        yield return Column("requested_lead_time_days", "round(sa.requested_lead_time_days, 2)");
        yield return Column("drop_ship_share", sources.Locations ? "round(sa.drop_ship_share, 4)" : "CAST(NULL AS DOUBLE)");
        yield return Column("cost_to_serve", sources.CostPools ? "round(coalesce(co.cost_to_serve, 0), 2)" : "CAST(NULL AS DOUBLE)");
        yield return Column("cost_to_serve_pct", sources.CostPools ? Money($"coalesce(co.cost_to_serve, 0) / {positiveRevenue}", 4) : "CAST(NULL AS DOUBLE)");
        // From the three figures as written, so revenue − cost_of_goods − cost_to_serve reconciles to the cent in the file.
        // Carrying cost is a segment's (segment_pnl.csv): no customer's own stock is known.
        yield return Column("net_contribution", sources.CostPools
            ? Money($"round(coalesce(sa.revenue, 0), 2) - round({costOfGoods}, 2) - round(coalesce(co.cost_to_serve, 0), 2)", 2) : "CAST(NULL AS DOUBLE)");
    }

    // Calendar months from the DATE `from` to the DATE `to` (exclusive): the whole months, then the days left over as a share
    // of the month they fall in, so a 12-month window is 12 months and a monthly customer orders 1.0 a month. Days of
    // 30.4375 read a year as 11.96 months (exclusive) or, counted inclusively, 12.02 in a leap year, where 12 monthly orders
    // made 0.998 and failed "orders_per_month >= 1". A month past the 28th ends on the later month's last day, as
    // DuckDB's date + INTERVAL and .NET's AddMonths both clamp (2024-01-31 + 1 month = 2024-02-29).
    private static string CalendarMonths(string from, string to)
    {
        var boundaries = $"CAST(date_diff('month', {from}, {to}) AS INTEGER)";
        var whole = $"({boundaries} - ({from} + to_months({boundaries}) > {to})::INTEGER)";
        var anchor = $"CAST({from} + to_months({whole}) AS DATE)";
        return $"({whole} + date_diff('day', {anchor}, {to}) / date_diff('day', {anchor}, CAST({from} + to_months({whole} + 1) AS DATE)))";
    }

    // The left joins of customer_metrics' final SELECT onto accounts a, by the alias its columns read.
    private static IEnumerable<(string Alias, string Join)> Joins(string schema) =>
    [
        ("c", $"LEFT JOIN {schema}.customers c ON c.customer_id = a.customer_id"),
        ("sa", "LEFT JOIN sales sa ON sa.customer_id = a.customer_id"),
        ("t", "LEFT JOIN tenure t ON t.customer_id = a.customer_id"),
        ("iv", "LEFT JOIN intervals iv ON iv.customer_id = a.customer_id"),
        ("v", "LEFT JOIN variability v ON v.customer_id = a.customer_id"),
        ("os", "LEFT JOIN order_stats os ON os.customer_id = a.customer_id"),
        ("ev", "LEFT JOIN events ev ON ev.customer_id = a.customer_id"),
        ("co", "LEFT JOIN cost co ON co.customer_id = a.customer_id"),
    ];
}

/// <summary>Which optional inputs the run holds any rows of: without them the metrics they feed are unknown (empty), not zero.</summary>
/// <param name="ServiceEvents">At least one accepted service event (expedites, complaints and their rates).</param>
/// <param name="CostPools">At least one cost pool (cost-to-serve).</param>
/// <param name="Locations">At least one location (the drop-ship share, which reads the shipping location's type).</param>
/// <param name="Products">At least one product (price realisation, which reads the SKUs' list prices).</param>
/// <param name="Shipments">At least one shipment (deliveries; the drop size and deliveries per order are empty without a delivery anyway).</param>
/// <param name="OrderChanges">At least one service event of type order_change, a change log (order changes and their rate).</param>
/// <param name="OrderClaims">At least one service event of type claim naming an order (perfect orders and their rate).</param>
internal sealed record MetricSources(bool ServiceEvents, bool CostPools, bool Locations, bool Products, bool Shipments, bool OrderChanges, bool OrderClaims)
{
    /// <summary>Reads which of the run schema's optional tables hold rows.</summary>
    public static MetricSources Of(DuckDBConnection connection, string quotedSchema)
    {
        bool HasRows(string table) => connection.ScalarLong($"SELECT count(*) FROM (SELECT 1 FROM {quotedSchema}.{table} LIMIT 1)") > 0;
        return new(HasRows("service_events"), HasRows("cost_pools"), HasRows("locations"), HasRows("products"), HasRows("shipments"), HasOrderChanges(connection, quotedSchema),
            HasOrderClaims(connection, quotedSchema));
    }

    /// <summary>Whether the run's service events hold an order_change (the export carries a change log).</summary>
    public static bool HasOrderChanges(DuckDBConnection connection, string quotedSchema) =>
        connection.ScalarLong($"SELECT count(*) FROM (SELECT 1 FROM {quotedSchema}.service_events WHERE event_type = 'order_change' LIMIT 1)") > 0;

    /// <summary>Whether a claim among the run's service events names an order (documentation and condition are measured).</summary>
    public static bool HasOrderClaims(DuckDBConnection connection, string quotedSchema) =>
        connection.ScalarLong($"SELECT count(*) FROM (SELECT 1 FROM {quotedSchema}.service_events WHERE event_type = 'claim' AND order_id IS NOT NULL LIMIT 1)") > 0;
}

/// <summary>One metrics snapshot for <see cref="CustomerMetrics.CreateSnapshots"/>: its options and the suffix of its tables.</summary>
/// <param name="Options">The window, reference date and roll-up of the snapshot.</param>
/// <param name="Suffix">Appended to the snapshot's table names.</param>
/// <param name="Metrics">
/// The numeric metrics its readers need, or null for every customer_metrics column: a snapshot only segmentation reads is
/// narrowed to customer_id and these, and skips the costlier metrics (cost-to-serve, service rates) nobody reads.
/// </param>
public sealed record MetricSnapshotRequest(MetricsOptions Options, string Suffix = "", IReadOnlyCollection<string>? Metrics = null);
