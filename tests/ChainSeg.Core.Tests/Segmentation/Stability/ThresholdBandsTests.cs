using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class ThresholdBandsTests
{
    [Theory]
    [InlineData(99_999.0, "B")]
    [InlineData(100_000.0, "A")]
    [InlineData(20_000.0, "B")]
    [InlineData(19_999.0, "C")]
    [InlineData(-50.0, "C")]
    public void SegmentOf_UpperInclusiveRevenueCutOffs_ValueOnCutOffGoesUp(double revenue, string expected)
    {
        var abc = new ThresholdBands("revenue", [20_000, 100_000], ["C", "B", "A"]);

        Assert.Equal(expected, abc.SegmentOf(revenue));
    }

    [Theory]
    [InlineData(0.5, "X")]
    [InlineData(0.51, "Y")]
    [InlineData(1.0, "Y")]
    [InlineData(1.2, "Z")]
    public void SegmentOf_LowerInclusiveCvCutOffs_ValueOnCutOffStaysLow(double cv, string expected)
    {
        var xyz = new ThresholdBands("demand_cv", [0.5, 1.0], ["X", "Y", "Z"], upperInclusive: false);

        Assert.Equal(expected, xyz.SegmentOf(cv));
    }

    [Fact]
    public void Constructor_ThresholdsNotAscending_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ThresholdBands("revenue", [5, 5], ["C", "B", "A"]));
    }

    [Fact]
    public void Constructor_WrongSegmentCount_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ThresholdBands("revenue", [5], ["C", "B", "A"]));
    }

    [Fact]
    public void Constructor_RepeatedSegment_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ThresholdBands("revenue", [5], ["A", "A"]));
    }
}
