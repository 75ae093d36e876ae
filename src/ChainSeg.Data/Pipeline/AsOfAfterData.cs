using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Pipeline;

/// <summary>
/// The run warning for an as_of well past the latest order line: the days between hold no orders, so customers lapse for
/// want of data rather than by what they did, at as_of and at every stability period end in the gap.
/// </summary>
internal static class AsOfAfterData
{
    // A weekend or a closure of a few days is an export's normal gap; more than a week reads as a stale export or a mistyped date.
    private const int DaysTolerated = 7;

    /// <summary>The <c>as_of_after_data</c> warning, or null when as_of is within a week of the latest order line.</summary>
    public static string? Warning(DateOnly asOf, DateOnly latestOrderLine)
    {
        var days = asOf.DayNumber - latestOrderLine.DayNumber;
        if (days <= DaysTolerated)
            return null;
        var latest = DateFormat.Iso(latestOrderLine);
        return $"as_of_after_data: as_of {DateFormat.Iso(asOf)} is {days} days after the latest order line ({latest}), so the window's last {days} days "
            + "and any stability period end after that line hold no orders: customers read less frequent and more lapsed (inactive, at earlier period ends too) "
            + $"than their orders show; leave as_of and --as-of unset to run as of {latest}, or export the order lines up to {DateFormat.Iso(asOf)}.";
    }
}
