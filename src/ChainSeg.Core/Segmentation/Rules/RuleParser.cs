namespace ChainSeg.Core.Segmentation.Rules;

// Recursive-descent parser over the tokens of one rule:
//   rule       := or END
//   or         := and ( 'or' and )*
//   and        := unary ( 'and' unary )*
//   unary      := 'not' unary | primary
//   primary    := '(' or ')' | comparison
//   comparison := METRIC OPERATOR (NUMBER | PERCENTILE) | TEXT_COLUMN ('==' | '!=') TEXT | TEXT_COLUMN ['not'] 'in' '(' TEXT (',' TEXT)* ')'
// PERCENTILE is p followed by a number above 0 and below 100 (p90, p2.5) or median, any case. So 'not' binds tighter than 'and', and 'and' tighter than 'or'; 'and'/'or' associate to the left.
internal sealed class RuleParser
{
    private readonly string _ruleName;
    private readonly List<RuleToken> _tokens;
    private readonly IReadOnlyCollection<string> _knownMetrics;
    private readonly HashSet<string> _known;
    private readonly IReadOnlyDictionary<string, string>? _nonNumeric;
    // Any name is a metric, numeric or text by what it is compared with (for a condition's spelling alone).
    private readonly bool _anyName;
    private int _next;
    // The text column compared last, for the hint on a text written without its column ("region == 'EU' or 'UK'").
    private string? _lastTextColumn;

    private RuleParser(string ruleName, List<RuleToken> tokens, IReadOnlyCollection<string> knownMetrics, IReadOnlyDictionary<string, string>? nonNumeric,
        bool anyName)
    {
        _ruleName = ruleName;
        _tokens = tokens;
        _knownMetrics = knownMetrics;
        _known = new HashSet<string>(knownMetrics, StringComparer.Ordinal);
        _nonNumeric = nonNumeric;
        _anyName = anyName;
    }

    public static RuleNode Parse(string ruleName, string text, IReadOnlyCollection<string> knownMetrics, IReadOnlyDictionary<string, string>? nonNumeric = null)
    {
        var parser = new RuleParser(ruleName, RuleTokenizer.Tokenize(ruleName, text), knownMetrics, nonNumeric, anyName: false);
        return parser.ParseRule();
    }

    /// <summary>Parses a condition whatever metric names it uses: a name compared with a text is a text column.</summary>
    public static RuleNode ParseAnyNames(string text) =>
        new RuleParser("canonical", RuleTokenizer.Tokenize("canonical", text), [], null, anyName: true).ParseRule();

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

    private RuleToken Peek(int ahead) => _tokens[Math.Min(_next + ahead, _tokens.Count - 1)];

    private RuleNode ParseComparison()
    {
        var metric = Current;
        var isText = _anyName
            ? Peek(1).Kind is RuleTokenKind.In or RuleTokenKind.Not || Peek(2).Kind == RuleTokenKind.Text
            : _nonNumeric is not null && _nonNumeric.TryGetValue(metric.Text, out var holds) && holds == RuleExpression.TextColumn;
        if (!isText && !_anyName && !_known.Contains(metric.Text) && PercentileThreshold.TryParse(metric.Text, out _))
            throw Error($"expected a metric name, 'not' or '(' at position {metric.Position}; found the percentile '{metric.Text}'{PercentileFirstHint(metric)}", metric.Position);
        if (!isText && !_anyName && !_known.Contains(metric.Text))
            throw Error(UnknownMetric(metric), metric.Position);
        _next++;
        if (isText)
            return ParseTextMatch(metric);

        var op = Current;
        if (op.Kind == RuleTokenKind.In || (op.Kind == RuleTokenKind.Not && Peek(1).Kind == RuleTokenKind.In))
            throw Error($"'in' at position {op.Position} compares a text column with a list of texts, and {metric.Text} is numeric; compare it with a number (>=, <=, >, <, ==, !=)",
                op.Position);
        if (op.Kind != RuleTokenKind.Operator)
            throw Error($"expected a comparison operator (>=, <=, >, <, ==, !=) after '{metric.Text}' at position {op.Position}; found {op.Describe()}",
                op.Position);
        _next++;

        var number = Current;
        if (number.Kind == RuleTokenKind.Text)
            throw Error($"expected a number after '{op.Text}' at position {number.Position}; found {number.Describe()}, but {metric.Text} is a numeric metric (texts compare with text columns such as region or demand_class)",
                number.Position);
        if (number.Kind == RuleTokenKind.Metric && PercentileThreshold.TryParse(number.Text, out var percent))
            return ParsePercentile(metric, op, number, percent);
        if (number.Kind != RuleTokenKind.Number)
            throw Error($"expected a number or a percentile (p90, median) after '{op.Text}' at position {number.Position}; found {number.Describe()}{OtherMetricHint(metric, number)}{SpacedPercentileHint(number)}",
                number.Position);
        _next++;

        // The text of a percentage is kept: on a metric in money or days it is a slip (revenue >= 10% for the top 10 %),
        // which only the metrics' definitions can tell.
        return new ComparisonNode(metric.Text, op.Operator, number.Number, metric.Position) { PercentWritten = number.Text.EndsWith('%') ? number.Text : null };
    }

