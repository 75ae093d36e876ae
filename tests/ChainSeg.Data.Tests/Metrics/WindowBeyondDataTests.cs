using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// A window longer than the data (window: 10 years over three months of orders): the figures that are rates per unit of time
// must be taken over the days the data covers, not over the years before the first order. Expected values are computed
// with LINQ over the CSV the test writes.
public sealed class WindowBeyondDataTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price,location_id
        O1,A,X,2025-01-10,10,1,DC
        O2,A,X,2025-02-10,5,2,DC
        O3,B,X,2025-03-01,4,1,DC
        O4,B,X,2025-03-30,4,1,DC
        O5,C,X,2025-03-31,7,3,DC
        """;

    private (HandMadeCompany Company, List<(string Customer, DateOnly Day, double Quantity)> Lines) Company(string name)
    {
        var company = new HandMadeCompany(_folder, name);
        var path = company.File("order_lines.csv", Lines);
        company.File("locations.csv", "location_id,type\nDC,dc\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3650\n");
        var lines = CsvFile.ReadRecords(path).Select(r => (r["customer_id"], DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant),
            double.Parse(r["quantity"], Invariant))).ToList();
        return (company, lines);
    }

    [Fact]
    public void CostToServe_WindowLongerThanTheData_ChargesThePoolsForTheDaysTheDataCovers()
    {
        // cts.abc (DEFINITIONS.md, activity-based): pool cost for the window ÷ total driver volume. The pools are annual; the
        // orders behind the drivers span 2025-01-10 … 2025-03-31 (81 days), so the window's pool cost is 3650 × 81 / 365.25
        // however far back the window reaches. A 10-year window charged 3650 × 10 years against three months of orders.
        var (company, lines) = Company("cost");
        company.File("chainseg.yaml", "window: 10 years\n");

        var metrics = company.Run().MetricsByCustomer();

        var days = lines.Max(l => l.Day).DayNumber - lines.Min(l => l.Day).DayNumber + 1;
        var poolCost = 3650 * days / 365.25;
        foreach (var customer in lines.GroupBy(l => l.Customer))
            Assert.Equal(Math.Round(poolCost * customer.Count() / lines.Count, 2), double.Parse(metrics[customer.Key]["cost_to_serve"], Invariant), 2);
    }

    [Fact]
    public void CostToServe_EarlierSnapshotWhoseWindowStartsBeforeTheData_ChargesFromTheFirstOrder()
    {
        // A stability snapshot keeps the run's window length back from its own date, so under window: all it reaches before
        // the first order. At 2025-03-15 the orders span 2025-01-10 … 2025-03-15 (65 days) and A has 2 of the 3 orders.
        var (company, lines) = Company("snapshot");
        var output = company.Run();
        var asOf = new DateOnly(2025, 3, 15);
        var inWindow = lines.Where(l => l.Day <= asOf).ToList();

        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        CustomerMetrics.CreateSnapshots(store.Connection, schema, [new MetricSnapshotRequest(new MetricsOptions(asOf, asOf.AddDays(-365)), "_early")]);
        var cost = store.Connection.Query($"SELECT customer_id, cost_to_serve FROM \"{schema}\".customer_metrics_early", r => (r.GetString(0), r.GetDouble(1)))
            .ToDictionary(r => r.Item1, r => r.Item2);

        var poolCost = 3650 * (asOf.DayNumber - inWindow.Min(l => l.Day).DayNumber + 1) / 365.25;
        Assert.Equal(Math.Round(poolCost * inWindow.Count(l => l.Customer == "A") / inWindow.Count, 2), cost["A"], 2);
    }

    [Fact]
    public void ChargedYears_WindowLongerThanTheData_PoolsAndCarryingCostChargeTheSameYears()
    {
        // One length of time for both annual costs: the cost pools (cost_to_serve.csv) and the stock's carrying cost
        // (segment_pnl.csv) are charged for the 81 days from the first order line to as_of, not the 10 years of the window.
        // Each file's years are read back from its own figures; the carrying cost is rounded to the cent, hence the tolerance.
        var (company, lines) = Company("years");
        company.File("products.csv", "sku,unit_cost\nX,50\n");
        company.File("chainseg.yaml", """
            window: 10 years
            policies:
              default: { csl: 0.9, fulfilment_mode: make_to_stock }
            """);

        var output = company.Run();

        string File(string name) => Path.Combine(output.Result.OutDirectory, name);
        var years = (lines.Max(l => l.Day).DayNumber - lines.Min(l => l.Day).DayNumber + 1) / 365.25;
        var poolYears = CsvFile.ReadRecords(File("cost_to_serve.csv")).Sum(r => double.Parse(r["cost"], Invariant)) / 3650;
        Assert.Equal(years, poolYears, 6);
        var annualCarrying = CsvFile.ReadRecords(File("inventory_by_segment.csv")).ToDictionary(r => r["segment"], r => double.Parse(r["annual_carrying_cost"], Invariant));
        var carried = CsvFile.ReadRecords(File("segment_pnl.csv")).Where(r => annualCarrying.GetValueOrDefault(r["segment"]) > 0).ToList();
        Assert.NotEmpty(carried);
        // The annual figure is charged before rounding: the file's, to the cent, is half a cent × years from the product at most.
        Assert.All(carried, r => Assert.Equal(annualCarrying[r["segment"]] * poolYears, double.Parse(r["carrying_cost"], Invariant), 0.005 * poolYears + 0.005 + 1e-9));
    }

    [Fact]
    public void InventoryDemand_WindowLongerThanTheData_IsPerDayOfTheData()
    {
        // Daily demand per SKU-location is the units ordered ÷ the days measured: 30 units over the 81 days the orders span,
        // not over the 3,653 days of a 10-year window (which put the reorder point of a steady seller near zero).
        var (company, lines) = Company("inventory");
        // One make-to-stock policy for every segment, so every customer's demand is stocked whatever segment it lands in.
        company.File("chainseg.yaml", """
            window: 10 years
            policies:
              default: { csl: 0.9, fulfilment_mode: make_to_stock }
            """);

        var output = company.Run();

        var policy = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "inventory_policies.csv")));
        var days = lines.Max(l => l.Day).DayNumber - lines.Min(l => l.Day).DayNumber + 1;
        Assert.Equal(days.ToString(Invariant), policy["demand_days"]);
        Assert.Equal(lines.Sum(l => l.Quantity) / days, double.Parse(policy["daily_demand_mean"], Invariant), 5);
    }

    public void Dispose() => _folder.Dispose();
}
