namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A rule condition bound to the columns of one metric table: evaluate and explain it per customer row.</summary>
public sealed class CompiledRule
{
    private readonly Condition _root;

    internal CompiledRule(RuleExpression expression, CustomerMetricSet metrics)
    {
        Expression = expression;
        RowCount = metrics.Count;
        Root = Resolve(expression.Root, metrics);
        _root = Bind(Root, metrics);
    }

    /// <summary>The parsed condition.</summary>
    public RuleExpression Expression { get; }

    /// <summary>The condition with every percentile threshold resolved against the bound table (the parsed tree when it has none).</summary>
    public RuleNode Root { get; }

    /// <summary>Number of customer rows of the bound table.</summary>
    public int RowCount { get; }

    /// <summary>
    /// Whether the customer at the row satisfies the condition. A comparison of a missing metric is unknown, as in SQL, and
    /// so is its <c>not</c>: a condition that stays unknown is not satisfied (<c>not mean_interorder_days &gt; 31</c> does
    /// not hold for a customer with one order, who has no interval).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, RowCount).</exception>
    public bool IsSatisfiedBy(int row)
    {
        CheckRow(row);
        return _root.Evaluate(row, 0) == true;
    }

    /// <summary>
    /// Whether the condition holds with every threshold moved by a relative slack: a positive slack eases each comparison
    /// (<c>revenue &gt;= t</c> becomes <c>revenue &gt;= t − s·|t|</c>, <c>&lt;=</c> moves up), a negative one hardens it;
    /// under <c>not</c> the direction flips, so the whole condition eases or hardens. <c>==</c> and <c>!=</c> do not move.
    /// </summary>
    /// <param name="row">The customer row.</param>
    /// <param name="slack">Relative slack, e.g. 0.1 to ease by 10 %, −0.1 to harden by 10 %.</param>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, RowCount).</exception>
    public bool IsSatisfiedBy(int row, double slack)
    {
        CheckRow(row);
        return _root.Evaluate(row, slack) == true;
    }

