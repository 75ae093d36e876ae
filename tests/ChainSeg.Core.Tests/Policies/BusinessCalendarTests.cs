using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

// March 2025: Saturday 1, Monday 3, Friday 7, Saturday 8, Monday 10.
public sealed class BusinessCalendarTests
{
    private static readonly DateOnly Wed5 = new(2025, 3, 5);

    [Theory]
    [InlineData(3, true)]
    [InlineData(7, true)]
    [InlineData(8, false)]
    [InlineData(9, false)]
    [InlineData(5, false)]
    public void IsBusinessDay_WeekendAndHoliday_AreClosed(int day, bool open)
    {
        var calendar = BusinessCalendar.MondayToFriday([Wed5]);

        Assert.Equal(open, calendar.IsBusinessDay(new DateOnly(2025, 3, day)));
    }

    [Fact]
    public void ClosedReason_NamesWeekendOrHoliday()
    {
        var calendar = BusinessCalendar.MondayToFriday([Wed5]);

        Assert.Equal("weekend", calendar.ClosedReason(new DateOnly(2025, 3, 8)));
        Assert.Equal("holiday", calendar.ClosedReason(Wed5));
        Assert.Null(calendar.ClosedReason(new DateOnly(2025, 3, 4)));
    }

    [Fact]
    public void NextBusinessDay_FridayBeforeHolidayMonday_IsTuesday()
    {
        var calendar = BusinessCalendar.MondayToFriday([new DateOnly(2025, 3, 10)]);

        Assert.Equal(new DateOnly(2025, 3, 11), calendar.NextBusinessDay(new DateOnly(2025, 3, 7)));
    }

    [Fact]
    public void OnOrAfter_BusinessDay_IsItself()
    {
        var calendar = BusinessCalendar.MondayToFriday();

        Assert.Equal(new DateOnly(2025, 3, 4), calendar.OnOrAfter(new DateOnly(2025, 3, 4)));
        Assert.Equal(new DateOnly(2025, 3, 10), calendar.OnOrAfter(new DateOnly(2025, 3, 8)));
    }

    [Fact]
    public void AddBusinessDays_AcrossWeekendAndHoliday_SkipsBoth()
    {
        // Thu 6 + 1 = Fri 7; + 2 = Mon 10 is a holiday → Tue 11; + 3 = Wed 12.
        var calendar = BusinessCalendar.MondayToFriday([new DateOnly(2025, 3, 10)]);
        var thursday = new DateOnly(2025, 3, 6);

        Assert.Equal(new DateOnly(2025, 3, 7), calendar.AddBusinessDays(thursday, 1));
        Assert.Equal(new DateOnly(2025, 3, 11), calendar.AddBusinessDays(thursday, 2));
        Assert.Equal(new DateOnly(2025, 3, 12), calendar.AddBusinessDays(thursday, 3));
    }

    [Fact]
    public void AddBusinessDays_Zero_ReturnsStartEvenOnClosedDay()
    {
        var saturday = new DateOnly(2025, 3, 8);

        Assert.Equal(saturday, BusinessCalendar.MondayToFriday().AddBusinessDays(saturday, 0));
    }

    [Fact]
    public void AddBusinessDays_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => BusinessCalendar.MondayToFriday().AddBusinessDays(Wed5, -1));
    }

    [Fact]
    public void Constructor_FridaySaturdayWeekend_WorksSunday()
    {
        var calendar = new BusinessCalendar([DayOfWeek.Friday, DayOfWeek.Saturday], []);

        Assert.True(calendar.IsBusinessDay(new DateOnly(2025, 3, 9)));
        Assert.Equal(new DateOnly(2025, 3, 9), calendar.NextBusinessDay(new DateOnly(2025, 3, 6)));
        Assert.Equal([DayOfWeek.Friday, DayOfWeek.Saturday], calendar.WeekendDays);
    }

    [Fact]
    public void Constructor_AllDaysWeekend_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => new BusinessCalendar(Enum.GetValues<DayOfWeek>(), []));

        Assert.Contains("needs at least one working weekday", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_DuplicateHolidays_KeptOnceInOrder()
    {
        var calendar = BusinessCalendar.MondayToFriday([new DateOnly(2025, 12, 25), Wed5, Wed5]);

        Assert.Equal([Wed5, new DateOnly(2025, 12, 25)], calendar.Holidays);
    }

    [Fact]
    public void HolidaysSkipped_HolidayOnWeekend_IsNotListed()
    {
        // Sat 8 is a holiday too, but the weekend already closed it; only Wed 5 changed the count.
        var calendar = BusinessCalendar.MondayToFriday([Wed5, new DateOnly(2025, 3, 8)]);

        Assert.Equal([Wed5], calendar.HolidaysSkipped(new DateOnly(2025, 3, 3), new DateOnly(2025, 3, 10)));
        Assert.Empty(calendar.HolidaysSkipped(Wed5, new DateOnly(2025, 3, 10)));
    }
}
