using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md `otif.line`: order lines on time and in full ÷ order lines (metrics.otif.level: line), beside the default
// `otif.order`. A line is an order id + SKU of the positive order lines; it is on time when every shipment of that order
// and SKU was delivered in the on-time window, in full when that SKU's shipped quantity ≥ ordered × (1 − tolerance).
// Expected figures are worked out by hand in comments, per customer as ServiceFigures writes them (under line the counts
// are lines, not orders). An unknown level is refused in OtifReferenceTests.Validate_UnknownReferenceOrLevel_….
public sealed class OtifLineTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // as_of 2025-05-31 (Z's order, no shipment). No requested dates except F's; every promise 05-10 unless said.
    // A: O1 X, Y, W 10 each; X and Y delivered 05-09, W 05-12 (late). Order: late, in full "1|1|0.0|1.0|0.0". Lines: X, Y on
    //    time, W late, all in full: on time 2/3, in full 3/3, OTIF 2/3 "3|3|0.6667|1.0|0.6667".
    // B: O2 X 10, Y 10; X 10 and Y 9 shipped on time. Tolerance 0: the order is short (19 < 20; its rest was due at the
    //    promise 05-10 < as_of, so not open) "1|1|1.0|0.0|0.0"; lines X in full, Y not (9 < 10): "2|2|1.0|0.5|0.5".
    //    Tolerance 0.1: Y's 9 ≥ 10 × 0.9, X's 10 ≥ 9: "1|1|1.0|1.0|1.0" and "2|2|1.0|1.0|1.0".
    // C: O3 X 10, Y 10; only X shipped (10, on time). Order: on time, short (10 < 20 and < 18) "1|1|1.0|0.0|0.0". Lines: X
    //    on time and in full; Y has no shipment of its SKU: 0 shipped, due at the order's latest promise 05-10 < as_of, so
    //    late and not in full: on time 1/2, in full 1/2, OTIF 1/2 "2|2|0.5|0.5|0.5".
    // D: O4 X 10, Y 10 shipped as 20 units of no SKU, on time; O5 X 10 shipped on time. Order: O4 judged on its total (20 ≥
    //    20), both OTIF "2|2|1.0|1.0|1.0". Lines: O4's lines cannot be matched to its shipment, left out (unknown); O5's one
    //    line "1|1|1.0|1.0|1.0".
    // E: O6 X on two rows, 4 + 6 = 10; 6 shipped on time. One line (order + SKU), not two: 6 < 10 (and < 9) "1|1|1.0|0.0|0.0"
    //    at both levels; the `lines` column still counts the two rows.
    // F: O7 X 10, Y 10 ordered 05-25, requested 06-05; X 10 and Y 5 delivered 05-28 (promised 05-28). Order: 15 < 20, its
    //    rest due 06-05 ≥ as_of, open "1|0|||". Lines: X on time and in full; Y open (5 < 10, rest due 06-05): "2|1|1.0|1.0|1.0".
    [Theory]
    [InlineData("order", 0.0, "otif.order", "1|1|0.0|1.0|0.0", "1|1|1.0|0.0|0.0", "1|1|1.0|0.0|0.0", "2|2|1.0|1.0|1.0", "1|1|1.0|0.0|0.0", "1|0|||")]
    [InlineData("line", 0.0, "otif.line", "3|3|0.6667|1.0|0.6667", "2|2|1.0|0.5|0.5", "2|2|0.5|0.5|0.5", "1|1|1.0|1.0|1.0", "1|1|1.0|0.0|0.0", "2|1|1.0|1.0|1.0")]
    [InlineData("line", 0.1, "otif.line[late=0,early=any,tol=0.1]", "3|3|0.6667|1.0|0.6667", "2|2|1.0|1.0|1.0", "2|2|0.5|0.5|0.5", "1|1|1.0|1.0|1.0", "1|1|1.0|0.0|0.0", "2|1|1.0|1.0|1.0")]
    public void Otif_Level_CountsOrdersOrOrderLines(string level, double tolerance, string id, string a, string b, string c, string d, string e, string f)
    {
        var company = new HandMadeCompany(_folder, $"{level}-{tolerance.ToString(Invariant)}");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O1,A,X,2025-05-05,10,1,
            O1,A,Y,2025-05-05,10,1,
            O1,A,W,2025-05-05,10,1,
            O2,B,X,2025-05-05,10,1,
            O2,B,Y,2025-05-05,10,1,
            O3,C,X,2025-05-05,10,1,
            O3,C,Y,2025-05-05,10,1,
            O4,D,X,2025-05-05,10,1,
            O4,D,Y,2025-05-05,10,1,
            O5,D,X,2025-05-05,10,1,
            O6,E,X,2025-05-05,4,1,
            O6,E,X,2025-05-05,6,1,
            O7,F,X,2025-05-25,10,1,2025-06-05
            O7,F,Y,2025-05-25,10,1,2025-06-05
            O9,Z,X,2025-05-31,10,1,
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date
            H1,O1,X,10,2025-05-10,2025-05-09
            H1,O1,Y,10,2025-05-10,2025-05-09
            H2,O1,W,10,2025-05-10,2025-05-12
            H3,O2,X,10,2025-05-10,2025-05-09
            H3,O2,Y,9,2025-05-10,2025-05-09
            H4,O3,X,10,2025-05-10,2025-05-09
            H5,O4,,20,2025-05-10,2025-05-09
            H6,O5,X,10,2025-05-10,2025-05-09
            H7,O6,X,6,2025-05-10,2025-05-09
            H8,O7,X,10,2025-05-28,2025-05-28
            H8,O7,Y,5,2025-05-28,2025-05-28
            """);
        company.File("chainseg.yaml", $"metrics:\n  otif: {{ level: {level}, in_full_tolerance: {tolerance.ToString(Invariant)} }}\n");

        var output = company.Run();

        Assert.Equal(new DateOnly(2025, 5, 31), output.Result.AsOf);
        var metrics = output.MetricsByCustomer();
        Assert.Equal((a, b, c, d, e, f), (ServiceFigures.Of(metrics["A"]), ServiceFigures.Of(metrics["B"]), ServiceFigures.Of(metrics["C"]), ServiceFigures.Of(metrics["D"]), ServiceFigures.Of(metrics["E"]), ServiceFigures.Of(metrics["F"])));
        // Orders and order rows are counted as at the order level: E has 1 order of 2 rows, D 2 orders.
        Assert.Equal(("1", "2", "2"), (metrics["E"]["orders"], metrics["E"]["lines"], metrics["D"]["orders"]));
        // The id names the level wherever an OTIF figure is reported, and the denominators' definitions say what they count.
        var outDir = output.Result.OutDirectory;
        var definitions = CsvFile.ReadRecords(Path.Combine(outDir, "metric_definitions.csv")).ToDictionary(r => r["column"]);
        Assert.Equal(id, definitions["otif_rate"]["definition_id"]);
        Assert.Equal(id + ".in_full", definitions["in_full_rate"]["definition_id"]);
        Assert.Equal(id + (level == "line" ? ".lines" : ".orders"), definitions["orders_with_shipments"]["definition_id"]);
        Assert.Equal(level == "line", definitions["orders_timed"]["meaning"].StartsWith("order lines, not orders", StringComparison.Ordinal));
        Assert.Equal($"pooled({id})", definitions["segment_summary.otif_rate"]["definition_id"]);
        Assert.All(CsvFile.ReadRecords(Path.Combine(outDir, "segment_summary.csv")), s => Assert.Equal(id, s["otif_definition"]));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run_summary.json")));
        Assert.Equal(id, summary.RootElement.GetProperty("definitions").GetProperty("otif").GetString());
    }

    // Snapshots at 2025-05-15 and at as_of 2025-05-31 (window from 05-01), each judging with the shipments it knew.
    // G: O30 X 10, Y 10 ordered 05-05, requested 05-20. H30a ships X 10 and Y 5 on 05-06 (promised and delivered 05-08);
    //    H30c ships Y's other 5 on 05-18 (promised 05-17, delivered 05-19: late).
    //    lines at 05-15: X on time and in full; Y 5 of 10 known, its rest due 05-20 ≥ 05-15: open "2|1|1.0|1.0|1.0"; at
    //    05-31: Y late, in full: "2|2|0.5|1.0|0.5". Order: 15 of 20 at 05-15, open "1|0|||"; at 05-31 late "1|1|0.0|1.0|0.0".
    // J: O31 X 10 ordered 05-05, requested 05-10; 5 delivered 05-08 (promised 05-08), 5 shipped 05-20 (delivered 05-21, on
    //    its promise). At 05-15 the rest was due (05-10 < 05-15), so not open: on time, short "1|1|1.0|0.0|0.0"; at 05-31
    //    "1|1|1.0|1.0|1.0". One line: the same at both levels.
    // K: O33 X 10, Y 10 ordered 05-05, requested 05-10; X 10 delivered 05-08 (promised 05-08); Y 10 shipped 05-20 (promised
    //    05-21, delivered 05-21). At 05-15 no shipment of Y was known, one of its order was: Y had 0 of 10 shipped, due at the
    //    order's latest promise known then (05-08 < 05-15: late) and its rest due 05-10 (not open), so late and short; X on
    //    time and in full: "2|2|0.5|0.5|0.5". At 05-31 both on time and in full "2|2|1.0|1.0|1.0". Order: at 05-15 on time
    //    (X's shipment; Y's not known), short (10 < 20, rest due 05-10) "1|1|1.0|0.0|0.0"; at 05-31 "1|1|1.0|1.0|1.0".
    [Theory]
    [InlineData(OtifLevel.Line, "2|1|1.0|1.0|1.0", "2|2|0.5|1.0|0.5", "2|2|0.5|0.5|0.5", "2|2|1.0|1.0|1.0")]
    [InlineData(OtifLevel.Order, "1|0|||", "1|1|0.0|1.0|0.0", "1|1|1.0|0.0|0.0", "1|1|1.0|1.0|1.0")]
    public void Otif_EarlierSnapshot_LineShortAndNotYetDueIsOpen(OtifLevel level, string gEarly, string gLate, string kEarly, string kLate)
    {
        var company = new HandMadeCompany(_folder, "snapshots-" + level);
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O30,G,X,2025-05-05,10,1,2025-05-20
            O30,G,Y,2025-05-05,10,1,2025-05-20
            O31,J,X,2025-05-05,10,1,2025-05-10
            O33,K,X,2025-05-05,10,1,2025-05-10
            O33,K,Y,2025-05-05,10,1,2025-05-10
            O32,Z,X,2025-05-31,10,1,2025-06-10
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,ship_date,promised_date,delivered_date
            H30a,O30,X,10,2025-05-06,2025-05-08,2025-05-08
            H30a,O30,Y,5,2025-05-06,2025-05-08,2025-05-08
            H30c,O30,Y,5,2025-05-18,2025-05-17,2025-05-19
            H31a,O31,X,5,2025-05-06,2025-05-08,2025-05-08
            H31b,O31,X,5,2025-05-20,2025-05-21,2025-05-21
            H33a,O33,X,10,2025-05-06,2025-05-08,2025-05-08
            H33b,O33,Y,10,2025-05-20,2025-05-21,2025-05-21
            """);

        var output = company.Run();
        var start = new DateOnly(2025, 5, 1);
        var figures = ServiceFigures.AtSnapshots(output, [.. new[] { new DateOnly(2025, 5, 15), output.Result.AsOf }
            .Select(asOf => new MetricsOptions(asOf, start) { Otif = new OtifDefinition(Level: level) })]);

        Assert.Equal((gEarly, gLate), (figures(0, "G"), figures(1, "G")));
        Assert.Equal(("1|1|1.0|0.0|0.0", "1|1|1.0|1.0|1.0"), (figures(0, "J"), figures(1, "J")));
        Assert.Equal((kEarly, kLate), (figures(0, "K"), figures(1, "K")));
    }

    [Theory]
    [InlineData(" Line ", OtifLevel.Line, "otif.line")]
    [InlineData("ORDER", OtifLevel.Order, "otif.order")]
    public void From_LevelInAnyCase_IsReadAndNamedInTheId(string value, OtifLevel expected, string id)
    {
        var config = ConfigLoader.Parse($"metrics:\n  otif: {{ level: '{value}' }}\n");

        var otif = MetricsOptions.From(config, new DateOnly(2025, 5, 31), new DateOnly(2024, 5, 31)).Otif;

        Assert.Equal((expected, id), (otif.Level, otif.Id));
    }

    public void Dispose() => _folder.Dispose();
}
