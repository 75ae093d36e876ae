namespace ChainSeg.Core.Inventory;

/// <summary>The time unit a demand rate or a lead time is expressed in; lead-time demand needs both in the same unit.</summary>
public enum TimeUnit
{
    /// <summary>Calendar day.</summary>
    Day,

    /// <summary>Week of 7 days.</summary>
    Week,

    /// <summary>Month of 365.25 / 12 days.</summary>
    Month,

    /// <summary>Quarter of 365.25 / 4 days.</summary>
    Quarter,

    /// <summary>Year of 365.25 days.</summary>
    Year,
}

/// <summary>Length of each <see cref="TimeUnit"/> in days.</summary>
public static class TimeUnitLength
{
    /// <summary>Days in one unit.</summary>
    /// <exception cref="ArgumentOutOfRangeException">unit is not a defined <see cref="TimeUnit"/>.</exception>
    public static double Days(TimeUnit unit) => unit switch
    {
        TimeUnit.Day => 1.0,
        TimeUnit.Week => 7.0,
        TimeUnit.Month => 365.25 / 12.0,
        TimeUnit.Quarter => 365.25 / 4.0,
        TimeUnit.Year => 365.25,
        _ => throw new ArgumentOutOfRangeException(nameof(unit), unit, "Time unit must be Day, Week, Month, Quarter or Year."),
    };
}
