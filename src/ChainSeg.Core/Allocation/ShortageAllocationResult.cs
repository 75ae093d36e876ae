namespace ChainSeg.Core.Allocation;

/// <summary>A shortage allocation: per order line (in input order), per segment and per stock point.</summary>
/// <param name="Lines">One allocation per open order line, in the order the lines were given.</param>
/// <param name="Segments">Fill per segment, by tier and then segment name.</param>
/// <param name="StockPoints">Supply and demand per stock point, by SKU and then location.</param>
public sealed record ShortageAllocationResult(
    IReadOnlyList<LineAllocation> Lines,
    IReadOnlyList<SegmentFill> Segments,
    IReadOnlyList<StockPointFill> StockPoints);
