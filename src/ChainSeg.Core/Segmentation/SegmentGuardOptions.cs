namespace ChainSeg.Core.Segmentation;

/// <summary>Thresholds of the DEFINITIONS.md guards: warn above so many segments, or for a segment under a share of volume.</summary>
public sealed record SegmentGuardOptions
{
    /// <summary>Creates guard thresholds; the defaults are the ones DEFINITIONS.md names (6 segments, 2 % of volume).</summary>
    /// <param name="warnAboveSegments">Warn when more segments than this are populated; at least 1.</param>
    /// <param name="warnBelowVolumeShare">Warn for a segment whose share of volume is under this; in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">A threshold is outside its range.</exception>
    public SegmentGuardOptions(int warnAboveSegments = 6, double warnBelowVolumeShare = 0.02)
    {
        if (warnAboveSegments < 1)
            throw new ArgumentOutOfRangeException(nameof(warnAboveSegments), warnAboveSegments,
                $"Segment-count warning threshold must be at least 1; got {warnAboveSegments}.");
        WarnAboveSegments = warnAboveSegments;
        WarnBelowVolumeShare = Arguments.InRange(warnBelowVolumeShare, ValueRange.PartialUnit, nameof(warnBelowVolumeShare), "Volume-share warning threshold");
    }

    /// <summary>Warn when more segments than this are populated.</summary>
    public int WarnAboveSegments { get; }

    /// <summary>Warn for a segment whose share of volume is under this.</summary>
    public double WarnBelowVolumeShare { get; }

    /// <summary>The DEFINITIONS.md defaults: more than 6 segments, or a segment under 2 % of volume.</summary>
    public static SegmentGuardOptions Default { get; } = new();
}
