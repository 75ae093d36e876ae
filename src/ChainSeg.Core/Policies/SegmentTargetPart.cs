using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>One segment's part in a SKU-location's service target.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="IsFallbackPolicy">True when the segment has no policy of its own and the fallback applied.</param>
/// <param name="FulfilmentMode">The segment's decoupling point.</param>
/// <param name="PolicyTarget">The target in the segment's policy; null for make-to-order.</param>
/// <param name="Stocked">True when the segment has demand here and its policy carries safety stock.</param>
/// <param name="DemandShare">The segment's share of all mean demand at the SKU-location (make-to-order included).</param>
/// <param name="Weight">Its share of the stocked mean demand: the weight in <c>demand_weighted</c>; 0 when not stocked.</param>
/// <param name="EffectiveTarget">The target as aggregated, after any conversion between CSL and fill rate; null when not stocked.</param>
/// <param name="SafetyStock">
/// The segment's own reserve under <c>segment_reserves</c>; under <c>strictest</c> handling of mixed targets, the safety stock its
/// own target needs on the pooled stock; null otherwise.
/// </param>
/// <remarks>
/// The reserve is kept as a number with NaN for none, not as a <see cref="Nullable{T}"/>: that is 8 bytes less on each of the
/// millions of parts a bulk run keeps (56 rather than 64).
/// </remarks>
public readonly record struct SegmentTargetPart(
    string Segment,
    bool IsFallbackPolicy,
    FulfilmentMode FulfilmentMode,
    ServiceTarget? PolicyTarget,
    bool Stocked,
    double DemandShare,
    double Weight,
    ServiceTarget? EffectiveTarget,
    double? SafetyStock)
{
    private readonly double _reserve = SafetyStock ?? double.NaN;

    /// <summary>The segment's own safety stock (see the constructor), or null.</summary>
    public double? SafetyStock => double.IsNaN(_reserve) ? null : _reserve;
}
