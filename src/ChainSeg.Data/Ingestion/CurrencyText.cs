using System.Globalization;
using System.Text.RegularExpressions;
using ChainSeg.Core;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A currency written beside an amount, as ERP and spreadsheet exports do (<c>1.234,56 €</c>, <c>$1,234.50</c>): the source
/// culture's own symbol or ISO code (in any case: gbp is GBP) is dropped before the number is read; another currency's is
/// not, as reading it would mix currencies without a word, and the advice names it.
/// </summary>
public sealed class CurrencyText
{
    // White space exports write between an amount and its currency (fr-FR a no-break space), in RE2's syntax.
    private const string Space = @"[\s\x{00A0}\x{202F}]*";

    // The ISO 4217 codes of the cultures .NET knows (USD, EUR, …): three capitals beside an amount are a currency only if listed.
    private static readonly Lazy<IReadOnlyList<string>> IsoCodes = new(() => CultureInfo.GetCultures(CultureTypes.SpecificCultures)
        .Select(c => OwnIsoCode(c)).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());

    private readonly CultureInfo _culture;

    // The reporting currency when it is not the culture's own, whose amounts are read instead; null otherwise.
    private readonly string? _reporting;

    /// <summary>
    /// The currency of <paramref name="culture"/>, whose amounts are read; under a <paramref name="reporting"/> currency
    /// (currency:) other than the culture's, that one's instead: a German export's 1,02 € is no amount of a GBP run.
    /// </summary>
    public CurrencyText(CultureInfo culture, string? reporting = null)
    {
        _culture = culture;
        _reporting = reporting is not null && reporting != OwnIsoCode(culture) ? reporting : null;
        var symbol = culture.NumberFormat.CurrencySymbol;
        // The invariant culture's "¤" is the generic currency sign, no currency.
        Own = _reporting is not null ? [.. Configuration.ReportingCurrency.Symbols(_reporting), _reporting]
            : new[] { symbol is "" or "¤" ? null : symbol, OwnIsoCode(culture) }.OfType<string>().Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>The culture's currency as written beside amounts: its symbol, then its ISO code; empty for the invariant culture, which has none.</summary>
    public IReadOnlyList<string> Own { get; }

    /// <summary>
    /// SQL giving the text expression <paramref name="text"/> without the culture's currency before or after it (a sign kept
    /// before a leading symbol: <c>-€ 1,00</c> is <c>-1,00</c>), or null where it holds none; null when the culture has no currency.
    /// </summary>
    public string? WithoutOwnSql(string text)
    {
        if (Own.Count == 0)
            return null;
        var pattern = $"^{Space}(?:([-+]?){Space}{OwnPattern}{Space}(.+?)|(.+?){Space}{OwnPattern}){Space}$";
        // The contains() guard keeps the regular expression off values without the currency.
        var guard = string.Join(" OR ", Own.Select(o => IsCode(o) ? $"contains(upper({text}), {Sql.Str(o)})" : $"contains({text}, {Sql.Str(o)})"));
        return $"CASE WHEN {guard} THEN regexp_replace({text}, {Sql.Str(pattern)}, '\\1\\2\\3') END";
    }

    /// <summary>SQL: whether the text expression <paramref name="text"/> names a currency other than the culture's (a currency symbol, or a listed ISO code).</summary>
    public string OtherCurrencySql(string text)
    {
        var withoutOwn = Own.Count == 0 ? text : $"regexp_replace({text}, {Sql.Str(OwnPattern)}, '', 'g')";
        return $"regexp_matches({withoutOwn}, {Sql.Str(OtherPattern)})";
    }

    /// <summary>
    /// The advice for <paramref name="count"/> of <paramref name="rowsRead"/> rows whose <paramref name="column"/> is in
    /// another currency, <paramref name="values"/> the first such values in the file.
    /// </summary>
    public string Advice(string table, string column, long count, long rowsRead, IReadOnlyList<string> values)
    {
        var example = values[0];
        var found = Regex.Match(Own.Count == 0 ? example : Regex.Replace(example, OwnPattern, ""), OtherPattern).Value;
        // A code is named in capitals however written (eur is EUR), so the advice is the same.
        var symbol = IsCode(found.ToUpperInvariant()) ? found.ToUpperInvariant() : found;
        var culture = CultureFor(values, symbol);
        // "an on_hand", but "a unit_price".
        var rows = string.Create(CultureInfo.InvariantCulture,
            $"{count:N0} of {rowsRead:N0} rows ({100.0 * count / rowsRead:0.#} %) {Agreement.For(count, "has", "have")} {("aeio".Contains(column[0]) ? "an" : "a")} {column}");
        if (_reporting is not null)
            return $"{rows} in another currency than the reporting currency {_reporting} (currency:), such as '{example}' ({symbol}), left unparseable as amounts are not converted: "
                + $"convert {Agreement.For(count, "it", "them")} to {_reporting} in the export{(Configuration.ReportingCurrency.Meant(symbol) is { } code ? $", or, if every amount of the run is in {symbol}, set currency: {code}" : "")}.";
        if (Own.Count == 0)
            return $"{rows} in a currency, such as '{example}' ({symbol}), and the invariant culture (the default) has none: name the export's culture under sources.{table} ({(culture is null ? "for example culture: en-US" : $"culture: {culture}")}).";
        var them = Agreement.For(count, "it", "them");
        var orCulture = culture is null ? "" : $", or, if the export is in {symbol} throughout, name its culture under sources.{table} (culture: {culture})";
        return $"{rows} in another currency than culture {_culture.Name}'s {Own[0]}, such as '{example}' ({symbol}), left unparseable as amounts are not converted: convert {them} to {Own[0]} in the export{orCulture}.";
    }

    // A currency symbol (Unicode's Sc: $ € £ ¥ ₹ …) or a listed ISO code as a word in any case (eur is EUR); the same text in RE2 and .NET.
    private static string OtherPattern => $@"\p{{Sc}}|(?i:\b(?:{string.Join("|", IsoCodes.Value)})\b)";

    private static readonly Lazy<Regex> AnyCurrency = new(() => new Regex(OtherPattern, RegexOptions.CultureInvariant));

    /// <summary>
    /// <paramref name="value"/> without any currency written in it (a symbol, or a listed ISO code in any case), trimmed: the
    /// number a culture is judged on (1.234,50 € reads as de-DE once the sign is gone).
    /// </summary>
    public static string WithoutCurrencies(string value) => AnyCurrency.Value.Replace(value, "").Trim();

    /// <summary>The first currency written in <paramref name="value"/> (a symbol, or a listed ISO code in any case), null when none.</summary>
    public static string? Written(string value) => AnyCurrency.Value.Match(value) is { Success: true } found ? found.Value : null;

    // The culture's (or reporting) currency as written: a symbol as it is, an ISO code in any case; the same text in RE2 and .NET.
    private string OwnPattern => $"(?:{string.Join("|", Own.Select(o => IsCode(o) ? $"(?i:{Literal(o)})" : Literal(o)))})";

    // An ISO 4217 code (GBP) rather than a symbol (£, kr): three capitals.
    private static bool IsCode(string text) => text.Length == 3 && text.All(char.IsAsciiLetterUpper);

    // The culture (of those LayoutSuggestion knows) whose numbers read every value without its currency and whose currency
    // the symbol is; null when none.
    private static string? CultureFor(IReadOnlyList<string> values, string symbol)
    {
        var amounts = values.Select(WithoutCurrencies).ToList();
        return LayoutSuggestion.NumberCulture(amounts) is { } name && !name.Contains(" or ", StringComparison.Ordinal)
            && new CurrencyText(CultureInfo.GetCultureInfo(name)).Own.Contains(symbol) ? name : null;
    }

    private static string? OwnIsoCode(CultureInfo culture)
    {
        if (culture.IsNeutralCulture || culture.Equals(CultureInfo.InvariantCulture))
            return null;
        try
        {
            var code = new RegionInfo(culture.Name).ISOCurrencySymbol;
            return IsCode(code) ? code : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    /// <summary>A regular expression (RE2) reading <paramref name="text"/> literally: each character a one-character class, so "$" is no anchor and "." no wildcard.</summary>
    public static string Literal(string text) => string.Concat(text.Select(c => c is ']' or '\\' or '^' or '-' ? $"\\{c}" : $"[{c}]"));
}
