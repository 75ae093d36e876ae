namespace ChainSeg.Core.Policies;

/// <summary>Which days a site ships and delivers on: every day except its weekend days and its holidays.</summary>
public sealed class BusinessCalendar
{
    private readonly HashSet<DayOfWeek> _weekend;
    private readonly HashSet<DateOnly> _holidays;

    /// <summary>Creates a calendar from the weekend days and a holiday list (duplicates are ignored).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A weekend day is not a defined <see cref="DayOfWeek"/>.</exception>
    /// <exception cref="ArgumentException">All seven days are weekend days.</exception>
    public BusinessCalendar(IEnumerable<DayOfWeek> weekendDays, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(weekendDays);
        ArgumentNullException.ThrowIfNull(holidays);
        _weekend = [];
        foreach (var day in weekendDays)
        {
            if (!Enum.IsDefined(day))
            {
                throw new ArgumentOutOfRangeException(nameof(weekendDays), day, "Weekend days must be Sunday … Saturday.");
            }

            _weekend.Add(day);
        }

        if (_weekend.Count == 7)
        {
            throw new ArgumentException("A business calendar needs at least one working weekday; all 7 days are weekend days.", nameof(weekendDays));
        }

        _holidays = [.. holidays];
        WeekendDays = [.. _weekend.Order()];
        Holidays = [.. _holidays.Order()];
    }

    /// <summary>Saturday and Sunday off, plus the given holidays.</summary>
    public static BusinessCalendar MondayToFriday(IEnumerable<DateOnly>? holidays = null) =>
        new([DayOfWeek.Saturday, DayOfWeek.Sunday], holidays ?? []);

    /// <summary>Weekend days, Sunday first.</summary>
    public IReadOnlyList<DayOfWeek> WeekendDays { get; }

    /// <summary>Holidays in date order.</summary>
    public IReadOnlyList<DateOnly> Holidays { get; }

    /// <summary>True unless the date is a weekend day or a holiday.</summary>
    public bool IsBusinessDay(DateOnly date) => !_weekend.Contains(date.DayOfWeek) && !_holidays.Contains(date);

    /// <summary>Why a date is not a business day: "weekend", "holiday", or null when it is one.</summary>
    public string? ClosedReason(DateOnly date) =>
        _weekend.Contains(date.DayOfWeek) ? "weekend" : _holidays.Contains(date) ? "holiday" : null;

    /// <summary>The first business day strictly after a date.</summary>
    /// <exception cref="ArgumentOutOfRangeException">No business day follows it before <see cref="DateOnly.MaxValue"/> (the actual value).</exception>
    public DateOnly NextBusinessDay(DateOnly date)
    {
        // At most 6 weekend days in a row plus finitely many holidays, so the loop ends, unless the calendar does first.
        var day = date;
        do
        {
            if (day == DateOnly.MaxValue)
            {
                throw new ArgumentOutOfRangeException(nameof(date), DateOnly.MaxValue,
                    $"No business day follows {PolicyText.Date(date)} before {PolicyText.Date(DateOnly.MaxValue)}, the last date there is.");
            }

            day = day.AddDays(1);
        }
        while (!IsBusinessDay(day));

        return day;
    }

    /// <summary>The date itself when it is a business day, else the next business day.</summary>
    public DateOnly OnOrAfter(DateOnly date) => IsBusinessDay(date) ? date : NextBusinessDay(date);

    /// <summary>The date <paramref name="days"/> business days after <paramref name="start"/>; 0 returns start unchanged.</summary>
    /// <exception cref="ArgumentOutOfRangeException">days is negative, or the date would fall after <see cref="DateOnly.MaxValue"/>.</exception>
    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        for (var i = 0; i < days; i++)
        {
            day = NextBusinessDay(day);
        }

        return day;
    }

    /// <summary>Holidays on otherwise working weekdays in (from, to]: the days a promise visibly skipped.</summary>
    public IReadOnlyList<DateOnly> HolidaysSkipped(DateOnly from, DateOnly to)
    {
        var skipped = new List<DateOnly>();
        foreach (var holiday in Holidays)
        {
            if (holiday > from && holiday <= to && !_weekend.Contains(holiday.DayOfWeek))
            {
                skipped.Add(holiday);
            }
        }

        return skipped;
    }
}
