namespace ChainSeg.Core.Allocation;

/// <summary>The allocation of one open order line.</summary>
/// <param name="LineId">Order line key.</param>
/// <param name="CustomerId">Ordering customer.</param>
/// <param name="Segment">The customer's segment.</param>
/// <param name="Sku">Ordered SKU.</param>
/// <param name="LocationId">Ship-from location, or null.</param>
/// <param name="Ordered">Open quantity.</param>
/// <param name="Allocated">Units allocated to the line.</param>
/// <param name="FillRatio">Allocated ÷ ordered.</param>
/// <param name="Tier">The segment's priority tier.</param>
/// <param name="Rule">The rule that decided the allocation.</param>
/// <param name="Reason">One line in words, with the numbers behind the rule.</param>
public sealed record LineAllocation(
    string LineId,
    string CustomerId,
    string Segment,
    string Sku,
    string? LocationId,
    double Ordered,
    double Allocated,
    double FillRatio,
    int Tier,
    AllocationRule Rule,
    string Reason);
