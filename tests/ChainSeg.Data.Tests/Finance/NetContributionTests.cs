using System.Globalization;

namespace ChainSeg.Data.Tests.Finance;

// DEFINITIONS.md Profitability: net contribution = revenue − cost of goods − cost-to-serve; the whale curve ranks customers
// by it. Two customers small enough to compute by hand.
public sealed class NetContributionTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    /// <summary>Two customers' order lines whose net contribution is computed by hand below.</summary>
    internal const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount
        O1,A,X,2025-01-01,10,10,40
        O2,B,X,2025-01-01,1,10,1
        O3,A,X,2025-12-31,10,10,40
        """;

    private static double Num(string s) => double.Parse(s, Invariant);

    // A: revenue 200, cost of goods 200 − 80 = 120, 2 of the 3 orders; B: revenue 10, cost of goods 9, 1 order. The pool of
    // 30 a year is charged for the 365 days of data (30 × 365 / 365.25 = 29.98): A 19.99, B 9.99. Net: A 80 − 19.99 = 60.01,
    // B 1 − 9.99 = −8.99; total 51.02. The curve peaks at A's 60.01 (117.6 % of the total, half the customers); B is the
    // loss tail, giving back 8.99 (17.6 %).
    [Fact]
    public void Run_TwoCustomers_NetContributionAndWhaleCurveAsComputedByHand()
    {
        var company = new HandMadeCompany(_folder, "two");
        company.File("order_lines.csv", Lines);
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,30\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal(60.01, Num(metrics["A"]["net_contribution"]));
        Assert.Equal(-8.99, Num(metrics["B"]["net_contribution"]));
        var costs = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv"));
        // The rows to 1e-6 (29.979466 × 2/3 and × 1/3), so that they add up to the pool's 29.98 where cents would give 29.98 too
        // here but drift at scale.
        // Beside the pool, a row of 0 for each direct cost charged by default (costs.direct): no shipment, no service event.
        Assert.Equal([("A", "freight", "direct", 0.0, 0.0), ("A", "order_processing", "orders", 2.0, 19.986311), ("A", "service_events", "direct", 0.0, 0.0),
                ("B", "freight", "direct", 0.0, 0.0), ("B", "order_processing", "orders", 1.0, 9.993155), ("B", "service_events", "direct", 0.0, 0.0)],
            costs.Select(c => (c["customer_id"], c["pool"], c["driver"], Num(c["driver_volume"]), Num(c["cost"]))));
        Assert.Equal(30 * 365 / 365.25 / 3, Num(costs[1]["rate"]), 6);
        var whale = output.Result.WhaleCurve!;
        Assert.Equal(51.02, whale.TotalNetContribution);
        Assert.Equal(1.1762, whale.PeakPctOfTotal);
        Assert.Equal(0.5, whale.PeakCustomerShare);
        Assert.Equal(0.5, whale.LossCustomerShare);
        Assert.Equal(8.99, whale.LossAmount);
        Assert.Equal(0.1762, whale.LossPctOfTotal);
    }

    // A customer with an uncosted line (no margin_amount, no unit_cost) has no net contribution: left off the curve and
    // counted as such, the others ranked as before.
    [Fact]
    public void Run_OneCustomerUncosted_LeftOffTheCurveAndCounted()
    {
        var company = new HandMadeCompany(_folder, "uncosted");
        company.File("order_lines.csv", Lines + "\nO4,C,X,2025-06-30,3,10,\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,30\n");

        var output = company.Run();

        Assert.Equal("", output.MetricsByCustomer()["C"]["net_contribution"]);
        var whale = output.Result.WhaleCurve!;
        Assert.Equal(2, whale.Customers);
        Assert.Equal(1, whale.CustomersWithoutNetContribution);
        Assert.Equal(["A", "B"], CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "whale_curve.csv")).Select(r => r["customer_id"]));
    }

    // Without cost pools the cost-to-serve is unknown, so is the contribution: empty, never revenue − cost of goods alone.
    [Fact]
    public void Run_WithoutCostPools_LeavesNetContributionAndTheWhaleCurveEmpty()
    {
        var company = new HandMadeCompany(_folder, "nopools");
        company.File("order_lines.csv", Lines);

        var output = company.Run();

        Assert.All(output.Metrics(), m => Assert.Equal("", m["net_contribution"]));
        Assert.Null(output.Result.WhaleCurve);
        Assert.Single(File.ReadAllLines(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")));
        Assert.Single(File.ReadAllLines(Path.Combine(output.Result.OutDirectory, "whale_curve.csv")));
        Assert.All(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_pnl.csv")), r => Assert.Equal("", r["net_contribution"]));
    }

    public void Dispose() => _folder.Dispose();
}
