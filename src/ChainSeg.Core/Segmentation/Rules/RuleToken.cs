namespace ChainSeg.Core.Segmentation.Rules;

// One token of a rule text; Position is 1-based, Number is set for numbers, Operator for operators, Value for quoted texts
// (Text keeps the quotes as written).
internal readonly record struct RuleToken(RuleTokenKind Kind, string Text, int Position, double Number = 0, ComparisonOperator Operator = default, string? Value = null)
{
    public string Describe() => Kind switch
    {
        RuleTokenKind.End => "the end of the rule",
        RuleTokenKind.Text => Text,
        _ => $"'{Text}'",
    };
}
