namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>One ordered rule of a rules model: customers satisfying <paramref name="When"/> go to <paramref name="Segment"/>.</summary>
/// <param name="Segment">Target segment, e.g. "strategic".</param>
/// <param name="When">Condition, e.g. "revenue &gt;= 250000 and orders_per_month &gt;= 4".</param>
public sealed record SegmentRule(string Segment, string When);
