namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A rule comparison that margin hysteresis hardens past the largest value its metric takes (<see cref="MarginReach"/>).</summary>
/// <param name="Comparison">The comparison as parsed.</param>
/// <param name="Needed">What the hardened rule needs of the metric: the comparison's operator, or its negation under <c>not</c>.</param>
/// <param name="Hardened">The threshold moved by the margin.</param>
/// <param name="Bound">The largest value the metric takes.</param>
/// <param name="LargestMargin">The largest margin (two decimals, more where two read 0) that keeps the comparison within reach; null when none above 0 does.</param>
/// <param name="LargestThreshold">The largest threshold (two decimals) the margin keeps within reach.</param>
public sealed record UnreachableThreshold(ComparisonNode Comparison, ComparisonOperator Needed, double Hardened, double Bound, double? LargestMargin, double LargestThreshold)
{
    /// <summary>True when the comparison is one alternative of the rule (under an or): the rule's other branches still let customers in.</summary>
    public bool IsAlternative { get; init; }

    /// <summary>The margin that hardened the threshold (0.15 = 15 %).</summary>
    public double Margin { get; init; }

    /// <summary>What the hardened rule needs, e.g. "otif_rate ≥ 1.0925", the threshold at the precision it and the margin give it.</summary>
    public string NeededText => $"{Comparison.Metric} {ComparisonOperatorText.Symbol(Needed)} {RuleThresholdText.Moved(Comparison, RuleThresholdText.Shown(Comparison), Hardened, Margin)}";
}
