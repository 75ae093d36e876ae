using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class RfmSegmentRuleTests
{
    [Theory]
    [InlineData(0, 5, 1, 5)]
    [InlineData(1, 6, 1, 5)]
    [InlineData(4, 3, 1, 5)]
    [InlineData(1, 5, 3, 2)]
    public void Constructor_BoundsOutsideScale_ThrowsNamingRange(int minR, int maxR, int minF, int maxF)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RfmSegmentRule("x", minR, maxR, minF, maxF));

        Assert.Contains("1 ≤ min ≤ max ≤ 5", error.Message);
    }

    [Fact]
    public void Contains_BoundsInclusive()
    {
        var rule = new RfmSegmentRule("Loyal", 3, 4, 4, 5);

        Assert.True(rule.Contains(3, 5));
        Assert.True(rule.Contains(4, 4));
        Assert.False(rule.Contains(5, 5));
        Assert.False(rule.Contains(3, 3));
    }
}
