namespace ChainSeg.Core.Segmentation;

/// <summary>A non-fatal finding about a segmentation result (a guard from DEFINITIONS.md or a degenerate input).</summary>
/// <param name="Kind">Stable snake_case code, e.g. <c>too_many_segments</c>, <c>small_segment</c>, <c>no_positive_value</c>.</param>
/// <param name="Message">One readable line naming the segment or metric and the numbers involved.</param>
public sealed record SegmentationWarning(string Kind, string Message);
