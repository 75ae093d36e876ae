using System.Globalization;
using ChainSeg.Data.Allocation;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Allocation;

// The capacity plan maximises contribution margin, each segment's unit contribution its gross margin per unit in the peak
// period. It read a line's margin as margin_amount, else quantity × (unit_price − unit_cost), where customer_metrics'
// gross margin (margin.gross, cogs.line) reads line revenue − cost: net_amount, else quantity × unit_price. An export with
// net_amount after discounts was planned at list-price margins, and one with net_amount alone (unit_price is optional
// beside it) at no margin at all, a segment worth nothing to the LP. Expected values are computed with LINQ over the CSVs.
public sealed class CapacityContributionTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    [Fact]
    public void FromRun_LinesWithNetAmount_ContributionIsNetRevenueLessCostOfGoods()
    {
        // Big's lines carry a discounted net_amount beside unit_price; small's net_amount alone. X costs 6 a unit.
        var company = new HandMadeCompany(_folder, "capacity");
        var linesPath = company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,net_amount
            O1,A,X,2025-03-03,10,10,80
            O2,A,X,2025-03-10,20,10,170
            O3,B,X,2025-03-12,5,,40
            O4,B,X,2025-03-20,5,,45
            """);
        var productsPath = company.File("products.csv", "sku,unit_cost\nX,6\n");
        var config = company.File("chainseg.yaml", """
            segmentation:
              models:
                tiers:
                  method: rules
                  rules:
                    - { segment: big, when: "revenue >= 200" }
                  fallback: small
            """);

        var output = company.Run(config);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var plan = CapacityPlanning.FromRun(store, store.ConfigOf(output.Result.RunId), defaultShareOfNeed: 10);

        var unitCost = CsvFile.ReadRecords(productsPath).ToDictionary(r => r["sku"], r => double.Parse(r["unit_cost"], Invariant));
        var expected = CsvFile.ReadRecords(linesPath)
            .GroupBy(r => r["customer_id"] == "A" ? "big" : "small")
            .ToDictionary(g => g.Key, g => g.Sum(r => double.Parse(r["net_amount"], Invariant) - double.Parse(r["quantity"], Invariant) * unitCost[r["sku"]]));
        Assert.Equal((70.0, 25.0), (expected["big"], expected["small"]));
        var contribution = plan.Result.Segments.ToDictionary(s => s.Segment, s => s.Contribution);
        Assert.Equal(expected["big"], contribution["big"], 6);
        Assert.Equal(expected["small"], contribution["small"], 6);
    }

    [Fact]
    public void FromRun_RunAsOfAnEarlierDate_PlansThePeakUpToItsAsOf()
    {
        // A run as of 2025-03-31 segments its customers on the lines up to then; the plan read every line of the store, so its
        // peak was April's, after the run's date, and a customer inactive then (C orders in April alone) held demand.
        var company = new HandMadeCompany(_folder, "asof");
        var linesPath = company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-02-10,10,10
            O2,A,X,2025-03-10,20,10
            O3,B,X,2025-03-12,10,10
            O4,A,X,2025-04-02,100,10
            O5,C,X,2025-04-03,50,10
            """);
        var config = company.File("chainseg.yaml", "as_of: 2025-03-31\n");

        var output = company.Run(config);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        var plan = CapacityPlanning.FromRun(store, store.ConfigOf(output.Result.RunId), defaultShareOfNeed: 10);

        var asOf = new DateOnly(2025, 3, 31);
        var peak = CsvFile.ReadRecords(linesPath).Where(r => DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant) <= asOf)
            .GroupBy(r => r["order_date"][..7]).OrderByDescending(g => g.Sum(r => double.Parse(r["quantity"], Invariant))).First();
        Assert.Equal(DateOnly.ParseExact(peak.Key + "-01", "yyyy-MM-dd", Invariant), plan.PeriodStart);
        Assert.Equal(peak.Sum(r => double.Parse(r["quantity"], Invariant)), plan.Result.Segments.Sum(s => s.Demand));
        Assert.DoesNotContain(plan.Result.Segments, s => s.Segment == "inactive");
    }

    public void Dispose() => _folder.Dispose();
}
