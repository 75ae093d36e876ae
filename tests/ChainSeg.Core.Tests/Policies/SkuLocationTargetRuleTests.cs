using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Tests.Policies;

// Running case: weekly demand strategic 62 ± 20, core 38 ± 15; lead time 4 weeks, no lead-time variability.
// Pooled: mean 100/week, σ_d = √(20² + 15²) = 25, lead-time demand 400 ± 25·√4 = 400 ± 50.
// z values from the standard normal table: z(0.98) = 2.053749, z(0.95) = 1.644854 (rechecked with Python's statistics.NormalDist).
public sealed class SkuLocationTargetRuleTests
{
    private const double Z98 = 2.053748910631822;
    private const double Z95 = 1.6448536269514715;

    private static readonly LeadTime FourWeeks = new(4.0, 0.0, TimeUnit.Week);

    private static ServicePolicy Stock(ServiceTarget target) =>
        new(target, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, new TimeOnly(14, 0), 1, 1);

    private static readonly ServicePolicy MakeToOrder =
        new(null, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, 10, new TimeOnly(12, 0), 3, 4);

    private static PolicyBook Book(ServiceTarget? core = null) => new(
        [
            new("strategic", Stock(ServiceTarget.CycleServiceLevel(0.98))),
            new("core", Stock(core ?? ServiceTarget.CycleServiceLevel(0.95))),
            new("key", Stock(ServiceTarget.FillRate(0.99))),
            new("project", MakeToOrder),
        ],
        Stock(ServiceTarget.CycleServiceLevel(0.90)));

    private static SegmentDemand Weekly(string segment, double mean, double sd) => new(segment, new DemandRate(mean, sd, TimeUnit.Week));

    private static readonly SegmentDemand[] StrategicAndCore = [Weekly("strategic", 62.0, 20.0), Weekly("core", 38.0, 15.0)];

    private static SkuLocationTarget Apply(
        TargetAggregation aggregation, IReadOnlyList<SegmentDemand> demand, MixedTargetHandling mixing = MixedTargetHandling.Refuse,
        double? orderQty = null, PolicyBook? book = null, DemandModel model = DemandModel.Normal, LeadTime? leadTime = null) =>
        new SkuLocationTargetRule(aggregation, mixing).Apply(demand, book ?? Book(), new ReplenishmentSettings(leadTime ?? FourWeeks, model, orderQty));

    // Standard normal loss G(z) = φ(z) − z(1 − Φ(z)) written out with MathNet, independent of ChainSeg's inversion.
    private static double Loss(double z) => Normal.PDF(0.0, 1.0, z) - z * (1.0 - Normal.CDF(0.0, 1.0, z));

