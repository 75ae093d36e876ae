namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// A rule's <c>when</c> text cannot be parsed. The message is one line naming the rule, what was expected and the
/// 1-based position, e.g. "rule 'strategic': expected a number or a percentile (p90, median) after '&gt;=' at position 12".
/// </summary>
public sealed class RuleSyntaxException : FormatException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ruleName">The rule (its segment name).</param>
    /// <param name="detail">What is wrong, with the position in it.</param>
    /// <param name="position">1-based character position; the text length + 1 for the end of the rule.</param>
    public RuleSyntaxException(string ruleName, string detail, int position)
        : base($"rule '{ruleName}': {detail}")
    {
        RuleName = ruleName;
        Detail = detail;
        Position = position;
    }

    /// <summary>The rule (its segment name).</summary>
    public string RuleName { get; }

    /// <summary>What is wrong, without the rule name.</summary>
    public string Detail { get; }

    /// <summary>1-based character position of the problem.</summary>
    public int Position { get; }
}
