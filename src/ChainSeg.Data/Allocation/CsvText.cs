using System.Globalization;

namespace ChainSeg.Data.Allocation;

/// <summary>Writes small result tables as RFC-4180 CSV in invariant culture (large outputs are written by DuckDB's COPY).</summary>
public static class CsvText
{
    /// <summary>Writes a header and rows.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(",", header.Select(Field)) + "\n");
        foreach (var row in rows)
            writer.Write(string.Join(",", row.Select(v => Field(v switch
            {
                null => "",
                double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))) + "\n");
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
