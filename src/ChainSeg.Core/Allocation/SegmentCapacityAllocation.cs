namespace ChainSeg.Core.Allocation;

/// <summary>A segment's share of the peak capacity.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Demand">Units demanded.</param>
/// <param name="Volume">Units allocated (to be served).</param>
/// <param name="ServiceShare">Volume ÷ demand (1 when there is no demand).</param>
/// <param name="MinimumServiceShare">Committed share.</param>
/// <param name="Contribution">Volume × unit contribution.</param>
/// <param name="Limit">What holds the volume where it is.</param>
/// <param name="ReducedCost">Change in total contribution per extra unit of volume forced on the segment, at the
/// current capacity prices (unit contribution − Σ usage × shadow price); 0 when the volume is set by capacity.</param>
public sealed record SegmentCapacityAllocation(
    string Segment,
    double Demand,
    double Volume,
    double ServiceShare,
    double MinimumServiceShare,
    double Contribution,
    VolumeLimit Limit,
    double ReducedCost);
