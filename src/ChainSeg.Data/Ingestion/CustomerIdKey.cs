using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The key customer ids are matched on across systems: upper case, no separators, configured prefixes and leading
/// zeros dropped (<c>C-00012</c>, <c>c00012 </c> and <c>12</c> all give <c>12</c> under <c>strip_prefixes: [C]</c>).
/// </summary>
public static class CustomerIdKey
{
    // What a key drops wherever it stands: the separators ids are written with, and white space and invisible format
    // characters (tab, no-break space, zero-width space, byte order mark) that exports and copy-paste leave in them.
    internal const string Dropped = @"[-_./\s\x0B\p{Z}\p{Cf}]";

    /// <summary>SQL giving the key of the text expression <paramref name="id"/> under <paramref name="rules"/>.</summary>
    public static string Sql(string id, CustomerIdRules rules)
    {
        // NFC first: é written as e + combining accent is the same text as the precomposed é (Unicode canonical equivalence).
        var expression = $"regexp_replace(upper(nfc_normalize({id})), '{Dropped}', '', 'g')";
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
    /// Trimmed of white space and invisible characters at its edges and in NFC (without a customers file, a line's customer
    /// is this text: Café written with a combining accent is the same customer as Café); NULL (a missing id) when nothing
    /// is left, when it is a placeholder for none (NULL, N/A, #N/A, nan, None, in any case) or when it holds separators
    /// alone (<c>-</c>, <c>.</c>), whose key would be empty. See <see cref="IdentifierText"/>.
    /// </remarks>
    public static string Text(string raw) => IdentifierText.Sql(raw);
}
