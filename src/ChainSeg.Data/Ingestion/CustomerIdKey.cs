using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The key customer ids are matched on across systems: upper case, no separators, configured prefixes and leading
/// zeros dropped (<c>C-00012</c>, <c>c00012 </c> and <c>12</c> all give <c>12</c> under <c>strip_prefixes: [C]</c>).
/// </summary>
public static class CustomerIdKey
{
    /// <summary>SQL giving the key of the text expression <paramref name="id"/> under <paramref name="rules"/>.</summary>
    public static string Sql(string id, CustomerIdRules rules)
    {
        var expression = $"regexp_replace(upper({id}), '[-_ ./]', '', 'g')";
        var prefixes = rules.StripPrefixes.Where(p => !string.IsNullOrWhiteSpace(p))
            .Select(p => System.Text.RegularExpressions.Regex.Escape(p.Trim().ToUpperInvariant())).ToList();
        if (prefixes.Count > 0)
            expression = $"regexp_replace({expression}, {Ingestion.Sql.Str($"^(?:{string.Join("|", prefixes)})([0-9])")}, '\\1')";
        if (rules.StripLeadingZeros)
            expression = $"regexp_replace({expression}, '^([A-Z]*)0+([0-9])', '\\1\\2')";
        return expression;
    }
}
