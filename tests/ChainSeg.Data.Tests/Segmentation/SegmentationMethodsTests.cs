using ChainSeg.Data.Configuration;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationMethodsTests
{
    private static (int, int) Range(int? minSegments = null, int? maxSegments = null, ClusterCountConfig? k = null) =>
        SegmentationMethods.ClusterRange(new SegmentationModelConfig { Method = "kmeans", MinSegments = minSegments, MaxSegments = maxSegments, K = k ?? new() }, "m");

    [Fact]
    public void ClusterRange_MinAndMaxSegments_AreTheRange() => Assert.Equal((2, 4), Range(2, 4));

    [Fact]
    public void ClusterRange_KAlias_IsTheRange() => Assert.Equal((4, 5), Range(k: new() { Min = 4, Max = 5 }));

    [Fact]
    public void ClusterRange_Nothing_DefaultsThreeToSix() => Assert.Equal((3, 6), Range());

    [Fact]
    public void ClusterRange_OnlyMaxSegmentsBelowDefaultMin_MinFollowsIt() => Assert.Equal((2, 2), Range(maxSegments: 2));

    [Fact]
    public void ClusterRange_SegmentsAndAliasAgree_Accepted() => Assert.Equal((3, 5), Range(maxSegments: 5, k: new() { Max = 5 }));

    [Fact]
    public void ClusterRange_SegmentsAndAliasDisagree_ErrorNamesBoth()
    {
        var e = Assert.Throws<ConfigurationException>(() => Range(maxSegments: 4, k: new() { Max = 5 }));
        Assert.Equal("m: max_segments 4 and k.max 5 disagree; k: is an alias of min_segments/max_segments, keep one.", e.Message);
    }

    [Fact]
    public void ClusterRange_MinAboveMax_ErrorNamesTheRule()
    {
        var e = Assert.Throws<ConfigurationException>(() => Range(5, 3));
        Assert.Contains("1 ≤ min_segments ≤ max_segments", e.Message);
    }
}
