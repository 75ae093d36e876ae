namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// A parsed rule condition (a <c>when</c> string of ARCHITECTURE.md §4): metric names, numbers, the comparisons
/// <c>&gt;= &lt;= &gt; &lt; == !=</c>, <c>and</c>, <c>or</c>, <c>not</c> and parentheses, with precedence not &gt; and &gt; or.
/// </summary>
/// <remarks>
/// A comparison is always <c>metric OP number</c>. Numbers are invariant culture (<c>0.95</c>, <c>250000</c>, <c>-100</c>,
/// <c>1e6</c>) and may end in <c>%</c> (<c>95%</c> = 0.95). Keywords are case-insensitive; metric names are case-sensitive.
/// ≥, ≤ and ≠ are accepted as well. A missing metric value (NaN) makes its comparison unknown, <c>!=</c> included, and
/// so is its <c>not</c>: <c>not (otif &gt;= 0.95)</c> does not hold for a customer without an OTIF value (see <see cref="CompiledRule"/>).
/// </remarks>
public sealed class RuleExpression
{
    private RuleExpression(string ruleName, string text, RuleNode root)
    {
        RuleName = ruleName;
        Text = text;
        Root = root;
        Metrics = CollectMetrics(root).Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The rule the condition belongs to (its segment name), used in messages.</summary>
    public string RuleName { get; }

    /// <summary>The condition as written.</summary>
    public string Text { get; }

    /// <summary>The syntax tree.</summary>
    public RuleNode Root { get; }

    /// <summary>The metrics the condition reads, in order of first use.</summary>
    public IReadOnlyList<string> Metrics { get; }

    /// <summary>Parses a condition, checking every metric name against the known ones.</summary>
    /// <param name="ruleName">The rule (segment) name, for messages.</param>
    /// <param name="text">The condition, e.g. <c>revenue &gt;= 250000 and orders_per_month &gt;= 4</c>.</param>
    /// <param name="knownMetrics">Metric names the condition may use (the columns of <c>customer_metrics.csv</c>).</param>
    /// <param name="nonNumericColumns">
    /// Columns beside the metrics that hold no number, with what they hold (demand_class: text), named as such instead of as unknown.
    /// </param>
    /// <exception cref="RuleSyntaxException">The text is not a valid condition or names an unknown or non-numeric metric; the message gives the position and what was expected.</exception>
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
    /// form (<c>5e4</c>, <c>50000.0</c> → <c>50000</c>; <c>20%</c> → <c>0.2</c>), and every <c>and</c>, <c>or</c> and <c>not</c> in
    /// parentheses of its own, so conditions that parse to the same tree read alike whatever parentheses they were written with.
    /// </summary>
    /// <exception cref="RuleSyntaxException">The text is not a valid condition.</exception>
    public static string Canonical(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // Any metric name is accepted: the spelling is at stake here, not whether a run's metrics have the name.
        var metrics = RuleTokenizer.Tokenize("canonical", text).Where(t => t.Kind == RuleTokenKind.Metric).Select(t => t.Text).Distinct(StringComparer.Ordinal).ToArray();
        return Spell(RuleParser.Parse("canonical", text, metrics));
    }

    private static string Spell(RuleNode node) => node switch
    {
        ComparisonNode c => $"{c.Metric} {ComparisonOperatorText.Ascii(c.Operator)} {c.Threshold.ToString("R", System.Globalization.CultureInfo.InvariantCulture)}",
        AndNode a => $"({Spell(a.Left)} and {Spell(a.Right)})",
        OrNode o => $"({Spell(o.Left)} or {Spell(o.Right)})",
        NotNode n => $"(not {Spell(n.Operand)})",
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };

    /// <summary>Binds the condition to a metric table once, for fast evaluation per customer.</summary>
    /// <exception cref="KeyNotFoundException">The table lacks a metric the condition reads.</exception>
    public CompiledRule Compile(CustomerMetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        foreach (var metric in Metrics)
        {
            if (!metrics.HasMetric(metric))
                throw new KeyNotFoundException($"rule '{RuleName}': {metrics.UnknownMetricMessage(metric)}.");
        }

        return new CompiledRule(this, metrics);
    }

    private static IEnumerable<string> CollectMetrics(RuleNode node) => node switch
    {
        ComparisonNode c => [c.Metric],
        AndNode a => CollectMetrics(a.Left).Concat(CollectMetrics(a.Right)),
        OrNode o => CollectMetrics(o.Left).Concat(CollectMetrics(o.Right)),
        NotNode n => CollectMetrics(n.Operand),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };
}
