using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class DemandClassCutoffsTests
{
    // Syntetos, Boylan & Croston (2005), JORS 56:495-503: cut-offs p = 1.32 and CV² = 0.49
    // (as restated by Kostenko & Hyndman (2006), JORS 57:1256, and in DEFINITIONS.md).
    [Fact]
    public void Default_IsThePublishedCutoffs()
    {
        Assert.Equal((1.32, 0.49), (DemandClassCutoffs.Default.Adi, DemandClassCutoffs.Default.Cv2));
    }

    [Theory]
    [InlineData(0.99, 0.49)]
    [InlineData(double.NaN, 0.49)]
    [InlineData(1.32, 0.0)]
    [InlineData(1.32, -1.0)]
    [InlineData(1.32, double.PositiveInfinity)]
    public void Constructor_Invalid_ThrowsNamingValidRange(double adi, double cv2)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new DemandClassCutoffs(adi, cv2));

        Assert.Contains("cut-off must be in", error.Message);
    }
}
