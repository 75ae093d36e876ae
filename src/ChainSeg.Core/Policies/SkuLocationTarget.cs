using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>A SKU-location's service target and safety stock, derived from the segments it serves, and which segment drove it.</summary>
/// <param name="Aggregation">The rule applied.</param>
/// <param name="Target">
/// The pooled target (<c>highest</c>, <c>demand_weighted</c>), or under <c>segment_reserves</c> the driving segment's own target;
/// null when nothing is stocked.
/// </param>
/// <param name="SafetyStock">Safety stock: for the pooled target, or the sum of the segment reserves; 0 when nothing is stocked.</param>
/// <param name="ReorderPoint">Mean stocked protection demand plus the safety stock.</param>
/// <param name="LeadTimeDemandMean">Mean protection demand of the stocked segments: lead-time demand plus the review undershoot (make-to-order demand excluded).</param>
/// <param name="LeadTimeDemandSd">Standard deviation of the pooled stocked protection demand (segments independent).</param>
/// <param name="DrivingSegment">The segment that drove the result; null when nothing is stocked.</param>
/// <param name="Parts">Every segment's part, in input order.</param>
/// <remarks>A struct so that a <see cref="SkuLocationPolicy"/> holds it inline (see there).</remarks>
public readonly record struct SkuLocationTarget(
    TargetAggregation Aggregation,
    ServiceTarget? Target,
    double SafetyStock,
    double ReorderPoint,
    double LeadTimeDemandMean,
    double LeadTimeDemandSd,
    string? DrivingSegment,
    ArraySegment<SegmentTargetPart> Parts)
{
    /// <summary>True when some segment served here carries safety stock, so the SKU-location is stocked; false for make-to-order only.</summary>
    public bool IsStocked => DrivingSegment is not null;

    /// <summary>How the result came about, e.g. "highest of strategic 0.98 CSL, core 0.95 CSL; driven by strategic (0.98 CSL, 62.0 % of demand); …".</summary>
    /// <remarks>Written on request, not stored: formatting costs more than the arithmetic, and bulk runs often need only <see cref="DrivingSegment"/>.</remarks>
    public string Explain() => SkuLocationExplanation.Write(this);

    /// <summary>The segment behind the result: "driven by strategic (0.98 CSL, 62.0 % of demand)", or "no safety stock".</summary>
    public string DrivenBy() => SkuLocationExplanation.DrivenBy(this);

    /// <summary>The short form for a row: <see cref="DrivenBy"/>, after the weighted target under demand_weighted ("demand_weighted 0.9686 CSL; driven by …").</summary>
    public string Summary() => SkuLocationExplanation.Summary(this);
}
