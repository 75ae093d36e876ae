namespace ChainSeg.Core.Allocation;

/// <summary>A segment's fill over all SKUs after shortage allocation.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Tier">Priority tier.</param>
/// <param name="Lines">Open order lines of the segment.</param>
/// <param name="Ordered">Units ordered.</param>
/// <param name="Allocated">Units allocated.</param>
/// <param name="FillRate">Allocated ÷ ordered (the unit fill rate, <c>fill.unit</c>).</param>
/// <param name="MinimumFill">Guaranteed fill per SKU (0 = none).</param>
/// <param name="GuaranteeMet">True when every SKU got at least the guaranteed share of the segment's demand.</param>
/// <param name="AllocatedMargin">Σ allocated × unit margin over lines that carry a margin; null when none does.</param>
public sealed record SegmentFill(
    string Segment,
    int Tier,
    int Lines,
    double Ordered,
    double Allocated,
    double FillRate,
    double MinimumFill,
    bool GuaranteeMet,
    double? AllocatedMargin);
