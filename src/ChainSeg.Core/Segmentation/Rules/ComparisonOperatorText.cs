namespace ChainSeg.Core.Segmentation.Rules;

// Symbols and negations of comparison operators, for the reasons a rule writes.
internal static class ComparisonOperatorText
{
    public static string Symbol(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterOrEqual => "≥",
        ComparisonOperator.LessOrEqual => "≤",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.Less => "<",
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "≠",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };

    // The operator as a rule is typed in ASCII (">=" for ≥), for a condition's canonical spelling.
    public static string Ascii(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterOrEqual => ">=",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.Less => "<",
        ComparisonOperator.Equal => "==",
        ComparisonOperator.NotEqual => "!=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };

    // The operator that holds exactly when op does not (for a present value): used to state why a comparison failed.
    public static ComparisonOperator Negate(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.Less,
        ComparisonOperator.LessOrEqual => ComparisonOperator.Greater,
        ComparisonOperator.Greater => ComparisonOperator.LessOrEqual,
        ComparisonOperator.Less => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Equal => ComparisonOperator.NotEqual,
        ComparisonOperator.NotEqual => ComparisonOperator.Equal,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };

    // The operator with its sides swapped: 5 < x is x > 5.
    public static ComparisonOperator Mirror(ComparisonOperator op) => op switch
    {
        ComparisonOperator.GreaterOrEqual => ComparisonOperator.LessOrEqual,
        ComparisonOperator.LessOrEqual => ComparisonOperator.GreaterOrEqual,
        ComparisonOperator.Greater => ComparisonOperator.Less,
        ComparisonOperator.Less => ComparisonOperator.Greater,
        _ => op,
    };

    // The threshold moved by a relative slack: a positive slack eases the comparison (>= t becomes >= t − s·|t|, <= moves
    // up), a negative one hardens it; == and != do not move.
    public static double Moved(ComparisonOperator op, double threshold, double slack) => op switch
    {
        ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater => threshold - (slack * Math.Abs(threshold)),
        ComparisonOperator.LessOrEqual or ComparisonOperator.Less => threshold + (slack * Math.Abs(threshold)),
        _ => threshold,
    };

    // A missing value (NaN) makes every comparison false, != included (IEEE would make NaN != x true).
    public static bool Holds(ComparisonOperator op, double value, double threshold) => !double.IsNaN(value) && op switch
    {
        ComparisonOperator.GreaterOrEqual => value >= threshold,
        ComparisonOperator.LessOrEqual => value <= threshold,
        ComparisonOperator.Greater => value > threshold,
        ComparisonOperator.Less => value < threshold,
        ComparisonOperator.Equal => value == threshold,
        ComparisonOperator.NotEqual => value != threshold,
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison operator."),
    };
}