    [Fact]
    public void Apply_Highest_TakesHighestTargetOnPooledDemand()
    {
        // max(0.98, 0.95) = 0.98 CSL; SS = 2.053749 × 50 = 102.687.
        var result = Apply(TargetAggregation.Highest, StrategicAndCore);

        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), result.Target);
        Assert.Equal(Z98 * 50.0, result.SafetyStock, 6);
        Assert.Equal(400.0 + Z98 * 50.0, result.ReorderPoint, 6);
        Assert.Equal(400.0, result.LeadTimeDemandMean, 9);
        Assert.Equal(50.0, result.LeadTimeDemandSd, 9);
        Assert.Equal("strategic", result.DrivingSegment);
        Assert.Equal(
            "highest of strategic 0.98 CSL, core 0.95 CSL; driven by strategic (0.98 CSL, 62.0 % of demand); "
            + "0.98 CSL on pooled lead-time demand 400 ± 50 → safety stock 102.69",
            result.Explain());
    }

    [Fact]
    public void Apply_HighestWithEqualTargets_LargerDemandDrives()
    {
        var result = Apply(TargetAggregation.Highest, StrategicAndCore, book: Book(core: ServiceTarget.CycleServiceLevel(0.98)));

        Assert.Equal("strategic", result.DrivingSegment);
        Assert.Equal(0.98, result.Target!.Value);
    }

    [Fact]
    public void Apply_DemandWeighted_WeightsTargetsByDemandShare()
    {
        // 0.62 × 0.98 + 0.38 × 0.95 = 0.6076 + 0.3610 = 0.9686 CSL; SS = 50 · Φ⁻¹(0.9686), checked through Φ(SS/50) = 0.9686.
        var result = Apply(TargetAggregation.DemandWeighted, StrategicAndCore);

        Assert.Equal(ServiceLevelKind.CycleServiceLevel, result.Target!.Kind);
        Assert.Equal(0.9686, result.Target.Value, 12);
        Assert.Equal(0.9686, Normal.CDF(0.0, 1.0, result.SafetyStock / 50.0), 10);
        Assert.Equal("strategic", result.DrivingSegment);
        Assert.StartsWith(
            "demand_weighted: 0.62 × 0.98 + 0.38 × 0.95 = 0.9686 CSL; driven by strategic (0.98 CSL, 62.0 % of demand); 0.9686 CSL on pooled lead-time demand 400 ± 50",
            result.Explain(), StringComparison.Ordinal);
        Assert.Equal([0.62, 0.38], result.Parts.Select(p => Math.Round(p.Weight, 12)));
        // The row's short form names the weighted target, which is no segment's own (it read "driven by strategic (0.98
        // CSL, …)" beside a target of 0.9686; found by the operations QA pass).
        Assert.Equal("demand_weighted 0.9686 CSL; driven by strategic (0.98 CSL, 62.0 % of demand)", result.Summary());
        Assert.Equal("driven by strategic (0.98 CSL, 62.0 % of demand)", Apply(TargetAggregation.Highest, StrategicAndCore).Summary());
    }

    [Fact]
    public void Apply_SegmentReserves_SumsSeparateReserves()
    {
        // strategic: σ_L = 20·√4 = 40, SS = 2.053749 × 40 = 82.150; core: σ_L = 15·√4 = 30, SS = 1.644854 × 30 = 49.346;
        // total 131.496, more than the pooled 102.687 at the highest target: reserves give up risk pooling.
        var result = Apply(TargetAggregation.SegmentReserves, StrategicAndCore);

        // The row is stocked, and names the driving segment's own target (the reserves keep theirs).
        Assert.True(result.IsStocked);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), result.Target);
        Assert.Equal(Z98 * 40.0, result.Parts[0].SafetyStock!.Value, 6);
        Assert.Equal(Z95 * 30.0, result.Parts[1].SafetyStock!.Value, 6);
        Assert.Equal(Z98 * 40.0 + Z95 * 30.0, result.SafetyStock, 6);
        Assert.Equal(400.0 + result.SafetyStock, result.ReorderPoint, 9);
        Assert.True(result.SafetyStock > Apply(TargetAggregation.Highest, StrategicAndCore).SafetyStock);
        Assert.Equal("strategic", result.DrivingSegment);
        Assert.Equal(
            "segment_reserves: strategic 0.98 CSL → 82.15, core 0.95 CSL → 49.35; total safety stock 131.5; driven by strategic (0.98 CSL, 62.0 % of demand)",
            result.Explain());
    }

    [Fact]
    public void Apply_SegmentReserves_FillRateMetBelowTheMean_ReservesNothingRatherThanLendingAway()
    {
        // core at an 80 % fill rate with its share of Q = 1,000 (380 units): (1 − β)·Q/σ_L = 0.2 × 380 / 30 = 2.53 is met
        // with k ≈ −2.5, a reorder point below core's mean. A negative reserve would cut strategic's 82.15 below its own
        // 0.98 CSL; core reserves 0 instead, and the total is strategic's reserve.
        var result = Apply(TargetAggregation.SegmentReserves, StrategicAndCore, orderQty: 1000.0, book: Book(ServiceTarget.FillRate(0.80)));

        Assert.Equal(0.0, result.Parts[1].SafetyStock!.Value);
        Assert.Equal(Z98 * 40.0, result.Parts[0].SafetyStock!.Value, 6);
        Assert.Equal(Z98 * 40.0, result.SafetyStock, 6);
    }

    [Fact]
    public void Apply_PoissonReservesAndPooled_MatchHandEnumeration()
    {
        // Poisson, lead time 1 week. strategic λ = 2: cumulative P(≤4) = 0.9473 < 0.98 ≤ P(≤5) = 0.9834 → r = 5, SS = 3.
        // core λ = 1: P(≤2) = 0.9197 < 0.95 ≤ P(≤3) = 0.9810 → r = 3, SS = 2. Reserves 5.
        // Pooled λ = 3 at 0.98: P(≤6) = 0.9665 < 0.98 ≤ P(≤7) = 0.9881 → r = 7, SS = 4.
        var demand = new[] { Weekly("strategic", 2.0, 0.0), Weekly("core", 1.0, 0.0) };
        var oneWeek = new LeadTime(1.0, 0.0, TimeUnit.Week);

        var reserves = Apply(TargetAggregation.SegmentReserves, demand, model: DemandModel.Poisson, leadTime: oneWeek);
        var pooled = Apply(TargetAggregation.Highest, demand, model: DemandModel.Poisson, leadTime: oneWeek);

        Assert.Equal([3.0, 2.0], reserves.Parts.Select(p => p.SafetyStock!.Value));
        Assert.Equal(5.0, reserves.SafetyStock, 12);
        Assert.Equal(8.0, reserves.ReorderPoint, 12);
        Assert.Equal(4.0, pooled.SafetyStock, 12);
        Assert.Equal(7.0, pooled.ReorderPoint, 12);
    }

    [Fact]
    public void Apply_MakeToOrderSegment_LeftOutOfStock()
    {
        // project (25/week) is make-to-order: stocked weights stay 62/100 and 38/100, shares of all demand are 62/125, 38/125, 25/125.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("core", 38.0, 15.0), Weekly("project", 25.0, 30.0) };

        var result = Apply(TargetAggregation.DemandWeighted, demand);

        Assert.Equal(0.9686, result.Target!.Value, 12);
        Assert.Equal(400.0, result.LeadTimeDemandMean, 9);
        Assert.Equal(50.0, result.LeadTimeDemandSd, 9);
        var project = result.Parts[2];
        Assert.False(project.Stocked);
        Assert.Equal(0.2, project.DemandShare, 12);
        Assert.Equal(0.0, project.Weight);
        Assert.Null(project.EffectiveTarget);
        Assert.Equal(0.496, result.Parts[0].DemandShare, 12);
        Assert.Contains("driven by strategic (0.98 CSL, 49.6 % of demand)", result.Explain(), StringComparison.Ordinal);
        Assert.EndsWith("project is make_to_order (20.0 % of demand): no safety stock", result.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AllMakeToOrder_NoSafetyStock()
    {
        var result = Apply(TargetAggregation.Highest, [Weekly("project", 25.0, 30.0)]);

        Assert.Null(result.Target);
        Assert.Equal(0.0, result.SafetyStock);
        Assert.Equal(0.0, result.ReorderPoint);
        Assert.Null(result.DrivingSegment);
        Assert.Equal("highest: no safety stock (project is make_to_order (100.0 % of demand): no safety stock)", result.Explain());
    }

    [Fact]
    public void Apply_NoSegments_NoSafetyStock()
    {
        var result = Apply(TargetAggregation.SegmentReserves, []);

        Assert.Equal(0.0, result.SafetyStock);
        Assert.Equal(0, result.Parts.Count);
        Assert.Equal("segment_reserves: no safety stock (no segment demand)", result.Explain());
    }

    [Fact]
    public void Apply_SegmentWithoutDemand_IgnoredEvenWithHigherTarget()
    {
        // key would win `highest` with its 0.99 fill rate, but it orders nothing here.
        var demand = new[] { Weekly("core", 38.0, 15.0), Weekly("key", 0.0, 0.0) };

        var result = Apply(TargetAggregation.Highest, demand);

        Assert.Equal(ServiceTarget.CycleServiceLevel(0.95), result.Target);
        Assert.Equal(Z95 * 30.0, result.SafetyStock, 6);
        Assert.EndsWith("key has no demand here", result.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SegmentWithoutPolicy_UsesFallback()
    {
        // inactive gets the fallback 0.90 CSL: 0.62 × 0.98 + 0.38 × 0.90 = 0.6076 + 0.342 = 0.9496.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("inactive", 38.0, 15.0) };

        var result = Apply(TargetAggregation.DemandWeighted, demand);

        Assert.Equal(0.9496, result.Target!.Value, 12);
        Assert.True(result.Parts[1].IsFallbackPolicy);
        Assert.Contains("0.62 × 0.98 + 0.38 × 0.9 = 0.9496 CSL", result.Explain(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TargetAggregation.Highest)]
    [InlineData(TargetAggregation.DemandWeighted)]
    public void Apply_MixedKindsRefused_ThrowsNamingSegmentsAndWayOut(TargetAggregation aggregation)
    {
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var ex = Assert.Throws<ArgumentException>(() => Apply(aggregation, demand, MixedTargetHandling.Refuse, orderQty: 500.0));

        Assert.Contains("mix csl and fill_rate targets (strategic 0.98 CSL, key 0.99 fill rate)", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Use mixed_targets: strictest (the default), convert_to_csl or convert_to_fill_rate, or target_rule: segment_reserves", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_MixedKindsStrictestUnderHighest_LargestSafetyStockDecidesAndNamesItsDefinition()
    {
        // Pooled lead-time demand 400 ± 50. strategic 0.98 CSL needs 2.053749 × 50 = 102.69. key 0.99 fill rate with Q = 20
        // allows ESC 0.2: 50·G(z) = 0.2, z ≈ 2.27 → about 113.6, more than strategic's: key drives, as a fill rate.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var result = new SkuLocationTargetRule(TargetAggregation.Highest).Apply(demand, Book(), new ReplenishmentSettings(FourWeeks, orderQuantity: 20.0));

        Assert.Equal(MixedTargetHandling.Strictest, new SkuLocationTargetRule(TargetAggregation.Highest).MixedTargets);
        Assert.Equal("key", result.DrivingSegment);
        Assert.Equal(ServiceTarget.FillRate(0.99), result.Target);
        Assert.Equal(0.2, 50.0 * Loss(result.SafetyStock / 50.0), 8);
        Assert.Equal(Z98 * 50.0, result.Parts[0].SafetyStock!.Value, 6);
        Assert.Equal(result.SafetyStock, result.Parts[1].SafetyStock!.Value, 9);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), result.Parts[0].EffectiveTarget);
        Assert.StartsWith("strictest of strategic 0.98 CSL → 102.69, key 0.99 fill rate → ", result.Explain(), StringComparison.Ordinal);

        // With Q = 500 the fill rate allows ESC 5 (z ≈ 0.90, 45 units): strategic's CSL is the strictest.
        var larger = new SkuLocationTargetRule(TargetAggregation.Highest).Apply(demand, Book(), new ReplenishmentSettings(FourWeeks, orderQuantity: 500.0));
        Assert.Equal("strategic", larger.DrivingSegment);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), larger.Target);
        Assert.Equal(Z98 * 50.0, larger.SafetyStock, 6);
    }

    [Fact]
    public void Apply_MixedKindsStrictestUnderDemandWeighted_ConvertsToTheStrictestKind()
    {
        // key's fill rate is the strictest with Q = 20 (above), so strategic's 0.98 CSL is expressed as the fill rate its reorder
        // point gives: 1 − 50·G(2.053749)/20, and the weighted fill rate applies to the pooled stock.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var result = new SkuLocationTargetRule(TargetAggregation.DemandWeighted).Apply(demand, Book(), new ReplenishmentSettings(FourWeeks, orderQuantity: 20.0));

        double strategicAsFill = 1.0 - 50.0 * Loss(Z98) / 20.0;
        Assert.Equal(ServiceLevelKind.FillRate, result.Target!.Kind);
        Assert.Equal(0.62 * strategicAsFill + 0.38 * 0.99, result.Target.Value, 9);
    }

    [Fact]
    public void Apply_MixedKindsStrictestUnderDemandWeighted_TargetMetWithoutStockConvertsToTheEdgeInsteadOfFailing()
    {
        // strategic 0.98 CSL on 400 ± 50 needs 102.69 and is the strictest. key's 0.99 fill rate with Q = 100 000 allows ESC 1000,
        // more than the mean demand: its reorder point is negative, a CSL of 0, taken as 1e-6 rather than refusing the row.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var result = new SkuLocationTargetRule(TargetAggregation.DemandWeighted)
            .Apply(demand, Book(), new ReplenishmentSettings(FourWeeks, DemandModel.Gamma, 100_000.0));

        Assert.Equal(ServiceLevelKind.CycleServiceLevel, result.Target!.Kind);
        Assert.Equal(1e-6, result.Parts[1].EffectiveTarget!.Value);
        Assert.Equal(0.62 * 0.98 + 0.38 * 1e-6, result.Target.Value, 12);
    }

    [Fact]
    public void Apply_Undershoot_AddsToProtectedDemandAndSplitsByShareUnderReserves()
    {
        // Undershoot E[U] = 10, Var U = 36 (given). Pooled: mean 400 + 10, variance 50² + 36 = 2536; strategic's reserve on
        // 248 + 0.62·10 with variance 40² + 0.62²·36; core's on 152 + 0.38·10 with variance 30² + 0.38²·36.
        var undershoot = new ReviewUndershoot(10.0, 36.0);
        var settings = new ReplenishmentSettings(FourWeeks, undershoot: undershoot);

        var pooled = new SkuLocationTargetRule(TargetAggregation.Highest).Apply(StrategicAndCore, Book(), settings);
        var reserves = new SkuLocationTargetRule(TargetAggregation.SegmentReserves).Apply(StrategicAndCore, Book(), settings);

        Assert.Equal(410.0, pooled.LeadTimeDemandMean, 9);
        Assert.Equal(Z98 * Math.Sqrt(2536.0), pooled.SafetyStock, 6);
        Assert.Equal(410.0 + Z98 * Math.Sqrt(2536.0), pooled.ReorderPoint, 6);
        double expected = Z98 * Math.Sqrt(1600.0 + 0.62 * 0.62 * 36.0) + Z95 * Math.Sqrt(900.0 + 0.38 * 0.38 * 36.0);
        Assert.Equal(expected, reserves.SafetyStock, 6);
        Assert.Equal(410.0 + expected, reserves.ReorderPoint, 6);
    }

    [Fact]
    public void Apply_MixedKindsAsReserves_EachSegmentKeepsItsKind()
    {
        // key: fill 0.99 with its share of Q, Q_key = 500 × 0.38 = 190, so ESC ≤ 0.01 × 190 = 1.9 on σ_L = 30.
        // Check: 30 · G(SS/30) = 1.9 with G written out (z ≈ 1.1402).
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var result = Apply(TargetAggregation.SegmentReserves, demand, orderQty: 500.0);

        double keyReserve = result.Parts[1].SafetyStock!.Value;
        Assert.Equal(1.9, 30.0 * Loss(keyReserve / 30.0), 8);
        Assert.Equal(1.1402, keyReserve / 30.0, 4);
        Assert.Equal(Z98 * 40.0 + keyReserve, result.SafetyStock, 8);
        Assert.Equal(ServiceTarget.FillRate(0.99), result.Parts[1].EffectiveTarget);
    }

    [Fact]
    public void Apply_ConvertToCsl_FillRateBecomesCslWithSameReorderPoint()
    {
        // key 0.99 fill rate on pooled 400 ± 50, Q = 500: ESC = 5 → G(z) = 0.1 → z ≈ 0.9023, CSL = Φ(z) ≈ 0.8166.
        // Highest: 0.98 CSL still wins. Weighted: 0.62 × 0.98 + 0.38 × 0.8166 ≈ 0.9179.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var highest = Apply(TargetAggregation.Highest, demand, MixedTargetHandling.ConvertToCsl, orderQty: 500.0);
        var weighted = Apply(TargetAggregation.DemandWeighted, demand, MixedTargetHandling.ConvertToCsl, orderQty: 500.0);

        var converted = highest.Parts[1].EffectiveTarget!;
        Assert.Equal(ServiceLevelKind.CycleServiceLevel, converted.Kind);
        Assert.Equal(5.0, 50.0 * Loss(Normal.InvCDF(0.0, 1.0, converted.Value)), 8);
        Assert.Equal(0.8166, converted.Value, 4);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), highest.Target);
        Assert.Equal("strategic", highest.DrivingSegment);
        Assert.Equal(0.62 * 0.98 + 0.38 * converted.Value, weighted.Target!.Value, 12);
        Assert.Contains("key 0.99 fill rate taken as 0.8166 CSL (same reorder point)", weighted.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConvertToFillRate_CslBecomesFillRateWithSameReorderPoint()
    {
        // strategic 0.98 CSL: r = 400 + 2.053749 × 50; ESC = 50 · G(2.053749) = 0.36716; fill = 1 − 0.36716 / 500 = 0.999266,
        // above key's 0.99, so strategic still drives `highest`, now as a fill rate.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var result = Apply(TargetAggregation.Highest, demand, MixedTargetHandling.ConvertToFillRate, orderQty: 500.0);

        Assert.Equal(ServiceLevelKind.FillRate, result.Target!.Kind);
        Assert.Equal(1.0 - 50.0 * Loss(Z98) / 500.0, result.Target.Value, 10);
        Assert.Equal(0.999266, result.Target.Value, 6);
        Assert.Equal("strategic", result.DrivingSegment);
        Assert.Equal(Z98 * 50.0, result.SafetyStock, 5);
    }

    [Fact]
    public void Apply_ConvertToCsl_FillRateMetWithoutStock_TakesCslZeroAtTheEdgeInsteadOfStoppingTheRun()
    {
        // Intermittent item, gamma lead-time demand 400 ± 50: key's 0.99 fill rate with Q = 100 000 allows ESC 1000, more than
        // the mean demand, so it is met at a negative reorder point, where the CSL is F(r) = 0. That target needs no stock; it
        // is taken as 1e-6 CSL (as under strictest) rather than stopping the run. Highest: strategic's 0.98 CSL decides;
        // weighted: 0.62 × 0.98 + 0.38 × 1e-6.
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var highest = Apply(TargetAggregation.Highest, demand, MixedTargetHandling.ConvertToCsl, orderQty: 100_000.0, model: DemandModel.Gamma);
        var weighted = Apply(TargetAggregation.DemandWeighted, demand, MixedTargetHandling.ConvertToCsl, orderQty: 100_000.0, model: DemandModel.Gamma);

        Assert.Equal(ServiceTarget.CycleServiceLevel(1e-6), highest.Parts[1].EffectiveTarget);
        Assert.Equal(ServiceTarget.CycleServiceLevel(0.98), highest.Target);
        Assert.Equal("strategic", highest.DrivingSegment);
        Assert.Equal(0.62 * 0.98 + 0.38 * 1e-6, weighted.Target!.Value, 12);
        Assert.Contains("key 0.99 fill rate taken as 0 CSL (met with no safety stock)", weighted.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConversionWithoutOrderQuantity_ThrowsAskingForIt()
    {
        var demand = new[] { Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0) };

        var ex = Assert.Throws<ArgumentException>(() => Apply(TargetAggregation.Highest, demand, MixedTargetHandling.ConvertToCsl));

        Assert.Contains("needs the order quantity Q", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_ConversionWithoutVariability_CarriesValueOver()
    {
        var demand = new[] { Weekly("strategic", 62.0, 0.0), Weekly("key", 38.0, 0.0) };

        var result = Apply(TargetAggregation.Highest, demand, MixedTargetHandling.ConvertToCsl);

        Assert.Equal(ServiceTarget.CycleServiceLevel(0.99), result.Target);
        Assert.Equal("key", result.DrivingSegment);
        Assert.Equal(0.0, result.SafetyStock, 12);
        Assert.Contains("(no demand variability: no safety stock either way)", result.Explain(), StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_FillRatePooledWithoutOrderQuantity_ThrowsFromSafetyStock()
    {
        var ex = Assert.Throws<ArgumentException>(() => Apply(TargetAggregation.Highest, [Weekly("key", 38.0, 15.0)]));

        Assert.Contains("needs the order quantity Q", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_SegmentTwice_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => Apply(TargetAggregation.Highest, [Weekly("core", 1.0, 0.0), Weekly("core", 2.0, 0.0)]));

        Assert.Contains("Segment 'core' appears twice", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_AfterMixedAndFailedSkuLocations_UsesNothingLeftFromThem()
    {
        // The rule reuses its working rows from one SKU-location to the next on a thread. One book, so the policy targets are
        // the very same objects each time. First a mixed row whose strictest comparison sets strategic's reorder point on
        // 400 ± 50 (Q = 500: strategic drives, 102.69), then a row that fails half-way, then strategic with core: weekly
        // σ = √(10² + 25²) = √725, lead-time σ = 2√725 ≈ 53.85, so SS = 2.053749 × 2√725 ≈ 110.59, not 102.69.
        var book = Book();
        var rule = new SkuLocationTargetRule(TargetAggregation.Highest);
        var settings = new ReplenishmentSettings(FourWeeks, orderQuantity: 500.0);
        var mixed = rule.Apply([Weekly("strategic", 62.0, 20.0), Weekly("key", 38.0, 15.0)], book, settings);
        Assert.Throws<ArgumentException>(() => rule.Apply([Weekly("core", 1.0, 0.0), Weekly("core", 2.0, 0.0)], book, settings));

        var result = rule.Apply([Weekly("strategic", 31.0, 10.0), Weekly("core", 69.0, 25.0)], book, settings);

        Assert.Equal(Z98 * 50.0, mixed.SafetyStock, 6);
        Assert.Equal("strategic", result.DrivingSegment);
        Assert.Equal(Z98 * 2.0 * Math.Sqrt(725.0), result.SafetyStock, 6);
        Assert.Equal([null, null], result.Parts.Select(p => p.SafetyStock));
        Assert.Equal([0.31, 0.69], result.Parts.Select(p => Math.Round(p.Weight, 12)));
    }

    [Fact]
    public void Apply_MixedTimeUnits_ThrowsNamingBoth()
    {
        var demand = new[] { Weekly("strategic", 62.0, 20.0), new SegmentDemand("core", new DemandRate(5.0, 2.0, TimeUnit.Day)) };

        var ex = Assert.Throws<ArgumentException>(() => Apply(TargetAggregation.Highest, demand));

        Assert.Contains("'strategic' is per Week, 'core' per Day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Apply_LeadTimeInOtherUnit_Throws()
    {
        Assert.Throws<ArgumentException>(() =>
            Apply(TargetAggregation.Highest, StrategicAndCore, leadTime: new LeadTime(28.0, 0.0, TimeUnit.Day)));
    }

    [Fact]
    public void Constructor_UndefinedAggregation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SkuLocationTargetRule((TargetAggregation)5));
    }
}
