namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The text of an identifier (customer id, order id, SKU, location id, shipment id) as ingestion keeps it: white space
/// and invisible format characters trimmed at its edges, Unicode NFC, and missing (NULL) when it is a placeholder for none.
/// Case, separators and inner characters are kept: SKUs and order ids stay case-sensitive codes (only customer ids are also
/// matched on a key, <see cref="CustomerIdKey"/>).
/// </summary>
public static class IdentifierText
{
    // White space and invisible characters at an id's edges (tab, no-break space, zero-width space, byte order mark);
    // DuckDB's trim removes spaces alone, so "A1<tab>" stayed apart from A1. RE2's \s lacks the vertical tab (\x0B).
    private const string Edges = @"^[\s\x0B\p{Z}\p{Cf}]+|[\s\x0B\p{Z}\p{Cf}]+$";

    // A value of separators and white space alone (-, ., " - "), which names nothing (and leaves a customer id no key).
    private const string SeparatorsAlone = CustomerIdKey.Dropped + "*";

    // How exports write "none" (SQL NULL, Excel's #N/A, pandas' nan, Python's None), compared in upper case.
    private static readonly string[] Placeholders = ["NULL", "N/A", "#N/A", "NAN", "NONE"];

    /// <summary>SQL giving the identifier text of <paramref name="raw"/>: edges trimmed, NFC, NULL when empty, a placeholder or separators alone.</summary>
    public static string Sql(string raw) => MissingAsNull($"nfc_normalize(regexp_replace({raw}, '{Edges}', '', 'g'))");

    /// <summary>SQL giving the code <paramref name="raw"/> (order id, SKU, location id, or a customer id's stored text) as ingestion stores it: <see cref="Sql(string)"/>, then <see cref="CodeText"/>.</summary>
    public static string Code(string raw) => CodeText.Sql(Sql(raw));

    /// <summary>
    /// <see cref="Sql(string)"/> evaluated only where it can change the value: ASCII text that starts with a letter or digit,
    /// ends without white space and is no placeholder (almost every code) is kept as it is. Same result, for columns
    /// evaluated on every row.
    /// </summary>
    public static string GuardedSql(string raw)
    {
        // strlen (bytes) = length (characters) says ASCII, which is its own NFC. In ASCII, white space, control characters
        // and the characters a value of separators alone or #N/A starts with ('#', '-', '.', '/') all sort before '0', so
        // x >= '0' (with '_' apart) leaves the first character nothing to trim or tell, and the last character (a byte,
        // in ASCII) above ' ' nothing to trim.
        var plain = $"""
            strlen({raw}) = length({raw}) AND {raw} >= '0' AND NOT starts_with({raw}, '_') AND substr({raw}, strlen({raw})) > ' '
            AND (strlen({raw}) > 4 OR NOT {IsPlaceholder(raw)})
            """;
        return $"CASE WHEN {plain} THEN {raw} ELSE {Sql(raw)} END";
    }

    // A list, not IN: DuckDB rewrites IN to one comparison per value, and that cost about as much as upper() on every row
    // even behind the length test (placeholders are at most 4 bytes long, so longer values skip upper()).
    private static string IsPlaceholder(string text) => $"list_contains({Ingestion.Sql.StrList(Placeholders)}, upper({text}))";

    // The cleaned text, or NULL when it names nothing: a value of separators alone starts with one once trimmed ('-', '.'
    // and '/' are consecutive in ASCII).
    private static string MissingAsNull(string cleaned) => $"""
        CASE WHEN {cleaned} = ''
                  OR (strlen({cleaned}) <= 4 AND {IsPlaceholder(cleaned)})
                  OR ((({cleaned} >= '-' AND {cleaned} < '0') OR starts_with({cleaned}, '_')) AND regexp_full_match({cleaned}, '{SeparatorsAlone}')) THEN NULL
             ELSE {cleaned} END
        """;
}
