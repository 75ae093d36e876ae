namespace ChainSeg.Data.Generation;

/// <summary>
/// The fixed 24-month horizon (2024-01-01 .. 2025-12-31) as a continuous axis of business time:
/// position x in [0, BusinessDays) is business day floor(x), and its fraction is the time within
/// business hours 08:00-18:00. Order times live on this axis so they are monotone, never on a
/// weekend or a German public holiday, and never read from the clock.
/// </summary>
internal sealed class BusinessCalendar
{
    public const int Months = 24;
    public static readonly DateOnly Start = new(2024, 1, 1);
    public static readonly DateOnly End = new(2025, 12, 31);
    private const int OpeningHour = 8;
    private const int BusinessSecondsPerDay = 10 * 3600;

    // German nationwide public holidays plus Christmas Eve and New Year's Eve.
    private static readonly DateOnly[] Holidays =
    [
        new(2024, 1, 1), new(2024, 3, 29), new(2024, 4, 1), new(2024, 5, 1), new(2024, 5, 9), new(2024, 5, 20),
        new(2024, 10, 3), new(2024, 12, 24), new(2024, 12, 25), new(2024, 12, 26), new(2024, 12, 31),
        new(2025, 1, 1), new(2025, 4, 18), new(2025, 4, 21), new(2025, 5, 1), new(2025, 5, 29), new(2025, 6, 9),
        new(2025, 10, 3), new(2025, 12, 24), new(2025, 12, 25), new(2025, 12, 26), new(2025, 12, 31),
    ];

    private readonly DateOnly[] days;
    private readonly int[] monthStart;

    private BusinessCalendar()
    {
        var list = new List<DateOnly>();
        for (var day = Start; day <= End; day = day.AddDays(1))
        {
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && Array.IndexOf(Holidays, day) < 0)
            {
                list.Add(day);
            }
        }

        days = [.. list];
        monthStart = new int[Months + 1];
        for (var month = 0; month < Months; month++)
        {
            var first = Start.AddMonths(month);
            monthStart[month] = list.FindIndex(d => d >= first);
        }

        monthStart[Months] = days.Length;
    }

    /// <summary>The one calendar of the fixed horizon.</summary>
    public static BusinessCalendar Horizon { get; } = new();

    public int BusinessDays => days.Length;

    /// <summary>Position of the first business day of month m (0 = January 2024); m = 24 gives the end of the axis.</summary>
    public int MonthStart(int month) => monthStart[month];

    public int MonthOf(double position)
    {
        var day = (int)position;
        var month = Math.Min(Months - 1, ((day * Months) / days.Length) + 1);
        while (monthStart[month] > day)
        {
            month--;
        }

        while (month < Months - 1 && monthStart[month + 1] <= day)
        {
            month++;
        }

        return month;
    }

    /// <summary>Timestamp within business hours; monotone in the position.</summary>
    public DateTime TimestampAt(double position)
    {
        var day = (int)position;
        var seconds = (int)((position - day) * BusinessSecondsPerDay);
        return days[day].ToDateTime(new TimeOnly(OpeningHour, 0)).AddSeconds(seconds);
    }

    /// <summary>Position of the first business day on or after the date (BusinessDays when past the horizon).</summary>
    public int PositionOnOrAfter(DateOnly date)
    {
        var index = Array.BinarySearch(days, date);
        return index >= 0 ? index : ~index;
    }

    public static DateOnly FirstOfMonth(int month) => Start.AddMonths(month);
}
