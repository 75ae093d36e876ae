using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class PolicyBookTests
{
    private static readonly ServicePolicy Strategic =
        new(ServiceTarget.CycleServiceLevel(0.98), FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, new TimeOnly(16, 0), 0, 1);

    private static readonly ServicePolicy Standard =
        new(ServiceTarget.CycleServiceLevel(0.90), FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, new TimeOnly(12, 0), 2, 3);

    private static PolicyBook Book() => new([new("strategic", Strategic)], Standard);

    [Fact]
    public void Resolve_ConfiguredSegment_ReturnsItsPolicy()
    {
        var choice = Book().Resolve("strategic");

        Assert.Same(Strategic, choice.Policy);
        Assert.False(choice.IsFallback);
        Assert.Equal("segment strategic → its own policy", choice.Explanation);
        Assert.Equal("strategic", choice.Label);
    }

    [Fact]
    public void Resolve_UnknownSegment_FallsBackAndSaysSo()
    {
        var choice = Book().Resolve("inactive");

        Assert.Same(Standard, choice.Policy);
        Assert.True(choice.IsFallback);
        Assert.Equal("segment inactive has no policy → fallback policy", choice.Explanation);
        Assert.Equal("inactive (fallback policy)", choice.Label);
    }

    [Fact]
    public void Resolve_CaseSlip_FallsBackNamingTheNearMiss()
    {
        var choice = Book().Resolve("Strategic");

        Assert.True(choice.IsFallback);
        Assert.Equal("segment Strategic has no policy (did you mean strategic?) → fallback policy", choice.Explanation);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Resolve_NoSegment_FallsBack(string? segment)
    {
        var choice = Book().Resolve(segment);

        Assert.Same(Standard, choice.Policy);
        Assert.Null(choice.Segment);
        Assert.Equal("no segment → fallback policy", choice.Explanation);
        Assert.Equal("no segment (fallback policy)", choice.Label);
    }

    [Fact]
    public void Constructor_SegmentTwice_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PolicyBook([new("core", Standard), new("core", Strategic)], Standard));

        Assert.Contains("Segment 'core' has two policies", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankSegment_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new PolicyBook([new(" ", Standard)], Standard));

        Assert.Contains("segment name is empty", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Segments_AreOrderedOrdinally()
    {
        var book = new PolicyBook([new("core", Standard), new("B", Standard), new("a", Standard)], Standard);

        Assert.Equal(["B", "a", "core"], book.Segments);
    }

    [Fact]
    public void TryGetPolicy_UnknownSegment_ReturnsFalseWithoutFallingBack()
    {
        Assert.False(Book().TryGetPolicy("inactive", out _));
        Assert.True(Book().TryGetPolicy("strategic", out var policy));
        Assert.Same(Strategic, policy);
    }
}
