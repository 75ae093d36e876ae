using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

// ComputeAll stores policies in blocks and carves segment parts from one array per block; these compare it row by row with
// Compute, which allocates each row on its own, over several blocks.
public sealed class SkuLocationPolicyListTests
{
    private static readonly InventoryPolicySettings Settings = new(OrderingCost: 100, ReviewPeriodDays: 1, KanbanSafetyFactor: 0.1, KanbanContainer: null);

    private static readonly SkuLocationTargetRule Rule = new(TargetAggregation.SegmentReserves);

    private static SkuLocationHistory History(int i, params string[] segments)
    {
        double mean = 1.0 + i % 17;
        var served = segments.Select((s, j) => new SegmentDemand(s, new DemandRate(mean / segments.Length, (0.3 + j) * mean, TimeUnit.Day))).ToArray();
        double sd = 0.5 * mean;
        double second = sd * sd + mean * mean;
        return new SkuLocationHistory(365, mean * 365, second * 365, (mean * second + 2 * mean * sd * sd) * 365, served,
            new LeadTime(1 + i % 9, 0.5, TimeUnit.Day), UnitCost: 10.0, HoldingRate: 0.2);
    }

    private static SkuLocationHistory[] Histories(int count) =>
        [.. Enumerable.Range(0, count).Select(i => (i % 3) switch
        {
            0 => History(i, "AX"),
            1 => History(i, "AX", "BY"),
            _ => History(i, "CZ", "AY", "BX"),
        })];

    [Fact]
    public void ComputeAll_SeveralBlocks_SameAsComputeRowByRow()
    {
        var histories = Histories(2 * SkuLocationPolicyList.BlockSize + 7);

        var all = SkuLocationPolicy.ComputeAll(histories, Rule, DefaultPolicies.AbcXyz, Settings);

        Assert.Equal(histories.Length, all.Count);
        var enumerated = all.ToList();
        for (var i = 0; i < histories.Length; i++)
        {
            var single = SkuLocationPolicy.Compute(histories[i], Rule, DefaultPolicies.AbcXyz, Settings);
            Assert.Equal(single.Target.ReorderPoint, all[i].Target.ReorderPoint);
            Assert.Equal(single.AnnualCarryingCost, all[i].AnnualCarryingCost);
            Assert.Equal(single.Target.Parts.ToArray(), all[i].Target.Parts.ToArray());
            Assert.Equal(all[i].Target.ReorderPoint, enumerated[i].Target.ReorderPoint);
        }
    }

    // The policy keeps only the service numbers and rebuilds the rest of Analytic from its target; checked here against the
    // service evaluated afresh at the reorder point on the protection demand the target reports (a different path).
    [Theory]
    [InlineData(TargetAggregation.Highest)]
    [InlineData(TargetAggregation.DemandWeighted)]
    [InlineData(TargetAggregation.SegmentReserves)]
    public void Analytic_SameAsServiceEvaluatedAtReorderPoint(TargetAggregation aggregation)
    {
        var histories = Histories(60);
        histories[0] = History(0, "CZ");

        var all = SkuLocationPolicy.ComputeAll(histories, new SkuLocationTargetRule(aggregation), DefaultPolicies.AbcXyz, Settings);

        Assert.False(all[0].IsStocked);
        Assert.Null(all[0].Analytic);
        for (var i = 1; i < all.Count; i++)
        {
            var policy = all[i];
            var demand = LeadTimeDemand.FromMoments(policy.Model, policy.Target.LeadTimeDemandMean, policy.Target.LeadTimeDemandSd);
            var expected = SafetyStock.AtReorderPoint(demand, policy.Target.ReorderPoint, policy.OrderQty);
            var analytic = policy.Analytic!.Value;
            Assert.True(policy.IsStocked);
            Assert.Equal(expected.ReorderPoint, analytic.ReorderPoint);
            Assert.Equal(expected.SafetyStock, analytic.SafetyStock, 9);
            Assert.Equal(expected.Csl, analytic.Csl, 9);
            Assert.Equal(expected.FillRate!.Value, analytic.FillRate!.Value, 9);
            Assert.Equal(expected.ExpectedShortagePerCycle, analytic.ExpectedShortagePerCycle, 6);
            Assert.Equal(policy.Target.LeadTimeDemandSd, analytic.LeadTimeDemandSd);
        }
    }

    // Min/max, the kanban loop and a part's reserve are rebuilt from fewer stored numbers; checked against the calculators
    // called afresh on the row's own demand and lead time.
    [Fact]
    public void MinMaxKanbanAndReserves_SameAsCalculators()
    {
        var histories = Histories(30);
        histories[0] = History(0, "CZ");

        var all = SkuLocationPolicy.ComputeAll(histories, Rule, DefaultPolicies.AbcXyz, Settings);

        Assert.Null(all[0].Kanban);
        Assert.Equal(new MinMaxResult(0, 0), all[0].MinMax);
        Assert.All(all[0].Target.Parts, p => Assert.Null(p.SafetyStock));
        for (var i = 1; i < all.Count; i++)
        {
            var policy = all[i];
            var container = Math.Max(1, Math.Ceiling(7 * policy.DailyMean));
            Assert.Equal(Kanban.CardCount(policy.DailyDemand, histories[i].LeadTime, Settings.KanbanSafetyFactor, container), policy.Kanban);
            Assert.Equal(MinMaxPolicy.FromReorderPoint(policy.Target.ReorderPoint, policy.OrderQty), policy.MinMax);
            var reserves = policy.Target.Parts.Where(p => p.Stocked).Select(p => p.SafetyStock!.Value).ToList();
            Assert.NotEmpty(reserves);
            Assert.Equal(policy.Target.SafetyStock, reserves.Sum(), 9);
        }

        var pooled = SkuLocationPolicy.ComputeAll(histories, new SkuLocationTargetRule(TargetAggregation.DemandWeighted), DefaultPolicies.AbcXyz, Settings);
        Assert.All(pooled[2].Target.Parts, p => Assert.Null(p.SafetyStock));
    }

    [Fact]
    public void Indexer_OutsideList_Throws()
    {
        var all = SkuLocationPolicy.ComputeAll(Histories(3), Rule, DefaultPolicies.AbcXyz, Settings);

        Assert.Throws<ArgumentOutOfRangeException>(() => all[3]);
        Assert.Throws<ArgumentOutOfRangeException>(() => all[-1]);
    }

    [Fact]
    public void ComputeAll_FailuresInTwoBlocks_ReportsLowestRow()
    {
        var histories = Histories(3 * SkuLocationPolicyList.BlockSize);
        var late = 2 * SkuLocationPolicyList.BlockSize + 1;
        var early = SkuLocationPolicyList.BlockSize + 5;
        histories[late] = History(late, "AX", "AX");
        histories[early] = History(early, "BY", "BY");

        var error = Assert.Throws<SkuLocationPolicyException>(() => SkuLocationPolicy.ComputeAll(histories, Rule, DefaultPolicies.AbcXyz, Settings));

        Assert.Equal(early, error.Index);
        Assert.Contains("'BY' appears twice", error.Message, StringComparison.Ordinal);
    }
}
