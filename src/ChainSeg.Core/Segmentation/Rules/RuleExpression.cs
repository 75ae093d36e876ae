namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// A parsed rule condition (a <c>when</c> string of ARCHITECTURE.md §4): metric names, numbers, the comparisons
/// <c>&gt;= &lt;= &gt; &lt; == !=</c>, <c>and</c>, <c>or</c>, <c>not</c> and parentheses, with precedence not &gt; and &gt; or.
/// </summary>
/// <remarks>
/// A comparison is <c>metric OP number</c>, or a text column compared with quoted texts: <c>region == 'EU'</c>,
/// <c>region != 'EU'</c>, <c>channel in ('retail', 'online')</c>, <c>channel not in (…)</c>, ignoring case (<see cref="RuleText"/>, <see cref="TextMatchNode"/>).
/// Numbers are invariant culture (<c>0.95</c>, <c>250000</c>, <c>-100</c>, <c>1e6</c>) and may end in <c>%</c>
/// (<c>95%</c> = 0.95). A threshold may instead be a percentile of the metric among the customers segmented, <c>p80</c> or
/// <c>median</c> (<see cref="PercentileThreshold"/>), with <c>&gt;= &lt;= &gt; &lt;</c>; it is known when the rule is compiled. Keywords are case-insensitive; metric names are case-sensitive. ≥, ≤ and ≠ are accepted as well.
/// A missing value (NaN, or no text) makes its comparison unknown, <c>!=</c> included, and so is its <c>not</c>:
/// <c>not (otif &gt;= 0.95)</c> does not hold for a customer without an OTIF value (see <see cref="CompiledRule"/>).
/// </remarks>
public sealed class RuleExpression
{
    private RuleExpression(string ruleName, string text, RuleNode root)
    {
        RuleName = ruleName;
        Text = text;
        Root = root;
        Metrics = Comparisons(root).Select(c => c switch { TextMatchNode t => t.Metric, _ => ((ComparisonNode)c).Metric }).Distinct(StringComparer.Ordinal).ToArray();
        TextMatches = Comparisons(root).OfType<TextMatchNode>().ToArray();
        NumericComparisons = Comparisons(root).OfType<ComparisonNode>().ToArray();
    }

    /// <summary>What a non-numeric column holds (<c>Parse</c>'s <c>nonNumericColumns</c>) when rules compare it with quoted texts.</summary>
    public const string TextColumn = "text";

    /// <summary>The rule the condition belongs to (its segment name), used in messages.</summary>
    public string RuleName { get; }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The syntax tree.</summary>
    public RuleNode Root { get; }

    /// <summary>The metrics the condition reads, numeric and text, in order of first use.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>The comparisons of text columns with quoted texts, in the order written.</summary>
    public IReadOnlyList<TextMatchNode> TextMatches { get; }

    /// <summary>The comparisons of numeric metrics with numbers, in the order written (under <c>not</c> as written, not negated).</summary>
    public IReadOnlyList<ComparisonNode> NumericComparisons { get; }

