namespace ChainSeg.Core.Segmentation.Rules;

// One token of a rule text; Position is 1-based, Number is set for numbers, Operator for operators.
internal readonly record struct RuleToken(RuleTokenKind Kind, string Text, int Position, double Number = 0, ComparisonOperator Operator = default)
{
    public string Describe() => Kind == RuleTokenKind.End ? "the end of the rule" : $"'{Text}'";
}
