using System.Globalization;

namespace ChainSeg.Data.Ingestion;

/// <summary>Quoting of identifiers and literals for SQL text built from configuration.</summary>
public static class Sql
{
    /// <summary>A double-quoted identifier.</summary>
    public static string Id(string name) => "\"" + name.Replace("\"", "\"\"") + "\"";

    /// <summary>A single-quoted string literal.</summary>
    public static string Str(string value) => "'" + value.Replace("'", "''") + "'";

    /// <summary>A list literal of strings, e.g. <c>['a', 'b']</c>.</summary>
    public static string StrList(IEnumerable<string> values) => "[" + string.Join(", ", values.Select(Str)) + "]";

    /// <summary>A number literal in invariant culture.</summary>
    public static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
