namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Finds, among a file's first rows, the one holding a table's columns, for a refusal or a draft that names
/// <c>header_row</c>. Never used to skip rows silently: a wrong guess would load a title or group row as data.
/// </summary>
internal static class HeaderRowSearch
{
    /// <summary>Rows searched: a report's title, notes, blank and group rows fit well within them.</summary>
    public const int RowsSearched = 10;

    /// <summary>A row of a file read as a header: its row (a CSV's physical line, a workbook's sheet row), the lines it spans and its cells as header names.</summary>
    public sealed record Candidate(int Row, int Span, List<string> Headers);

    /// <summary>The file's first rows that hold a value (at most <see cref="RowsSearched"/>), each read as a header; none for Parquet.</summary>
    public static List<Candidate> LeadingRows(string file, SourceFormat format, string delimiter, string encoding, string? sheet) => format switch
    {
        SourceFormat.Csv => LeadingCsvRecords(file, delimiter[0], encoding),
        SourceFormat.Xlsx => ExcelSource.LeadingRows(file, sheet, RowsSearched).Select(r => new Candidate(r.Row, 1, r.Cells)).ToList(),
        _ => [],
    };

    // Blank lines are passed over, as a title's blank line below it is no row a header could be on.
    private static List<Candidate> LeadingCsvRecords(string file, char delimiter, string encoding)
    {
        var found = new List<Candidate>();
        using var reader = SourceResolver.OpenCsvText(file, encoding);
        for (var line = 1; found.Count < RowsSearched;)
        {
            var record = SourceResolver.ReadRecord(reader, delimiter, out var lines);
            if (lines == 0)
                break;
            if (record.Any(f => f.Trim().Length > 0))
                found.Add(new Candidate(line, lines, SourceResolver.DeduplicateHeaders(record)));
            line += lines;
        }
        return found;
    }
}
