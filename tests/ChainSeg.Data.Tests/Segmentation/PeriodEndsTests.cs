using ChainSeg.Data.Configuration;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

// The period ends stability and hysteresis segment at: as_of and the calendar ends before it, oldest first.
public sealed class PeriodEndsTests
{
    private static readonly DateOnly LongAgo = new(2020, 1, 1);

    private static DateOnly[] Ends(string asOf, int periods, string bucket = "quarter", DateOnly? earliest = null) =>
        [.. SegmentationStage.PeriodEnds(DateOnly.Parse(asOf, System.Globalization.CultureInfo.InvariantCulture),
            new StabilityConfig { Periods = periods, Bucket = bucket }, earliest ?? LongAgo)];

    [Fact]
    public void PeriodEnds_AsOfAtAQuarterEnd_TheThreeQuarterEndsBeforeIt()
    {
        Assert.Equal([new(2025, 3, 31), new(2025, 6, 30), new(2025, 9, 30), new DateOnly(2025, 12, 30)], Ends("2025-12-30", 4));
    }

    [Fact]
    public void PeriodEnds_AsOfOneDayAfterAQuarterEnd_SkipsThatEndSoTheLastPeriodIsNoStub()
    {
        // 2025-09-30 → 2025-10-01 would be a "period" of one day, and hysteresis { periods: 2 } could pass in it.
        Assert.Equal([new(2024, 12, 31), new(2025, 3, 31), new(2025, 6, 30), new DateOnly(2025, 10, 1)], Ends("2025-10-01", 4));
        // Half a quarter after its end (46 days) the calendar end is kept.
        Assert.Equal([new(2025, 3, 31), new(2025, 6, 30), new DateOnly(2025, 8, 15)], Ends("2025-08-15", 3));
        // Monthly: three days into June, May's end is skipped and the last period runs from April's end.
        Assert.Equal([new(2025, 4, 30), new DateOnly(2025, 6, 3)], Ends("2025-06-03", 2, "month"));
    }

    [Theory]
    [InlineData("Quarter")]
    [InlineData("quarterly")]
    [InlineData(" quarters ")]
    public void PeriodEnds_BucketSpeltAsTheTopLevelPeriodsSetting_Accepted(string bucket)
    {
        // The top-level periods: setting takes any case and the -ly and plural forms; stability.bucket refused them (exit 2).
        Assert.Equal(Ends("2025-12-30", 2), Ends("2025-12-30", 2, bucket));
    }

    [Fact]
    public void PeriodEnds_UnknownBucket_NamesTheSetting()
    {
        var error = Assert.Throws<ConfigurationException>(() => Ends("2025-12-30", 2, "week"));
        Assert.Equal("segmentation.stability.bucket 'week' is not known; use month or quarter.", error.Message);
    }

    [Fact]
    public void PeriodEnds_HalfAPeriodIsHalfOfAsOfsOwnPeriod()
    {
        // 15 days are less than half of October (31 days), whose demand the same run leaves out as not half over.
        Assert.Equal([new(2025, 8, 31), new DateOnly(2025, 10, 15)], Ends("2025-10-15", 2, "month"));
        Assert.Equal([new(2025, 9, 30), new DateOnly(2025, 10, 16)], Ends("2025-10-16", 2, "month"));
        // 14 days are half of February 2025 (28 days): its calendar end before is kept.
        Assert.Equal([new(2025, 1, 31), new DateOnly(2025, 2, 14)], Ends("2025-02-14", 2, "month"));
        // 45 days are less than half of the fourth quarter (92 days).
        Assert.Equal([new(2025, 6, 30), new DateOnly(2025, 11, 14)], Ends("2025-11-14", 2));
    }

    [Fact]
    public void PeriodEnds_ShortWindow_ReachesBackToTheFirstOrderNotTheWindowStart()
    {
        // A 3-month window with 4 quarter ends: each earlier snapshot has a window of its own, so only the first order limits them.
        Assert.Equal([new(2025, 3, 31), new(2025, 6, 30), new(2025, 9, 30), new DateOnly(2025, 12, 30)], Ends("2025-12-30", 4, earliest: new DateOnly(2024, 1, 2)));
        Assert.Equal([new(2025, 9, 30), new DateOnly(2025, 12, 30)], Ends("2025-12-30", 4, earliest: new DateOnly(2025, 8, 1)));
    }
}
