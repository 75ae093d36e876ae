using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class ShortageRulesTests
{
    [Fact]
    public void Constructor_Rules_AreOrderedByTierThenSegment()
    {
        var rules = new ShortageRules([new SegmentShortageRule("b", 2), new SegmentShortageRule("z", 1), new SegmentShortageRule("a", 2)], integerUnits: true);

        Assert.Equal(["z", "a", "b"], rules.Segments.Select(r => r.Segment));
        Assert.True(rules.IntegerUnits);
    }

    [Fact]
    public void Constructor_DuplicateSegment_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new ShortageRules([new SegmentShortageRule("core", 1), new SegmentShortageRule("core", 2)]));

        Assert.Contains("'core'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NoRules_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ShortageRules([]));
    }

    [Fact]
    public void For_KnownSegment_ReturnsItsRule()
    {
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1, 0.95)]);

        Assert.Equal(0.95, rules.For("strategic").MinimumFill);
    }

    [Fact]
    public void For_SegmentNamesDifferInCase_Throws()
    {
        var rules = new ShortageRules([new SegmentShortageRule("strategic", 1)]);

        Assert.Throws<ArgumentException>(() => rules.For("Strategic"));
    }
}
