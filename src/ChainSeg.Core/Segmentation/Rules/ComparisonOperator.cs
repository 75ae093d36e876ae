namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>A comparison in a rule condition, <c>metric OP number</c>.</summary>
public enum ComparisonOperator
{
    /// <summary><c>&gt;=</c> (or ≥).</summary>
    GreaterOrEqual,

    /// <summary><c>&lt;=</c> (or ≤).</summary>
    LessOrEqual,

    /// <summary><c>&gt;</c>.</summary>
    Greater,

    /// <summary><c>&lt;</c>.</summary>
    Less,

    /// <summary><c>==</c>.</summary>
    Equal,

    /// <summary><c>!=</c> (or ≠).</summary>
    NotEqual,
}
