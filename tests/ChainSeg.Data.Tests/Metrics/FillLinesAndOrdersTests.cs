using System.Globalization;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md fill.line (lines completely filled ÷ lines) and fill.order (orders completely filled ÷ orders, first-time
// fill by default) per customer, as counts a segment pools and their ratios. as_of 2025-03-31.
// A: O1 filled by one shipment; O2 filled on two ship dates (X on 03-04, Y backordered to 03-10: every line filled, not first
// time); O3 short on Y (one of two lines filled). B: O4 over-ships X for the Y it lacks (X filled, Y not: an over-shipment
// fills nothing else); O5 gets Y for the X it ordered (a substitute fills nothing); O6 is open (4 of 10, promise ahead: out);
// O7's shipment has no quantity_shipped (out); O8 orders X on two rows, both filled by one shipment. C has no shipment (empty
// rates). D: O10 filled on its first date and over-shipped later (first time all the same); O11, one line, short. E: O12 is
// short on Y after two ship dates. Under metrics.fill.order: after_backorders O2 counts as filled (its backorder came), O1,
// O8 and O10 as before, and orders_filled_first_time is empty.
// The independent check reads the raw CSVs with LINQ.
public sealed class FillLinesAndOrdersTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private static readonly DateOnly AsOf = new(2025, 3, 31);
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-03-01,10,1
        O2,A,X,2025-03-03,6,1
        O2,A,Y,2025-03-03,4,1
        O3,A,X,2025-03-05,5,1
        O3,A,Y,2025-03-05,5,1
        O4,B,X,2025-03-02,4,1
        O4,B,Y,2025-03-02,4,1
        O5,B,X,2025-03-04,5,1
        O6,B,X,2025-03-25,10,1
        O7,B,X,2025-03-06,3,1
        O8,B,X,2025-03-08,2,1
        O8,B,X,2025-03-08,3,1
        O9,C,X,2025-03-10,5,1
        O10,D,X,2025-03-10,5,1
        O11,D,Y,2025-03-12,6,1
        O12,E,X,2025-03-15,4,1
        O12,E,Y,2025-03-15,4,1
        """;

    private const string Shipments = """
        shipment_id,order_id,sku,ship_date,promised_date,delivered_date,quantity_shipped
        S1,O1,X,2025-03-02,2025-03-05,2025-03-04,10
        S2,O2,X,2025-03-04,2025-03-06,2025-03-05,6
        S3,O2,Y,2025-03-10,2025-03-06,2025-03-12,4
        S4,O3,X,2025-03-06,2025-03-08,2025-03-07,5
        S4,O3,Y,2025-03-06,2025-03-08,2025-03-07,2
        S5,O4,X,2025-03-03,2025-03-05,2025-03-04,8
        S6,O5,Y,2025-03-05,2025-03-06,2025-03-06,5
        S7,O6,X,2025-03-26,2025-04-20,,4
        S8,O7,X,2025-03-07,2025-03-09,2025-03-08,
        S9,O8,X,2025-03-09,2025-03-11,2025-03-10,5
        S10,O10,X,2025-03-11,2025-03-13,2025-03-12,5
        S11,O10,X,2025-03-14,2025-03-16,2025-03-15,2
        S12,O11,Y,2025-03-13,2025-03-15,2025-03-14,3
        S13,O12,X,2025-03-16,2025-03-18,2025-03-17,4
        S14,O12,Y,2025-03-20,2025-03-18,2025-03-21,1
        """;

    private static readonly string[] Columns = ["lines_fill_known", "lines_filled", "fill_rate_lines", "orders_fill_known", "orders_filled_first_time", "fill_rate_orders"];

    private static readonly string[] AfterBackordersColumns = ["orders_fill_known", "orders_filled_first_time", "orders_filled_after_backorders", "fill_rate_orders"];

    private sealed record Line(string Order, string Customer, string Sku, DateOnly Day, double Quantity);

    private sealed record Shipment(string Order, string Sku, DateOnly Shipped, DateOnly Promised, double? Quantity);

    private static List<string[]> Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim().Split(',')).ToList();

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", Invariant);

    // The oracle: per order with a positive line by asOf, its shipments shipped by then. Fill is known when every shipment
    // carries a quantity and the order is not open (short while its latest promise is on or after asOf). A line is filled
    // when its SKU's shipments cover the SKU's quantity in the order (rows of one SKU fill together); an order is filled the
    // first time when the shipments of its first ship date cover every SKU, after backorders when all its shipments do.
    private static Dictionary<string, string> Expected(string customer, DateOnly? at = null)
    {
        var asOf = at ?? AsOf;
        var lines = Rows(Lines).Select(r => new Line(r[0], r[1], r[2], Day(r[3]), double.Parse(r[4], Invariant)))
            .Where(l => l.Quantity > 0 && l.Customer == customer && l.Day <= asOf).ToList();
        var shipments = Rows(Shipments).Select(r => new Shipment(r[1], r[2], Day(r[3]), Day(r[4]), r[6].Length == 0 ? null : double.Parse(r[6], Invariant)))
            .Where(s => s.Shipped <= asOf).ToList();
        int lineKnown = 0, lineFilled = 0, orderKnown = 0, orderFilled = 0, orderFilledAfter = 0;
        foreach (var order in lines.GroupBy(l => l.Order))
        {
            var mine = shipments.Where(s => s.Order == order.Key).ToList();
            if (mine.Count == 0 || mine.Any(s => s.Quantity is null))
                continue;
            var bySku = order.GroupBy(l => l.Sku).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            bool Covered(string sku, IEnumerable<Shipment> from) => from.Where(s => s.Sku == sku).Sum(s => s.Quantity!.Value) >= bySku[sku];
            var filled = order.Count(l => Covered(l.Sku, mine));
            if (filled < order.Count() && mine.Max(s => s.Promised) >= asOf)
                continue;
            var first = mine.Min(s => s.Shipped);
            (lineKnown, lineFilled, orderKnown) = (lineKnown + order.Count(), lineFilled + filled, orderKnown + 1);
            orderFilled += bySku.Keys.All(sku => Covered(sku, mine.Where(s => s.Shipped == first))) ? 1 : 0;
            orderFilledAfter += bySku.Keys.All(sku => Covered(sku, mine)) ? 1 : 0;
        }
        static string Rate(int part, int whole) => whole > 0 ? Math.Round((double)part / whole, 4, MidpointRounding.AwayFromZero).ToString("0.0###", Invariant) : "";
        return new Dictionary<string, string>
        {
            ["lines_fill_known"] = lineKnown.ToString(Invariant), ["lines_filled"] = lineFilled.ToString(Invariant), ["fill_rate_lines"] = Rate(lineFilled, lineKnown),
            ["orders_fill_known"] = orderKnown.ToString(Invariant), ["orders_filled_first_time"] = orderFilled.ToString(Invariant), ["fill_rate_orders"] = Rate(orderFilled, orderKnown),
            ["orders_filled_after_backorders"] = orderFilledAfter.ToString(Invariant), ["fill_rate_orders_after_backorders"] = Rate(orderFilledAfter, orderKnown),
        };
    }

    private PipelineOutput Run(string name, string level, string fillOrder = "first_time") => FiveCustomerRun.Run(_folder, name, level, Lines, Shipments, fillOrder);

    private static string Figures(Dictionary<string, string> row) => Figures(row, Columns);

    private static string Figures(Dictionary<string, string> row, string[] columns) => string.Join('|', columns.Select(c => row[c]));

    // The oracle's figures as a run under after_backorders writes them: the first-time count empty, the rate the backorders'.
    private static string AfterBackorders(Dictionary<string, string> expected) =>
        string.Join('|', expected["orders_fill_known"], "", expected["orders_filled_after_backorders"], expected["fill_rate_orders_after_backorders"]);

    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void Metrics_FillOfLinesAndOrders_AreCountsAndRatiosAsLinqOverTheRawCsvs(string level)
    {
        var metrics = Run("fill-" + level, level).MetricsByCustomer();

        foreach (var customer in new[] { "A", "B", "C", "D", "E" })
            Assert.Equal(Figures(Expected(customer)), Figures(metrics[customer]));
        // By hand: A 1 + 2 + 1 of 1 + 2 + 2 lines, O1 alone filled the first time; B 1 + 0 + 2 of 2 + 1 + 2 lines, O8 alone
        // filled (O6 open, O7 unweighed: out); C without shipments 0 and empty; D 1 of 2 lines, O10 filled on its first date;
        // E 1 of 2 lines, no order filled.
        Assert.Equal("5|4|0.8|3|1|0.3333", Figures(metrics["A"]));
        Assert.Equal("5|3|0.6|3|1|0.3333", Figures(metrics["B"]));
        Assert.Equal("0|0||0|0|", Figures(metrics["C"]));
        Assert.Equal("2|1|0.5|2|1|0.5", Figures(metrics["D"]));
        Assert.Equal("2|1|0.5|1|0|0.0", Figures(metrics["E"]));
    }

    // A shipment without ship_date is known from its delivery (DEFINITIONS.md fill.order: the first ship date, shipped else
    // delivered). A's O1 ships X on 03-02 and Y undated, delivered 03-04: filled, not the first time; O2 ships X on 03-06 and
    // Y undated, delivered 03-06: filled the first time; O3's one undated shipment fills it the first time. Each is shipped
    // as ordered, so its totals settle it without the per-SKU reads.
    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void Metrics_ShipmentWithoutShipDate_IsFirstShippedOnItsDeliveryDate(string level)
    {
        const string lines = """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-03-01,5,1
            O1,A,Y,2025-03-01,5,1
            O2,A,X,2025-03-05,3,1
            O2,A,Y,2025-03-05,2,1
            O3,A,X,2025-03-08,4,1
            """;
        const string shipments = """
            shipment_id,order_id,sku,ship_date,promised_date,delivered_date,quantity_shipped
            S1,O1,X,2025-03-02,2025-03-05,2025-03-04,5
            S2,O1,Y,,2025-03-05,2025-03-04,5
            S3,O2,X,2025-03-06,2025-03-09,2025-03-08,3
            S4,O2,Y,,2025-03-09,2025-03-06,2
            S5,O3,X,,2025-03-12,2025-03-10,4
            """;

        var metrics = FiveCustomerRun.Run(_folder, "undated-" + level, level, lines, shipments).MetricsByCustomer();

        Assert.Equal("5|5|1.0|3|2|0.6667", Figures(metrics["A"]));
    }

    // At 2025-03-09 A's O2 has only its X shipment (03-04): Y's backorder of 03-10 is not known yet, and its promise (03-06) is
    // past, so O2 is one of two lines filled, not open; O1 and O3 are as at as_of. B's O8, shipped on the snapshot's date, is
    // known. E has not ordered yet.
    [Fact]
    public void Metrics_AtAnEarlierSnapshot_CountTheShipmentsKnownByItsDate()
    {
        var asOf = new DateOnly(2025, 3, 9);

        var (all, narrow) = EarlierSnapshotFigures.At(Run("early", "order"), asOf, Columns, ["lines_fill_known", "lines_filled", "orders_fill_known", "orders_filled_first_time"]);

        foreach (var customer in new[] { "A", "B", "C", "D" })
            Assert.Equal(Figures(Expected(customer, asOf)), all[customer]);
        Assert.Equal("5|3|0.6|3|1|0.3333", all["A"]);
        Assert.Equal("5|3|3|1", narrow["A"]);
    }


    // DEFINITIONS.md fill.order's other variant: an order completely filled by every shipment known by as_of, backorders
    // included. A's O2, filled only by its backorder of 03-10, counts here and not under first_time.
    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void Metrics_FillOrderAfterBackorders_CountOrdersEveryLineOfWhichShipmentsFilledByAsOf(string level)
    {
        var metrics = Run("after-" + level, level, "after_backorders").MetricsByCustomer();
        var firstTime = Run("first-" + level, level).MetricsByCustomer();

        foreach (var customer in new[] { "A", "B", "C", "D", "E" })
            Assert.Equal(AfterBackorders(Expected(customer)), Figures(metrics[customer], AfterBackordersColumns));
        // By hand: A's O1 and O2 (backordered Y) of 3, O3 short; B's O8 of 3; C none; D's O10 of 2; E's O12 short.
        Assert.Equal("3||2|0.6667", Figures(metrics["A"], AfterBackordersColumns));
        Assert.Equal("3||1|0.3333", Figures(metrics["B"], AfterBackordersColumns));
        Assert.Equal("0||0|", Figures(metrics["C"], AfterBackordersColumns));
        Assert.Equal("2||1|0.5", Figures(metrics["D"], AfterBackordersColumns));
        Assert.Equal("1||0|0.0", Figures(metrics["E"], AfterBackordersColumns));
        // The default counts first-time fills and leaves the backorders' count empty.
        Assert.Equal("3|1||0.3333", Figures(firstTime["A"], AfterBackordersColumns));
    }

    // At 2025-03-09 A's O2 backorder (03-10) is not known yet: under after_backorders O2 is not filled there, O1 alone is.
    [Fact]
    public void Metrics_FillOrderAfterBackordersAtAnEarlierSnapshot_CountOnlyTheBackordersKnownByItsDate()
    {
        var asOf = new DateOnly(2025, 3, 9);

        var (all, narrow) = EarlierSnapshotFigures.At(Run("early-after", "order", "after_backorders"), asOf, AfterBackordersColumns,
            ["orders_fill_known", "orders_filled_after_backorders"], OrderFillBasis.AfterBackorders);

        foreach (var customer in new[] { "A", "B", "C", "D" })
            Assert.Equal(AfterBackorders(Expected(customer, asOf)), all[customer]);
        Assert.Equal("3||1|0.3333", all["A"]);
        Assert.Equal("3|1", narrow["A"]);
    }

    [Fact]
    public void Definitions_FillOrderAfterBackorders_NameTheVariantInMetricsAndKpis()
    {
        var output = Run("definitions-after", "order", "after_backorders");

        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"], r => r["definition_id"]);
        Assert.Equal(("fill.order[after_backorders]", "fill.order[after_backorders].known", "fill.order[after_backorders].filled", "fill.order[after_backorders]"),
            (definitions["fill_rate_orders"], definitions["orders_fill_known"], definitions["orders_filled_after_backorders"], definitions["kpis_by_segment.fill_rate_orders"]));
        var kpis = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "kpis_by_segment.csv"))
            .Where(r => r["kpi"] == "fill_rate_orders" && r["period_end"] == "2025-03-31").ToList();
        Assert.NotEmpty(kpis);
        Assert.All(kpis, k => Assert.Equal("fill.order[after_backorders]", k["definition"]));
        // Every customer's backorder fills pooled, whatever the segments: A 2 + B 1 + D 1 of 3 + 3 + 2 + 1 orders, in each of
        // the default models.
        Assert.All(kpis.GroupBy(k => k["model"]), model =>
            Assert.Equal((4.0, 9.0), (model.Sum(k => double.Parse(k["numerator"], Invariant)), model.Sum(k => double.Parse(k["denominator"], Invariant)))));
        Assert.Equal(["abc-xyz", "behaviour", "rfm"], kpis.Select(k => k["model"]).Distinct().Order());
    }

    [Fact]
    public void Definitions_FillOfLinesAndOrders_CarryTheirDefinitionIds()
    {
        var output = Run("definitions", "order");

        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"], r => r["definition_id"]);
        Assert.Equal(("fill.line", "fill.order[first_time]"), (definitions["fill_rate_lines"], definitions["fill_rate_orders"]));
        Assert.Equal("fill.order[after_backorders].filled", definitions["orders_filled_after_backorders"]);
    }

    public void Dispose() => _folder.Dispose();
}
