using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// A customer's rule outcomes in one period, for margin hysteresis on a rules model: which rules hold with their thresholds
/// eased by the margin and which hold with them hardened by it.
/// </summary>
/// <param name="RawSegment">The segment the model assigned this period (merges included).</param>
/// <param name="RuleSegments">Segment of each rule, in match order.</param>
/// <param name="HoldsEased">Per rule: holds with thresholds eased by the margin.</param>
/// <param name="HoldsHardened">Per rule: holds with thresholds hardened by the margin.</param>
/// <param name="Fallback">The segment of customers no rule matches.</param>
/// <param name="Merged">Segments too small this period, merged away: nobody can be held in them.</param>
public sealed record RuleObservation(
    string RawSegment,
    IReadOnlyList<string> RuleSegments,
    IReadOnlyList<bool> HoldsEased,
    IReadOnlyList<bool> HoldsHardened,
    string Fallback,
    IReadOnlySet<string> Merged) : PeriodObservation
{
    /// <summary>Where the customers of a merged-away segment went this period (the model's <c>merge_into</c>).</summary>
    public SmallSegmentMerge MergeInto { get; init; } = SmallSegmentMerge.Fallback;
}
