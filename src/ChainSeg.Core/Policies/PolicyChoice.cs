namespace ChainSeg.Core.Policies;

/// <summary>The policy a segment gets from a <see cref="PolicyBook"/>, and which entry decided it.</summary>
/// <param name="Segment">The segment looked up; null when the customer has none.</param>
/// <param name="Policy">The policy that applies.</param>
/// <param name="IsFallback">True when no entry matched and the book's fallback policy applies.</param>
/// <param name="Explanation">Which entry decided, e.g. "segment inactive has no policy → fallback policy".</param>
public sealed record PolicyChoice(string? Segment, ServicePolicy Policy, bool IsFallback, string Explanation)
{
    /// <summary>Short name for rule texts: the segment, or e.g. "inactive (fallback policy)".</summary>
    public string Label { get; } = IsFallback ? $"{Segment ?? "no segment"} (fallback policy)" : Segment!;
}
