using System.Globalization;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md cost-to-serve: "Pools are fully attributed." A pool whose driver has no volume in the window (expediting
// driven by expedites in a run without service events) has no rate to charge anyone by, and its cost fell out of every
// customer's cost_to_serve without a word: Σ cost_to_serve was short of the pools by as much, and the finance user read
// it as the whole cost. Expected values are computed with LINQ over the CSVs the test writes.
public sealed class UnattributedCostPoolTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    [Fact]
    public void Run_PoolWhoseDriverHasNoVolume_IsAWarningWithItsCostForTheWindow()
    {
        var company = new HandMadeCompany(_folder, "pools");
        var linesPath = company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-01-10,10,1
            O2,B,X,2025-02-10,5,2
            O3,A,X,2025-03-31,4,1
            """);
        var poolsPath = company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3650\nexpediting,expedites,1000\n");

        var output = company.Run();

        var lines = CsvFile.ReadRecords(linesPath).Select(r => DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant)).ToList();
        var years = (lines.Max().DayNumber - lines.Min().DayNumber + 1) / 365.25;
        var pools = CsvFile.ReadRecords(poolsPath).ToDictionary(r => r["activity"], r => double.Parse(r["annual_cost"], Invariant));
        var expediting = Math.Round(pools["expediting"] * years, 2);
        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("cost_pool_unattributed: ", StringComparison.Ordinal));
        Assert.Equal("cost_pool_unattributed: pool 'expediting' (driver expedites) has no expedites in the window, so its "
            + $"{expediting.ToString("N2", Invariant)} for the window (1,000.00 a year) is in no customer's cost_to_serve; "
            + "load the export that records the driver (service_events, event_type expedite) or give the pool another driver.", warning);
        // The pool that has a driver is attributed in full: the customers' cost_to_serve and the unattributed pool add up to
        // the pools' cost for the window.
        var attributed = output.Metrics().Sum(m => double.Parse(m["cost_to_serve"], Invariant));
        Assert.Equal(pools.Values.Sum() * years, attributed + expediting, 0.015); // three figures, each rounded to cents
    }

    [Fact]
    public void Run_EveryPoolWithDriverVolume_HasNoWarning()
    {
        var company = new HandMadeCompany(_folder, "attributed");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,A,X,2025-01-10,10,1\nO2,B,X,2025-02-10,5,2\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3650\n");

        var output = company.Run();

        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("cost_pool_unattributed", StringComparison.Ordinal));
    }

    // A pool whose cost_pools row is quarantined (a driver misspelt, a negative cost) fell out of every customer's
    // cost_to_serve as silently: the run exited 0, warned nothing, and net contribution read the missing pool as profit.
    [Fact]
    public void Run_PoolWhoseRowIsQuarantined_IsAWarningNamingTheRowItsReasonAndValue()
    {
        var company = new HandMadeCompany(_folder, "quarantined");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,A,X,2025-01-10,10,1\nO2,B,X,2025-02-10,5,2\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3650\npicking,line,1000\npacking,units,-5\norder_processing,orders,10\n");

        var output = company.Run();

        var warnings = output.Result.Warnings.Where(w => w.StartsWith("cost_pool_quarantined: ", StringComparison.Ordinal)).ToList();
        // The duplicate order_processing row is quarantined too, but its pool is charged (by its first row): no warning.
        Assert.Equal([
            "cost_pool_quarantined: cost_pools row 2 (pool 'picking') was quarantined as invalid_value:driver ('line'), so the pool is in no customer's cost_to_serve "
                + "and Σ cost_to_serve falls short of the pools by its cost; correct the row in the export (quarantine/cost_pools.csv lists it).",
            "cost_pool_quarantined: cost_pools row 3 (pool 'packing') was quarantined as invalid_value:annual_cost ('-5'), so the pool is in no customer's cost_to_serve "
                + "and Σ cost_to_serve falls short of the pools by its cost; correct the row in the export (quarantine/cost_pools.csv lists it).",
        ], warnings);
    }

    public void Dispose() => _folder.Dispose();
}
