using System.Globalization;
using ChainSeg.Data.Configuration;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Allocation;

/// <summary>
/// Small CSV files of the order-level commands (route, allocate): result tables written as RFC-4180 CSV in invariant culture
/// (large outputs are written by DuckDB's COPY), and the required fields of their input files.
/// </summary>
public static class CsvText
{
    /// <summary>The text of a field every row of an input file must fill.</summary>
    /// <exception cref="ConfigurationException">The field is empty in this row; the message names the file and column.</exception>
    public static string Required(DuckDBDataReader reader, int ordinal, string file, string column) =>
        reader.IsDBNull(ordinal) || reader.GetString(ordinal) is not { Length: > 0 } text
            ? throw new ConfigurationException($"{Path.GetFileName(file)}: a row has no {column}; every row needs one.")
            : text;

    /// <summary>Writes a header and rows.</summary>
    public static void Write(string path, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(path);
        writer.Write(string.Join(",", header.Select(Field)) + "\n");
        foreach (var row in rows)
            writer.Write(string.Join(",", row.Select(v => Field(v switch
            {
                null => "",
                // + 0.0 writes a rounded -0 (a ratio of -1e-13) as 0.
                double d => double.IsFinite(d) ? (d + 0.0).ToString("R", CultureInfo.InvariantCulture) : "",
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                _ => v.ToString() ?? "",
            }))) + "\n");
    }

    private static string Field(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