    // revenue >= p80: the threshold is the metric's 80th percentile among the customers segmented, known when the rule is
    // compiled against them. Equality with an interpolated percentile holds for almost nobody, so only order comparisons take one.
    private ComparisonNode ParsePercentile(RuleToken metric, RuleToken op, RuleToken percentile, double percent)
    {
        if (op.Operator is ComparisonOperator.Equal or ComparisonOperator.NotEqual)
            throw Error($"'{op.Text}' at position {op.Position} compares {metric.Text} with its percentile {percentile.Text}, which a value equals only by chance; compare with >=, <=, > or < (e.g. {metric.Text} >= {percentile.Text})",
                op.Position);
        if (!PercentileThreshold.IsValid(percent))
            throw Error($"the percentile {percentile.Text} at position {percentile.Position} names no percentile a rule can split at (they lie above p0 and below p100); write one between, e.g. p90 or median (p50)",
                percentile.Position);
        _next++;
        return new ComparisonNode(metric.Text, op.Operator, double.NaN, metric.Position) { Percentile = percent };
    }

    // "p80 <= revenue": a percentile where the metric goes is no unknown metric; turned round as "250000 <= revenue" is.
    private string PercentileFirstHint(RuleToken percentile) => (Peek(1), Peek(2)) is ({ Kind: RuleTokenKind.Operator } op, { Kind: RuleTokenKind.Metric } metric)
        ? $"; put the metric first: {metric.Text} {ComparisonOperatorText.Ascii(ComparisonOperatorText.Mirror(op.Operator))} {percentile.Text}"
        : $"; a rule compares a metric with its percentile, e.g. revenue >= {percentile.Text}";

    // "revenue >= p 80": the percentile written apart from its number.
    private string SpacedPercentileHint(RuleToken found) =>
        found is { Kind: RuleTokenKind.Metric, Text: "p" or "P" } && Peek(1) is { Kind: RuleTokenKind.Number } number
            ? $"; write the percentile without a space: {found.Text}{number.Text}"
            : "";

    // "revenue >= cost_to_serve": a rule compares a metric with a number or its own percentile, not with another metric.
    private string OtherMetricHint(RuleToken metric, RuleToken found) =>
        found.Kind == RuleTokenKind.Metric && (_anyName || _known.Contains(found.Text) || (_nonNumeric?.ContainsKey(found.Text) ?? false))
            ? $"; a rule compares a metric with a number or with a percentile of its own ({metric.Text} >= p80), not with another metric"
            : "";

