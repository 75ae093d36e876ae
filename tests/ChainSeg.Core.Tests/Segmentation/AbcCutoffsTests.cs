using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class AbcCutoffsTests
{
    [Theory]
    [InlineData(0.9, 0.8)]
    [InlineData(0.8, 0.8)]
    [InlineData(0.0, 0.5)]
    [InlineData(-0.1, 0.5)]
    [InlineData(0.5, 1.1)]
    [InlineData(double.NaN, 0.9)]
    [InlineData(0.8, double.NaN)]
    public void Constructor_Invalid_ThrowsNamingValidRange(double a, double b)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AbcCutoffs(a, b));

        Assert.Contains("must be in", error.Message);
    }

    [Fact]
    public void Constructor_BAtOne_IsAllowed()
    {
        var cutoffs = new AbcCutoffs(0.7, 1.0);

        Assert.Equal((0.7, 1.0), (cutoffs.A, cutoffs.B));
    }

    [Fact]
    public void Default_Is80And95()
    {
        Assert.Equal((0.80, 0.95), (AbcCutoffs.Default.A, AbcCutoffs.Default.B));
    }
}
