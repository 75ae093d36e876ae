using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class RqReplenishmentTests
{
    private static readonly RqReplenishment Policy = new(reorderPoint: 10.0, orderQty: 20.0);

    [Fact]
    public void Review_AboveReorderPoint_PlacesNoOrder()
    {
        Assert.False(Policy.Review(10.5, period: 3, out double qty));
        Assert.Equal(0.0, qty);
    }

    [Fact]
    public void Review_AtReorderPoint_OrdersOneQuantity()
    {
        Assert.True(Policy.Review(10.0, period: 3, out double qty));
        Assert.Equal(20.0, qty);
    }

    [Theory]
    [InlineData(-35.0, 60.0)]
    [InlineData(-10.0, 40.0)]
    [InlineData(-9.0, 20.0)]
    public void Review_FarBelowReorderPoint_OrdersSmallestMultipleLiftingPositionAboveIt(double position, double expected)
    {
        // −35 + 3·20 = 25 > 10 but −35 + 2·20 = 5 is not; −10 + 2·20 = 30 > 10 but −10 + 20 = 10 is not.
        Assert.True(Policy.Review(position, period: 0, out double qty));
        Assert.Equal(expected, qty);
    }

    [Fact]
    public void Review_EverySevenPeriods_OrdersOnlyOnReviewDays()
    {
        // (R, r, Q) with R = 7, as policies.inventory.review_period_days: 7 sizes it: between reviews the position may sit
        // below r without an order; at a review it orders as (r, Q) does.
        var weekly = new RqReplenishment(reorderPoint: 10.0, orderQty: 20.0, reviewPeriod: 7);

        Assert.False(weekly.Review(5.0, period: 3, out double between));
        Assert.Equal(0.0, between);
        Assert.True(weekly.Review(5.0, period: 14, out double atReview));
        Assert.Equal(20.0, atReview);
        Assert.Throws<ArgumentOutOfRangeException>(() => new RqReplenishment(10.0, 20.0, reviewPeriod: 0));
    }

    [Fact]
    public void MaximumInventoryPosition_IsReorderPointPlusQuantity()
    {
        Assert.Equal(30.0, Policy.MaximumInventoryPosition);
    }

    [Theory]
    [InlineData(10.0, 0.0)]
    [InlineData(double.NaN, 5.0)]
    [InlineData(10.0, double.PositiveInfinity)]
    public void Constructor_InvalidParameters_Throws(double reorderPoint, double orderQty)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RqReplenishment(reorderPoint, orderQty));
    }
}
