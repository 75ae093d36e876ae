using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class PolicyBlueprintTests
{
    private const double Z95 = 1.6448536269514722;
    private static readonly DemandRate Daily = new(100.0, 20.0, TimeUnit.Day);
    private static readonly LeadTime FourDays = new(4.0, 0.0, TimeUnit.Day);

    [Fact]
    public void ForTarget_RqForCsl95_SetsReorderPointAtZTimesSigmaL()
    {
        // r = d·L + z·σ_d·√L = 400 + 1.644854 · 40 (normal table z for 0.95).
        var blueprint = new PolicyBlueprint(ReplenishmentKind.ReorderPointQuantity, DemandModel.Normal, Daily, FourDays, orderQty: 300.0);

        var policy = Assert.IsType<RqReplenishment>(blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.95)));

        Assert.Equal(400.0 + Z95 * 40.0, policy.ReorderPoint, 9);
        Assert.Equal(300.0, policy.OrderQty);
    }

    [Fact]
    public void ForTarget_MinMaxForFillRate_UsesSafetyStockForFillRateAndAddsQuantity()
    {
        var blueprint = new PolicyBlueprint(ReplenishmentKind.MinMax, DemandModel.Normal, Daily, FourDays, orderQty: 300.0);

        var policy = Assert.IsType<MinMaxReplenishment>(blueprint.ForTarget(ServiceTarget.FillRate(0.99)));

        double expected = SafetyStock.ForFillRate(blueprint.ProtectionDemand, 0.99, 300.0).ReorderPoint;
        Assert.Equal(expected, policy.Min, 12);
        Assert.Equal(expected + 300.0, policy.Max, 12);
    }

    [Fact]
    public void ForTarget_BaseStockReviewedEveryTwoPeriods_ProtectsLeadTimePlusReview()
    {
        // Protection interval L + R = 6 periods: S = 600 + z·20·√6.
        var blueprint = new PolicyBlueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, Daily, FourDays, reviewPeriod: 2);

        var policy = Assert.IsType<BaseStockReplenishment>(blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.95)));

        Assert.Equal(600.0 + Z95 * 20.0 * Math.Sqrt(6.0), policy.OrderUpToLevel, 9);
        Assert.Equal(2, policy.ReviewPeriod);
        Assert.Equal(200.0, blueprint.CycleQuantity);
    }

    [Fact]
    public void Analytic_BaseStockFillRate_UsesDemandPerReviewAsCycleQuantity()
    {
        var blueprint = new PolicyBlueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, Daily, FourDays);

        var result = blueprint.Analytic(ServiceTarget.FillRate(0.98));

        Assert.Equal(0.98, result.FillRate!.Value, 10);
        Assert.Equal(0.02 * 100.0, result.ExpectedShortagePerCycle, 8);
    }

    [Fact]
    public void ForTarget_BaseStockWithoutDemand_StocksNothing()
    {
        var blueprint = new PolicyBlueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, new DemandRate(0.0, 0.0, TimeUnit.Day), FourDays);

        var policy = Assert.IsType<BaseStockReplenishment>(blueprint.ForTarget(ServiceTarget.FillRate(0.99)));

        Assert.Equal(0.0, policy.OrderUpToLevel);
    }

    [Theory]
    [InlineData(ReplenishmentKind.BaseStock, 10.0, 1)]
    [InlineData(ReplenishmentKind.BaseStock, 0.0, 0)]
    [InlineData(ReplenishmentKind.ReorderPointQuantity, 0.0, 1)]
    [InlineData(ReplenishmentKind.MinMax, 50.0, 7)]
    [InlineData((ReplenishmentKind)9, 50.0, 1)]
    public void Constructor_QuantityOrReviewNotFittingRule_Throws(ReplenishmentKind kind, double orderQty, int reviewPeriod)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PolicyBlueprint(kind, DemandModel.Normal, Daily, FourDays, orderQty, reviewPeriod));
    }

    [Fact]
    public void Constructor_LeadTimeInOtherUnit_Throws()
    {
        var weeks = new LeadTime(1.0, 0.0, TimeUnit.Week);

        var error = Assert.Throws<ArgumentException>(() => new PolicyBlueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, Daily, weeks));
        Assert.Contains("same time unit", error.Message);
    }

    private static readonly SegmentDemand[] TwoSegments =
        [new("a", new DemandRate(60.0, 16.0, TimeUnit.Day)), new("b", new DemandRate(40.0, 12.0, TimeUnit.Day))];

    private static PolicyBook Uniform(ServiceTarget target) =>
        new([], new ServicePolicy(target, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, new TimeOnly(12, 0), 0, 1));

    [Theory]
    [InlineData(TargetAggregation.Highest)]
    [InlineData(TargetAggregation.SegmentReserves)]
    public void ForSkuLocation_AnyTarget_SameReorderPointAsThePipelinesRule(TargetAggregation aggregation)
    {
        // The pipeline's rule with every segment at the target is the reference; the blueprint must not compute it another way.
        var rule = new SkuLocationTargetRule(aggregation);
        var settings = new ReplenishmentSettings(FourDays, DemandModel.Gamma, 300.0, new ReviewUndershoot(30.0, 400.0));
        var blueprint = PolicyBlueprint.ForSkuLocation(rule, TwoSegments, settings);

        foreach (var target in new[] { ServiceTarget.CycleServiceLevel(0.9), ServiceTarget.CycleServiceLevel(0.99), ServiceTarget.FillRate(0.95) })
        {
            var expected = rule.Apply(TwoSegments, Uniform(target), settings).ReorderPoint;
            var policy = Assert.IsType<RqReplenishment>(blueprint.ForTarget(target));
            Assert.Equal(expected, policy.ReorderPoint, 12);
            Assert.Equal(300.0, policy.OrderQty);
        }
    }

    [Fact]
    public void ForSkuLocation_WeeklyReview_PolicyReviewedEverySevenPeriodsAtTheSameReorderPoint()
    {
        // The undershoot sizes r for reviews every 7 days; simulated daily the same r would over-deliver its promise.
        var settings = new ReplenishmentSettings(FourDays, DemandModel.Normal, 300.0, new ReviewUndershoot(30.0, 400.0));
        var rule = new SkuLocationTargetRule(TargetAggregation.Highest);
        var daily = Assert.IsType<RqReplenishment>(PolicyBlueprint.ForSkuLocation(rule, TwoSegments, settings).ForTarget(ServiceTarget.CycleServiceLevel(0.95)));
        var weekly = Assert.IsType<RqReplenishment>(PolicyBlueprint.ForSkuLocation(rule, TwoSegments, settings, reviewPeriod: 7).ForTarget(ServiceTarget.CycleServiceLevel(0.95)));

        Assert.Equal((1, 7), (daily.ReviewPeriod, weekly.ReviewPeriod));
        Assert.Equal(daily.ReorderPoint, weekly.ReorderPoint, 12);
        Assert.Throws<ArgumentOutOfRangeException>(() => PolicyBlueprint.ForSkuLocation(rule, TwoSegments, settings, reviewPeriod: 0));
    }

    [Fact]
    public void ForSkuLocation_Analytic_PromiseOfThePooledProtectionDemand()
    {
        // Pooled: 100/day over 4 days + undershoot 30 → mean 430, variance 4·(16² + 12²) + 400 = 2000.
        var settings = new ReplenishmentSettings(FourDays, DemandModel.Normal, 300.0, new ReviewUndershoot(30.0, 400.0));
        var blueprint = PolicyBlueprint.ForSkuLocation(new SkuLocationTargetRule(TargetAggregation.Highest), TwoSegments, settings);

        var result = blueprint.Analytic(ServiceTarget.CycleServiceLevel(0.95));

        Assert.Equal(430.0, blueprint.ProtectionDemand.Mean, 9);
        Assert.Equal(Math.Sqrt(2000.0), blueprint.ProtectionDemand.StandardDeviation, 9);
        Assert.Equal(430.0 + Z95 * Math.Sqrt(2000.0), result.ReorderPoint, 6);
        Assert.Equal(0.95, result.Csl, 9);
    }

    [Fact]
    public void ForSkuLocation_WithoutOrderQuantity_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            PolicyBlueprint.ForSkuLocation(new SkuLocationTargetRule(TargetAggregation.Highest), TwoSegments, new ReplenishmentSettings(FourDays)));

        Assert.Contains("order quantity", ex.Message, StringComparison.Ordinal);
    }
}
