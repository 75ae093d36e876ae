using System.Globalization;
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

    // The share is written as the other Core checks write a number, whatever the culture: 1.5, not 1,5.
    [Fact]
    public void Constructor_ShareOfOneAndAHalfUnderGermanCulture_NamesTheValueInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentGuardOptions(6, 1.5));

            Assert.StartsWith("Volume-share warning threshold must be in [0, 1); got 1.5.", error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
