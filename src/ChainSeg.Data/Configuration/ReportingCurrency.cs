using System.Globalization;

namespace ChainSeg.Data.Configuration;

/// <summary>
/// The reporting currency (<c>currency:</c>): the ISO 4217 code every amount of a run's outputs is in, named beside them
/// so a finance reader can tell GBP from EUR. ChainSeg converts nothing: the setting names the exports' currency.
/// </summary>
public static class ReportingCurrency
{
    private const string Example = "e.g. currency: GBP";

    // Each currency of a region .NET knows (RegionInfo over the specific cultures), with what a writer may put in its place:
    // its symbols (USD: $ and US$), its English name and its regions' codes. Cultures counts the cultures using it, so a
    // symbol or name several currencies share (a $, a dollar) suggests the most widely used one.
    private static readonly Lazy<IReadOnlyList<(string Code, string[] Symbols, string Name, string Regions, int Cultures)>> Known = new(() =>
        CultureInfo.GetCultures(CultureTypes.SpecificCultures).Select(Region).OfType<(RegionInfo Region, string Symbol)>()
            .Where(r => r.Region.ISOCurrencySymbol is { Length: 3 } code && code.All(char.IsAsciiLetterUpper))
            .GroupBy(r => r.Region.ISOCurrencySymbol, StringComparer.Ordinal)
            .Select(g => (g.Key, g.Select(r => r.Symbol).Where(s => s is not ("" or "¤")).Distinct(StringComparer.Ordinal).ToArray(), g.First().Region.CurrencyEnglishName,
                string.Join(" ", g.SelectMany(r => new[] { r.Region.TwoLetterISORegionName, r.Region.ThreeLetterISORegionName }).Distinct()), g.Count()))
            .OrderByDescending(c => c.Item5).ThenBy(c => c.Key, StringComparer.Ordinal).ToList());

    /// <summary>The configured currency's ISO 4217 code in capitals, or null when <c>currency:</c> is not set.</summary>
    /// <exception cref="ConfigurationException">The value is no ISO 4217 code .NET knows; the message names the setting and an example.</exception>
    public static string? Of(ChainSegConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Currency is not { } written)
            return null;
        var code = written.Trim().ToUpperInvariant();
        if (code.Length == 0)
            throw new ConfigurationException($"currency is empty; write the reporting currency's three-letter ISO 4217 code ({Example}), or remove the key.");
        if (Known.Value.Any(c => c.Code == code))
            return code;
        var hint = Meant(written.Trim()) is { } meant ? $" (did you mean {meant}?)" : "";
        throw new ConfigurationException($"currency '{written.Trim()}' is not an ISO 4217 currency code{hint}; write the reporting currency's three-letter code, {Example}.");
    }

    /// <summary>The symbols the cultures using <paramref name="code"/> write beside its amounts (£; $ and US$), none for a code .NET does not know.</summary>
    public static IReadOnlyList<string> Symbols(string code) => Known.Value.FirstOrDefault(c => c.Code == code).Symbols ?? [];

    /// <summary>
    /// The code a writer most likely meant: the code itself in any case (eur), two letters swapped (GPB), the currency's symbol (€; of a symbol several share,
    /// the most widely used one's), a word of its English name (euro) or a country code (GBR, GB); null when none fits.
    /// </summary>
    public static string? Meant(string written)
    {
        var upper = written.ToUpperInvariant();
        return Known.Value.FirstOrDefault(c => upper == c.Code
            || (upper.Length == 3 && Enumerable.Range(0, 2).Any(i => Swapped(upper, i) == c.Code))
            || c.Symbols.Contains(written, StringComparer.Ordinal)
            || c.Name.Split(' ').Contains(written, StringComparer.OrdinalIgnoreCase)
            || c.Regions.Split(' ').Contains(upper, StringComparer.Ordinal)).Code;
    }

    private static string Swapped(string code, int at) => $"{code[..at]}{code[at + 1]}{code[at]}{code[(at + 2)..]}";

    private static (RegionInfo, string)? Region(CultureInfo culture)
    {
        try
        {
            return (new RegionInfo(culture.Name), culture.NumberFormat.CurrencySymbol);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
