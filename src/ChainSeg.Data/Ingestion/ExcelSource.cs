using System.Globalization;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>Excel (.xlsx) exports, read with ClosedXML because DuckDB's excel extension downloads at run time.</summary>
public static class ExcelSource
{
    /// <summary>Header row of the worksheet (below any title rows, see <see cref="HeaderRow"/>).</summary>
    public static List<string> ReadHeaders(string file, string? sheet)
    {
        using var workbook = Open(file);
        var worksheet = Worksheet(workbook, sheet, file);
        var range = worksheet.RangeUsed() ?? throw new InvalidDataException($"worksheet '{worksheet.Name}' is empty");
        return Headers(range);
    }

    /// <summary>Every worksheet's name and header row, for telling which sheet holds a table.</summary>
    public static List<(string Sheet, List<string> Headers)> SheetHeaders(string file)
    {
        using var workbook = Open(file);
        return workbook.Worksheets.Select(w => (w.Name, w.RangeUsed() is { } range ? Headers(range) : [])).ToList();
    }

    private static List<string> Headers(IXLRange range) =>
        SourceResolver.DeduplicateHeaders(range.Row(HeaderRow(range)).Cells().Select(c => c.GetString().Trim()));

    // Reports exported from Excel often open with a title, a date or a blank line above the table. The header is the first
    // of the first 20 rows that fills at least half as many cells as the fullest of them (a title fills one), and at least two.
    private static int HeaderRow(IXLRange range)
    {
        var counts = Enumerable.Range(1, Math.Min(20, range.RowCount())).Select(r => (Row: r, Filled: range.Row(r).Cells().Count(c => !c.IsEmpty()))).ToList();
        var fullest = counts.Max(c => c.Filled);
        return counts.FirstOrDefault(c => c.Filled >= Math.Max(2, (fullest + 1) / 2)).Row is var row and > 0 ? row : 1;
    }

    /// <summary>Appends the worksheet's data rows (every one, or the first <paramref name="maxRows"/>), as text, to a raw table whose first column is the file index.</summary>
    public static void AppendRows(DuckDBConnection connection, string catalog, string schema, string table, int fileIndex, string file, string? sheet, int columnCount,
        int? maxRows = null)
    {
        using var workbook = Open(file);
        var worksheet = Worksheet(workbook, sheet, file);
        var range = worksheet.RangeUsed();
        if (range is null)
            return;
        using var appender = connection.CreateAppender(catalog, schema, table);
        var header = range.Row(HeaderRow(range)).RowNumber();
        foreach (var row in range.RowsUsed().Where(r => r.RowNumber() > header).Take(maxRows ?? int.MaxValue))
        {
            var appended = appender.CreateRow().AppendValue(fileIndex);
            for (var c = 1; c <= columnCount; c++)
                appended = appended.AppendValue(CellText(row.Cell(c)));
            appended.EndRow();
        }
    }

    private static string? CellText(IXLCell cell)
    {
        if (cell.IsEmpty())
            return null;
        return cell.DataType switch
        {
            XLDataType.DateTime => DateText(cell),
            XLDataType.Number => cell.GetDouble().ToString("R", CultureInfo.InvariantCulture),
            XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
            _ => cell.GetString(),
        };
    }

    // A date cell whose serial lies outside what a DateTime holds (2958466 is past 9999-12-31) is passed on as its serial
    // number, which the date parser then quarantines or blanks like any other unreadable date, instead of failing the load.
    private static string DateText(IXLCell cell)
    {
        DateTime date;
        try
        {
            date = cell.GetDateTime();
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or FormatException or OverflowException)
        {
            return cell.GetDouble().ToString("R", CultureInfo.InvariantCulture);
        }
        return date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
    }

    private static XLWorkbook Open(string file)
    {
        RequireZip(file);
        try
        {
            return WithoutStyles(file) is { } styled ? new XLWorkbook(styled) : new XLWorkbook(file);
        }
        catch (Exception e) when (e is not IOException)
        {
            throw new InvalidDataException(e.Message);
        }
    }

    // A workbook is a zip archive of XML parts: a CSV named .xlsx failed with "End of Central Directory record could not be
    // found", and a zip without a workbook in it with ClosedXML's "Object reference not set to an instance of an object".
    private static void RequireZip(string file)
    {
        Span<byte> signature = stackalloc byte[4];
        using (var stream = File.OpenRead(file))
            if (stream.ReadAtLeast(signature, 4, throwOnEndOfStream: false) == 4 && signature.SequenceEqual("PK\u0003\u0004"u8))
                return;
        throw new InvalidDataException("it is not a zip archive, as every .xlsx workbook is: a CSV or other file named .xlsx? Name it for what it is (.csv), or save it from Excel as .xlsx again");
    }

    // Workbooks written by some exporters (report generators, hand-rolled OpenXML writers) have no styles part, and ClosedXML
    // then reads every number cell as empty: such a workbook is opened from a copy given a minimal stylesheet (one default
    // font, the two fills Excel requires, one border, one cell format), which is what Excel itself assumes for it.
    private static MemoryStream? WithoutStyles(string file)
    {
        const string noWorkbook = "it is a zip archive without a workbook in it; save it from Excel as .xlsx again";
        try
        {
            using var document = SpreadsheetDocument.Open(file, isEditable: false);
            if (document.WorkbookPart is null)
                throw new InvalidDataException(noWorkbook);
            if (document.WorkbookPart.WorkbookStylesPart is not null)
                return null;
        }
        catch (Exception e) when (e is OpenXmlPackageException)
        {
            throw new InvalidDataException(noWorkbook);
        }
        var copy = new MemoryStream();
        using (var source = File.OpenRead(file))
            source.CopyTo(copy);
        using (var document = SpreadsheetDocument.Open(copy, isEditable: true))
        {
            var styles = document.WorkbookPart!.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = new Stylesheet(
                new Fonts(new Font()) { Count = 1 },
                new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
                new Borders(new Border()) { Count = 1 },
                new CellStyleFormats(new CellFormat()) { Count = 1 },
                new CellFormats(new CellFormat()) { Count = 1 });
        }
        copy.Position = 0;
        return copy;
    }

    private static IXLWorksheet Worksheet(XLWorkbook workbook, string? sheet, string file)
    {
        if (sheet is null)
            return workbook.Worksheets.First();
        return workbook.Worksheets.FirstOrDefault(w => w.Name == sheet)
            ?? throw new InvalidDataException($"no worksheet '{sheet}' in {Path.GetFileName(file)}; it has: {string.Join(", ", workbook.Worksheets.Select(w => w.Name))}");
    }
}
