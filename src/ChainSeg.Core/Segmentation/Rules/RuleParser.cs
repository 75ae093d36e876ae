namespace ChainSeg.Core.Segmentation.Rules;

// Recursive-descent parser over the tokens of one rule:
//   rule       := or END
//   or         := and ( 'or' and )*
//   and        := unary ( 'and' unary )*
//   unary      := 'not' unary | primary
//   primary    := '(' or ')' | comparison
//   comparison := METRIC OPERATOR NUMBER
// so 'not' binds tighter than 'and', and 'and' tighter than 'or'; 'and'/'or' associate to the left.
internal sealed class RuleParser
{
    private readonly string _ruleName;
    private readonly List<RuleToken> _tokens;
    private readonly IReadOnlyCollection<string> _knownMetrics;
    private readonly HashSet<string> _known;
    private readonly IReadOnlyDictionary<string, string>? _nonNumeric;
    private int _next;

    private RuleParser(string ruleName, List<RuleToken> tokens, IReadOnlyCollection<string> knownMetrics, IReadOnlyDictionary<string, string>? nonNumeric)
    {
        _ruleName = ruleName;
        _tokens = tokens;
        _knownMetrics = knownMetrics;
        _known = new HashSet<string>(knownMetrics, StringComparer.Ordinal);
        _nonNumeric = nonNumeric;
    }

    public static RuleNode Parse(string ruleName, string text, IReadOnlyCollection<string> knownMetrics, IReadOnlyDictionary<string, string>? nonNumeric = null)
    {
        var parser = new RuleParser(ruleName, RuleTokenizer.Tokenize(ruleName, text), knownMetrics, nonNumeric);
        return parser.ParseRule();
    }

    private RuleToken Current => _tokens[_next];

    private RuleNode ParseRule()
    {
        if (Current.Kind == RuleTokenKind.End)
            throw Error($"expected a metric name, 'not' or '(' at position {Current.Position}; the condition is empty", Current.Position);
        var node = ParseOr();
        if (Current.Kind == RuleTokenKind.RightParenthesis)
            throw Error($"unexpected ')' at position {Current.Position} without a matching '('", Current.Position);
        if (Current.Kind != RuleTokenKind.End)
            throw Error($"expected 'and', 'or' or the end of the rule at position {Current.Position}; found {Current.Describe()}{ChainHint()}", Current.Position);
        return node;
    }

    private RuleNode ParseOr() => ParseLeftAssociative(RuleTokenKind.Or, ParseAnd, (left, right) => new OrNode(left, right));

    private RuleNode ParseAnd() => ParseLeftAssociative(RuleTokenKind.And, ParseUnary, (left, right) => new AndNode(left, right));

    private RuleNode ParseLeftAssociative(RuleTokenKind keyword, Func<RuleNode> operand, Func<RuleNode, RuleNode, RuleNode> combine)
    {
        var left = operand();
        while (Current.Kind == keyword)
        {
            _next++;
            left = combine(left, operand());
        }

        return left;
    }

    private RuleNode ParseUnary()
    {
        if (Current.Kind != RuleTokenKind.Not)
            return ParsePrimary();
        _next++;
        return new NotNode(ParseUnary());
    }

    private RuleNode ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case RuleTokenKind.LeftParenthesis:
                _next++;
                var inner = ParseOr();
                if (Current.Kind != RuleTokenKind.RightParenthesis)
                    throw Error($"expected ')' at position {Current.Position} to close '(' at position {token.Position}; found {Current.Describe()}{ChainHint()}",
                        Current.Position);
                _next++;
                return inner;
            case RuleTokenKind.Metric:
                return ParseComparison();
            default:
                throw Error($"expected a metric name, 'not' or '(' at position {token.Position}; found {token.Describe()}{MetricFirstHint()}", token.Position);
        }
    }

    private ComparisonNode ParseComparison()
    {
        var metric = Current;
        if (!_known.Contains(metric.Text))
            throw Error(UnknownMetric(metric), metric.Position);
        _next++;

        var op = Current;
        if (op.Kind != RuleTokenKind.Operator)
            throw Error($"expected a comparison operator (>=, <=, >, <, ==, !=) after '{metric.Text}' at position {op.Position}; found {op.Describe()}",
                op.Position);
        _next++;

        var number = Current;
        if (number.Kind != RuleTokenKind.Number)
            throw Error($"expected a number after '{op.Text}' at position {number.Position}; found {number.Describe()}", number.Position);
        _next++;

        return new ComparisonNode(metric.Text, op.Operator, number.Number, metric.Position);
    }

    // "revenue > 1000 > 0" (a chain, as in maths) stops at its second operator: say how to write it.
    private string ChainHint() => Current.Kind == RuleTokenKind.Operator
        ? "; compare a metric with one number at a time and join comparisons with 'and'"
        : "";

    // "250000 <= revenue": the comparison the writer meant, metric first with the operator turned round.
    private string MetricFirstHint()
    {
        if (Current.Kind != RuleTokenKind.Number || _next + 2 >= _tokens.Count)
            return "";
        var (op, metric) = (_tokens[_next + 1], _tokens[_next + 2]);
        return op.Kind == RuleTokenKind.Operator && metric.Kind == RuleTokenKind.Metric
            ? $"; put the metric first: {metric.Text} {ComparisonOperatorText.Ascii(ComparisonOperatorText.Mirror(op.Operator))} {Current.Text}"
            : "";
    }

    private string UnknownMetric(RuleToken metric)
    {
        // The column is there (demand_class > 1): "unknown" would send the user looking for a misspelling.
        var at = $" at position {metric.Position}";
        return _nonNumeric is not null && _nonNumeric.TryGetValue(metric.Text, out var holds)
            ? CustomerMetricSet.NonNumericMetricMessage(metric.Text, holds, "rules compare", _knownMetrics, at)
            : CustomerMetricSet.UnknownMetricMessage(metric.Text, _knownMetrics, at);
    }

    private RuleSyntaxException Error(string detail, int position) => new(_ruleName, detail, position);
}
