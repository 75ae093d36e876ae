using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class RuleModelTests
{
    private static readonly SegmentRule[] ThreeSegments =
    [
        new("strategic", "revenue >= 250000"),
        new("core", "revenue >= 20000"),
        new("growth", "orders >= 10"),
    ];

    [Fact]
    public void Constructor_MoreSegmentsThanMax_ThrowsListingThem()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleModel(ThreeSegments, "standard", maxSegments: 3));

        Assert.StartsWith("The model defines 4 segments (strategic, core, growth, standard) but max_segments is 3;", error.Message);
    }

    [Fact]
    public void Constructor_RulesSharingSegmentAndFallback_CountedOnce()
    {
        SegmentRule[] rules = [new("key", "revenue >= 1"), new("key", "orders >= 5"), new("standard", "orders >= 1")];

        var model = new RuleModel(rules, "standard", maxSegments: 2);

        Assert.Equal(["key", "standard"], model.Segments);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void Constructor_MinShareOutsideRange_ThrowsNamingRange(double share)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new RuleModel(ThreeSegments, "standard", share));

        Assert.Contains("min_segment_share must be in [0, 1)", error.Message);
        Assert.Contains("Write a share below 1, e.g. 0.02 to merge segments under 2 %, or 0 to merge none.", error.Message);
    }

    [Fact]
    public void Constructor_MaxSegmentsBelowOne_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleModel([], "standard", maxSegments: 0));
    }

    [Fact]
    public void Constructor_EmptyFallback_Throws()
    {
        Assert.Throws<ArgumentException>(() => new RuleModel(ThreeSegments, " "));
    }

    [Fact]
    public void Constructor_RuleWithoutSegment_ThrowsNamingRuleNumber()
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleModel([new SegmentRule("", "revenue >= 1")], "standard"));

        Assert.Contains("Rule 1 has no segment name", error.Message);
    }

    [Theory]
    [InlineData("strategic", "its own segment")]
    [InlineData("gold", "no segment of the model")]
    public void Constructor_RuleMergingIntoItsOwnOrAnUnknownSegment_IsRefusedListingTheOthers(string target, string what)
    {
        var error = Assert.Throws<ArgumentException>(() => new RuleModel([new SegmentRule("strategic", "revenue >= 1") { MergeInto = [target] }, new SegmentRule("core", "revenue >= 0")], "standard"));

        Assert.StartsWith($"Rule 'strategic' merges into '{target}', which is {what}; list others of the model's segments under its merge_into (core, standard).", error.Message, StringComparison.Ordinal);
    }
}
