using System.Globalization;

namespace ChainSeg.Data.Tests.Pipeline;

// QA on UCI Online Retail (lines to 2011-12-09): `run --as-of 2012-03-31` ran without a word, yet its window and all four
// stability period ends (2011-12-31 … 2012-03-31) lay past the last order line. Customers lapsed for want of data (415 moved
// to inactive, compare read 13.7 % changed) and stability_summary reported 5.6 % changing in a month without one order.
// The run now says so. Expected dates are read from the CSV the test writes.
public sealed class AsOfAfterDataTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,A,X,2025-01-10,10,1
        O2,B,X,2025-02-10,5,2
        O3,A,X,2025-03-31,4,1
        """;

    [Fact]
    public void Run_AsOfMonthsAfterTheLastOrderLine_WarnsNamingTheGapAndTheFix()
    {
        var company = new HandMadeCompany(_folder, "late");
        var linesPath = company.File("order_lines.csv", Lines);
        company.File("chainseg.yaml", "as_of: 2025-05-31\n");

        var output = company.Run();

        var latest = CsvFile.ReadRecords(linesPath).Max(r => DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant));
        var asOf = new DateOnly(2025, 5, 31);
        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("as_of_after_data: ", StringComparison.Ordinal));
        Assert.Equal($"as_of_after_data: as_of 2025-05-31 is {asOf.DayNumber - latest.DayNumber} days after the latest order line "
            + $"({latest:yyyy-MM-dd}), so the window's last {asOf.DayNumber - latest.DayNumber} days and any stability period end after "
            + "that line hold no orders: customers read less frequent and more lapsed (inactive, at earlier period ends too) than their orders show; "
            + $"leave as_of and --as-of unset to run as of {latest:yyyy-MM-dd}, or export the order lines up to 2025-05-31.", warning);
    }

    [Theory]
    [InlineData("")]                    // as of the latest order line
    [InlineData("as_of: 2025-04-07\n")] // a week's gap: a weekend or a closure, not a stale export
    public void Run_AsOfWithinAWeekOfTheLastOrderLine_HasNoWarning(string config)
    {
        var company = new HandMadeCompany(_folder, "current");
        company.File("order_lines.csv", Lines);
        if (config.Length > 0)
            company.File("chainseg.yaml", config);

        var output = company.Run();

        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("as_of_after_data", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
