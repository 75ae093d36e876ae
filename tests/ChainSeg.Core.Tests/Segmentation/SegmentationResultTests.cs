using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class SegmentationResultTests
{
    [Fact]
    public void CountBySegment_MixedSegments_CountsOrderedByName()
    {
        var result = new SegmentationResult<string>(
            [new("c1", "core", ""), new("c2", "strategic", ""), new("c3", "core", "")], ["", "", ""], []);

        var counts = result.CountBySegment();

        Assert.Equal([new("core", 2), new("strategic", 1)], counts);
    }
}
