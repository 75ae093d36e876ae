namespace ChainSeg.Core.Policies;

/// <summary>How a SKU-location's service target follows from the targets of the segments it serves.</summary>
public enum TargetAggregation
{
    /// <summary>The highest segment target applies to the pooled stock (<c>highest</c>): no segment is under-served, stock costs most.</summary>
    Highest,

    /// <summary>Segment targets weighted by each segment's share of mean demand, applied to the pooled stock (<c>demand_weighted</c>).</summary>
    DemandWeighted,

    /// <summary>A separate safety stock per segment at its own target, none below 0, summed (<c>segment_reserves</c>): no risk pooling between segments.</summary>
    SegmentReserves,
}
