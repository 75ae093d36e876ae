namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// Comparisons of a share (from 0 to 1) with a number outside that range: <c>otif_rate &gt;= 95</c>, written for 95 %,
/// holds for no customer, and <c>otif_rate &lt; 95</c> for every one with a value, so the rule tells nobody apart.
/// </summary>
public static class ShareThresholds
{
    /// <summary>The first comparison of the rule of one of <paramref name="shares"/> with a number outside [0, 1], or null.</summary>
    /// <param name="rule">The parsed rule.</param>
    /// <param name="shares">The metrics whose every value lies in [0, 1].</param>
    public static ComparisonNode? FirstOutside(RuleExpression rule, IReadOnlyCollection<string> shares)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(shares);
        return rule.NumericComparisons.FirstOrDefault(c => shares.Contains(c.Metric) && c.Threshold is < 0 or > 1);
    }

    /// <summary>The comparison as a rule reads it, with a written percentage as its fraction: <c>otif_rate &gt;= 95</c>, <c>in_full_rate &gt;= 1.95</c>.</summary>
    public static string Spelt(ComparisonNode comparison)
    {
        ArgumentNullException.ThrowIfNull(comparison);
        return RuleExpression.SpellComparison(comparison);
    }
}
