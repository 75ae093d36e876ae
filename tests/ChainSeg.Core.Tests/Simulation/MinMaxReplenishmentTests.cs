using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class MinMaxReplenishmentTests
{
    private static readonly MinMaxReplenishment Policy = new(min: 50.0, max: 200.0);

    [Theory]
    [InlineData(50.0, 150.0)]
    [InlineData(40.0, 160.0)]
    [InlineData(-30.0, 230.0)]
    public void Review_AtOrBelowMin_OrdersUpToMax(double position, double expected)
    {
        Assert.True(Policy.Review(position, period: 1, out double qty));
        Assert.Equal(expected, qty);
    }

    [Fact]
    public void Review_AboveMin_PlacesNoOrder()
    {
        Assert.False(Policy.Review(50.01, period: 1, out double qty));
        Assert.Equal(0.0, qty);
    }

    [Fact]
    public void MaximumInventoryPosition_IsMax()
    {
        Assert.Equal(200.0, Policy.MaximumInventoryPosition);
    }

    [Fact]
    public void Constructor_MaxNotAboveMin_ThrowsNamingMin()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new MinMaxReplenishment(50.0, 50.0));
        Assert.Contains("above min (50)", error.Message);
    }
}
