namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>A segment of the earlier side that is, by its customers, most likely a segment of the later side under another name.</summary>
/// <param name="From">The segment's name on the earlier side.</param>
/// <param name="To">Its likely name on the later side.</param>
/// <param name="Customers">Customers in <paramref name="From"/> before and <paramref name="To"/> after.</param>
/// <param name="ShareOfFrom">Customers ÷ the customers of <paramref name="From"/> present on both sides.</param>
/// <param name="ShareOfTo">Customers ÷ the customers of <paramref name="To"/> present on both sides.</param>
public sealed record SegmentRename(string From, string To, int Customers, double ShareOfFrom, double ShareOfTo);
