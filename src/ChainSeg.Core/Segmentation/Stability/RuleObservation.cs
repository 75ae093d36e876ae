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

    /// <summary>Rules (by index) whose merged-away customers went this period to a segment the rule's own merge_into lists, not as <see cref="MergeInto"/> says: that segment.</summary>
    public IReadOnlyDictionary<int, string> ListedMerges { get; init; } = new Dictionary<int, string>();

    /// <summary>The first rule the customer satisfies as written, merged away or not; -1 when none does.</summary>
    public int RawRule { get; init; } = -1;

    /// <summary>
    /// The facts that decide a rule (by index) for the customer with its thresholds moved by a relative slack
    /// (<see cref="CompiledRule.Explain(int, double)"/>), for the reasons to name the eased or hardened thresholds; null leaves them out.
    /// </summary>
    public Func<int, double, string>? Facts { get; init; }
}
