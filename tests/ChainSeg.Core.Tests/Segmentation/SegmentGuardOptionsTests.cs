using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class SegmentGuardOptionsTests
{
    [Fact]
    public void Default_IsDefinitionsThresholds()
    {
        Assert.Equal((6, 0.02), (SegmentGuardOptions.Default.WarnAboveSegments, SegmentGuardOptions.Default.WarnBelowVolumeShare));
    }

    [Theory]
    [InlineData(0, 0.02)]
    [InlineData(6, -0.1)]
    [InlineData(6, 1.0)]
    public void Constructor_OutOfRange_ThrowsNamingRange(int segments, double share)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentGuardOptions(segments, share));

        Assert.Matches("at least 1|in \\[0, 1\\)", error.Message);
    }
}
