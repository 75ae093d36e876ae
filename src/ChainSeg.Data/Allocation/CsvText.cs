using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Allocation;

/// <summary>
/// Small CSV files of the order-level commands (route, allocate): result tables written as RFC-4180 CSV in invariant culture
/// (large outputs are written by DuckDB's COPY), and their input files: read as comma-separated text with a header row.
/// </summary>
public static class CsvText
{
    /// <summary>
    /// Checks an input file (a header row, then rows of as many fields) and gives its columns and the <c>read_csv</c> call that
    /// reads its rows as text; <paramref name="required"/> are the columns it must have.
    /// </summary>
    /// <exception cref="ConfigurationException">The file is binary or empty, lacks a required column, or a row has another number of fields than the header.</exception>
    public static CsvInput Open(string file, IReadOnlyList<string> required, string needed)
    {
        var name = Path.GetFileName(file);
        // Every row is checked here rather than left to DuckDB's sniffer: one row with an extra field made it take that row's
        // values for the header ("the file has: O4, C-00013, …"), and an empty file a header "column0".
        List<string> header;
        // A binary file read as text failed on its "rows" ("row 1 has a quote inside an unquoted field"), not on what it is.
        using (var content = File.OpenRead(file))
            BinaryExport.RequireText(content, file, "", otherFormats: false);
        using (var reader = new StreamReader(file, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true))
        {
            var first = SourceResolver.ReadRecord(reader, ',', out var lines);
            if (lines == 0)
                throw new ConfigurationException($"{name} is empty; it needs a header row: {needed}.");
            if (first.Count == 0)
                throw new ConfigurationException($"{name}: the first line is blank; start the file with its header row: {needed}.");
            header = SourceResolver.DeduplicateHeaders(first.Select(h => h.Trim()));
            // Rows are numbered by record from the header, as the run's quarantine numbers them; a blank line is no row.
            for (var row = 0; ;)
            {
                var record = SourceResolver.ReadRecord(reader, ',', out lines, out var quoteProblem);
                if (lines == 0)
                    break;
                if (record.Count == 0)
                    continue;
                row++;
                if (quoteProblem is not null)
                    throw new ConfigurationException($"{name}: row {row} has {quoteProblem}; quote the whole field and double the quotes in it (\"5\"\" pipe\").");
                if (record.Count != header.Count)
                    throw new ConfigurationException($"{name}: row {row} has {record.Count} fields, the header {header.Count}; quote a field that holds a comma, or give the header a name for every field.");
            }
        }
        foreach (var column in required.Where(col => !header.Contains(col)))
            throw new ConfigurationException($"{name}: column '{column}' is missing; the file has: {string.Join(", ", header)}. Needed: {needed}.");
        var columns = "{" + string.Join(", ", header.Select(h => $"{Sql.Str(h)}: 'VARCHAR'")) + "}";
        return new CsvInput(header, $"read_csv({Sql.Str(file)}, columns = {columns}, header = true, delim = ',', quote = '\"', escape = '\"', auto_detect = false, strict_mode = true)");
    }

    /// <summary>The text of a field every row of an input file must fill; <paramref name="rowOrdinal"/> holds the row's number (from 1 after the header).</summary>
    /// <exception cref="ConfigurationException">The field is empty in this row; the message names the file, row and column.</exception>
    public static string Required(DuckDBDataReader reader, int ordinal, string file, string column, int rowOrdinal) =>
        reader.IsDBNull(ordinal) || reader.GetString(ordinal) is not { Length: > 0 } text
            ? throw new ConfigurationException($"{Path.GetFileName(file)}: row {reader.GetInt64(rowOrdinal).ToString(CultureInfo.InvariantCulture)} has no {column}; every row needs one.")
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

/// <summary>A checked input file of route or allocate.</summary>
/// <param name="Columns">Its header, trimmed (a repeated name numbered <c>name_2</c>).</param>
/// <param name="Relation">The <c>read_csv</c> call that reads its rows, every field as text.</param>
public sealed record CsvInput(IReadOnlyList<string> Columns, string Relation);
