using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// deliveries.count, deliveries.drop_size and deliveries.per_order (metric_definitions.csv): the delivery drivers of the
// order_profile preset (DEFINITIONS.md: drop size, orders per delivery). A's O1 ships in two shipments (split), its O2 whole,
// and O3 is a return; B's O4 and O5 travel in one shipment S4, which counts once for each order, as the cost driver
// `shipments` counts it; C's order has no shipment. Expected values are computed with LINQ over the CSVs the test writes.
public sealed class DeliveriesTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-03-01,10,1
        O1,A,Y,2025-03-01,5,1
        O2,A,X,2025-03-05,4,1
        O3,A,X,2025-03-10,-2,1
        O4,B,X,2025-03-03,6,1
        O4,B,Y,2025-03-03,6,1
        O5,B,X,2025-03-04,3,1
        O6,C,X,2025-03-25,1,1
        """;

    // S2, O1's second part, ships after 2025-03-15: a snapshot at that date knows one delivery of O1.
    private const string Shipments = """
        shipment_id,order_id,sku,ship_date,quantity_shipped
        S1,O1,X,2025-03-02,10
        S2,O1,Y,2025-03-20,5
        S3,O2,X,2025-03-06,4
        S4,O4,X,2025-03-05,6
        S4,O4,Y,2025-03-05,6
        S4,O5,X,2025-03-05,3
        """;

    private sealed record Line(string Order, string Customer, DateOnly Day, double Quantity);

    private sealed record Shipment(string Id, string Order, DateOnly Shipped, double? Quantity);

    private (HandMadeCompany Company, List<Line> Lines, List<Shipment> Shipments) Company(string name, bool withShipments = true, string shipmentsCsv = Shipments)
    {
        var company = new HandMadeCompany(_folder, name);
        var lines = CsvFile.ReadRecords(company.File("order_lines.csv", Lines))
            .Select(r => new Line(r["order_id"], r["customer_id"], Day(r["order_date"]), double.Parse(r["quantity"], Invariant))).ToList();
        company.File("customers.csv", "customer_id,parent_id\nA,\nB,\nC,\n");
        if (!withShipments)
            return (company, lines, []);
        var shipments = CsvFile.ReadRecords(company.File("shipments.csv", shipmentsCsv))
            .Select(r => new Shipment(r["shipment_id"], r["order_id"], Day(r["ship_date"]),
                r["quantity_shipped"].Length > 0 ? double.Parse(r["quantity_shipped"], Invariant) : null)).ToList();
        return (company, lines, shipments);
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", Invariant);

    // Per account (a customer's account: itself, or its parent rolled up): deliveries, drop size and deliveries per order
    // over the orders with a positive line by asOf and the shipments known (shipped) by then, the drop size over the orders
    // whose shipments all carry a quantity, as customer_metrics.csv writes them ("" for empty).
    private static (string Deliveries, string DropSize, string PerOrder) Expected(List<Line> lines, List<Shipment> shipments, DateOnly asOf, string account,
        Func<string, string>? accountOf = null)
    {
        accountOf ??= c => c;
        var orders = lines.Where(l => l.Quantity > 0 && l.Day <= asOf && accountOf(l.Customer) == account).Select(l => l.Order).Distinct().ToList();
        var shipped = orders.Select(o => shipments.Where(s => s.Order == o && s.Shipped <= asOf).ToList()).Where(s => s.Count > 0).ToList();
        var deliveries = shipped.Sum(s => s.Select(x => x.Id).Distinct().Count());
        var weighed = shipped.Where(s => s.All(x => x.Quantity is not null)).ToList();
        var units = weighed.Sum(s => s.Sum(x => x.Quantity!.Value));
        var weighedDeliveries = weighed.Sum(s => s.Select(x => x.Id).Distinct().Count());
        static string Number(double value) => Math.Round(value, 3, MidpointRounding.AwayFromZero).ToString("0.0##", Invariant);
        return deliveries == 0
            ? ("0", "", "")
            : (deliveries.ToString(Invariant), weighedDeliveries == 0 ? "" : Number(units / weighedDeliveries), Number(deliveries / (double)shipped.Count));
    }

    private static (string, string, string) Figures(Dictionary<string, string> metrics) =>
        (metrics["deliveries"], metrics["drop_size"], metrics["deliveries_per_order"]);

    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void Deliveries_SplitWholeAndSharedShipments_AreCountedPerOrderAsTheShipmentsCostDriver(string level)
    {
        // A: O1 in S1 and S2, O2 in S3: 3 deliveries of 19 units, 6.333 a drop, 1.5 per order. B: S4 once for O4 and once
        // for O5: 2 deliveries of 15 units, 7.5 a drop, 1 per order. C: no shipment, 0 and empty. Under otif.level: line the
        // order statistics count lines (B's O4 is two), yet the drivers stay per order.
        var (company, lines, shipments) = Company(level);
        company.File("chainseg.yaml", $"metrics:\n  otif: {{ level: {level} }}\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        var asOf = output.Result.AsOf;
        foreach (var customer in new[] { "A", "B", "C" })
            Assert.Equal(Expected(lines, shipments, asOf, customer), Figures(metrics[customer]));
        Assert.Equal((("3", "6.333", "1.5"), ("2", "7.5", "1.0"), ("0", "", "")), (Figures(metrics["A"]), Figures(metrics["B"]), Figures(metrics["C"])));
        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"]);
        Assert.Equal("deliveries.drop_size", definitions["drop_size"]["definition_id"]);
    }

    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void Deliveries_ShipmentWithoutQuantity_DropSizeReadsTheOrdersWhoseUnitsAreKnown(string level)
    {
        // S3 carries no quantity_shipped: O2's units are unknown, not 0. A's deliveries still count it (3, 1.5 per order), but
        // its drop size is O1's 15 units over S1 and S2, 7.5, not 15 over 3 deliveries (5, as if S3 had carried nothing).
        var (company, lines, shipments) = Company("unknown-" + level, shipmentsCsv: Shipments.Replace("S3,O2,X,2025-03-06,4", "S3,O2,X,2025-03-06,", StringComparison.Ordinal));
        company.File("chainseg.yaml", $"metrics:\n  otif: {{ level: {level} }}\n");

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("3", "7.5", "1.5"), Figures(metrics["A"]));
        Assert.Equal(Expected(lines, shipments, new DateOnly(2025, 3, 25), "A"), Figures(metrics["A"]));
        Assert.Equal(("2", "7.5", "1.0"), Figures(metrics["B"]));
    }

    [Fact]
    public void Deliveries_RolledUp_AnAccountCarriesItsCustomersDeliveries()
    {
        // B is A's child: account A has 5 deliveries (3 + 2) of 34 units over 4 orders with shipments: 6.8 a drop, 1.25 per order.
        var (company, lines, shipments) = Company("rolled");
        company.File("customers.csv", "customer_id,parent_id\nA,\nB,A\nC,\n");
        var config = company.File("rolled.yaml", "metrics:\n  roll_up_hierarchy: true\n");

        var output = company.Run(config);

        var metrics = output.MetricsByCustomer();
        string AccountOf(string customer) => customer == "B" ? "A" : customer;
        Assert.Equal(["A", "C"], metrics.Keys.Order(StringComparer.Ordinal));
        foreach (var account in metrics.Keys)
            Assert.Equal(Expected(lines, shipments, output.Result.AsOf, account, AccountOf), Figures(metrics[account]));
        Assert.Equal(("5", "6.8", "1.25"), Figures(metrics["A"]));
    }

    [Fact]
    public void Deliveries_AtAnEarlierSnapshot_CountTheShipmentsKnownByItsDate()
    {
        // At 2025-03-15 S2 has not shipped: A has 2 deliveries (S1, S3) of 14 units, 7 a drop, 1 per order; C has not ordered.
        // A snapshot segmentation narrows to the metrics it reads computes them the same way.
        var (company, lines, shipments) = Company("early");
        var output = company.Run();
        var asOf = new DateOnly(2025, 3, 15);

        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var options = new MetricsOptions(asOf, asOf.AddDays(-365));
        CustomerMetrics.CreateSnapshots(store.Connection, schema,
            [new MetricSnapshotRequest(options, "_early"), new MetricSnapshotRequest(options, "_narrow", ["drop_size", "deliveries_per_order", "deliveries"])],
            runAsOf: output.Result.AsOf);

        foreach (var table in new[] { "customer_metrics_early", "customer_metrics_narrow" })
        {
            var figures = store.Connection.Query(
                    $"SELECT customer_id, CAST(deliveries AS VARCHAR), coalesce(CAST(drop_size AS VARCHAR), ''), coalesce(CAST(deliveries_per_order AS VARCHAR), '') FROM \"{schema}\".{table}",
                    r => (Customer: r.GetString(0), Figures: (r.GetString(1), r.GetString(2), r.GetString(3))))
                .ToDictionary(r => r.Customer, r => r.Figures);
            foreach (var customer in new[] { "A", "B", "C" })
                Assert.Equal(Expected(lines, shipments, asOf, customer), figures[customer]);
            Assert.Equal(("2", "7.0", "1.0"), figures["A"]);
        }
    }

    [Fact]
    public void Deliveries_RunWithoutShipments_AreEmptyForEveryCustomer()
    {
        // No shipment export: how many deliveries a customer had is unknown, not 0 (as OTIF and the service events' figures).
        var (company, _, _) = Company("none", withShipments: false);

        var metrics = company.Run().MetricsByCustomer();

        Assert.All(["A", "B", "C"], c => Assert.Equal(("", "", ""), Figures(metrics[c])));
        Assert.Equal("2", metrics["A"]["orders"]);
    }

    public void Dispose() => _folder.Dispose();
}
