using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// The cost driver `customers` (cts.abc, DEFINITIONS.md: rate = pool cost ÷ total driver volume) splits a pool such as
// key-account management equally over the customers it serves in the window: those with an order line there. D is master
// data alone and C orders only after the earlier snapshot, so neither is served then. Expected values are computed with
// LINQ over the CSV the test writes.
public sealed class CustomersCostDriverTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private const double KeyAccounts = 5000;
    private const double OrderProcessing = 3650;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-01-10,10,1
        O2,B,X,2025-02-10,5,2
        O3,A,X,2025-03-01,4,1
        O4,C,X,2025-05-20,7,3
        O5,B,X,2025-06-30,2,1
        """;

    private (HandMadeCompany Company, List<(string Customer, string Order, DateOnly Day)> Lines) Company()
    {
        var company = new HandMadeCompany(_folder, "company");
        var path = company.File("order_lines.csv", Lines);
        company.File("customers.csv", "customer_id\nA\nB\nC\nD\n");
        company.File("cost_pools.csv",
            $"activity,driver,annual_cost\nkey_accounts,customers,{KeyAccounts.ToString(Invariant)}\norder_processing,orders,{OrderProcessing.ToString(Invariant)}\n");
        var lines = CsvFile.ReadRecords(path)
            .Select(r => (r["customer_id"], r["order_id"], DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant))).ToList();
        return (company, lines);
    }

    // A customer's cost-to-serve over lines up to asOf: the pools charged for the days from the first line to asOf, the
    // key-account pool split equally over the customers with a line, order processing by the customer's share of orders.
    private static double Expected(List<(string Customer, string Order, DateOnly Day)> all, DateOnly asOf, string customer)
    {
        var lines = all.Where(l => l.Day <= asOf).ToList();
        var years = (asOf.DayNumber - lines.Min(l => l.Day).DayNumber + 1) / 365.25;
        var served = lines.Select(l => l.Customer).Distinct().ToList();
        var orders = lines.Select(l => (l.Customer, l.Order)).Distinct().ToList();
        if (!served.Contains(customer))
            return 0;
        return Math.Round(KeyAccounts * years / served.Count + OrderProcessing * years * orders.Count(o => o.Customer == customer) / orders.Count, 2);
    }

    [Fact]
    public void CostToServe_CustomersDriver_SplitsThePoolOverCustomersWithLinesInTheWindow()
    {
        // 2025-01-10 … 2025-06-30 is 172 days: A, B and C each carry 5000 × 172 / 365.25 / 3 = 784.85 of key-account cost
        // (plus their share of order processing); D, with no order line, was charged a quarter of the pool instead of nothing.
        var (company, lines) = Company();

        var metrics = company.Run().MetricsByCustomer();

        var asOf = lines.Max(l => l.Day);
        Assert.Equal(784.85, Math.Round(KeyAccounts * 172 / 365.25 / 3, 2));
        foreach (var customer in new[] { "A", "B", "C", "D" })
            Assert.Equal(Expected(lines, asOf, customer), double.Parse(metrics[customer]["cost_to_serve"], Invariant), 2);
        Assert.Equal("0.0", metrics["D"]["cost_to_serve"]);
    }

    [Fact]
    public void CostToServe_CustomersDriverAtAnEarlierSnapshot_LeavesOutCustomersNotYetOrdering()
    {
        // At 2025-03-15 only A and B have ordered (2025-01-10 … 2025-03-15, 65 days): they share the key-account pool, and C
        // (first order 2025-05-20) and D (none) carry none of it.
        var (company, lines) = Company();
        var output = company.Run();
        var asOf = new DateOnly(2025, 3, 15);

        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        CustomerMetrics.CreateSnapshots(store.Connection, schema, [new MetricSnapshotRequest(new MetricsOptions(asOf, asOf.AddDays(-365)), "_early")]);
        var cost = store.Connection.Query($"SELECT customer_id, cost_to_serve FROM \"{schema}\".customer_metrics_early", r => (r.GetString(0), r.GetDouble(1)))
            .ToDictionary(r => r.Item1, r => r.Item2);

        foreach (var customer in new[] { "A", "B", "C", "D" })
            Assert.Equal(Expected(lines, asOf, customer), cost[customer], 2);
        Assert.Equal((0.0, 0.0), (cost["C"], cost["D"]));
    }

    [Fact]
    public void CostToServe_CustomersDriverRolledUp_AnAccountCarriesWhatItsCustomersDoApart()
    {
        // B is A's child. Under metrics.roll_up_hierarchy account A counted as one served customer of three (A+B, C; D has
        // no line), so it carried 5000 × 172 / 365.25 / 2 of key-account cost where A and B apart carry 2 × … / 3: the
        // roll-up moved cost between accounts. A parent's metrics include its children's (issue 3), so A now carries the
        // sum of A's and B's apart, and C what it carries apart.
        var (company, lines) = Company();
        company.File("customers.csv", "customer_id,parent_id\nA,\nB,A\nC,\nD,\n");
        var config = company.File("rolled.yaml", "metrics:\n  roll_up_hierarchy: true\n");

        var metrics = company.Run(config).MetricsByCustomer();

        var asOf = lines.Max(l => l.Day);
        Assert.Equal(["A", "C", "D"], metrics.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(Expected(lines, asOf, "A") + Expected(lines, asOf, "B"), double.Parse(metrics["A"]["cost_to_serve"], Invariant), 0.011); // each rounded to cents
        Assert.Equal(Expected(lines, asOf, "C"), double.Parse(metrics["C"]["cost_to_serve"], Invariant), 2);
        Assert.Equal("0.0", metrics["D"]["cost_to_serve"]);
    }

    public void Dispose() => _folder.Dispose();
}
