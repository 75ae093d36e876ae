namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The totals row ERP and BI list exports end with ("Grand Total" or "Summe" in the first key column, the other
/// identifiers empty), quarantined as <c>totals_row</c> rather than read as a SKU or customer or as a row missing its ids.
/// </summary>
internal static class TotalsRow
{
    /// <summary>The quarantine reason.</summary>
    public const string Reason = "totals_row";

    /// <summary>Labels exports write in a totals row, lower case; compared trimmed, in any case, with or without a trailing colon.</summary>
    public static readonly IReadOnlyList<string> Labels =
        ["total", "totals", "grand total", "subtotal", "sub-total", "sum", "summe", "gesamt", "gesamtsumme", "endsumme", "zwischensumme", "total général", "totale"];

    /// <summary>SQL holding for a row whose <paramref name="label"/> column reads as a totals label and whose <paramref name="empty"/> columns are all null.</summary>
    public static string Sql(string label, IEnumerable<string> empty) =>
        LabelSql(label) + string.Concat(empty.Select(e => $" AND {e} IS NULL"));

    /// <summary>SQL holding for a row whose <paramref name="label"/> column reads as a totals label.</summary>
    public static string LabelSql(string label) =>
        $"lower(trim(rtrim({label}, ':'))) IN ({string.Join(", ", Labels.Select(Ingestion.Sql.Str))})";
}
