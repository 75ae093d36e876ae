using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class RfmOptionsTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(0)]
    public void Constructor_LevelsOutsideThreeToFive_ThrowsNamingRange(int levels)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RfmOptions(levels));

        Assert.Contains("must be in [3, 5]", error.Message);
    }

    [Fact]
    public void Constructor_EmptyMetricName_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RfmOptions(recencyMetric: " "));
    }

    [Fact]
    public void Default_IsQuintilesWithStandardMap()
    {
        Assert.Equal(5, RfmOptions.Default.Levels);
        Assert.Same(RfmSegmentMap.Standard, RfmOptions.Default.SegmentMap);
    }
}
