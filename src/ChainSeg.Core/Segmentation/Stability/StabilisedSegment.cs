namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>A customer's segment in one period after hysteresis.</summary>
/// <param name="Period">Period index (0-based, in input order).</param>
/// <param name="RawSegment">The segment the method assigned this period, or null when the customer had none.</param>
/// <param name="Segment">The stabilised segment, or null before the customer's first assignment.</param>
/// <param name="Held">True when the raw segment differs and the move was held back.</param>
/// <param name="Reason">Why the segment is what it is, e.g. "held in B: raw A for 1 of 2 consecutive periods".</param>
public sealed record StabilisedSegment(int Period, string? RawSegment, string? Segment, bool Held, string Reason);
