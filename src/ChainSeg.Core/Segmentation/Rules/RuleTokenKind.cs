namespace ChainSeg.Core.Segmentation.Rules;

internal enum RuleTokenKind
{
    Metric,
    Number,
    Operator,
    And,
    Or,
    Not,
    LeftParenthesis,
    RightParenthesis,
    End,
}
