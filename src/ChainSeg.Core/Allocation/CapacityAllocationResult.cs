namespace ChainSeg.Core.Allocation;

/// <summary>A capacity allocation: volumes per segment, resource use with shadow prices, and the binding constraints.</summary>
/// <param name="Segments">One allocation per segment, in input order.</param>
/// <param name="Resources">One entry per resource, in input order.</param>
/// <param name="TotalContribution">Σ contribution over segments.</param>
/// <param name="Binding">Constraints that hold with equality: capacities, then commitments, then demands.</param>
public sealed record CapacityAllocationResult(
    IReadOnlyList<SegmentCapacityAllocation> Segments,
    IReadOnlyList<ResourceCapacityUse> Resources,
    double TotalContribution,
    IReadOnlyList<BindingConstraint> Binding);
