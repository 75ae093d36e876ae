using System.Globalization;
using System.Text.RegularExpressions;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Suggests, from values a source rejected as unparseable, the date layout or number culture that reads them, for the
/// advice in quality.json. A suggestion must read every value given; when two read them all and disagree on what they
/// mean (3/4/2025), both are named.
/// </summary>
public static class LayoutSuggestion
{
    // Layouts as written in chainseg.yaml, each tested with its lenient form (one-digit days and months pass, as they do
    // in DuckDB's strptime). Day-first before month-first; both are named when both read every value.
    private static readonly (string Layout, string Lenient)[] DateLayouts =
    [
        ("dd/MM/yyyy", "d/M/yyyy"), ("MM/dd/yyyy", "M/d/yyyy"), ("dd.MM.yyyy", "d.M.yyyy"), ("dd-MM-yyyy", "d-M-yyyy"),
        ("yyyy/MM/dd", "yyyy/M/d"), ("dd/MM/yy", "d/M/yy"), ("MM/dd/yy", "M/d/yy"), ("dd.MM.yy", "d.M.yy"),
        ("dd-MMM-yyyy", "d-MMM-yyyy"), ("dd-MMM-yy", "d-MMM-yy"), ("dd MMM yyyy", "d MMM yyyy"),
    ];

    private static readonly (string Suffix, string Lenient)[] TimeSuffixes = [("", ""), (" HH:mm", " H:mm"), (" HH:mm:ss", " H:mm:ss")];

    // Numbers as each culture writes them, with well-formed thousands groups (double.TryParse would take "5,50" as 550).
    private static readonly (string Culture, string Groups, char Decimal, Regex Pattern)[] NumberPatterns =
    [
        ("de-DE", ".", ',', new Regex(@"^[+-]?([0-9]{1,3}(\.[0-9]{3})+|[0-9]+)(,[0-9]+)?$", RegexOptions.CultureInvariant)),
        ("en-US", ",", '.', new Regex(@"^[+-]?([0-9]{1,3}(,[0-9]{3})+|[0-9]+)(\.[0-9]+)?$", RegexOptions.CultureInvariant)),
        ("fr-FR", "\u00A0\u202F ", ',', new Regex(@"^[+-]?([0-9]{1,3}([\u00A0\u202F ][0-9]{3})+|[0-9]+)(,[0-9]+)?$", RegexOptions.CultureInvariant)),
    ];

    /// <summary>
    /// The layouts that read every value (or the first two readings that differ, joined by " or "), as formats: takes them:
    /// one layout alone, or a list of one layout with and without a time of day; null when none does.
    /// </summary>
    public static string? DateLayout(IReadOnlyCollection<string> values) =>
        DateReadings(values) is { Count: > 0 } readings ? string.Join(" or ", readings.Select(r => Written(r))) : null;

    /// <summary>
    /// The readings of <paramref name="values"/> (at most two, differing in what the values mean): each the layouts of one
    /// date layout that together read every value, a date-time layout beside a date-only one where the values mix both
    /// (31.12.2024 and 31.12.2024 23:05); empty when none does.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> DateReadings(IReadOnlyCollection<string> values) =>
        values.Count == 0 ? []
        : DateLayouts
            // Each value by the first time of day that reads it with the date's layout: at most one does, as each needs its own parts.
            .Select(d => (d.Layout, Read: values.Select(v => TimeSuffixes.Select((t, i) => (Suffix: i, Date: Read(v, d.Lenient + t.Lenient))).FirstOrDefault(r => r.Date is not null)).ToList()))
            .Where(c => c.Read.All(r => r.Date is not null))
            .Select(c => (Layouts: (IReadOnlyList<string>)c.Read.Select(r => r.Suffix).Distinct().Order().Select(i => c.Layout + TimeSuffixes[i].Suffix).ToList(),
                Reading: string.Join("|", c.Read.Select(r => r.Date!.Value.Ticks))))
            .DistinctBy(c => c.Reading).Take(2).Select(c => c.Layouts).ToList();

    /// <summary>One shape of date values (31.12.2025 14:05, 2025/12/29): its first value and its readings, none where no known layout reads it.</summary>
    public sealed record DateShape(string Example, IReadOnlyList<IReadOnlyList<string>> Readings);

    /// <summary>
    /// <paramref name="values"/> by shape, in the order they come, each with its readings: for values no one layout reads
    /// together (31.12.2025 14:05 beside 2025/12/29), which a list of one layout per shape reads.
    /// </summary>
    public static IReadOnlyList<DateShape> DateShapes(IReadOnlyCollection<string> values) =>
        values.GroupBy(Shape).Select(g => new DateShape(g.First(), DateReadings(g.ToList()))).ToList();

    /// <summary>The layouts of one reading per shape, in order and each once, as a list formats: takes (the first reading of a shape read two ways).</summary>
    public static IReadOnlyList<string> Listed(IEnumerable<DateShape> shapes) =>
        shapes.Where(s => s.Readings.Count > 0).SelectMany(s => s.Readings[0]).Distinct(StringComparer.Ordinal).ToList();

    // 31.12.2025 14:05 as 9.9.9999 9:9: parts of one or two digits alike, so 1.1.2025 and 31.12.2025 are one shape, and a
    // year's place apart (2025/12/29 from 29/12/2025), which no one layout reads together.
    private static string Shape(string value) =>
        Regex.Replace(Regex.Replace(value.Trim(), @"\p{L}+", "a"), @"[0-9]+", m => m.Length <= 2 ? "9" : "9999");

    /// <summary>Layouts as formats: takes them: one alone (unless <paramref name="asList"/>), else as a list, [dd.MM.yyyy, dd.MM.yyyy HH:mm].</summary>
    public static string Written(IReadOnlyList<string> layouts, bool asList = false) =>
        layouts.Count == 1 && !asList ? layouts[0] : $"[{string.Join(", ", layouts)}]";

    private static DateTime? Read(string value, string lenient) =>
        DateTime.TryParseExact(value.Trim(), lenient, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>The culture (or the first two that read the values differently, joined by " or ") whose numbers read every value; null when none does.</summary>
    public static string? NumberCulture(IReadOnlyCollection<string> values) =>
        values.Count == 0 ? null
        : Name(NumberPatterns.Where(p => values.All(v => p.Pattern.IsMatch(v.Trim())))
            .Select(p => (p.Culture, Reading: string.Join("|", values.Select(v =>
                new string(v.Trim().Where(c => !p.Groups.Contains(c)).Select(c => c == p.Decimal ? '.' : c).ToArray()))))));

    // The first candidate, or the first two that read the values differently (3/4/2025 as 3 April or 4 March); candidates
    // that read them alike (12,5 in de-DE and fr-FR) are one.
    private static string? Name(IEnumerable<(string Name, string Reading)> candidates)
    {
        var distinct = candidates.DistinctBy(c => c.Reading).Take(2).Select(c => c.Name).ToList();
        return distinct.Count == 0 ? null : string.Join(" or ", distinct);
    }
}
