using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class SegmentShortageRuleTests
{
    [Fact]
    public void Constructor_ValidValues_KeepsThem()
    {
        var rule = new SegmentShortageRule("strategic", 1, 0.95);

        Assert.Equal(("strategic", 1, 0.95), (rule.Segment, rule.Tier, rule.MinimumFill));
    }

    [Fact]
    public void Constructor_TierZero_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShortageRule("core", 0));

        Assert.Contains("≥ 1", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.2)]
    [InlineData(double.NaN)]
    public void Constructor_MinimumFillOutsideUnitInterval_ThrowsNamingRange(double minimumFill)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentShortageRule("core", 1, minimumFill));

        Assert.Contains("[0, 1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankSegment_Throws()
    {
        Assert.ThrowsAny<ArgumentException>(() => new SegmentShortageRule(" ", 1));
    }
}
