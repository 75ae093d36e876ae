using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

// The period ends stability and hysteresis segment at: as_of and the calendar ends before it, oldest first.
public sealed class PeriodEndsTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

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

    // An earlier end kept the run's window length in days, so 6 months to 2025-12-31 (183 days) read 2025-03-31..09-30 at
    // the end 2025-09-30, where a run as of that day reads from 04-01, and the whole history reached back before the first
    // order. Each end now has the window a run as of that day would have (MetricsOptions.From at that day).
    [Theory]
    [InlineData("6 months", "2025-12-31", "2025-09-30", "2025-04-01")]
    [InlineData("6 months", "2025-12-09", "2025-08-31", "2025-03-01")]
    [InlineData("12 months", "2024-12-31", "2024-02-29", "2023-03-01")]
    [InlineData("1 year", "2025-12-31", "2025-06-30", "2024-07-01")]
    [InlineData("26 weeks", "2025-12-31", "2025-09-30", "2025-04-02")] // 182 days back from 10-01
    [InlineData("90 days", "2025-12-31", "2025-03-31", "2025-01-01")]
    [InlineData("all", "2025-12-31", "2025-06-30", "2023-01-15")]
    [InlineData("all", "2025-12-31", "2022-12-31", "2022-12-31")]
    public void EndingOn_EarlierEnd_StartsWhereARunAsOfThatDayWould(string window, string asOf, string end, string start)
    {
        var config = ConfigLoader.Parse($"window: {window}\n");
        var earliest = new DateOnly(2023, 1, 15);
        var endDay = DateOnly.Parse(end, CultureInfo.InvariantCulture);

        var atEnd = MetricsOptions.From(config, DateOnly.Parse(asOf, CultureInfo.InvariantCulture), earliest).EndingOn(endDay);

        Assert.Equal((endDay, DateOnly.Parse(start, CultureInfo.InvariantCulture)), (atEnd.AsOf, atEnd.WindowStart));
        Assert.Equal(MetricsOptions.From(config, endDay, earliest), atEnd);
    }

    [Fact]
    public void EarlierEnd_OrderTheDayBeforeItsCalendarWindow_LeftOut()
    {
        // A's only order, on 2025-03-31, is a day before the 6-month window ending 2025-09-30 (it starts on 04-01): A had no
        // order in that window, so it is inactive there. The day-length window (183 days, from 03-31) counted A as active.
        var company = new HandMadeCompany(_folder, "calendar-window");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-03-31,100,50
            O2,B,X,2025-05-10,10,5
            O3,B,X,2025-08-10,10,5
            O4,B,X,2025-11-10,10,5
            O5,C,X,2025-06-10,5,5
            O6,C,X,2025-12-31,5,5
            """);
        company.File("chainseg.yaml", """
            window: 6 months
            segmentation:
              stability: { periods: 2, bucket: quarter }
            """);

        var output = company.Run();

        var periods = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "period_assignments.csv"))
            .Where(p => p["model"] == "abc-xyz").ToDictionary(p => (p["period_end"], p["customer_id"]), p => p["raw_segment"]);
        Assert.Equal("inactive", periods[("2025-09-30", "A")]);
        Assert.NotEqual("inactive", periods[("2025-09-30", "B")]);
    }
}
