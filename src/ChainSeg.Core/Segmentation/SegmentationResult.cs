namespace ChainSeg.Core.Segmentation;

/// <summary>What a segmentation method returns: one assignment and one method-specific detail per customer, plus warnings.</summary>
/// <typeparam name="TDetail">The method's detail record (e.g. <see cref="AbcDetail"/>), in the same order as the assignments.</typeparam>
/// <param name="Assignments">One per customer, in input order.</param>
/// <param name="Details">One per customer, aligned with <paramref name="Assignments"/>.</param>
/// <param name="Warnings">Guards and degenerate-input notes; empty when there is nothing to say.</param>
public sealed record SegmentationResult<TDetail>(
    IReadOnlyList<SegmentAssignment> Assignments,
    IReadOnlyList<TDetail> Details,
    IReadOnlyList<SegmentationWarning> Warnings)
{
    /// <summary>Number of customers per segment, ordered by segment name (ordinal) so output is stable.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> CountBySegment() =>
        Assignments
            .GroupBy(a => a.Segment, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new KeyValuePair<string, int>(g.Key, g.Count()))
            .ToArray();
}
