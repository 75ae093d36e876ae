using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class DemandRateTests
{
    [Fact]
    public void Constructor_ValidValues_KeepsThemWithUnit()
    {
        var rate = new DemandRate(250.0, 150.0, TimeUnit.Week);

        Assert.Equal(250.0, rate.Mean);
        Assert.Equal(150.0, rate.StandardDeviation);
        Assert.Equal(TimeUnit.Week, rate.Per);
    }

    [Theory]
    [InlineData(-1.0, 2.0)]
    [InlineData(10.0, -2.0)]
    [InlineData(double.NaN, 2.0)]
    [InlineData(10.0, double.PositiveInfinity)]
    public void Constructor_NegativeOrNonFinite_ThrowsNamingRange(double mean, double sd)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new DemandRate(mean, sd, TimeUnit.Day));

        Assert.Contains("finite number ≥ 0", ex.Message, StringComparison.Ordinal);
    }
}
