using System.Globalization;
using System.Text.RegularExpressions;

namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// A rule threshold written as a percentile of the metric among the customers segmented (<c>revenue &gt;= p80</c>,
/// <c>cost_to_serve_pct &lt; median</c>) rather than as a number: quadrant and top-share segmentations (Shapiro's price ×
/// cost-to-serve matrix) split at the data's own percentiles, which move with the data where a fixed number would not.
/// </summary>
public static partial class PercentileThreshold
{
    /// <summary>Reads <c>p90</c>, <c>p2.5</c> or <c>median</c> (any case) as the percent it names (90, 2.5, 50); false for any other word.</summary>
    /// <remarks>A word of this form outside (0, 100), such as <c>p100</c> or <c>p150</c>, is read too, so the parser can say what is wrong with it.</remarks>
    public static bool TryParse(string word, out double percent)
    {
        ArgumentNullException.ThrowIfNull(word);
        percent = double.NaN;
        if (word.Equals("median", StringComparison.OrdinalIgnoreCase))
        {
            percent = 50;
            return true;
        }

        var match = Written().Match(word);
        if (!match.Success)
            return false;
        percent = double.Parse(match.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>Whether a percent read by <see cref="TryParse"/> names a percentile a rule may use: above 0 and below 100.</summary>
    public static bool IsValid(double percent) => percent is > 0 and < 100;

    /// <summary>The threshold spelt one way: <c>p50</c> for <c>median</c>, <c>P50</c> and <c>p50.0</c> alike.</summary>
    public static string Spell(double percent) => "p" + percent.ToString("R", CultureInfo.InvariantCulture);

    // Any number of digits, so p150 is refused as out of range rather than as an unknown word, and p050 is p50 as 050 is 50.
    [GeneratedRegex(@"^[pP](\d+(?:\.\d+)?)$")]
    private static partial Regex Written();
}
