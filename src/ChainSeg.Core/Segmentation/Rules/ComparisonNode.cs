namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A comparison <c>metric OP number</c>, e.g. <c>revenue &gt;= 250000</c>, or <c>metric OP percentile</c>, e.g. <c>revenue &gt;= p80</c>.</summary>
/// <param name="Metric">Metric name from <c>customer_metrics.csv</c>.</param>
/// <param name="Operator">The comparison.</param>
/// <param name="Threshold">The number, with a written percentage already divided by 100; NaN for a percentile until the rule is
/// compiled against the customers it segments.</param>
/// <param name="Position">1-based position of the metric name in the rule text.</param>
public sealed record ComparisonNode(string Metric, ComparisonOperator Operator, double Threshold, int Position) : RuleNode
{
    /// <summary>The percentile the threshold is (90 for <c>p90</c>, 50 for <c>median</c>) among the customers segmented, or null for a written number.</summary>
    public double? Percentile { get; init; }

    /// <summary>The number as written when it is a percentage (<c>10%</c>, read as 0.1), else null.</summary>
    public string? PercentWritten { get; init; }
}
