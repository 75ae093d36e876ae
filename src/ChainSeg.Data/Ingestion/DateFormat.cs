using System.Globalization;
using System.Text;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>Translates .NET custom date/time formats (as written in chainseg.yaml) into DuckDB strptime formats.</summary>
public static class DateFormat
{
    /// <summary>Formats tried, in order, when a source names none: ISO date, date and time, and their variants.</summary>
    public static readonly IReadOnlyList<string> Defaults =
        ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S.%f", "%Y-%m-%d %H:%M:%S.%f", "%Y-%m-%dT%H:%M:%SZ", "%Y-%m-%dT%H:%M"];

    /// <summary>The text a Parquet date or timestamp column and a workbook's date cell are read as: ISO date, date and time, with a fraction of a second.</summary>
    public static readonly IReadOnlyList<string> TypedText = ["%Y-%m-%d", "%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M:%S.%f"];

    /// <summary>A compact date yyyyMMdd (SAP's date type): exactly eight digits, as %m and %d alone also take one digit.</summary>
    public const string CompactDate = "[0-9]{8}";

    /// <summary>A UTC offset (Z, ±hh, ±hhmm or ±hh:mm) at the end of a date and time, with the space before it.</summary>
    public const string TrailingOffset = @"\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)$";

    /// <summary>A fraction of a second beyond microseconds (.NET's round-trip format writes 7 digits): group 1 keeps the first 6.</summary>
    public const string SubMicroseconds = @"(\.[0-9]{6})[0-9]+";

    /// <summary>ISO 8601 date and time with a UTC offset (Z, ±hh, ±hhmm or ±hh:mm); group 1 is the date and time without it.</summary>
    public const string IsoWithOffset = @"([0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,9})?)?)(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?)";

    /// <summary>The first day a date column accepts: exports carry no business dates before it, so an earlier one is a mistake (a two-digit year read as year 24, 0001-01-01 for "none").</summary>
    public static readonly DateOnly Earliest = new(1900, 1, 1);

    /// <summary>The last day a date column accepts: later dates are placeholders (SAP's 9999-12-31 for "open"), not business dates.</summary>
    public static readonly DateOnly Latest = new(2199, 12, 31);

    /// <summary>Returns <paramref name="date"/> when it lies within <see cref="Earliest"/> … <see cref="Latest"/>.</summary>
    /// <exception cref="ConfigurationException">It does not; the message names <paramref name="setting"/>.</exception>
    public static DateOnly RequireInRange(DateOnly date, string setting) => date >= Earliest && date <= Latest
        ? date
        : throw new ConfigurationException($"{setting} {Iso(date)} is outside the dates ChainSeg reads ({Iso(Earliest)} to {Iso(Latest)}); give a date of the data's period.");

    /// <summary>
    /// The first future date, which no order can have reached: the day after tomorrow by <paramref name="time"/>'s UTC date, so
    /// an export written just past midnight in another time zone is not in the future.
    /// </summary>
    public static DateOnly FutureFrom(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddDays(2);

    /// <summary>The date as yyyy-MM-dd in the invariant culture, as messages, tables and output files write it.</summary>
    public static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Reads <paramref name="text"/> as a yyyy-MM-dd date in the invariant culture, exactly as <see cref="Iso"/> writes it.</summary>
    public static bool TryParseIso(string text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);

    /// <summary>SQL condition: a DATE or TIMESTAMP expression lies within <see cref="Earliest"/> … <see cref="Latest"/>.</summary>
    public static string InRange(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"({value} >= DATE '{Earliest:yyyy-MM-dd}' AND {value} < DATE '{Latest.AddDays(1):yyyy-MM-dd}')");

    /// <summary>The defaults with the date-only format first, for date columns (most values match on the first try).</summary>
    public static readonly IReadOnlyList<string> DateDefaults = [Defaults[1], .. Defaults.Where((_, i) => i != 1)];

    private static readonly (string Token, string Strptime)[] Tokens =
    [
        ("yyyy", "%Y"), ("yy", "%y"), ("MMMM", "%B"), ("MMM", "%b"), ("MM", "%m"), ("M", "%m"),
        ("dddd", "%A"), ("ddd", "%a"), ("dd", "%d"), ("d", "%d"), ("HH", "%H"), ("H", "%H"), ("hh", "%I"), ("h", "%I"),
        ("mm", "%M"), ("m", "%M"), ("ss", "%S"), ("s", "%S"), ("ffffff", "%f"), ("fff", "%g"), ("tt", "%p"), ("zzz", "%z"),
    ];

    /// <summary>The strptime equivalent of a .NET custom format such as <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    /// <param name="dotNetFormat">The format as written in chainseg.yaml.</param>
    /// <param name="setting">Where it is written (sources.order_lines.formats.order_date[2]), named first in a refusal; null for none.</param>
    /// <exception cref="ConfigurationException">The format uses a specifier ChainSeg cannot translate.</exception>
    public static string ToStrptime(string dotNetFormat, string? setting = null)
    {
        var at = setting is null ? "" : setting + ": ";
        var result = new StringBuilder();
        for (var i = 0; i < dotNetFormat.Length;)
        {
            var c = dotNetFormat[i];
            if (c is '\'' or '"')
            {
                var end = dotNetFormat.IndexOf(c, i + 1);
                if (end < 0)
                    throw new ConfigurationException($"{at}date format '{dotNetFormat}': unterminated quoted literal. Close the quote.");
                result.Append(dotNetFormat.AsSpan(i + 1, end - i - 1).ToString().Replace("%", "%%"));
                i = end + 1;
                continue;
            }
            if (c == '\\' && i + 1 < dotNetFormat.Length)
            {
                result.Append(dotNetFormat[i + 1] == '%' ? "%%" : dotNetFormat[i + 1].ToString());
                i += 2;
                continue;
            }
            var token = Tokens.FirstOrDefault(t => string.CompareOrdinal(dotNetFormat, i, t.Token, 0, t.Token.Length) == 0);
            if (token.Token is not null)
            {
                result.Append(token.Strptime);
                i += token.Token.Length;
                continue;
            }
            if (char.IsLetter(c))
                throw new ConfigurationException($"{at}date format '{dotNetFormat}': specifier '{c}' is not supported; use yyyy, MM, dd, HH, mm, ss, fff, tt or quote literal text.");
            result.Append(c == '%' ? "%%" : c.ToString());
            i++;
        }
        return result.ToString();
    }
}
