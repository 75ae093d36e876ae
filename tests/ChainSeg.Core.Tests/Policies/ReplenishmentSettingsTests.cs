using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class ReplenishmentSettingsTests
{
    private static readonly LeadTime FourWeeks = new(4.0, 0.0, TimeUnit.Week);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public void Constructor_OrderQuantityNotPositive_ThrowsNamingRange(double orderQuantity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplenishmentSettings(FourWeeks, DemandModel.Normal, orderQuantity));

        Assert.Contains("Order quantity must be a finite number > 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UndefinedModel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplenishmentSettings(FourWeeks, (DemandModel)7));
    }

    [Fact]
    public void Constructor_Defaults_NormalWithoutOrderQuantity()
    {
        var settings = new ReplenishmentSettings(FourWeeks);

        Assert.Equal(DemandModel.Normal, settings.Model);
        Assert.Null(settings.OrderQuantity);
    }

    [Fact]
    public void ProtectionDemand_WithUndershoot_AddsShareOfItsMeanAndVariance()
    {
        // Weekly 100 ± 25 over 4 weeks: 400 ± 50. Undershoot 10 ± 6. Share 0.5: mean 400 + 5, variance 2500 + 0.25·36 = 2509.
        var settings = new ReplenishmentSettings(FourWeeks, undershoot: new ReviewUndershoot(10.0, 36.0));

        var whole = settings.ProtectionDemand(new DemandRate(100.0, 25.0, TimeUnit.Week));
        var half = settings.ProtectionDemand(new DemandRate(100.0, 25.0, TimeUnit.Week), 0.5);

        Assert.Equal((410.0, Math.Sqrt(2536.0)), (whole.Mean, whole.StandardDeviation));
        Assert.Equal(405.0, half.Mean, 12);
        Assert.Equal(Math.Sqrt(2509.0), half.StandardDeviation, 12);
    }

    [Fact]
    public void ProtectionDemand_Gamma_MatchesMeanAndVariance()
    {
        var settings = new ReplenishmentSettings(FourWeeks, DemandModel.Gamma, undershoot: new ReviewUndershoot(10.0, 36.0));

        var protection = settings.ProtectionDemand(new DemandRate(100.0, 25.0, TimeUnit.Week));

        Assert.IsType<ChainSeg.Core.Statistics.GammaDemand>(protection);
        Assert.Equal(410.0, protection.Mean, 9);
        Assert.Equal(Math.Sqrt(2536.0), protection.StandardDeviation, 9);
    }
}
