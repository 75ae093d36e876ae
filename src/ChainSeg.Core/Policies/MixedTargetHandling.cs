namespace ChainSeg.Core.Policies;

/// <summary>
/// What to do when the segments sharing a pooled stock mix cycle-service-level and fill-rate targets: a 95 % CSL is not a
/// 95 % fill rate, so they can be neither compared nor averaged as they stand.
/// </summary>
public enum MixedTargetHandling
{
    /// <summary>
    /// Compute the safety stock each segment's own target needs on the pooled stock and let the largest decide (<c>strictest</c>,
    /// the default): its segment and definition drive the row; under <c>demand_weighted</c> the others are converted to its kind.
    /// </summary>
    Strictest,

    /// <summary>Refuse with an error naming the segments and their targets (<c>refuse</c>).</summary>
    Refuse,

    /// <summary>
    /// Convert fill-rate targets to the CSL their reorder point gives on the SKU-location's lead-time demand (<c>convert_to_csl</c>);
    /// one met with no stock (a CSL of 0) is taken as 1e-6.
    /// </summary>
    ConvertToCsl,

    /// <summary>Convert CSL targets to the fill rate their reorder point gives with the order quantity (<c>convert_to_fill_rate</c>).</summary>
    ConvertToFillRate,
}
