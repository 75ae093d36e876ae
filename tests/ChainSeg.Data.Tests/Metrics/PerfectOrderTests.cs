using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md perfect_order (SCOR RL.1.1): orders on time and in full (otif.order) that no claim names, the claim's
// documentation or condition failure. Counted by hand from the rows below (as_of 2025-03-31): A's O1, O2 and O4 are OTIF,
// O3 late; O2 is claimed (not perfect), O3 claimed twice (not perfect, once: it was not OTIF anyway), O4 is claimed by B,
// whose order it is not (kept at ingestion as order_of_another_customer, ignored here): A 2 perfect of 4 timed. B's O5 is
// OTIF and unclaimed, its O6 unshipped (claimed, but not timed): 1 of 1. C has no claim: 1 of 1.
public sealed class PerfectOrderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-03-01,10,1
        O2,A,X,2025-03-02,10,1
        O3,A,X,2025-03-03,10,1
        O4,A,X,2025-03-04,10,1
        O5,B,X,2025-03-05,10,1
        O6,B,X,2025-03-06,10,1
        O7,C,X,2025-03-31,10,1
        """;

    private const string Shipments = """
        shipment_id,order_id,sku,ship_date,promised_date,delivered_date,quantity_shipped
        S1,O1,X,2025-03-02,2025-03-05,2025-03-04,10
        S2,O2,X,2025-03-03,2025-03-06,2025-03-05,10
        S3,O3,X,2025-03-04,2025-03-06,2025-03-09,10
        S4,O4,X,2025-03-05,2025-03-08,2025-03-07,10
        S5,O5,X,2025-03-06,2025-03-09,2025-03-08,10
        S7,O7,X,2025-03-31,2025-04-01,2025-03-31,10
        """;

    private const string Events = """
        customer_id,event_type,event_date,order_id,cost
        A,claim,2025-03-10,O2,50
        A,claim,2025-03-12,O3,20
        A,Claim,2025-03-14,O3,30
        B,claim,2025-03-12,O4,40
        B,claim,2025-03-12,O6,40
        A,complaint,2025-03-12,O1,
        """;

    private HandMadeCompany Company(string name, string? events = Events)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", Lines);
        company.File("customers.csv", "customer_id\nA\nB\nC\n");
        company.File("shipments.csv", Shipments);
        if (events is not null)
            company.File("service_events.csv", events);
        return company;
    }

    private static (string Timed, string Otif, string Perfect, string Rate) Figures(Dictionary<string, string> m) =>
        (m["orders_timed"], m["orders_otif"], m["perfect_orders"], m["perfect_order_rate"]);

    [Fact]
    public void Run_Claims_PerfectOrdersAreOtifOrdersNoClaimOfTheirCustomerNames()
    {
        var output = Company("claims").Run();
        var metrics = output.MetricsByCustomer();

        Assert.Equal(("4", "3", "2", "0.5"), Figures(metrics["A"]));
        Assert.Equal(("1", "1", "1", "1.0"), Figures(metrics["B"]));
        Assert.Equal(("1", "1", "1", "1.0"), Figures(metrics["C"]));
        Assert.Equal(new Dictionary<string, long> { ["order_of_another_customer:order_id"] = 1 }, output.Warnings("service_events"));
        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(d => d["column"]);
        Assert.Equal(("perfect_order.count", "perfect_order"), (definitions["perfect_orders"]["definition_id"], definitions["perfect_order_rate"]["definition_id"]));
    }

    // Without a claim naming an order, nothing says whether documentation and condition were right: the rate is unknown
    // (empty) rather than OTIF under another name, and the missing input is named for metric_without_values.
    [Theory]
    [InlineData("no-claims", "customer_id,event_type,event_date,order_id,cost\nA,complaint,2025-03-12,O1,\nA,claim,2025-03-12,,40\n")]
    [InlineData("no-events", null)]
    public void Run_WithoutAClaimNamingAnOrder_PerfectOrderIsUnknownAndItsInputNamed(string name, string? events)
    {
        var output = Company(name, events).Run();

        Assert.All(output.Metrics(), m => Assert.Equal(("", ""), (m["perfect_orders"], m["perfect_order_rate"])));
        Assert.Equal(("4", "3"), (output.MetricsByCustomer()["A"]["orders_timed"], output.MetricsByCustomer()["A"]["orders_otif"]));
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var missing = CustomerMetrics.MissingInputs(store.Connection, store.CurrentRun()!.Schema);
        Assert.Equal(
            "perfect_order_rate needs service_events of event_type claim naming the order claimed (order_id); none is in the data, so documentation and condition are unknown",
            missing["perfect_order_rate"]);
        Assert.True(missing.ContainsKey("perfect_orders"));
    }

    // Under otif.line the OTIF columns count lines; a perfect order is an order (SCOR RL.1.1), so it is not measured there.
    [Fact]
    public void Run_OtifByLine_PerfectOrderIsUnknownAndNamed()
    {
        var company = Company("by-line");
        var output = company.Run(company.File("chainseg.yaml", "metrics:\n  otif:\n    level: line\n"));

        Assert.All(output.Metrics(), m => Assert.Equal(("", ""), (m["perfect_orders"], m["perfect_order_rate"])));
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var options = new MetricsOptions(new DateOnly(2025, 3, 31), new DateOnly(2025, 3, 1)) { Otif = new OtifDefinition(Level: OtifLevel.Line) };
        Assert.StartsWith("perfect_order_rate counts orders (SCOR RL.1.1)", CustomerMetrics.MissingInputs(store.Connection, store.CurrentRun()!.Schema, options)["perfect_order_rate"], StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
