using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class BaseStockReplenishmentTests
{
    [Fact]
    public void Review_EveryPeriod_OrdersUpToLevel()
    {
        var policy = new BaseStockReplenishment(100.0);

        Assert.True(policy.Review(63.5, period: 7, out double qty));
        Assert.Equal(36.5, qty);
    }

    [Fact]
    public void Review_PositionAboveLevel_PlacesZeroOrderThatStillClosesTheCycle()
    {
        var policy = new BaseStockReplenishment(100.0);

        Assert.True(policy.Review(120.0, period: 0, out double qty));
        Assert.Equal(0.0, qty);
    }

    [Fact]
    public void Review_ReviewPeriodThree_OrdersOnlyEveryThirdPeriod()
    {
        var policy = new BaseStockReplenishment(100.0, reviewPeriod: 3);

        bool[] reviews = Enumerable.Range(0, 7).Select(t => policy.Review(10.0, t, out _)).ToArray();

        Assert.Equal([true, false, false, true, false, false, true], reviews);
        Assert.False(policy.Review(10.0, 4, out double qty));
        Assert.Equal(0.0, qty);
    }

    [Fact]
    public void Constructor_ReviewPeriodZero_Throws()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BaseStockReplenishment(10.0, reviewPeriod: 0));
        Assert.Contains("≥ 1", error.Message);
    }
}
