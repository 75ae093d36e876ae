namespace ChainSeg.Core.Allocation;

/// <summary>A segment's pre-approved shortage rule: its priority tier and the share of its demand it is guaranteed per SKU.</summary>
public sealed record SegmentShortageRule
{
    /// <summary>Creates a rule.</summary>
    /// <param name="segment">Segment name, e.g. "strategic".</param>
    /// <param name="tier">Priority tier, 1 = highest; a tier is served before any lower tier gets more than its minimum fill.</param>
    /// <param name="minimumFill">Guaranteed fill of the segment's demand per SKU, in [0, 1]; 0 = no guarantee.</param>
    /// <exception cref="ArgumentException">segment is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">tier is below 1, or minimumFill is outside [0, 1].</exception>
    public SegmentShortageRule(string segment, int tier, double minimumFill = 0.0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        if (tier < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(tier), tier, $"Priority tier of segment '{segment}' must be ≥ 1 (1 = highest); got {tier}.");
        }

        Segment = segment;
        Tier = tier;
        MinimumFill = Arguments.InRange(minimumFill, MinimumFillRange, nameof(minimumFill), $"Minimum fill of segment '{segment}'");
    }

    /// <summary>The valid minimum fills, [0, 1]: from no guarantee to all of the segment's demand.</summary>
    public static ValueRange MinimumFillRange => ValueRange.ClosedUnit;

    /// <summary>Segment name.</summary>
    public string Segment { get; }

    /// <summary>Priority tier, 1 = highest.</summary>
    public int Tier { get; }

    /// <summary>Guaranteed fill of the segment's demand per SKU, in [0, 1].</summary>
    public double MinimumFill { get; }
}
