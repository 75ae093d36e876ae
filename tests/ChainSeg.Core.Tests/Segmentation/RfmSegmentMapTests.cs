using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class RfmSegmentMapTests
{
    [Fact]
    public void Standard_EveryPairInExactlyOneRegion()
    {
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
                Assert.Single(RfmSegmentMap.Standard.Rules, rule => rule.Contains(r, f));
        }
    }

    [Theory]
    [InlineData(5, 5, "Champions")]
    [InlineData(5, 1, "New customers")]
    [InlineData(4, 1, "Promising")]
    [InlineData(3, 4, "Loyal")]
    [InlineData(3, 3, "Need attention")]
    [InlineData(3, 1, "About to sleep")]
    [InlineData(2, 5, "Cannot lose them")]
    [InlineData(1, 3, "At risk")]
    [InlineData(1, 1, "Hibernating")]
    [InlineData(4, 2, "Potential loyalists")]
    public void SegmentOf_StandardMap_NamesGridCell(int recency, int frequency, string segment)
    {
        Assert.Equal(segment, RfmSegmentMap.Standard.SegmentOf(recency, frequency));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(6, 3)]
    [InlineData(3, 0)]
    [InlineData(3, 6)]
    public void SegmentOf_ScoreOffTheFivePointScale_Throws(int recency, int frequency)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => RfmSegmentMap.Standard.SegmentOf(recency, frequency));
    }

    [Fact]
    public void Constructor_UncoveredPair_ThrowsNamingIt()
    {
        var error = Assert.Throws<ArgumentException>(() => new RfmSegmentMap([new RfmSegmentRule("Top", 4, 5, 1, 5)]));

        Assert.Contains("leaves R 1, F 1 uncovered", error.Message);
    }

    [Fact]
    public void Constructor_OverlappingRegions_FirstMatchWins()
    {
        var map = new RfmSegmentMap([new RfmSegmentRule("Best", 5, 5, 5, 5), new RfmSegmentRule("Everyone", 1, 5, 1, 5)]);
        var recent = new RfmSegmentMap([new RfmSegmentRule("Recent", 4, 5, 1, 5), new RfmSegmentRule("Everyone", 1, 5, 1, 5)]);

        Assert.Equal("Best", map.SegmentOf(5, 5));
        Assert.Equal("Everyone", map.SegmentOf(5, 4));
        Assert.Equal("Recent", recent.SegmentOf(4, 2));
        Assert.Equal("Everyone", recent.SegmentOf(3, 2));
    }

    [Fact]
    public void Constructor_NoRegions_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RfmSegmentMap([]));
    }
}
