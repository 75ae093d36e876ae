namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The DEFINITIONS.md "Guards" on a finished segmentation: too many segments for operations to run,
/// and segments too small in volume to be worth their own policy.
/// </summary>
public static class SegmentGuard
{
    /// <summary>Kind of the warning that a model yields more segments than operations can run.</summary>
    public const string TooManySegments = "too_many_segments";

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

        foreach (var (segment, weight) in perSegment)
        {
            var share = weight / total;
            // A share within a running sum's rounding of the minimum reaches it, as min_segment_share and ABC compare:
            // a segment the model keeps at the minimum is not one to warn of.
            if (share < options.WarnBelowVolumeShare - AbcClassifier.ShareTolerance)
                warnings.Add(new SegmentationWarning("small_segment",
                    $"Segment '{segment}' holds {ReasonFormat.Percent(share, options.WarnBelowVolumeShare)} of {unit}, under {ReasonFormat.CutoffPercent(options.WarnBelowVolumeShare)}."));
        }

        return warnings;
    }

    // A return-heavy customer must not make a segment's volume look smaller than its customers' positive business.
    internal static double VolumeWeight(double value) => double.IsNaN(value) || value < 0 ? 0 : value;
}
