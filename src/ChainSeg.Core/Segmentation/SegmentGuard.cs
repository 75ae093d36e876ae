namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The DEFINITIONS.md "Guards" on a finished segmentation: too many segments for operations to run,
/// and segments too small in volume to be worth their own policy.
/// </summary>
public static class SegmentGuard
{
    /// <summary>Kind of the warning that a model yields more segments than operations can run.</summary>
    public const string TooManySegments = "too_many_segments";

    // Small segments a warning names, with their shares, before "…".
    private const int FirstFew = 5;

    /// <summary>Checks the assignments against the guard thresholds.</summary>
    /// <param name="assignments">The finished assignments.</param>
    /// <param name="volume">
    /// Volume per customer aligned with <paramref name="assignments"/> (e.g. revenue); missing and negative
    /// values count as zero. <c>null</c> measures volume in customers.
    /// </param>
    /// <param name="volumeName">What the volume is, for the message (e.g. "revenue"); ignored when volume is null.</param>
    /// <param name="options">Thresholds; the DEFINITIONS.md defaults when null.</param>
    /// <exception cref="ArgumentException">The volume list is not aligned with the assignments.</exception>
    public static IReadOnlyList<SegmentationWarning> Check(
        IReadOnlyList<SegmentAssignment> assignments,
        IReadOnlyList<double>? volume = null,
        string? volumeName = null,
        SegmentGuardOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        options ??= SegmentGuardOptions.Default;
        if (volume is not null && volume.Count != assignments.Count)
            throw new ArgumentException(
                $"Volume has {volume.Count} values for {assignments.Count} assignments; it needs one per assignment.", nameof(volume));

        var warnings = new List<SegmentationWarning>();
        if (assignments.Count == 0)
            return warnings;

        var perSegment = new SortedDictionary<string, double>(StringComparer.Ordinal);
        var total = 0.0;
        for (var i = 0; i < assignments.Count; i++)
        {
            var weight = volume is null ? 1.0 : VolumeWeight(volume[i]);
            perSegment[assignments[i].Segment] = perSegment.GetValueOrDefault(assignments[i].Segment) + weight;
            total += weight;
        }

        if (perSegment.Count > options.WarnAboveSegments)
            warnings.Add(new SegmentationWarning(TooManySegments,
                $"The model yields {perSegment.Count} segments, more than {options.WarnAboveSegments}: {string.Join(", ", perSegment.Keys)}."));

        var unit = volume is null ? "customers" : volumeName ?? "volume";
        if (total <= 0)
        {
            // Missing and negative values weigh zero, so a zero total is often no value at all (margin without costs) or
            // returns outweighing sales everywhere: "total is zero" would misstate both.
            warnings.Add(new SegmentationWarning("no_volume",
                $"No customer has a positive {unit} (missing and negative values count as zero), so segment volume shares cannot be checked."));
            return warnings;
        }

        // A share within a running sum's rounding of the minimum reaches it, as min_segment_share and ABC compare:
        // a segment the model keeps at the minimum is not one to warn of.
        var small = perSegment.Select(s => (Segment: s.Key, Share: s.Value / total))
            .Where(s => s.Share < options.WarnBelowVolumeShare - AbcClassifier.ShareTolerance).ToList();
        var cutoff = ReasonFormat.CutoffPercent(options.WarnBelowVolumeShare);
        string Held(double share) => ReasonFormat.Percent(share, options.WarnBelowVolumeShare);
        // One warning for them all: a k-means model with k in the hundreds warned once per segment, hundreds of lines.
        if (small is [var only])
            warnings.Add(new SegmentationWarning("small_segment", $"Segment '{only.Segment}' holds {Held(only.Share)} of {unit}, under {cutoff}."));
        else if (small.Count > 1)
            warnings.Add(new SegmentationWarning("small_segment",
                $"{small.Count} segments hold under {cutoff} of {unit} each ({FirstNames.Of(small.Select(s => $"'{s.Segment}' {Held(s.Share)}").ToList(), FirstFew)})."));

        return warnings;
    }

    // A return-heavy customer must not make a segment's volume look smaller than its customers' positive business.
    internal static double VolumeWeight(double value) => double.IsNaN(value) || value < 0 ? 0 : value;
}
