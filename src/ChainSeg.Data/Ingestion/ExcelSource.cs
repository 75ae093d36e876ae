using System.Globalization;
using System.Text.RegularExpressions;
using ClosedXML.Excel;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>Excel (.xlsx) exports, read with ClosedXML because DuckDB's excel extension downloads at run time.</summary>
public static partial class ExcelSource
{
    /// <summary>Header of the worksheet (below any title rows, see <see cref="HeaderRow"/>, or on <paramref name="headerRow"/>) and its sheet row; none, on row 1, for an empty worksheet.</summary>
    /// <remarks>An empty first sheet is no unreadable file: with no header, the run names the sheet that holds the table.</remarks>
    /// <exception cref="HeaderRowBeyondEndException"><paramref name="headerRow"/> lies below the worksheet's last row.</exception>
    public static (List<string> Headers, int Row) ReadHeaders(string file, string? sheet, int? headerRow = null)
    {
        using var workbook = Open(file);
        if (Worksheet(workbook, sheet).RangeUsed() is not { } range)
            return ([], 1);
        var last = range.RangeAddress.LastAddress.RowNumber;
        var row = headerRow ?? range.Row(HeaderRow(range)).RowNumber();
        if (row > last)
            throw new HeaderRowBeyondEndException(row, last);
        return (RowTexts(range, row), row);
    }

    /// <summary>The worksheet's first <paramref name="count"/> rows that hold a value, each with its sheet row, read as a header is.</summary>
    public static List<(int Row, List<string> Cells)> LeadingRows(string file, string? sheet, int count)
    {
        using var workbook = Open(file);
        if (Worksheet(workbook, sheet).RangeUsed() is not { } range)
            return [];
        return range.RowsUsed().Take(count).Select(r => (r.RowNumber(), RowTexts(range, r.RowNumber()))).ToList();
    }

    /// <summary>Every worksheet's name and header row, for telling which sheet holds a table.</summary>
    public static List<(string Sheet, List<string> Headers)> SheetHeaders(string file)
    {
        using var workbook = Open(file);
        return workbook.Worksheets.Select(w => (w.Name, w.RangeUsed() is { } range ? Headers(range) : [])).ToList();
    }

    private static List<string> Headers(IXLRange range) => RowTexts(range, range.Row(HeaderRow(range)).RowNumber());

    // A sheet row's cells across the used range, as header names.
    private static List<string> RowTexts(IXLRange range, int sheetRow) =>
        SourceResolver.DeduplicateHeaders(range.Row(sheetRow - range.RangeAddress.FirstAddress.RowNumber + 1).Cells().Select(c => c.GetString().Trim()),
            range.RangeAddress.FirstAddress.ColumnNumber);

    // Reports exported from Excel often open with a title, a date or a blank line above the table. The header is the first
    // of the first 20 rows that fills at least half as many cells as the fullest of them (a title fills one), and at least two.
    private static int HeaderRow(IXLRange range)
    {
        var counts = Enumerable.Range(1, Math.Min(20, range.RowCount())).Select(r => (Row: r, Filled: range.Row(r).Cells().Count(c => !c.IsEmpty()))).ToList();
        var fullest = counts.Max(c => c.Filled);
        return counts.FirstOrDefault(c => c.Filled >= Math.Max(2, (fullest + 1) / 2)).Row is var row and > 0 ? row : 1;
    }

    /// <summary>Appends the worksheet's data rows below sheet row <paramref name="headerRow"/> (every one, or the first <paramref name="maxRows"/>), as text, to a raw table whose first column is the file index.</summary>
    /// <remarks>Number cells are written with the decimal separator of <paramref name="culture"/>, the source's, which reads them back as they are.</remarks>
    /// <returns>Per column (0 for the first), the first formula saved without its result, which is appended as empty.</returns>
    public static Dictionary<int, UncalculatedFormula> AppendRows(DuckDBConnection connection, string catalog, string schema, string table, int fileIndex, string file, string? sheet,
        int headerRow, int columnCount, CultureInfo culture, int? maxRows = null)
    {
        var uncalculated = new Dictionary<int, UncalculatedFormula>();
        using var workbook = Open(file);
        var worksheet = Worksheet(workbook, sheet);
        var range = worksheet.RangeUsed();
        if (range is null)
            return uncalculated;
        var misread = ValuesFromXml(file, worksheet.Name);
        var decimals = culture.NumberFormat.NumberDecimalSeparator;
        using var appender = connection.CreateAppender(catalog, schema, table);
        foreach (var row in range.RowsUsed().Where(r => r.RowNumber() > headerRow).Take(maxRows ?? int.MaxValue))
        {
            var appended = appender.CreateRow().AppendValue(fileIndex);
            for (var c = 1; c <= columnCount; c++)
            {
                var cell = row.Cell(c);
                var text = CellText(cell, misread, decimals);
                // No saved value at all (Excel saves a formula's empty text as an empty value, which is no value missing).
                if (text is null && cell.HasFormula && cell.CachedValue is null)
                    uncalculated.TryAdd(c - 1, new UncalculatedFormula(cell.Address.ToString()!, worksheet.Name, cell.FormulaA1));
                appended = appended.AppendValue(text);
            }
            appended.EndRow();
        }
        return uncalculated;
    }

    private static string? CellText(IXLCell cell, Dictionary<string, string> misread, string decimals)
    {
        // Most sheets have no such cell: no address is spelt out for them.
        if (misread.Count > 0 && misread.TryGetValue(cell.Address.ToString()!, out var fromXml))
            return fromXml;
        if (cell.IsEmpty())
            return null;
        // A formula is read as the result Excel saved with it, as the sheet shows it: ClosedXML would evaluate it again,
        // which fails on a link to another workbook or a function it does not know, and on a result that is an error.
        if (!string.IsNullOrEmpty(cell.FormulaA1))
            return SavedResult(cell, decimals);
        return cell.DataType switch
        {
            XLDataType.DateTime => DateText(cell, decimals),
            XLDataType.Number => NumberText(cell.GetDouble(), decimals),
            XLDataType.Boolean => cell.GetBoolean() ? "true" : "false",
            _ => cell.GetString(),
        };
    }

