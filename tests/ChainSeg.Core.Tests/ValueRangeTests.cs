namespace ChainSeg.Core.Tests;

public sealed class ValueRangeTests
{
    // Each end by hand: an included end is valid, an excluded one not; NaN lies in no interval.
    [Theory]
    [InlineData(0.0, true, false, false, true)]
    [InlineData(1.0, true, false, true, false)]
    [InlineData(0.5, true, true, true, true)]
    [InlineData(-0.001, false, false, false, false)]
    [InlineData(1.001, false, false, false, false)]
    [InlineData(double.NaN, false, false, false, false)]
    public void Contains_UnitIntervals_IncludeTheirEndsOnlyWhenClosed(double value, bool inClosed, bool inOpen, bool inPositive, bool inPartial) =>
        Assert.Equal((inClosed, inOpen, inPositive, inPartial),
            (ValueRange.ClosedUnit.Contains(value), ValueRange.OpenUnit.Contains(value), ValueRange.PositiveUnit.Contains(value), ValueRange.PartialUnit.Contains(value)));

    [Fact]
    public void Contains_HalfOpen_TakesTheUpperEndOnly()
    {
        var range = new ValueRange(0, 10, LowIncluded: false, HighIncluded: true);
        Assert.Equal((false, true, false), (range.Contains(0), range.Contains(10), range.Contains(10.5)));
    }

    // Written as Core's messages have always written them ("must be in (0, 1); got 98").
    [Fact]
    public void ToString_WritesBracketsForIncludedEnds() =>
        Assert.Equal(("[0, 1]", "(0, 1)", "[0, 1)", "(0, 10]"),
            (ValueRange.ClosedUnit.ToString(), ValueRange.OpenUnit.ToString(), ValueRange.PartialUnit.ToString(), new ValueRange(0, 10, false, true).ToString()));
}
