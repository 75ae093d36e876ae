using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>Demand one segment places on a SKU-location: mean and standard deviation per period.</summary>
public sealed record SegmentDemand
{
    /// <summary>Creates a segment's demand.</summary>
    /// <exception cref="ArgumentException">segment is blank.</exception>
    public SegmentDemand(string segment, DemandRate demand)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        ArgumentNullException.ThrowIfNull(demand);
        Segment = segment;
        Demand = demand;
    }

    /// <summary>The segment.</summary>
    public string Segment { get; }

    /// <summary>Its demand per period at this SKU-location; a zero mean means the segment does not draw on it.</summary>
    public DemandRate Demand { get; }
}
