using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class XyzCutoffsTests
{
    [Theory]
    [InlineData(0.0, 1.0)]
    [InlineData(-0.5, 1.0)]
    [InlineData(1.0, 0.5)]
    [InlineData(0.5, 0.5)]
    [InlineData(0.5, double.PositiveInfinity)]
    [InlineData(double.NaN, 1.0)]
    public void Constructor_Invalid_ThrowsNamingValidRange(double x, double y)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new XyzCutoffs(x, y));

        Assert.Contains("XYZ cut-off", error.Message);
    }

    [Fact]
    public void Default_Is05And10()
    {
        Assert.Equal((0.5, 1.0), (XyzCutoffs.Default.X, XyzCutoffs.Default.Y));
    }
}
