using ChainSeg.Core.Inventory;
using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class ServiceTradeOffCurveTests
{
    private static TradeOffItem BaseStockItem(string id, string segment, double mean, double sd) =>
        new(
            new StockingPoint(id, segment, new NormalDemandSampler(mean, sd), new FixedLeadTime(2), unitCost: 4.0, holdingCostRate: 0.3),
            new PolicyBlueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, new DemandRate(mean, sd, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day)));

    private static List<TradeOffItem> TwoSegments() =>
        Enumerable.Range(0, 10).Select(i => BaseStockItem($"S{i}", "strategic", 50.0 + 5.0 * i, 10.0))
            .Concat(Enumerable.Range(0, 10).Select(i => BaseStockItem($"C{i}", "core", 200.0, 30.0 + 4.0 * i)))
            .ToList();

    // Base stock makes the analytic CSL exact (net stock at a cycle's end is S − D(L + 1)), so every point of the curve should
    // hit its target. One cycle per replication (warm-up L + 1 = 3, then 2 periods), 10 points × 2,000 replications = 20,000
    // independent cycles per segment and target: binomial standard error √(p(1 − p)/20,000), tolerance 3 of them.
    [Fact]
    public void Compute_BaseStockCslTargets_AchievesEachTargetWithinThreeStandardErrors()
    {
        double[] targets = [0.80, 0.95, 0.99];

        var points = ServiceTradeOffCurve.Compute(TwoSegments(), ServiceLevelKind.CycleServiceLevel, targets, new SimulationSettings(periods: 5, warmUpPeriods: 3, replications: 2_000, seed: 12));

        Assert.Equal(["core", "core", "core", "strategic", "strategic", "strategic"], points.Select(p => p.Segment));
        Assert.All(points, p =>
        {
            double se = Math.Sqrt(p.Target * (1.0 - p.Target) / 20_000);
            Assert.InRange(p.AchievedCycleServiceLevel, p.Target - 3.0 * se, p.Target + 3.0 * se);
            Assert.Equal(10, p.StockingPoints);
            Assert.Equal(ServiceLevelKind.CycleServiceLevel, p.TargetKind);
        });
    }

    [Fact]
    public void Compute_HigherFillRateTargets_CostMoreAndServeBetter()
    {
        // Every target sees the same demand (common random numbers), so with base stock a higher level can only do better.
        var points = ServiceTradeOffCurve.Compute(TwoSegments(), ServiceLevelKind.FillRate, ServiceTradeOffCurve.DefaultTargets, new SimulationSettings(periods: 600, warmUpPeriods: 20, seed: 13));

        foreach (var segment in points.GroupBy(p => p.Segment))
        {
            var curve = segment.ToList();
            Assert.Equal(ServiceTradeOffCurve.DefaultTargets, curve.Select(p => p.Target));
            for (int i = 1; i < curve.Count; i++)
            {
                Assert.True(curve[i].AchievedFillRate >= curve[i - 1].AchievedFillRate);
                Assert.True(curve[i].AverageOnHand > curve[i - 1].AverageOnHand);
                Assert.True(curve[i].CarryingCost > curve[i - 1].CarryingCost);
            }

            Assert.All(curve, p => Assert.Equal(0.3 * p.AverageInventoryValue, p.CarryingCost, 9));
            Assert.All(curve, p => Assert.Equal(4.0 * p.AverageOnHand, p.AverageInventoryValue, 9));
        }
    }

    [Fact]
    public void DefaultTargets_AreTheUsualPlanningTargets()
    {
        Assert.Equal([0.80, 0.85, 0.90, 0.95, 0.98, 0.99, 0.995], ServiceTradeOffCurve.DefaultTargets);
    }

    [Fact]
    public void Compute_NoTargets_Throws()
    {
        Assert.Throws<ArgumentException>(() => ServiceTradeOffCurve.Compute(TwoSegments(), ServiceLevelKind.FillRate, [], new SimulationSettings(10)));
    }

    [Fact]
    public void Compute_TargetOfOne_ThrowsNamingRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => ServiceTradeOffCurve.Compute(TwoSegments(), ServiceLevelKind.CycleServiceLevel, [0.9, 1.0], new SimulationSettings(10)));
        Assert.Contains("(0, 1)", error.Message);
    }

    [Fact]
    public void Compute_UnattainableFillRate_ThrowsNamingStockingPoint()
    {
        // A fill rate of 0.999999 on an order of 10⁻¹² units allows 10⁻¹⁸ units short per cycle: the reorder point's CSL rounds to 1.
        var item = new TradeOffItem(
            new StockingPoint("TINY-Q", "core", new NormalDemandSampler(100.0, 20.0), new FixedLeadTime(2), 1.0, 0.2),
            new PolicyBlueprint(ReplenishmentKind.ReorderPointQuantity, DemandModel.Normal, new DemandRate(100.0, 20.0, TimeUnit.Day), new LeadTime(2.0, 0.0, TimeUnit.Day), orderQty: 1e-12));

        var error = Assert.Throws<ArgumentException>(() => ServiceTradeOffCurve.Compute([item], ServiceLevelKind.FillRate, [0.999999], new SimulationSettings(10)));
        Assert.Contains("TINY-Q", error.Message);
    }
}