    /// <summary>
    /// The facts that decide the outcome for the customer, with the actual values, e.g.
    /// "revenue 312,400 ≥ 250,000 and orders_per_month 5.2 ≥ 4" (or, when false, why: "revenue 1,200 &lt; 250,000").
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, RowCount).</exception>
    public string Explain(int row) => Explain(row, 0);

    /// <summary>
    /// The facts that decide the outcome with every threshold moved by a relative slack, as <see cref="IsSatisfiedBy(int, double)"/>
    /// weighs them: "revenue 260,000 &lt; 275,000" for <c>revenue &gt;= 250000</c> hardened by 10 % (slack −0.1).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, RowCount).</exception>
    public string Explain(int row, double slack)
    {
        CheckRow(row);
        var facts = new List<string>();
        _root.Explain(row, _root.Evaluate(row, slack) == true, facts, slack);
        return string.Join(" and ", facts.Distinct(StringComparer.Ordinal));
    }

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
    }

    // A percentile becomes the number it is among the table's customers; the node keeps the percentile, for reasons.
    private static RuleNode Resolve(RuleNode node, CustomerMetricSet metrics) => node switch
    {
        ComparisonNode { Percentile: { } percent } c => c with { Threshold = metrics.Percentile(c.Metric, percent / 100) },
        AndNode a => new AndNode(Resolve(a.Left, metrics), Resolve(a.Right, metrics)),
        OrNode o => new OrNode(Resolve(o.Left, metrics), Resolve(o.Right, metrics)),
        NotNode n => new NotNode(Resolve(n.Operand, metrics)),
        _ => node,
    };

    private static Condition Bind(RuleNode node, CustomerMetricSet metrics) => node switch
    {
        ComparisonNode c => new Comparison(c, metrics.ColumnValues(c.Metric)),
        TextMatchNode t => new TextMatch(t, metrics.TextValues(t.Metric)),
        AndNode a => new All(Bind(a.Left, metrics), Bind(a.Right, metrics)),
        OrNode o => new Any(Bind(o.Left, metrics), Bind(o.Right, metrics)),
        NotNode n => new Negation(Bind(n.Operand, metrics)),
        _ => throw new ArgumentOutOfRangeException(nameof(node), node, "Unknown rule node."),
    };

    // Each node explains an outcome it is told, so 'not' can ask its operand why it was false. Evaluation is three-valued
    // (Kleene, as SQL): null is unknown, from a comparison of a missing metric.
    private abstract class Condition
    {
        public abstract bool? Evaluate(int row, double slack);

        public abstract void Explain(int row, bool outcome, List<string> facts, double slack);
    }

    // A percentile's threshold is the one the customers bound gave; it is shown with the percentile it is ("0.93 (p50)"), and
    // is unknown (as a missing value) when no customer has the metric.
    private sealed class Comparison(ComparisonNode node, double[] column) : Condition
    {
        // Money to the cent (values and thresholds), as customer_metrics.csv writes it.
        private readonly bool _money = ReasonFormat.IsMoney(node.Metric);

        private readonly string _threshold = RuleThresholdText.Shown(node);
        private readonly string _percentile = node.Percentile is { } percent ? $" ({PercentileThreshold.Spell(percent)})" : "";

        public override bool? Evaluate(int row, double slack) =>
            double.IsNaN(column[row]) || double.IsNaN(node.Threshold) ? null : ComparisonOperatorText.Holds(node.Operator, column[row], ComparisonOperatorText.Moved(node.Operator, node.Threshold, slack));

        public override void Explain(int row, bool outcome, List<string> facts, double slack)
        {
            var value = column[row];
            if (double.IsNaN(value))
            {
                facts.Add($"{node.Metric} missing");
                return;
            }

            var op = outcome ? node.Operator : ComparisonOperatorText.Negate(node.Operator);
            var threshold = ComparisonOperatorText.Moved(node.Operator, node.Threshold, slack);
            var text = threshold == node.Threshold ? _threshold : RuleThresholdText.Moved(node, _threshold, threshold, slack);
            var valueText = _money ? ReasonFormat.TwoDecimals(value, threshold) : ReasonFormat.Number(value, threshold, text);
            facts.Add($"{node.Metric} {valueText} {ComparisonOperatorText.Symbol(op)} {text}{_percentile}");
        }
    }

    // Texts do not move with a slack: a region is in the list or not.
    private sealed class TextMatch : Condition
    {
        private readonly TextMatchNode _node;
        private readonly string?[] _column;
        // Whether each row's text is one of the node's texts (null: missing), decided once per distinct text: its key
        // (RuleText) is a new string, and rules are evaluated row by row, in rule order and again under a margin.
        private readonly bool?[] _among;

        public TextMatch(TextMatchNode node, string?[] column)
        {
            _node = node;
            _column = column;
            var keys = node.Values.Select(RuleText.Key).ToHashSet(StringComparer.Ordinal);
            var decided = new Dictionary<string, bool>(StringComparer.Ordinal);
            _among = new bool?[column.Length];
            for (var row = 0; row < column.Length; row++)
            {
                if (column[row] is not { } value)
                    continue;
                if (!decided.TryGetValue(value, out var among))
                    decided[value] = among = keys.Contains(RuleText.Key(value));
                _among[row] = among;
            }
        }

        public override bool? Evaluate(int row, double slack) => _among[row] is { } among ? among != _node.Negated : null;

        public override void Explain(int row, bool outcome, List<string> facts, double slack)
        {
            if (_among[row] is not { } among)
            {
                facts.Add($"{_node.Metric} missing");
                return;
            }

            var value = Quoted(_column[row]!);
            facts.Add(_node.IsList
                ? $"{_node.Metric} {value} {(among ? "in" : "not in")} ({string.Join(", ", _node.Values.Select(Quoted))})"
                : $"{_node.Metric} {value} {(among ? "=" : "≠")} {Quoted(_node.Values[0])}");
        }

        private static string Quoted(string text) => $"'{text.Replace("'", "''", StringComparison.Ordinal)}'";
    }

    private sealed class All(Condition left, Condition right) : Condition
    {
        public override bool? Evaluate(int row, double slack) => (left.Evaluate(row, slack), right.Evaluate(row, slack)) switch
        {
            (false, _) or (_, false) => false,
            (true, true) => true,
            _ => null,
        };

        // Not holding: the false side, else the unknown sides (both, when both are unknown).
        public override void Explain(int row, bool outcome, List<string> facts, double slack)
        {
            var (l, r) = (left.Evaluate(row, slack), right.Evaluate(row, slack));
            if (outcome || l == false || (l is null && r != false))
                left.Explain(row, outcome, facts, slack);
            if (outcome || (l != false && r != true))
                right.Explain(row, outcome, facts, slack);
        }
    }

    private sealed class Any(Condition left, Condition right) : Condition
    {
        public override bool? Evaluate(int row, double slack) => (left.Evaluate(row, slack), right.Evaluate(row, slack)) switch
        {
            (true, _) or (_, true) => true,
            (false, false) => false,
            _ => null,
        };

        public override void Explain(int row, bool outcome, List<string> facts, double slack)
        {
            if (!outcome)
            {
                left.Explain(row, false, facts, slack);
                right.Explain(row, false, facts, slack);
            }
            else if (left.Evaluate(row, slack) == true)
                left.Explain(row, true, facts, slack);
            else
                right.Explain(row, true, facts, slack);
        }
    }

    private sealed class Negation(Condition operand) : Condition
    {
        public override bool? Evaluate(int row, double slack) => !operand.Evaluate(row, -slack);

        public override void Explain(int row, bool outcome, List<string> facts, double slack) => operand.Explain(row, !outcome, facts, -slack);
    }
}
