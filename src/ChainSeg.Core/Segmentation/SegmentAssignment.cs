namespace ChainSeg.Core.Segmentation;

/// <summary>One customer's segment and the reason a planner can read, shared by every segmentation method.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Segment">The segment (class, cell or rule segment) the customer is in.</param>
/// <param name="Reason">Why, with the values that decided it, e.g. "A by revenue: top 78.4 % cumulative (cut-off 80 %)".</param>
public sealed record SegmentAssignment(string CustomerId, string Segment, string Reason);