    // The saved result is the text of the cell's value in the file: a number in invariant form (a date as its serial,
    // turned into the date when the cell is formatted as one) or a text; text and Boolean results are read from the XML.
    private static string? SavedResult(IXLCell cell, string decimals)
    {
        var saved = Convert.ToString(cell.CachedValue, CultureInfo.InvariantCulture);
        if (string.IsNullOrEmpty(saved))
            return null;
        if (!double.TryParse(saved, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            return saved;
        return IsDateFormat(cell) && number is >= 0 and < 2958466 ? DateText(DateTime.FromOADate(number)) : NumberText(number, decimals);
    }

    // A number cell holds a number, not text in the source's culture; it is written with that culture's decimal separator
    // so that culture: (which says how numbers written as text look, "1.234,50") reads it as it is: in invariant form,
    // 1.234 was read as 1234 under de-DE and 1.5 was unparseable.
    private static string NumberText(double number, string decimals) =>
        number.ToString("R", CultureInfo.InvariantCulture).Replace(".", decimals, StringComparison.Ordinal);

    // A date cell whose serial lies outside what a DateTime holds (2958466 is past 9999-12-31) is passed on as its serial
    // number, which the date parser then quarantines or blanks like any other unreadable date, instead of failing the load.
    private static string DateText(IXLCell cell, string decimals)
    {
        DateTime date;
        try
        {
            date = cell.GetDateTime();
        }
        catch (Exception e) when (e is InvalidCastException or ArgumentException or FormatException or OverflowException)
        {
            return NumberText(cell.GetDouble(), decimals);
        }
        return DateText(date);
    }

    private static string DateText(DateTime date) =>
        date.ToString(date.TimeOfDay == TimeSpan.Zero ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    // Excel's built-in date formats (14 to 22), or a format of its own that shows a day or a year (yyyy-mm-dd, dd.mm.yy),
    // leaving out quoted text and bracketed colours and locales.
    private static bool IsDateFormat(IXLCell cell)
    {
        var format = cell.Style.NumberFormat;
        return format.NumberFormatId is >= 14 and <= 22
            || QuotedOrBracketed().Replace(format.Format ?? "", "").IndexOfAny(['y', 'Y', 'd', 'D']) >= 0;
    }

    [GeneratedRegex("\"[^\"]*\"|\\[[^\\]]*\\]")]
    private static partial Regex QuotedOrBracketed();

    // ClosedXML reads a cell holding an error without a formula (a #N/A pasted as a value) as empty, which would make an
    // optional column's error blank without a word, a formula's Boolean result as 1 or 0, and its text result as any other
    // saved value, so "0042" (="00"&A2) would be the number 42: such cells are read from the sheet's XML, an error as the
    // text it shows, a Boolean as true or false (as a Boolean cell is), a text as written.
    private static Dictionary<string, string> ValuesFromXml(string file, string sheet)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        using var document = SpreadsheetDocument.Open(file, isEditable: false);
        if (document.WorkbookPart is not { } workbook
            || workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => s.Name == sheet)?.Id?.Value is not { } id
            || workbook.GetPartById(id) is not WorksheetPart part)
            return values;
        using var reader = OpenXmlReader.Create(part);
        var more = reader.Read();
        while (more)
        {
            // Loading an element moves the reader past it, onto the next one.
            if (reader.ElementType == typeof(Cell) && reader.IsStartElement && reader.Attributes.Any(a => a.LocalName == "t" && a.Value is "e" or "b" or "str"))
            {
                if (reader.LoadCurrentElement() is Cell { CellReference.Value: { } reference, CellValue.Text: { Length: > 0 } text } cell)
                {
                    if (cell.DataType?.Value == CellValues.Boolean)
                    {
                        if (cell.CellFormula is not null)
                            values[reference] = text.Trim() is "1" or "true" ? "true" : "false";
                    }
                    else
                        values[reference] = text;
                }
                more = !reader.EOF;
            }
            else
                more = reader.Read();
        }
        return values;
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

    private static IXLWorksheet Worksheet(XLWorkbook workbook, string? sheet)
    {
        if (sheet is null)
            return workbook.Worksheets.First();
        // Excel's sheet names ignore case: it refuses a sheet 'orders' beside 'Orders', so sheet: orders can mean only that one.
        return workbook.Worksheets.FirstOrDefault(w => string.Equals(w.Name, sheet, StringComparison.OrdinalIgnoreCase))
            ?? throw new WorksheetNotFoundException(sheet, workbook.Worksheets.Select(w => w.Name).ToList());
    }
}

/// <summary>A workbook cell holding a formula without the result Excel saves with it, as a program that does not calculate writes it.</summary>
/// <param name="Cell">The cell's address (F3).</param>
/// <param name="Sheet">The worksheet's name.</param>
/// <param name="Formula">The formula, without its leading =.</param>
public sealed record UncalculatedFormula(string Cell, string Sheet, string Formula)
{
    /// <summary>Why the workbook is refused and the fix, for a column read as <paramref name="column"/>.</summary>
    public string Refusal(string column) =>
        $"cell {Cell} of sheet '{Sheet}' ({column}) holds the formula ={Formula} without its result, as a program that does not calculate saves it: "
        + "open the workbook in Excel or LibreOffice and save it, so each formula's result is saved with it";
}
