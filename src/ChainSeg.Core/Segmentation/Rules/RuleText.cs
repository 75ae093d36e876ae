using System.Text;

namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>How rules compare texts: ignoring case and how an accented letter is encoded ('île-de-france' is ÎLE-DE-FRANCE, 'Straße' is STRASSE).</summary>
public static class RuleText
{
    /// <summary>The text as rules compare it: in Unicode NFC, in upper case (invariant), ß and ẞ as SS; texts are alike when their keys are equal ordinally.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    public static string Key(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // NFC first: é written as e and a combining accent (as some exports write it) is the precomposed é. ß has no capital
        // in invariant casing, yet STRASSE is how German writes Straße in capitals (and ẞ is its rare capital). The Turkish
        // İ and ı stay letters of their own, as in Unicode's default case folding.
        var upper = text.Normalize(NormalizationForm.FormC).ToUpperInvariant();
        return upper.AsSpan().IndexOfAny('ß', 'ẞ') < 0 ? upper : upper.Replace("ß", "SS", StringComparison.Ordinal).Replace("ẞ", "SS", StringComparison.Ordinal);
    }
}
