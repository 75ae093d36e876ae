using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class DemandSeriesTests
{
    [Fact]
    public void Constructor_EmptyPeriodAsNaN_CountsAsZero()
    {
        var series = new DemandSeries("c1", [4.0, double.NaN, 6.0]);

        Assert.Equal([4.0, 0.0, 6.0], series.Periods);
    }

    [Fact]
    public void Constructor_InfiniteDemand_ThrowsNamingPeriod()
    {
        var error = Assert.Throws<ArgumentException>(() => new DemandSeries("c1", [1.0, double.PositiveInfinity]));

        Assert.Contains("period 2", error.Message);
    }

    [Fact]
    public void Constructor_EmptyCustomerId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new DemandSeries(" ", [1.0]));
    }

    [Fact]
    public void FromObservedPeriods_SparseInput_FillsEmptyPeriodsWithZeroAndAddsRepeats()
    {
        var series = DemandSeries.FromObservedPeriods("c1", 5, [(1, 20.0), (3, 5.0), (3, 2.5)]);

        Assert.Equal([0.0, 20.0, 0.0, 7.5, 0.0], series.Periods);
    }

    [Fact]
    public void FromObservedPeriods_PeriodOutsideWindow_ThrowsNamingRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => DemandSeries.FromObservedPeriods("c1", 3, [(3, 1.0)]));

        Assert.Contains("[0, 3)", error.Message);
    }

    [Fact]
    public void FromObservedPeriods_NegativeCount_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DemandSeries.FromObservedPeriods("c1", -1, []));
    }
}
