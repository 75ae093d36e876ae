using ChainSeg.Core.Statistics;
using MathNet.Numerics;

namespace ChainSeg.Core.Tests.Statistics;

public sealed class NormalDemandTests
{
    // Reference: stockpyl (L. V. Snyder), loss_functions.normal_loss(18.6, 15, 3) = 0.1683073521514889 and
    // normal_second_loss(18.6, 15, 3) = 0.21486028212500707 (Snyder & Shen 2019, eqs. (C.31), (C.33)).
    [Fact]
    public void LossFunctions_PublishedExample_MatchReference()
    {
        var demand = new NormalDemand(15.0, 3.0);

        Assert.Equal(0.1683073521514889, demand.Loss(18.6), 13);
        Assert.Equal(0.21486028212500707, demand.SecondOrderLoss(18.6), 13);
    }

    [Fact]
    public void Loss_AnyPoint_MatchesIntegralOfDensity()
    {
        var demand = new NormalDemand(120.0, 25.0);
        double x = 140.0;

        double integral = Integrate.GaussKronrod(y => (y - x) * StandardNormal.Pdf((y - 120.0) / 25.0) / 25.0, x, x + 1000.0, 1e-12);

        Assert.Equal(integral, demand.Loss(x), 10);
    }

    [Fact]
    public void InverseLoss_AnyLoss_IsInverseOfLoss()
    {
        var demand = new NormalDemand(500.0, 212.0);

        double r = demand.InverseLoss(40.0);

        Assert.Equal(40.0, demand.Loss(r), 9);
    }

    [Fact]
    public void Quantile_NinetyFivePercent_IsMeanPlusTableZTimesSd()
    {
        var demand = new NormalDemand(100.0, 10.0);

        Assert.Equal(100.0 + 1.6448536269514722 * 10.0, demand.Quantile(0.95), 9);
    }

    [Fact]
    public void Functions_ZeroSd_BehaveAsPointMass()
    {
        var demand = new NormalDemand(50.0, 0.0);

        Assert.Equal(0.0, demand.Cdf(49.999));
        Assert.Equal(1.0, demand.Cdf(50.0));
        Assert.Equal(50.0, demand.Quantile(0.999));
        Assert.Equal(5.0, demand.Loss(45.0));
        Assert.Equal(0.0, demand.Loss(55.0));
        Assert.Equal(12.5, demand.SecondOrderLoss(45.0));
        Assert.Equal(47.0, demand.InverseLoss(3.0));
    }

    [Fact]
    public void Constructor_NegativeSd_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDemand(10.0, -1.0));
        Assert.Contains("≥ 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InverseLoss_ZeroLoss_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDemand(10.0, 2.0).InverseLoss(0.0));
    }
}
