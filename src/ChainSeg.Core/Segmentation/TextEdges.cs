using System.Globalization;

namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The white space a text column's values (region, channel, activity) are trimmed of at ingest: tabs, line feeds, vertical
/// tabs, form feeds, carriage returns and the Unicode space separators (Zs). One list, so rules refuse exactly what ingest trims.
/// </summary>
public static class TextEdges
{
    // Not char.IsWhiteSpace: it also holds next line (U+0085) and the line and paragraph separators (U+2028, U+2029),
    // which ingest keeps, so a region ending in one is a region a rule can name. The Zs are all in the BMP.
    /// <summary>The characters trimmed at a text's edges.</summary>
    public static string Characters { get; } = "\t\n\v\f\r" + string.Concat(
        Enumerable.Range(0, char.MaxValue + 1).Select(c => (char)c).Where(c => char.GetUnicodeCategory(c) == UnicodeCategory.SpaceSeparator));

    /// <summary>Whether <paramref name="c"/> is trimmed at a text's edges.</summary>
    public static bool IsTrimmed(char c) => Characters.Contains(c, StringComparison.Ordinal);

    /// <summary>The text as ingest keeps it: <see cref="Characters"/> trimmed at its edges.</summary>
    /// <exception cref="ArgumentNullException">The text is null.</exception>
    public static string Trim(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().Trim(Characters).ToString();
    }
}