    // region == 'EU', region != 'EU', region in ('EU', 'UK'), region not in ('EU', 'UK').
    private TextMatchNode ParseTextMatch(RuleToken column)
    {
        _lastTextColumn = column.Text;
        var op = Current;
        if (op.Kind == RuleTokenKind.Operator)
        {
            if (op.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
                throw Error($"'{op.Text}' at position {op.Position} compares numbers, and {column.Text} is a text column; compare it with == or != (e.g. {column.Text} == 'value') or in (…)",
                    op.Position);
            _next++;
            var value = Current;
            if (value.Kind == RuleTokenKind.LeftParenthesis)
                throw Error($"expected a quoted text after '{op.Text}' at position {value.Position}; found '('; compare with a list by 'in': {column.Text} {(op.Operator == ComparisonOperator.NotEqual ? "not in" : "in")} ('a', 'b')",
                    value.Position);
            if (value.Kind != RuleTokenKind.Text)
                throw Error($"expected a quoted text after '{op.Text}' at position {value.Position}; found {value.Describe()} ({column.Text} is a text column, e.g. {column.Text} {op.Text} 'value')",
                    value.Position);
            CheckText(column, value, negated: op.Operator == ComparisonOperator.NotEqual);
            _next++;
            return new TextMatchNode(column.Text, op.Operator == ComparisonOperator.NotEqual, [value.Value!], IsList: false, column.Position);
        }

        var negated = op.Kind == RuleTokenKind.Not && Peek(1).Kind == RuleTokenKind.In;
        if (negated)
            _next++;
        if (Current.Kind != RuleTokenKind.In)
            throw Error($"expected ==, != or in after '{column.Text}' at position {Current.Position}; found {Current.Describe()}{MisplacedNotHint(column)}", Current.Position);
        var keyword = Current;
        _next++;
        if (Current.Kind != RuleTokenKind.LeftParenthesis)
            throw Error($"expected '(' after 'in' at position {Current.Position}; found {Current.Describe()}; write the texts in parentheses, e.g. {column.Text} in ('a', 'b')",
                Current.Position);
        _next++;
        var values = new List<string>();
        while (true)
        {
            if (Current.Kind != RuleTokenKind.Text)
                throw Error($"expected a quoted text at position {Current.Position} in the list after 'in' at position {keyword.Position}; found {Current.Describe()}",
                    Current.Position);
            CheckText(column, Current, negated);
            values.Add(Current.Value!);
            _next++;
            if (Current.Kind == RuleTokenKind.RightParenthesis)
            {
                _next++;
                return new TextMatchNode(column.Text, negated, values, IsList: true, column.Position);
            }
            if (Current.Kind != RuleTokenKind.Comma)
                throw Error($"expected ',' or ')' at position {Current.Position} in the list after 'in' at position {keyword.Position}; found {Current.Describe()}",
                    Current.Position);
            _next++;
        }
    }

    // The text columns of customer_metrics are read trimmed, and an empty one is missing: a text with a space at an edge
    // matches no customer (and its != every customer with a value), nor does an empty text under == or in. An empty text
    // under != or not in is kept: region != '' holds for the customers with a region.
    private void CheckText(RuleToken column, RuleToken text, bool negated)
    {
        var value = text.Value!;
        var trimmed = TextEdges.Trim(value);
        if (trimmed.Length < value.Length && (negated || trimmed.Length > 0))
            throw Error($"the text {text.Text} at position {text.Position} {Edges(value)}, which no {column.Text} has (texts are read trimmed); write '{trimmed.Replace("'", "''", StringComparison.Ordinal)}'",
                text.Position);
        if (trimmed.Length == 0 && !negated)
            throw Error($"the {(value.Length == 0 ? "empty text" : $"text {text.Text} of {WhiteSpace(value)}")} at position {text.Position} matches no customer: an empty {column.Text} is missing, and a comparison with a missing text is unknown; "
                + $"compare with a text, or write {column.Text} != '' for the customers with a {column.Text}", text.Position);
    }

    // The white space at a text's edges, named: a tab or a no-break space is seldom seen in the rule as written, and calling
    // it a space sent the reader looking for one that is not there.
    private static string Edges(string value)
    {
        var (first, last) = (value[0], value[^1]);
        if (value.Length == 1)
            return $"is {CharacterName(first)}";
        if (!TextEdges.IsTrimmed(last))
            return $"begins with {CharacterName(first)}";
        if (!TextEdges.IsTrimmed(first))
            return $"ends with {CharacterName(last)}";
        return first == last ? $"begins and ends with {CharacterName(first)}" : $"begins with {CharacterName(first)} and ends with {CharacterName(last)}";
    }

    // A text of white space alone: "spaces", or the characters it is made of.
    private static string WhiteSpace(string value) => value.All(c => c == ' ') ? "spaces"
        : $"white space ({string.Join(", ", value.Distinct().Select(CharacterName))})";

    private static string CharacterName(char c) => c switch
    {
        ' ' => "a space",
        '\t' => "a tab",
        '\n' => "a line feed",
        '\r' => "a carriage return",
        '\v' => "a vertical tab",
        '\f' => "a form feed",
        '\u00A0' => "a no-break space",
        _ => $"a white-space character (U+{(int)c:X4})",
    };

    // "region not == 'EU'" (not goes before the comparison, or before in) and "region notin (…)"; else what a text column takes.
    private string MisplacedNotHint(RuleToken column)
    {
        if (Current.Kind == RuleTokenKind.Not && Peek(1) is { Kind: RuleTokenKind.Operator } op)
            return $"; 'not' goes before the comparison: not {column.Text} {op.Text} …, or write {column.Text} {(op.Operator == ComparisonOperator.NotEqual ? "==" : "!=")} …";
        if (Current.Kind == RuleTokenKind.Metric && Current.Text.Equals("notin", StringComparison.OrdinalIgnoreCase))
            return "; write 'not in' as two words";
        return $" ({column.Text} is a text column, e.g. {column.Text} == 'value')";
    }

    // "revenue > 1000 > 0" (a chain, as in maths) stops at its second operator: say how to write it.
    // After a text or a list of texts ("region in ('EU') == 'x'") the chain is of texts.
    private string ChainHint() => Current.Kind != RuleTokenKind.Operator ? ""
        : _next > 0 && (_tokens[_next - 1].Kind == RuleTokenKind.Text || EndsTextList(_next - 1))
            ? "; compare a text column with one text or list at a time and join comparisons with 'and'"
            : "; compare a metric with one number at a time and join comparisons with 'and'";

    // Whether the token at index is the ')' of an 'in (…)' list rather than of a group.
    private bool EndsTextList(int index)
    {
        if (_tokens[index].Kind != RuleTokenKind.RightParenthesis)
            return false;
        var open = _tokens.FindLastIndex(index, t => t.Kind == RuleTokenKind.LeftParenthesis);
        return open > 0 && _tokens[open - 1].Kind == RuleTokenKind.In;
    }

    // "250000 <= revenue": the comparison the writer meant, metric first with the operator turned round. A text where a
    // comparison begins: "'EU' == region" turned round, or "region == 'EU' or 'UK'" with the column named again.
    private string MetricFirstHint()
    {
        if (Current.Kind == RuleTokenKind.Text)
            return TextFirstHint();
        if (Current.Kind != RuleTokenKind.Number || _next + 2 >= _tokens.Count)
            return "";
        var (op, metric) = (_tokens[_next + 1], _tokens[_next + 2]);
        return op.Kind == RuleTokenKind.Operator && metric.Kind == RuleTokenKind.Metric
            ? $"; put the metric first: {metric.Text} {ComparisonOperatorText.Ascii(ComparisonOperatorText.Mirror(op.Operator))} {Current.Text}"
            : "";
    }

    private string TextFirstHint()
    {
        var (text, op, column) = (Current, Peek(1), Peek(2));
        if (op is { Kind: RuleTokenKind.Operator, Operator: ComparisonOperator.Equal or ComparisonOperator.NotEqual } && column.Kind == RuleTokenKind.Metric)
            return $"; put the column first: {column.Text} {op.Text} {text.Text}";
        if (op.Kind == RuleTokenKind.In && column.Kind == RuleTokenKind.Metric)
            return $"; put the column first: {column.Text} in ({text.Text})";
        var named = _lastTextColumn ?? "region";
        return $"; compare each text with its column ({named} == {text.Text}) or list the texts: {named} in ('a', {text.Text})";
    }

    private string UnknownMetric(RuleToken metric)
    {
        // The column is there (demand_class > 1): "unknown" would send the user looking for a misspelling.
        // A date is there too, but rules compare the days since it.
        var at = $" at position {metric.Position}";
        return _nonNumeric is not null && _nonNumeric.TryGetValue(metric.Text, out var holds)
            ? $"metric '{metric.Text}'{at} is a {holds} column of customer_metrics, which rules do not compare; compare days instead: {CustomerMetricSet.DaysForDates}"
            : CustomerMetricSet.UnknownMetricMessage(metric.Text, TextColumns is { Count: > 0 } texts ? [.. _knownMetrics, .. texts] : _knownMetrics, at);
    }

    private List<string>? TextColumns => _nonNumeric?.Where(c => c.Value == RuleExpression.TextColumn).Select(c => c.Key).ToList();

    private RuleSyntaxException Error(string detail, int position) => new(_ruleName, detail, position);
}
