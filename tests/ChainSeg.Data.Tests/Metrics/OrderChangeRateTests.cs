using System.Globalization;

namespace ChainSeg.Data.Tests.Metrics;

// service.order_change_rate (metric_definitions.csv): the order corrections the order_profile preset and the order changes
// the gattorna preset read (DEFINITIONS.md "Segmentation presets"), from an ERP change log loaded as service events of type
// order_change, one per change. A changes O1 twice and O2 once (2 of its 4 orders); B logs a change without an order, one
// naming an order the lines lack (its order_id is blanked at ingestion) and one of O5: 3 changed orders of 2, capped at 1;
// C has a complaint alone and D no event: 0. Expected values are counted by hand from the rows below.
public sealed class OrderChangeRateTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-03-01,10,1
        O2,A,X,2025-03-05,4,1
        O3,A,X,2025-03-10,5,1
        O4,A,X,2025-03-20,2,1
        O5,B,X,2025-03-03,6,1
        O6,B,X,2025-03-04,3,1
        O7,C,X,2025-03-25,1,1
        O8,D,X,2025-03-26,1,1
        """;

    private const string Events = """
        customer_id,event_type,event_date,order_id,cost
        A,order_change,2025-03-02,O1,
        A,Order_Change,2025-03-03,O1,
        A,order_change,2025-03-06,O2,
        A,expedite,2025-03-05,O2,
        B,order_change,2025-03-04,,
        B,order_change,2025-03-05,O9,
        B,order_change,2025-03-06,O5,
        C,complaint,2025-03-26,O7,
        """;

    private HandMadeCompany Company(string name, string events = Events)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", Lines);
        company.File("customers.csv", "customer_id\nA\nB\nC\nD\n");
        company.File("service_events.csv", events);
        return company;
    }

    [Fact]
    public void Ingest_OrderChangeEvents_AreAcceptedAsAnEventType()
    {
        var output = Company("ingest").Run();

        Assert.Empty(output.Reasons("service_events"));
        Assert.Equal(8, output.Count("service_events", "rows_accepted"));
        Assert.Equal(new Dictionary<string, long> { ["unknown_reference:order_id"] = 1 }, output.Warnings("service_events"));
        Assert.Equal(6, output.Canonical("service_events", "event_type").Count(r => r[0] == "order_change"));
    }

    [Fact]
    public void Run_ChangeLog_OrderChangeRateIsChangedOrdersPerOrderCappedAtOne()
    {
        var metrics = Company("rates").Run().MetricsByCustomer();

        Assert.Equal(("3", "0.5"), Figures(metrics["A"]));
        Assert.Equal(("3", "1.0"), Figures(metrics["B"]));
        Assert.Equal(("0", "0.0"), Figures(metrics["C"]));
        Assert.Equal(("0", "0.0"), Figures(metrics["D"]));
        // The other event rates are untouched by the change log.
        Assert.Equal(("1", "0.25"), (metrics["A"]["expedites"], metrics["A"]["expedite_rate"]));
    }

    [Fact]
    public void Run_ServiceEventsWithoutAnyOrderChange_OrderChangeFiguresAreUnknown()
    {
        // Expedites and complaints logged but no change log: no order change measured is not no order changed.
        var withoutLog = Company("no-log", "customer_id,event_type,event_date,order_id,cost\nA,expedite,2025-03-05,O2,\n").Run();
        var withoutEvents = new HandMadeCompany(_folder, "no-events");
        withoutEvents.File("order_lines.csv", Lines);

        Assert.All(withoutLog.Metrics().Concat(withoutEvents.Run().Metrics()), m => Assert.Equal(("", ""), Figures(m)));
        Assert.Equal("0.25", withoutLog.MetricsByCustomer()["A"]["expedite_rate"]);
    }

    [Fact]
    public void Run_PoolDrivenByOrderChanges_IsSplitByEachCustomersChangeEvents()
    {
        var company = Company("pool");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_amendments,order_changes,36525\n");

        var metrics = company.Run().MetricsByCustomer();

        // 26 days of data (2025-03-01 … 03-26) of 36,525 a year is 2,600 for the window; A and B logged 3 changes each.
        Assert.Equal(["1300.0", "1300.0", "0.0", "0.0"], new[] { "A", "B", "C", "D" }.Select(c => metrics[c]["cost_to_serve"]));
    }

    private static (string Changes, string Rate) Figures(Dictionary<string, string> metrics) => (metrics["order_changes"], metrics["order_change_rate"]);

    public void Dispose() => _folder.Dispose();
}
