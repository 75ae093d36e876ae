using ChainSeg.Core;
using ChainSeg.Core.Allocation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Tests.Configuration;

public sealed class ShareSettingTests
{
    // min_fill's range was stated twice, in ShortageAllocation and in SegmentShortageRule; it is now Core's range, worded
    // here for the setting. The four words name each kind of end as the messages users know wrote them.
    [Theory]
    [InlineData(true, true, "x must be a fraction from 0 to 1, such as 0.5 for 50 %; got 50.")]
    [InlineData(false, false, "x must be a fraction between 0 and 1 (neither included), such as 0.5 for 50 %; got 50.")]
    [InlineData(false, true, "x must be a fraction above 0 and at most 1, such as 0.5 for 50 %; got 50.")]
    [InlineData(true, false, "x must be a fraction at least 0 and below 1, such as 0.5 for 50 %; got 50.")]
    public void Require_OutOfRange_WordsTheRangeAndTheFractionAPercentStandsFor(bool lowIncluded, bool highIncluded, string expected)
    {
        var e = Assert.Throws<ConfigurationException>(() => ShareSetting.Require(50, "x", new ValueRange(0, 1, lowIncluded, highIncluded), 20));
        Assert.Equal(expected, e.Message);
    }

    [Fact]
    public void Require_WithMeaning_NamesTheRangeInBracketsAndWhatItIsAShareOf()
    {
        var e = Assert.Throws<ConfigurationException>(() => ShareSetting.Require(double.NaN, "y", new ValueRange(0, 10, false, true), 85, "a share of need"));
        Assert.Equal("y must be in (0, 10] (a share of need, such as 0.85 for 85 %); got NaN.", e.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Require_MinimumFillInCoresRange_ReturnsIt(double value) =>
        Assert.Equal(value, ShareSetting.Require(value, "min_fill", SegmentShortageRule.MinimumFillRange, 50));

    // The range Data words is the one Core enforces: a value Data lets through Core accepts, and one Data refuses Core refuses.
    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Require_OutsideCoresMinimumFillRange_CoreRefusesItToo(double value)
    {
        Assert.Throws<ConfigurationException>(() => ShareSetting.Require(value, "min_fill", SegmentShortageRule.MinimumFillRange, 50));
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShortageRule("s", 1, value));
    }
}
