namespace ChainSeg.Core.Segmentation;

/// <summary>A non-fatal finding about a segmentation result (a guard from DEFINITIONS.md or a degenerate input).</summary>
/// <param name="Kind">Stable snake_case code, e.g. <c>too_many_segments</c>, <c>small_segment</c>, <c>no_positive_value</c>.</param>
/// <param name="Message">One readable line naming the segment or metric and the numbers involved.</param>
public sealed record SegmentationWarning(string Kind, string Message)
{
    /// <summary>
    /// How a <c>metric_without_values</c> warning opens, and the hint it gives after "load the data it needs": with why the data
    /// says the metric is empty ("gross_margin needs …; neither is in the data") in the opening and no hint, else the opening alone and <paramref name="hint"/>.
    /// </summary>
    public static (string Opening, string Hint) NoValue(string metric, IReadOnlyDictionary<string, string>? missingInputs, string hint) =>
        missingInputs?.GetValueOrDefault(metric) is { } why ? ($"no customer has a value for {metric} ({why})", "") : ($"no customer has a value for {metric}", hint);
}
