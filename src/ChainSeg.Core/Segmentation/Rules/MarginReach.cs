namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// Whether margin hysteresis leaves a rule's thresholds within reach of its metrics: a relative margin of 15 % hardens
/// <c>otif_rate &gt;= 0.95</c> to 1.0925, which no share reaches, so a customer held in another segment could never move
/// into the rule's segment.
/// </summary>
/// <remarks>
/// Only an upper bound can be hardened past. Hardening raises a threshold a value must reach and lowers one it must stay
/// under, each by a share of its own size: a positive threshold lowered stays positive and zero stays zero, so a metric
/// that cannot be negative (a share, a count) still reaches every threshold it reached as written. A comparison out of
/// reach as written is not reported: no margin made it so.
/// </remarks>
public static class MarginReach
{
    /// <summary>The first comparison of the rule that the margin hardens past its metric's largest value, or null.</summary>
    /// <param name="rule">The parsed rule.</param>
    /// <param name="margin">Relative margin in [0, 1) (0.1 = 10 %).</param>
    /// <param name="upperBounds">The largest value of each bounded metric (1 for a share); a metric not named is unbounded.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1).</exception>
    public static UnreachableThreshold? FirstUnreachable(RuleExpression rule, double margin, IReadOnlyDictionary<string, double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return First(rule.Root, margin, upperBounds);
    }

    /// <summary>
    /// As <see cref="FirstUnreachable(RuleExpression, double, IReadOnlyDictionary{string, double})"/>, on a rule bound to one
    /// period's customers, so a percentile threshold is judged at the value it resolved to (p90 of otif_rate is often 1).
    /// </summary>
    public static UnreachableThreshold? FirstUnreachable(CompiledRule rule, double margin, IReadOnlyDictionary<string, double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(rule);
        return First(rule.Root, margin, upperBounds);
    }

    private static UnreachableThreshold? First(RuleNode root, double margin, IReadOnlyDictionary<string, double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(upperBounds);
        Arguments.InRange(margin, ValueRange.PartialUnit, nameof(margin), "Margin");
        return Walk(root, negated: false, alternative: false, margin, upperBounds);
    }

    // Under 'not' the rule holds when the comparison does not, and the comparison is eased when the rule is hardened
    // (CompiledRule's Negation passes the slack on negated), so what the rule needs is the negated operator at the eased threshold.
    // A branch of an or (an and under not, by De Morgan) is one alternative: the rule holds by another.
    private static UnreachableThreshold? Walk(RuleNode node, bool negated, bool alternative, double margin, IReadOnlyDictionary<string, double> upperBounds) => node switch
    {
        ComparisonNode c => Check(c, negated, margin, upperBounds) is { } found ? found with { IsAlternative = alternative } : null,
        TextMatchNode => null,
        AndNode a => Walk(a.Left, negated, alternative || negated, margin, upperBounds) ?? Walk(a.Right, negated, alternative || negated, margin, upperBounds),
        OrNode o => Walk(o.Left, negated, alternative || !negated, margin, upperBounds) ?? Walk(o.Right, negated, alternative || !negated, margin, upperBounds),
        NotNode n => Walk(n.Operand, !negated, alternative, margin, upperBounds),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };

    private static UnreachableThreshold? Check(ComparisonNode comparison, bool negated, double margin, IReadOnlyDictionary<string, double> upperBounds)
    {
        // An unresolved percentile (NaN) is known only when the rule is bound to the customers it segments.
        if (double.IsNaN(comparison.Threshold) || !upperBounds.TryGetValue(comparison.Metric, out var bound))
            return null;
        var needed = negated ? ComparisonOperatorText.Negate(comparison.Operator) : comparison.Operator;
        double Hardened(double threshold, double m) => ComparisonOperatorText.Moved(comparison.Operator, threshold, negated ? m : -m);
        bool Reachable(double threshold) => needed switch
        {
            ComparisonOperator.GreaterOrEqual => threshold <= bound,
            ComparisonOperator.Greater => threshold < bound,
            _ => true,
        };

        var hardened = Hardened(comparison.Threshold, margin);
        if (!Reachable(comparison.Threshold) || Reachable(hardened))
            return null;
        // The threshold rises by m·|t| (it is positive here: a threshold at or below zero only falls toward zero), so it stays
        // within reach up to m = (bound − t) / t, and a margin m keeps thresholds up to bound / (1 + m) within reach.
        var t = comparison.Threshold;
        var largestMargin = RoundedDown((bound - t) / t, m => Reachable(Hardened(t, m)));
        var largestThreshold = RoundedDown(bound / (1 + margin), x => Reachable(Hardened(x, margin))) ?? 0;
        return new UnreachableThreshold(comparison, needed, hardened, bound, largestMargin, largestThreshold) { Margin = margin };
    }

    // The limit written as a setting would be: two decimals, or as many more (up to six) as it takes to stay above zero,
    // stepped down where the limit itself is out of reach (a strict > needs less than it).
    private static double? RoundedDown(double limit, Func<double, bool> withinReach)
    {
        for (var decimals = 2; decimals <= 6; decimals++)
        {
            var step = Math.Pow(10, -decimals);
            var value = Math.Round(Math.Floor(limit / step) * step, decimals);
            while (value > 0 && !withinReach(value))
                value = Math.Round(value - step, decimals);
            if (value > 0)
                return value;
        }

        return null;
    }
}
