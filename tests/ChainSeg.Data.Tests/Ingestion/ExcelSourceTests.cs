using System.Globalization;
using ChainSeg.Data.Ingestion;
using ClosedXML.Excel;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace ChainSeg.Data.Tests.Ingestion;

// Workbooks are written with ClosedXML; formulas and error values, which it does not write with a saved result, are set
// in the sheet's XML as Excel saves them. Each accepted value is compared with the value written.
public sealed class ExcelSourceTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly DateTime FirstOfMarch = new(2025, 3, 1);

    [Fact]
    public void Ingest_FormulaCells_ReadTheResultSavedWithThem()
    {
        // ClosedXML evaluated a formula again to read it: a VLOOKUP into another workbook failed the run with
        // "Cannot convert Orders!F3's value to System.String" and a stack trace.
        var data = Workbook("formulas", [
                ["SO-1", "C1", "X", FirstOfMarch, 2, 1.0],
                ["SO-2", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-3", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-4", "C1", "X", FirstOfMarch, 1, 1.0],
            ],
            new()
            {
                ["F2"] = (null, "E2*2.5", "5"),
                ["F3"] = (null, "VLOOKUP(A3,'[prices.xlsx]Sheet1'!A:B,2,FALSE)", "7.25"),
                ["B4"] = ("str", "\"C\"&\"2\"", "C2"),
                ["A3"] = ("str", "\"00\"&\"42\"", "0042"),
                ["D5"] = (null, "DATE(2025,3,2)", "45718"),
            });

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(
            [["0042", "C1", "2025-03-01 00:00:00", "7.25"], ["SO-1", "C1", "2025-03-01 00:00:00", "5.0"], ["SO-3", "C2", "2025-03-01 00:00:00", "1.0"], ["SO-4", "C1", "2025-03-02 00:00:00", "1.0"]],
            output.Canonical("order_lines", "order_id", "customer_id", "order_date", "net_amount"));
    }

    [Fact]
    public void Ingest_FormulaWithoutASavedResult_IsRefusedNamingTheCellAndTheFix()
    {
        // A program that does not calculate (openpyxl, a report generator) saves a formula without its result; the cell was
        // read as empty, so a net_amount of =E3*2.5 was left out without a word (and a required quantity read as missing).
        var data = Workbook("uncalculated", [["SO-1", "C1", "X", FirstOfMarch, 2, 1.0], ["SO-2", "C1", "X", FirstOfMarch, 1, 1.0]],
            new() { ["F3"] = (null, "E3*2.5", null) });

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));

        Assert.Equal("sources.order_lines: order_lines.xlsx: cell F3 of sheet 'Orders' (net_amount) holds the formula =E3*2.5 without its result, "
            + "as a program that does not calculate saves it: open the workbook in Excel or LibreOffice and save it, so each formula's result is saved with it", e.Message);
    }

    [Fact]
    public void Ingest_FormulaWithoutASavedResultInAColumnNotMapped_IsNoMatter()
    {
        var data = Workbook("uncalculated-unmapped", [["SO-1", "C1", "X", FirstOfMarch, 2, 1.0, "a"], ["SO-2", "C1", "X", FirstOfMarch, 1, 1.0, "b"]],
            new() { ["G3"] = ("str", "UPPER(G2)", null) }, "remark");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(2L, output.Count("order_lines", "rows_accepted"));
    }

    [Fact]
    public void Ingest_ErrorCells_AreQuarantinedOrWarnedWithTheirColumnNotAFailedLoad()
    {
        // A formula's error (=1/0 saved as #DIV/0!) failed the run with a stack trace; an error pasted as a value (no
        // formula) was read as an empty cell, so an optional margin_amount of #N/A was blank without a word.
        var data = Workbook("errors", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
                ["SO-2", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
                ["SO-3", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
                ["SO-4", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
                ["SO-5", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
                ["SO-6", "C1", "X", FirstOfMarch, 1, 1.0, 0.5],
            ],
            new()
            {
                ["E3"] = ("e", "1/0", "#DIV/0!"),
                ["B4"] = ("e", "VLOOKUP(A4,Z:Z,1,FALSE)", "#N/A"),
                ["D5"] = ("e", null, "#VALUE!"),
                ["G6"] = ("e", null, "#N/A"),
                ["F7"] = ("e", null, "#REF!"),
            }, "margin_amount");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(new Dictionary<string, long>
        {
            ["unparseable:quantity"] = 1, ["missing_required:customer_id"] = 1, ["unparseable:order_date"] = 1, ["unparseable:net_amount"] = 1,
        }, output.Reasons("order_lines"));
        Assert.Equal(new Dictionary<string, long> { ["unparseable:margin_amount"] = 1 }, output.Warnings("order_lines"));
        Assert.Equal((6L, 2L, 4L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "rows_quarantined")));
        Assert.Equal([["SO-1", "0.5"], ["SO-5", null]], output.Canonical("order_lines", "order_id", "margin_amount"));
        Assert.Equal([("quantity", "#DIV/0!"), ("customer_id", "#N/A"), ("order_date", "#VALUE!"), ("net_amount", "#REF!")],
            output.Quarantine("order_lines").Select(q => (q["_column"], q[q["_column"]])));
        Assert.Contains("1 of 6 rows (16.7 %) has an unparseable quantity, such as '#DIV/0!'; it is an error value of the workbook's cells: correct the formulas or values there and export again.",
            output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Ingest_EmptyFirstSheet_NamesTheSheetThatHoldsTheTable()
    {
        // An empty cover sheet was called an unreadable file: "order_lines.xlsx is not a readable Xlsx file (worksheet 'Cover' is empty)".
        var data = Workbook("empty-first", [["SO-1", "C1", "X", FirstOfMarch, 1, 1.0]], cover: true);

        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));

        Assert.Equal("sources.order_lines: required column 'order_id' is not mapped (order_lines.xlsx has: no header, its sheet is empty). "
            + "Sheet 'Orders' has them: name it under sources.order_lines (sheet: Orders).", e.Message);
    }

    [Fact]
    public void IngestAndInspect_WorkbookWhoseOnlySheetIsEmpty_SayToExportTheTableIntoIt()
    {
        // The run sent the user to inspect ("chainseg inspect order_lines.xlsx drafts the mapping"), and inspect to --table
        // ("no canonical table fits the headers"), whose draft mapped nothing: neither can draft from an empty sheet.
        var data = _folder.Sub("empty-only");
        var file = Path.Combine(data, "order_lines.xlsx");
        using (var workbook = new XLWorkbook())
        {
            workbook.AddWorksheet("Sheet1");
            workbook.SaveAs(file);
        }

        var run = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));
        var inspect = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => ExportInspection.Inspect(file, "order_lines"));

        Assert.Equal("sources.order_lines: required column 'order_id' is not mapped (order_lines.xlsx has: no header, its sheet is empty). "
            + "Export the table into the sheet, or name the sheet that holds it under sources.order_lines (sheet: NAME).", run.Message);
        Assert.Equal("order_lines.xlsx holds no table: its sheet 'Sheet1' is empty; export the table into it, or pass --sheet with the sheet that holds it.", inspect.Message);
    }

    [Fact]
    public void Ingest_SheetNamedInAnotherCaseOrMissing_ReadsItOrNamesTheSheetsToChooseFrom()
    {
        // Excel's sheet names ignore case (it refuses a sheet 'orders' beside 'Orders'), yet sheet: orders was refused, and a
        // sheet the workbook lacks was called an unreadable file: "order_lines.xlsx is not a readable .xlsx workbook (no
        // worksheet 'Daten' in order_lines.xlsx; it has: Cover, Orders)".
        var data = Workbook("sheet-case", [["SO-1", "C1", "X", FirstOfMarch, 1, 1.0]], cover: true);
        string Config(string sheet)
        {
            File.WriteAllText(Path.Combine(data, "chainseg.yaml"), $"sources:\n  order_lines:\n    path: order_lines.xlsx\n    sheet: {sheet}\n");
            return data;
        }

        var output = PipelineOutput.Run(Config("orders"), Path.Combine(data, "out"));
        var e = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => PipelineOutput.Run(Config("Daten"), Path.Combine(data, "out2")));

        Assert.Equal([["SO-1", "C1"]], output.Canonical("order_lines", "order_id", "customer_id"));
        Assert.Equal("sources.order_lines: order_lines.xlsx has no worksheet 'Daten' (it has: Cover, Orders); name the one that holds the table under sources.order_lines (sheet: NAME).", e.Message);
    }

    [Fact]
    public void Ingest_TypedCells_ArriveAsTheValuesWritten()
    {
        // Dates as dates (a time of 23:30 keeps its day), as ISO text and as SAP's yyyyMMdd number; a percentage is the
        // fraction it holds (15 % is 0.15); the text id '00123' and the number 123 are the customers file's 00123 (leading
        // zeros are dropped from the key; without a customers file each would be its own customer, as in a CSV). A number is read to the 15 significant digits Excel shows: 0.1 + 0.2, saved as
        // 0.30000000000000004, is 0.3. A date written as its serial in a General cell (45717) is a number, not a date.
        var data = Workbook("typed", [
                ["SO-1", "00123", "X", new DateTime(2025, 3, 1, 23, 30, 0), 1, 0.1 + 0.2],
                ["SO-2", 123, "X", "2025-03-01", 2.5, 0.15],
                ["SO-3", "C1", "X", 20250301, -1, -1234.56789012345],
                ["SO-4", "C1", "X", 45717, 1, 1.0],
            ],
            new() { ["F2"] = (null, null, "0.30000000000000004") }, style: sheet => sheet.Cell("F3").Style.NumberFormat.NumberFormatId = 9);
        File.WriteAllText(Path.Combine(data, "customers.csv"), "customer_id\n00123\nC1\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 1 }, output.Reasons("order_lines"));
        var rows = output.Canonical("order_lines", "order_id", "customer_id", "order_date", "quantity", "net_amount");
        Assert.Equal([["SO-1", "00123", "2025-03-01 23:30:00"], ["SO-2", "00123", "2025-03-01 00:00:00"], ["SO-3", "C1", "2025-03-01 00:00:00"]], rows.Select(r => r[..3]));
        Assert.Equal([(1, 0.3), (2.5, 0.15), (-1, -1234.56789012345)], rows.Select(r => (Number(r[3]), Number(r[4]))));
        Assert.Equal("2", output.MetricsByCustomer()["00123"]["orders"]);
    }

    [Fact]
    public void Ingest_DateSerialsInGeneralCells_AdviseFormattingTheColumnAsADate()
    {
        // Dates typed or pasted as serials into General cells (45717) were advised "for example order_date: dd/MM/yyyy",
        // which reads no serial.
        var data = Workbook("serials", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-2", "C1", "X", 45717, 1, 1.0],
                ["SO-3", "C1", "X", 45718, 1, 1.0],
            ]);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 2 }, output.Reasons("order_lines"));
        Assert.Contains("2 of 3 rows (66.7 %) have an unparseable order_date, such as '45717'; they look like Excel date serials in cells formatted General: "
            + "format the column as a date in the workbook (or export the dates as yyyy-MM-dd).",
            output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()));
    }

    [Theory]
    [InlineData(null, "45717.5")]
    // Under a culture: number cells are written with its decimal separator.
    [InlineData("de-DE", "45717,5")]
    public void Ingest_DateTimeSerialsInGeneralCells_AdviseFormattingTheColumnAsADate(string? culture, string shown)
    {
        // A date and time kept as its serial (45717.5 is 2025-03-01 12:00) was not taken for one, so the advice was the
        // generic "for example order_date: dd/MM/yyyy", which reads no serial.
        var data = Workbook("time-serials", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-2", "C1", "X", 45717.5, 1, 1.0],
                ["SO-3", "C1", "X", 45718.25, 1, 1.0],
            ]);
        if (culture is not null)
            File.WriteAllText(Path.Combine(data, "chainseg.yaml"), $"sources:\n  order_lines:\n    path: order_lines.xlsx\n    culture: {culture}\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(new Dictionary<string, long> { ["unparseable:order_date"] = 2 }, output.Reasons("order_lines"));
        Assert.Contains($"2 of 3 rows (66.7 %) have an unparseable order_date, such as '{shown}'; they look like Excel date serials in cells formatted General: "
            + "format the column as a date in the workbook (or export the dates as yyyy-MM-dd).",
            output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Ingest_FormulaWithABooleanResult_IsReadAsTrueOrFalse()
    {
        // A formula's Boolean result (=B2="C1", saved as TRUE) was read as ClosedXML's text of it, so the advice for a
        // column of them was a number culture, not the mapping.
        var data = Workbook("boolean-formulas", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-2", "C1", "X", FirstOfMarch, 1, 1.0],
                ["SO-3", "C1", "X", FirstOfMarch, 2, 1.0],
            ],
            new() { ["E2"] = ("b", "B2=\"C1\"", "1"), ["E3"] = ("b", "B3=\"C2\"", "0") });

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(new Dictionary<string, long> { ["unparseable:quantity"] = 2 }, output.Reasons("order_lines"));
        Assert.Equal([["SO-3", "2.0"]], output.Canonical("order_lines", "order_id", "quantity"));
        Assert.Contains("2 of 3 rows (66.7 %) have an unparseable quantity, such as 'true'; the column holds true or false, not numbers: "
            + "map quantity to the column that holds them under sources.order_lines.columns.",
            output.Tables.GetProperty("order_lines").GetProperty("advice").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void Ingest_CultureAndFormatsDeclared_ReadTextCellsByThemAndNumberAndDateCellsAsTheyAre()
    {
        // culture: and formats: say how numbers and dates written as text are laid out (SAP writes "1.234,50" into text
        // cells). Number and date cells were turned into invariant text first and then read by them: 1.234 became 1234,
        // 1.5 and 1234.5 and every date cell were unparseable.
        var data = Workbook("culture", [
                ["SO-1", "C1", "X", FirstOfMarch, 1.5, 1.234],
                ["SO-2", "C1", "X", "02.03.2025", "2,5", "1.234,50"],
                ["SO-3", "C1", "X", new DateTime(2025, 3, 3, 23, 30, 0), -2, -1234.5],
            ]);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"),
            "sources:\n  order_lines:\n    path: order_lines.xlsx\n    culture: de-DE\n    formats: { order_date: dd.MM.yyyy }\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Empty(output.Reasons("order_lines"));
        var rows = output.Canonical("order_lines", "order_id", "order_date", "quantity", "net_amount");
        Assert.Equal(["2025-03-01 00:00:00", "2025-03-02 00:00:00", "2025-03-03 23:30:00"], rows.Select(r => r[1]));
        Assert.Equal([(1.5, 1.234), (2.5, 1234.5), (-2, -1234.5)], rows.Select(r => (Number(r[2]), Number(r[3]))));
    }

    [Fact]
    public void Inspect_DateCellsBesideTextDates_DraftsTheTextDatesLayout()
    {
        // inspect drafted a layout only when most of a column's values needed it, so date cells (read as ISO) outvoted the
        // text dates beside them, and the drafted configuration quarantined every text date. A run reads date cells beside
        // formats:, so they no longer count against the text dates' layout.
        var data = Workbook("inspect-dates", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 2.5],
                ["SO-2", "C1", "X", FirstOfMarch.AddDays(1), 1, 2.5],
                ["SO-3", "C1", "X", FirstOfMarch.AddDays(2), 1, "1.234,50"],
                ["SO-4", "C1", "X", "04.03.2025", 1, 2.5],
            ]);

        var draft = ExportInspection.Inspect(Path.Combine(data, "order_lines.xlsx"));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), draft.ToYaml());
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(("dd.MM.yyyy", "de-DE"), (Assert.Single(draft.Formats["order_date"]), draft.Culture));
        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal(["2025-03-01", "2025-03-02", "2025-03-03", "2025-03-04"], output.Canonical("order_lines", "order_id", "order_date").Select(r => r[1]![..10]));
        Assert.Equal([2.5, 2.5, 1234.5, 2.5], output.Canonical("order_lines", "order_id", "net_amount").Select(r => Number(r[1])));
    }

    [Fact]
    public void Ingest_HeaderCellsLeftEmptyOrMerged_AreNamedByTheirColumnsNumberAndMappedByIt()
    {
        // "Betrag" merged over F1:G1 (amounts in F, their currency in G) and an empty header over the SKUs in C were named
        // "column" and "column_2", by their order and not their place. Each is named by its column's number, as in a CSV.
        var data = Workbook("empty-headers", [
                ["SO-1", "C1", "X", FirstOfMarch, 1, 10.5, "EUR"],
                ["SO-2", "C2", "Y", FirstOfMarch, 2, 21.0, "USD"],
            ], extraColumn: "currency", style: sheet =>
            {
                sheet.Cell("C1").Clear();
                sheet.Cell("G1").Clear();
                sheet.Cell("F1").Value = "Betrag";
                sheet.Range("F1:G1").Merge();
            });
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: order_lines.xlsx\n"
            + "    columns: { order_id: order_id, customer_id: customer_id, sku: column_3, order_date: order_date, quantity: quantity, net_amount: Betrag, source_system: column_7 }\n");

        var draft = ExportInspection.Inspect(Path.Combine(data, "order_lines.xlsx"));
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));

        Assert.Equal(["column_3", "column_7"], draft.Unused);
        Assert.Empty(output.Reasons("order_lines"));
        Assert.Equal([["SO-1", "X", "10.5", "EUR"], ["SO-2", "Y", "21.0", "USD"]], output.Canonical("order_lines", "order_id", "sku", "net_amount", "source_system"));
    }

    [Fact]
    public void ReadHeaders_TableStartingInColumnB_NamesAnEmptyHeaderCellByItsSheetColumn()
    {
        // The name is the column the sheet shows (column_4 is D), not the place in a table that starts in column B.
        var file = Path.Combine(_folder.Sub("from-b"), "order_lines.xlsx");
        using (var workbook = new XLWorkbook())
        {
            var sheet = workbook.AddWorksheet("Orders");
            sheet.Cell("B1").Value = "order_id";
            sheet.Cell("C1").Value = "customer_id";
            sheet.Cell("E1").Value = "quantity";
            sheet.Range("B2:E2").Value = "x";
            workbook.SaveAs(file);
        }

        Assert.Equal(["order_id", "customer_id", "column_4", "quantity"], ExcelSource.ReadHeaders(file, null).Headers);
    }

    private static double Number(string? text) => double.Parse(text!, CultureInfo.InvariantCulture);

    // An order_lines.xlsx with the table on sheet Orders (after an empty Cover sheet when asked), styled, then each patched cell
    // given its type (e for an error, str for a formula's text, b for a Boolean), formula and saved value as Excel writes them
    // (no value: a formula saved uncalculated).
    private string Workbook(string name, object[][] rows, Dictionary<string, (string? Type, string? Formula, string? Value)>? patches = null,
        string? extraColumn = null, bool cover = false, Action<IXLWorksheet>? style = null)
    {
        var data = _folder.Sub(name);
        var file = Path.Combine(data, "order_lines.xlsx");
        string[] header = ["order_id", "customer_id", "sku", "order_date", "quantity", "net_amount", .. extraColumn is null ? [] : new[] { extraColumn }];
        using (var workbook = new XLWorkbook())
        {
            if (cover)
                workbook.AddWorksheet("Cover");
            var sheet = workbook.AddWorksheet("Orders");
            for (var c = 0; c < header.Length; c++)
                sheet.Cell(1, c + 1).Value = header[c];
            for (var r = 0; r < rows.Length; r++)
                for (var c = 0; c < rows[r].Length; c++)
                {
                    // Text is set as text: ClosedXML's Value reads '00123' as the number 123 and '2025-03-01' as a date.
                    if (rows[r][c] is string text)
                        sheet.Cell(r + 2, c + 1).SetValue(text);
                    else
                        sheet.Cell(r + 2, c + 1).Value = rows[r][c];
                }
            style?.Invoke(sheet);
            workbook.SaveAs(file);
        }
        if (patches is null)
            return data;
        using var document = SpreadsheetDocument.Open(file, isEditable: true);
        var part = (WorksheetPart)document.WorkbookPart!.GetPartById(document.WorkbookPart.Workbook.Descendants<Sheet>().Single(s => s.Name == "Orders").Id!.Value!);
        foreach (var (reference, (type, formula, value)) in patches)
        {
            var cell = part.Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.RemoveAllChildren();
            cell.DataType = type switch { "e" => CellValues.Error, "str" => CellValues.String, "b" => CellValues.Boolean, _ => null };
            if (formula is not null)
                cell.Append(new CellFormula(formula));
            if (value is not null)
                cell.Append(new CellValue(value));
        }
        part.Worksheet.Save();
        return data;
    }

    public void Dispose() => _folder.Dispose();
}
