namespace ChainSeg.Core.Segmentation.Rules;

// How a rule's reasons and warnings print a comparison's threshold, as written or moved by a hysteresis margin.
internal static class RuleThresholdText
{
    // A written threshold with every digit written (money with at least two); a percentile's to four decimals, as the values
    // beside it (money with two to four).
    public static string Shown(ComparisonNode node) => (node.Percentile, ReasonFormat.IsMoney(node.Metric)) switch
    {
        (null, false) => ReasonFormat.Threshold(node.Threshold),
        (null, true) => ReasonFormat.CutoffTwoDecimals(node.Threshold),
        (_, false) => ReasonFormat.Number(node.Threshold),
        (_, true) => ReasonFormat.MoneyPercentile(node.Threshold),
    };

    // The threshold moved by a margin, at the precision the threshold as shown and the margin give it (ReasonFormat.MovedThreshold).
    public static string Moved(ComparisonNode node, string shown, double moved, double margin) =>
        ReasonFormat.MovedThreshold(moved, shown, margin, ReasonFormat.IsMoney(node.Metric));
}
