using ChainSeg.Core.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

// The shapiro preset's fallback 'unplaced' means "no price or cost figure to place": a quadrant under min_segment_share merged
// into it labelled customers with both figures unplaced. Ten customers, one order line each of SKU X (list price 10), placed
// by hand: C1–C5 pay 10 to 9.6 (price realisation 1 to 0.96, above the median 0.88), C6–C10 pay 8 to 7.6. The one cost
// pool falls equally on every order, so cost-to-serve ÷ revenue is high for the five who buy 1 unit (C1, C6–C9) and low for
// the five who buy 100 (C2–C5, C10). Quadrants: carriage_trade {C1}, passive {C2–C5}, aggressive {C6–C9}, bargain_basement
// {C10}: two of 10 % each, under a min_segment_share of 15 %.
public sealed class ShapiroSmallQuadrantTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly (string Customer, decimal Price, int Units)[] Lines =
    [
        ("C1", 10m, 1), ("C2", 9.9m, 100), ("C3", 9.8m, 100), ("C4", 9.7m, 100), ("C5", 9.6m, 100),
        ("C6", 8m, 1), ("C7", 7.9m, 1), ("C8", 7.8m, 1), ("C9", 7.7m, 1), ("C10", 7.6m, 100),
    ];

    private PipelineOutput Run(double minSegmentShare)
    {
        var company = new HandMadeCompany(_folder, $"shapiro{minSegmentShare * 100:0}");
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n"
            + string.Concat(Lines.Select((l, i) => FormattableString.Invariant($"O{i + 1},{l.Customer},X,2025-03-03,{l.Units},{l.Price}\n"))));
        company.File("products.csv", "sku,unit_price\nX,10\n");
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,3652.5\n");
        return company.Run(company.File("chainseg.yaml", FormattableString.Invariant(
            $"segmentation:\n  active: matrix\n  models:\n    matrix: {{ method: shapiro, min_segment_share: {minSegmentShare} }}\n")));
    }

    private static Dictionary<string, Dictionary<string, string>> Assignments(PipelineOutput output) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Where(a => a["model"] == "matrix").ToDictionary(a => a["customer_id"]);

    // Each small quadrant's customer goes to the quadrant of its price side (whose default policy is the nearest: carriage
    // trade 98 % and passive 97 %; aggressive 93 % and bargain basement 90 %), and the reason names both.
    [Fact]
    public void Run_QuadrantUnderMinSegmentShare_MergesIntoTheQuadrantOfItsPriceSideNeverUnplaced()
    {
        var assigned = Assignments(Run(0.15));

        Assert.Equal(ShapiroQuadrant.Passive, assigned["C1"]["segment"]);
        Assert.Equal(ShapiroQuadrant.Aggressive, assigned["C10"]["segment"]);
        Assert.DoesNotContain(assigned.Values, a => a["segment"] == ShapiroQuadrant.Unplaced);
        Assert.StartsWith("passive: merged from 'carriage_trade' (10.0 % of customers < min_segment_share 15 %) into passive", assigned["C1"]["reason"], StringComparison.Ordinal);
        Assert.StartsWith("aggressive: merged from 'bargain_basement' (10.0 % of customers < min_segment_share 15 %) into aggressive", assigned["C10"]["reason"], StringComparison.Ordinal);
        Assert.All(new[] { "C2", "C3", "C4", "C5" }, c => Assert.Equal(ShapiroQuadrant.Passive, assigned[c]["segment"]));
        Assert.All(new[] { "C6", "C7", "C8", "C9" }, c => Assert.Equal(ShapiroQuadrant.Aggressive, assigned[c]["segment"]));
    }

    // Under 45 % every quadrant is small, so none can take another's customers: they stay where their figures place them,
    // which the run warns, rather than all going to 'unplaced'.
    [Fact]
    public void Run_EveryQuadrantUnderMinSegmentShare_KeepsItsCustomersAndWarns()
    {
        var output = Run(0.45);
        var assigned = Assignments(output);

        Assert.Equal(ShapiroQuadrant.CarriageTrade, assigned["C1"]["segment"]);
        Assert.Equal(ShapiroQuadrant.Passive, assigned["C2"]["segment"]);
        Assert.Equal(ShapiroQuadrant.Aggressive, assigned["C6"]["segment"]);
        Assert.Equal(ShapiroQuadrant.BargainBasement, assigned["C10"]["segment"]);
        var warnings = output.Result.Segmentation.Models.Single(m => m.Model == "matrix").Warnings;
        Assert.Contains(warnings, w => w.StartsWith("segment_not_merged", StringComparison.Ordinal) && w.Contains("'carriage_trade'", StringComparison.Ordinal)
            && w.Contains("passive, aggressive", StringComparison.Ordinal));
    }

    public void Dispose() => _folder.Dispose();
}
