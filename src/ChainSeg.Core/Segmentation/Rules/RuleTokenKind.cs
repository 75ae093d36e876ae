namespace ChainSeg.Core.Segmentation.Rules;

internal enum RuleTokenKind
{
    Metric,
    Number,
    Operator,
    Text,
    In,
    Comma,
    And,
    Or,
    Not,
    LeftParenthesis,
    RightParenthesis,
    End,
}
