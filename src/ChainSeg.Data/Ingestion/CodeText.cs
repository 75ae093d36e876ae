namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A code or customer id as ingestion stores it: a whole number a spreadsheet wrote as a float (<c>17850.0</c>, as the
/// UCI Online Retail export writes every CustomerID) loses its <c>.0</c>; anything else is kept as written.
/// </summary>
public static class CodeText
{
    /// <summary>SQL giving the stored form of the text expression <paramref name="text"/>.</summary>
    public static string Sql(string text) => $"CASE WHEN contains({text}, '.') THEN regexp_replace({text}, '^(-?[0-9]+)\\.0+$', '\\1') ELSE {text} END";
}
