namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>One ordered rule of a rules model: customers satisfying <paramref name="When"/> go to <paramref name="Segment"/>.</summary>
/// <param name="Segment">Target segment, e.g. "strategic".</param>
/// <param name="When">Condition, e.g. "revenue &gt;= 250000 and orders_per_month &gt;= 4".</param>
public sealed record SegmentRule(string Segment, string When)
{
    /// <summary>
    /// Where this rule's customers go when its segment is under <c>min_segment_share</c>: the first viable segment listed, or,
    /// none being viable, they stay in <see cref="Segment"/>. Empty: the model's <see cref="SmallSegmentMerge"/> decides.
    /// </summary>
    public IReadOnlyList<string> MergeInto { get; init; } = [];
}
