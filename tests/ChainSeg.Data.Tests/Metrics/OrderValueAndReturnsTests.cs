using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// Three definitions a practitioner checks on a tiny company, each against LINQ over the raw CSV or a hand count:
// avg_order_value (orders.avg_value) over the orders that stood, not one cancelled in full on its own order id; a return
// dated in the window netted against the window, whatever the sale it reverses; and in_full_tolerance, an OTIF setting,
// leaving fill.line and fill.order "completely filled" (DEFINITIONS.md).
public sealed class OrderValueAndReturnsTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // A: O1 stands (100), O2 is cancelled in full on its own id (20, then −4 X on 03-06), O3 stands (60). B: O4 is cancelled
    // in part (X 10, −4: an order that stood), O5 in full over two SKUs, one cancelled across the period end (03-31 → 04-02),
    // so the earlier snapshot still saw it standing. C: its only order is cancelled in full. D: a return order of its own id
    // (R1) nets no order.
    private const string CancelledLines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-03-01,10,10
        O2,A,X,2025-03-05,4,5
        O2,A,X,2025-03-06,-4,5
        O3,A,Y,2025-03-10,6,10
        O4,B,X,2025-03-02,10,3
        O4,B,X,2025-03-03,-4,3
        O5,B,X,2025-03-30,2,7
        O5,B,Y,2025-03-30,1,7
        O5,B,X,2025-03-31,-2,7
        O5,B,Y,2025-04-02,-1,7
        O6,C,X,2025-03-04,5,2
        O6,C,X,2025-03-04,-5,2
        O7,D,X,2025-03-08,3,4
        R1,D,X,2025-03-20,-1,4
        """;

    // The oracle: orders with a positive line dated by asOf; one stands unless its lines dated by then net to no unit.
    private static Dictionary<string, string> AverageOrderValues(string path, DateOnly asOf)
    {
        var lines = CsvFile.ReadRecords(path).Select(r => (Order: r["order_id"], Customer: r["customer_id"],
            Day: DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant), Quantity: double.Parse(r["quantity"], Invariant),
            Price: double.Parse(r["unit_price"], Invariant))).Where(l => l.Day <= asOf).ToList();
        return lines.GroupBy(l => l.Customer).ToDictionary(c => c.Key, c =>
        {
            var standing = c.GroupBy(l => l.Order).Where(o => o.Any(l => l.Quantity > 0) && o.Sum(l => l.Quantity) > 0).ToList();
            return standing.Count == 0 ? "" : Math.Round(standing.Sum(o => o.Where(l => l.Quantity > 0).Sum(l => l.Quantity * l.Price)) / standing.Count, 2)
                .ToString(Invariant);
        });
    }

    private static string Value(string text) => text.Length == 0 ? "" : double.Parse(text, Invariant).ToString(Invariant);

    [Fact]
    public void AvgOrderValue_OrderCancelledInFullOnItsOwnId_IsNoOrderValue()
    {
        var company = new HandMadeCompany(_folder, "cancelled");
        var path = company.File("order_lines.csv", CancelledLines);
        // Stability period ends at month ends: 03-31 is an earlier snapshot, which knew O5's Y cancelled on 04-02 not yet.
        company.File("chainseg.yaml", "as_of: 2025-04-30\nsegmentation:\n  stability: { periods: 2, bucket: month }\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        var expected = AverageOrderValues(path, new DateOnly(2025, 4, 30));
        foreach (var customer in new[] { "A", "B", "C", "D" })
            Assert.Equal(expected[customer], Value(metrics[customer]["avg_order_value"]));
        // By hand: A (100 + 60) / 2; B O4 alone, 30 (O5 cancelled in full by 04-02); C none stood; D O7, 12. Orders still count
        // every order placed (the order-processing driver: a cancelled order was keyed all the same).
        Assert.Equal("80|30||12", string.Join('|', new[] { "A", "B", "C", "D" }.Select(c => Value(metrics[c]["avg_order_value"]))));
        Assert.Equal("3|2|1|1", string.Join('|', new[] { "A", "B", "C", "D" }.Select(c => metrics[c]["orders"])));

        // One batch of snapshots at 03-31 and 04-30 (as segmentation makes its period ends): O5's lines lie on both sides of
        // the boundary, so each snapshot judges it with the lines it holds: at 03-31 its Y was not cancelled yet, so it stood.
        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var ends = new[] { new DateOnly(2025, 3, 31), new DateOnly(2025, 4, 30) };
        CustomerMetrics.CreateSnapshots(store.Connection, schema,
            ends.Select(end => new MetricSnapshotRequest(new MetricsOptions(end, end.AddDays(-365)), $"_aov{end.Month}")).ToList(), runAsOf: output.Result.AsOf);
        foreach (var end in ends)
        {
            var values = store.Connection.Query($"SELECT customer_id, coalesce(CAST(avg_order_value AS VARCHAR), '') FROM \"{schema}\".customer_metrics_aov{end.Month}",
                r => (Customer: r.GetString(0), Value: Value(r.GetString(1)))).ToDictionary(r => r.Customer, r => r.Value);
            var oracle = AverageOrderValues(path, end);
            foreach (var customer in oracle.Keys)
                Assert.Equal(oracle[customer], values[customer]);
        }
        Assert.Equal("25.5", AverageOrderValues(path, ends[0])["B"]);
    }

    [Fact]
    public void Returns_ReturnInTheWindowOfASaleBeforeIt_NettedInTheWindowByItsOwnDate()
    {
        // As finance books a credit note: in the period it is dated. A sold 10 X in January (before the 2-month window) and
        // returns 4 in March, beside 5 sold in March: revenue 5 − 4 = 1 (× 10), returned_units 4, return_rate 4 ÷ 5. An order
        // line names no sale it reverses, so no window could net it against the January sale.
        var company = new HandMadeCompany(_folder, "returns");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-01-10,10,10
            O2,A,X,2025-03-05,5,10
            R1,A,X,2025-03-20,-4,10
            """);
        company.File("chainseg.yaml", "as_of: 2025-03-31\nwindow: 2 months\n");

        var a = company.Run().MetricsByCustomer()["A"];

        Assert.Equal("10|4|40|0.8|5", string.Join('|', new[] { "revenue", "returned_units", "returned_value", "return_rate", "units" }.Select(c => Value(a[c]))));
    }

    [Fact]
    public void FillRates_LineShortWithinTheInFullTolerance_InFullButNotFilled()
    {
        // in_full_tolerance 0.05: O1 ships 97 of 100, in full (≥ 95) for OTIF's in-full rate, but not completely filled, so
        // neither fill.line nor fill.order counts it; fill.unit reads 107 of 110. O2 ships all 10.
        var company = new HandMadeCompany(_folder, "tolerance");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,A,X,2025-03-01,100,1\nO2,A,X,2025-03-02,10,1\n");
        company.File("shipments.csv", """
            shipment_id,order_id,sku,ship_date,promised_date,delivered_date,quantity_shipped
            S1,O1,X,2025-03-02,2025-03-05,2025-03-04,97
            S2,O2,X,2025-03-03,2025-03-05,2025-03-04,10
            """);
        company.File("chainseg.yaml", "as_of: 2025-03-31\nmetrics:\n  otif: { in_full_tolerance: 0.05 }\n");

        var a = company.Run().MetricsByCustomer()["A"];

        Assert.Equal("1|2|1|2|1|0.5|0.9727", string.Join('|',
            new[] { "in_full_rate", "lines_fill_known", "lines_filled", "orders_fill_known", "orders_filled_first_time", "fill_rate_orders", "fill_rate_units" }.Select(c => Value(a[c]))));
    }

    public void Dispose() => _folder.Dispose();
}
