using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The key customer ids are matched on across systems: upper case, full-width forms as ASCII, no separators, configured
/// prefixes and leading zeros dropped (<c>C-00012</c>, <c>c00012 </c>, <c>Ｃ００１２</c> and <c>12</c> all give <c>12</c>
/// under <c>strip_prefixes: [C]</c>).
/// </summary>
public static class CustomerIdKey
{
    // What a key drops wherever it stands: the separators ids are written with, and white space and invisible format
    // characters (tab, no-break space, zero-width space, byte order mark) that exports and copy-paste leave in them.
    internal const string Dropped = @"[-_./\s\x0B\p{Z}\p{Cf}]";

    // Full-width forms (U+FF01–U+FF5E), which Japanese, Chinese and Korean input methods type: Ｃ００１ is C001 to its reader.
    // NFC leaves them as they are (only the compatibility forms, NFKC, fold them, and those also rewrite ² and ﬁ).
    private static readonly string FullWidth = new([.. Enumerable.Range(0xFF01, 0x5E).Select(c => (char)c)]);
    private static readonly string Ascii = new([.. Enumerable.Range(0x21, 0x5E).Select(c => (char)c)]);

    /// <summary>SQL giving the key of the text expression <paramref name="id"/> under <paramref name="rules"/>.</summary>
    public static string Sql(string id, CustomerIdRules rules)
    {
        // NFC first: é written as e + combining accent is the same text as the precomposed é (Unicode canonical equivalence).
        // Full-width forms before upper case, so a full-width ｃ is upper-cased as the c it becomes.
        var expression = $"regexp_replace(upper(translate(nfc_normalize({id}), {Ingestion.Sql.Str(FullWidth)}, {Ingestion.Sql.Str(Ascii)})), '{Dropped}', '', 'g')";
        var prefixes = rules.StripPrefixes.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => System.Text.RegularExpressions.Regex.Escape(p.Trim().ToUpperInvariant())).ToList();
        if (prefixes.Count > 0)
            expression = $"regexp_replace({expression}, {Ingestion.Sql.Str($"^(?:{string.Join("|", prefixes)})([0-9])")}, '\\1')";
        if (rules.StripLeadingZeros)
            expression = $"regexp_replace({expression}, '^([A-Z]*)0+([0-9])', '\\1\\2')";
        return expression;
    }

    /// <summary>SQL giving the raw id <paramref name="raw"/> as ingestion keeps it: trimmed, or NULL when it names no customer.</summary>
    /// <remarks>
    /// Trimmed of white space and invisible characters at its edges and in NFC (without a customers file, the ids of one key
    /// are one customer under one of these texts, the spelling the first table writing the key writes most); NULL (a missing id) when nothing
    /// is left, when it is a placeholder for none (NULL, N/A, #N/A, nan, None, in any case) or when it holds separators
    /// alone (<c>-</c>, <c>.</c>), whose key would be empty. See <see cref="IdentifierText"/>.
    /// </remarks>
    public static string Text(string raw) => IdentifierText.Sql(raw);
}
