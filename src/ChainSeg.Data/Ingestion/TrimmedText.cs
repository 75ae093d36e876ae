using ChainSeg.Core.Segmentation;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A text value (region, channel, activity, source system; a number or date that did not parse as written) as ingestion
/// keeps it: Unicode space separators, tabs, line feeds, carriage returns, vertical tabs and form feeds trimmed at its
/// edges, and missing (NULL) when nothing is left. Inner characters, case and normal form are kept.
/// </summary>
public static class TrimmedText
{
    // DuckDB's trim() removes the space separators (Unicode Zs) alone, so "North<tab>" stayed apart from North and no rule
    // region == 'North' could match it. trim(x, characters) removes any of a set: the Zs and the controls, as rules read them.
    private static readonly string Edges = Ingestion.Sql.Str(TextEdges.Characters);

    /// <summary>SQL giving the text of <paramref name="raw"/>: edges trimmed, NULL when empty.</summary>
    public static string Sql(string raw) => $"nullif(trim({raw}, {Edges}), '')";

    /// <summary>
    /// <see cref="Sql(string)"/> evaluated only where it can change the value: ASCII text whose first and last characters
    /// are above ' ' (most codes and texts) is kept as it is. Same result, for columns evaluated on every row.
    /// </summary>
    public static string GuardedSql(string raw)
    {
        // strlen (bytes) = length (characters) says ASCII, where the characters trimmed are ' ' and the controls below it.
        // Strings compare byte by byte, so x >= '!' says the first byte is above ' ' (and x is not empty); the last
        // character is a byte in ASCII.
        var plain = $"strlen({raw}) = length({raw}) AND {raw} >= '!' AND substr({raw}, strlen({raw})) > ' '";
        return $"CASE WHEN {plain} THEN {raw} ELSE {Sql(raw)} END";
    }
}
