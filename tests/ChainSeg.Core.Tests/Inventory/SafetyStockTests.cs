using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;
using MathNet.Numerics;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class SafetyStockTests
{
    private static IDemandDistribution Normal(double d, double sd, double l, double lSd = 0.0) =>
        LeadTimeDemand.Fit(DemandModel.Normal, new DemandRate(d, sd, TimeUnit.Week), new LeadTime(l, lSd, TimeUnit.Week));

    // Chopra & Meindl, Supply Chain Management, Exercise 11-4 (Hewlett Packard printers at Sam's Club): weekly demand
    // 250 ± 150, lead time 2 weeks, Q = 1000, reorder point 600. Published solution: σ_L = 212, safety inventory 100,
    // CSL = 0.68, ESC = 43.86, fill rate = 0.96.
    [Fact]
    public void AtReorderPoint_ChopraMeindlExercise11_4_MatchesPublishedSolution()
    {
        var result = SafetyStock.AtReorderPoint(Normal(250.0, 150.0, 2.0), 600.0, 1000.0);

        Assert.Equal(212.0, result.LeadTimeDemandSd, 0);
        Assert.Equal(100.0, result.SafetyStock, 9);
        Assert.Equal(0.68, result.Csl, 2);
        Assert.Equal(43.86, result.ExpectedShortagePerCycle, 2);
        Assert.Equal(0.96, result.FillRate!.Value, 2);
        Assert.Null(result.Target);
    }

    [Fact]
    public void ForCycleServiceLevel_NormalNinetyFivePercent_IsTableZTimesSigmaL()
    {
        // σ_L = √(4·20² + 100²·1²) = √11600 with lead time 4 ± 1 weeks; z(0.95) = 1.644854 from the normal table.
        var result = SafetyStock.ForCycleServiceLevel(Normal(100.0, 20.0, 4.0, 1.0), 0.95);

        Assert.Equal(1.6448536269514722 * Math.Sqrt(11600.0), result.SafetyStock, 8);
        Assert.Equal(400.0 + result.SafetyStock, result.ReorderPoint, 9);
        Assert.Equal(0.95, result.Csl, 12);
        Assert.Null(result.FillRate);
        Assert.Equal("csl", result.Target!.DefinitionId);
    }

    [Fact]
    public void ForFillRate_Normal_ExpectedShortageMatchesQuadratureAndTarget()
    {
        // Independent check of σ_L G(z) = (1 − β)Q: integrate (x − r)·f(x) over the lead-time demand density.
        var ltd = Normal(250.0, 150.0, 2.0);
        var result = SafetyStock.ForFillRate(ltd, 0.98, 1000.0);
        double sigma = ltd.StandardDeviation;
        double r = result.ReorderPoint;
        double shortage = Integrate.GaussKronrod(x => (x - r) * StandardNormal.Pdf((x - 500.0) / sigma) / sigma, r, r + 40.0 * sigma, 1e-12);

        Assert.Equal(20.0, shortage, 8);
        Assert.Equal(20.0, result.ExpectedShortagePerCycle, 8);
        Assert.Equal(0.98, result.FillRate!.Value, 10);
        Assert.Equal("fill_rate", result.Target!.DefinitionId);
    }

    [Fact]
    public void ForFillRate_ChopraMeindlExercise11_4_RecoversReorderPointForItsFillRate()
    {
        // Round trip through the same published case: the fill rate that ROP 600 achieves asks back for ROP 600.
        var ltd = Normal(250.0, 150.0, 2.0);
        double achieved = SafetyStock.AtReorderPoint(ltd, 600.0, 1000.0).FillRate!.Value;

        Assert.Equal(600.0, SafetyStock.ForFillRate(ltd, achieved, 1000.0).ReorderPoint, 7);
    }

    [Fact]
    public void ForFillRate_LooseTarget_GivesNegativeSafetyStock()
    {
        var result = SafetyStock.ForFillRate(Normal(250.0, 150.0, 2.0), 0.5, 1000.0);

        Assert.True(result.SafetyStock < 0.0);
        Assert.Equal(0.5, result.FillRate!.Value, 10);
    }

    [Fact]
    public void ForCycleServiceLevel_PoissonSlowMover_IsSmallestWholeNumberReachingCsl()
    {
        // λ = 0.5/week × 5 weeks = 2.5. Term by term: F(4) = 0.8912, F(5) = 0.9580 ≥ 0.95, so r = 5.
        var ltd = LeadTimeDemand.Fit(DemandModel.Poisson, new DemandRate(0.5, 0.7, TimeUnit.Week), new LeadTime(5.0, 0.0, TimeUnit.Week));
        double cumulative = 0.0, term = Math.Exp(-2.5);
        for (int k = 0; k <= 5; k++, term *= 2.5 / k)
        {
            cumulative += term;
        }

        var result = SafetyStock.ForCycleServiceLevel(ltd, 0.95, 4.0);

        Assert.Equal(5.0, result.ReorderPoint);
        Assert.Equal(2.5, result.SafetyStock, 12);
        Assert.Equal(cumulative, result.Csl, 12);
        Assert.True(result.Csl >= 0.95);
    }

    [Fact]
    public void ForFillRate_Poisson_ReachesTargetWithSmallestWholeReorderPoint()
    {
        var ltd = new PoissonDemand(2.5);

        var result = SafetyStock.ForFillRate(ltd, 0.95, 4.0);
        var oneLess = SafetyStock.AtReorderPoint(ltd, result.ReorderPoint - 1.0, 4.0);

        Assert.True(result.FillRate >= 0.95);
        Assert.True(oneLess.FillRate < 0.95);
    }

    [Fact]
    public void ForTarget_GammaLumpyDemand_MeetsBothTargetKinds()
    {
        var ltd = LeadTimeDemand.Fit(DemandModel.Gamma, new DemandRate(4.0, 9.0, TimeUnit.Week), new LeadTime(3.0, 1.0, TimeUnit.Week));

        var csl = SafetyStock.ForTarget(ltd, ServiceTarget.CycleServiceLevel(0.9));
        var fill = SafetyStock.ForTarget(ltd, ServiceTarget.FillRate(0.95), 20.0);

        Assert.Equal(0.9, csl.Csl, 9);
        Assert.Equal(0.95, fill.FillRate!.Value, 9);
        Assert.Equal(1.0, fill.ExpectedShortagePerCycle, 9);
    }

    [Fact]
    public void ForCycleServiceLevel_ZeroDemandSd_HasNoSafetyStock()
    {
        var result = SafetyStock.ForCycleServiceLevel(Normal(100.0, 0.0, 2.0), 0.99, 300.0);

        Assert.Equal(0.0, result.SafetyStock);
        Assert.Equal(200.0, result.ReorderPoint);
        Assert.Equal(1.0, result.Csl);
        Assert.Equal(1.0, result.FillRate);
    }

    [Fact]
    public void ForCycleServiceLevel_ZeroLeadTime_HasNoSafetyStock()
    {
        var result = SafetyStock.ForCycleServiceLevel(Normal(100.0, 30.0, 0.0), 0.95);

        Assert.Equal(0.0, result.SafetyStock);
        Assert.Equal(0.0, result.ReorderPoint);
    }

    [Fact]
    public void ForCycleServiceLevel_CslNearOne_GivesLargeFiniteSafetyStock()
    {
        // Φ⁻¹(1 − 10⁻⁹) ≈ 5.9978; the stock-out probability 10⁻⁹ must survive the round trip through the upper tail.
        var result = SafetyStock.ForCycleServiceLevel(Normal(100.0, 10.0, 1.0), 1.0 - 1e-9);
        double z = result.SafetyStock / 10.0;

        Assert.Equal(5.9978, z, 4);
        Assert.Equal(1.0, StandardNormal.UpperTail(z) / 1e-9, 6);
        Assert.True(double.IsFinite(result.ReorderPoint));
    }

    [Fact]
    public void ForFillRate_TargetBeyondDoublePrecision_ThrowsUnattainable()
    {
        // Q = 1 against σ_L = 10⁶: a fill rate of 1 − 10⁻¹² allows 10⁻¹² units short per cycle, z ≈ 8.6.
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SafetyStock.ForFillRate(new NormalDemand(0.0, 1e6), 1.0 - 1e-12, 1.0));

        Assert.Contains("unattainable", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ForTarget_FillRateWithoutOrderQty_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => SafetyStock.ForTarget(Normal(10.0, 2.0, 1.0), ServiceTarget.FillRate(0.9)));

        Assert.Contains("order quantity", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.2)]
    [InlineData(double.NaN)]
    public void ForCycleServiceLevel_CslOutsideOpenUnit_ThrowsNamingRange(double csl)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SafetyStock.ForCycleServiceLevel(Normal(10.0, 2.0, 1.0), csl));

        Assert.Contains("(0, 1)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public void ForFillRate_NonPositiveOrderQty_ThrowsNamingRange(double q)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => SafetyStock.ForFillRate(Normal(10.0, 2.0, 1.0), 0.95, q));

        Assert.Contains("> 0", ex.Message, StringComparison.Ordinal);
    }
}