    /// <summary>Parses a condition, checking every metric name against the known ones.</summary>
    /// <param name="ruleName">The rule (segment) name, for messages.</param>
    /// <param name="text">The condition, e.g. <c>revenue &gt;= 250000 and orders_per_month &gt;= 4</c>.</param>
    /// <param name="knownMetrics">Metric names the condition may use (the columns of <c>customer_metrics.csv</c>).</param>
    /// <param name="nonNumericColumns">
    /// Columns beside the metrics that hold no number, with what they hold: those holding <c>text</c> (region, demand_class)
    /// are compared with quoted texts; others (dates) are named as such instead of as unknown.
    /// </param>
    /// <exception cref="RuleSyntaxException">The text is not a valid condition, names an unknown metric or a date, or compares a text with a number; the message gives the position and what was expected.</exception>
    public static RuleExpression Parse(string ruleName, string text, IReadOnlyCollection<string> knownMetrics,
        IReadOnlyDictionary<string, string>? nonNumericColumns = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ruleName);
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(knownMetrics);
        return new RuleExpression(ruleName, text, RuleParser.Parse(ruleName, text, knownMetrics, nonNumericColumns));
    }

    /// <summary>
    /// The condition spelt one way: single spaces, keywords in lower case, ASCII operators, numbers in shortest round-trip
    /// form (<c>5e4</c>, <c>50000.0</c> → <c>50000</c>; <c>20%</c> → <c>0.2</c>), texts as their <see cref="RuleText.Key"/> (upper case), single-quoted, each once
    /// and sorted (<c>in ('eu')</c> → <c>== 'EU'</c>, <c>not region in (…)</c> → <c>region not in (…)</c>), and every <c>and</c>, <c>or</c> and <c>not</c> in parentheses of its own,
    /// so conditions that parse to the same tree read alike whatever parentheses they were written with.
    /// </summary>
    /// <exception cref="RuleSyntaxException">The text is not a valid condition.</exception>
    public static string Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Any metric name is accepted: the spelling is at stake here, not whether a run's metrics have the name.
        return Spell(RuleParser.ParseAnyNames(text));
    }

    private static string Spell(RuleNode node) => node switch
    {
        ComparisonNode c => SpellComparison(c),
        TextMatchNode t => SpellTexts(t),
        AndNode a => $"({Spell(a.Left)} and {Spell(a.Right)})",
        OrNode o => $"({Spell(o.Left)} or {Spell(o.Right)})",
        // A text is in a list or not, whatever the margin, and a missing one is unknown either way: not region == 'EU' is
        // region != 'EU'. So for numbers: a missing value is unknown under both, and the margin that 'not' turns round
        // moves the negated operator's threshold the same way (not revenue >= t, eased, is revenue < t + s·|t|, as
        // revenue < t eased is), so not revenue >= 5 is revenue < 5.
        NotNode n when NegatedText(n) is { } t => SpellTexts(t),
        NotNode n when NegatedComparison(n) is { } c => Spell(c),
        NotNode n => $"(not {Spell(n.Operand)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };

    // The text comparison a chain of 'not's ends in, negated once per 'not'; null when the chain ends in anything else.
    private static TextMatchNode? NegatedText(NotNode n) => n.Operand switch
    {
        TextMatchNode t => t with { Negated = !t.Negated },
        NotNode inner when NegatedText(inner) is { } t => t with { Negated = !t.Negated },
        _ => null,
    };

    /// <summary>A numeric comparison as the canonical spelling writes it: <c>otif_rate &gt;= 0.95</c>, <c>revenue &gt;= p80</c>.</summary>
    internal static string SpellComparison(ComparisonNode c) =>
        $"{c.Metric} {ComparisonOperatorText.Ascii(c.Operator)} {(c.Percentile is { } percent ? PercentileThreshold.Spell(percent) : c.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture))}";

    // The numeric comparison a chain of 'not's ends in, its operator negated once per 'not'; null when it ends in anything else.
    private static ComparisonNode? NegatedComparison(NotNode n) => n.Operand switch
    {
        ComparisonNode c => c with { Operator = ComparisonOperatorText.Negate(c.Operator) },
        NotNode inner when NegatedComparison(inner) is { } c => c with { Operator = ComparisonOperatorText.Negate(c.Operator) },
        _ => null,
    };

    // Compared by their keys (ignoring case and how accents are encoded), so spelt as their keys: conditions spelt alike
    // compare alike; 'in' with one text is '=='.
    private static string SpellTexts(TextMatchNode t)
    {
        var values = t.Values.Select(RuleText.Key).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(v => $"'{v.Replace("'", "''", StringComparison.Ordinal)}'").ToList();
        return values.Count == 1
            ? $"{t.Metric} {(t.Negated ? "!=" : "==")} {values[0]}"
            : $"{t.Metric} {(t.Negated ? "not in" : "in")} ({string.Join(", ", values)})";
    }

    /// <summary>Binds the condition to a metric table once, for fast evaluation per customer.</summary>
    /// <exception cref="KeyNotFoundException">The table lacks a metric or text column the condition reads.</exception>
    public CompiledRule Compile(CustomerMetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var comparison in Comparisons(Root))
        {
            var missing = comparison switch
            {
                TextMatchNode t when !metrics.HasText(t.Metric) => t.Metric,
                ComparisonNode c when !metrics.HasMetric(c.Metric) => c.Metric,
                _ => null,
            };
            if (missing is not null)
                throw new KeyNotFoundException($"rule '{RuleName}': {metrics.UnknownMetricMessage(missing)}.");
        }

        return new CompiledRule(this, metrics);
    }

    // The comparisons (numeric and text) in the order written.
    private static IEnumerable<RuleNode> Comparisons(RuleNode node) => node switch
    {
        ComparisonNode or TextMatchNode => [node],
        AndNode a => Comparisons(a.Left).Concat(Comparisons(a.Right)),
        OrNode o => Comparisons(o.Left).Concat(Comparisons(o.Right)),
        NotNode n => Comparisons(n.Operand),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };
}
