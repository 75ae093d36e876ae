using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Monitoring;
using ChainSeg.Data.Store;
using ClosedXML.Excel;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Pipeline;

/// <summary>A number cell's format by its row (a KPI's value by the KPI's unit), or null for its column's own.</summary>
public delegate string? CellNumberFormat(string column, IReadOnlyDictionary<string, object?> row);

/// <summary>One table sheet of chainseg.xlsx: read from the run schema by the query that writes <paramref name="File"/>, number cells formatted by <paramref name="NumberFormat"/> where it says.</summary>
public sealed record WorkbookTable(string Sheet, string File, string Query, CellNumberFormat? NumberFormat = null);

/// <summary>What the Summary sheet of chainseg.xlsx says about the run.</summary>
/// <param name="RunId">The run id.</param>
/// <param name="AsOf">The run's as_of.</param>
/// <param name="WindowStart">First day of the window measured.</param>
/// <param name="PeriodBucket">The period the demand series are bucketed by.</param>
/// <param name="ActiveModel">The active segmentation model.</param>
/// <param name="Definitions">Definition name → id used by the run (otif, demand_measure, cost_to_serve).</param>
/// <param name="Customers">Customers measured.</param>
/// <param name="Quality">Row accounting per input table.</param>
/// <param name="WhaleCurve">The whale curve's figures as run_summary.json writes them (its whale_curve); null when not measured.</param>
public sealed record WorkbookRun(
    string RunId, DateOnly AsOf, DateOnly WindowStart, string PeriodBucket, string ActiveModel, IReadOnlyList<KeyValuePair<string, string>> Definitions,
    long Customers, IReadOnlyDictionary<string, TableQuality> Quality, JsonObject? WhaleCurve)
{
    /// <summary>The reporting currency's ISO 4217 code, named on the Summary sheet and in every money column's header; null when not configured.</summary>
    public string? Currency { get; init; }
}

/// <summary>
/// chainseg.xlsx: the tables a finance or planning reader opens, typed (numbers as numbers, dates as dates, shares as
/// percentages), each with a frozen, filtered header, and a Summary sheet naming the run.
/// </summary>
public static class PlanningWorkbook
{
    /// <summary>The workbook's file name in the output folder.</summary>
    public const string File = "chainseg.xlsx";

    /// <summary>
    /// Rows a table sheet holds before it is cut with a note naming its CSV file, which holds every row. ClosedXML keeps
    /// every cell as an object: 100,000 assignment rows took 6 s and 430 MB of heap to fill and save, a tenth of a
    /// 200,000-customer run; at this limit the workbook stage takes 1.6 s of that run's 40 s, and peak memory rises by at most 80 MB.
    /// </summary>
    public const int DefaultRowLimit = 25_000;

    private const string DateFormatCode = "yyyy-mm-dd";
    private const string ShareFormat = KpiNumberFormats.Share;
    private const int WidthSample = 500;

    /// <summary>
    /// Saves a one-cell workbook to memory on a pool thread, so ClosedXML and the OpenXML SDK are loaded and compiled while
    /// the run ingests: cold, they took 1 s of the 1.3 s the workbook cost a 5,000-customer run, most of it saving.
    /// </summary>
    public static Task WarmUp(CancellationToken cancellationToken) => Task.Run(() =>
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add("warm");
        SetCell(sheet.Cell(1, 1), 1.0);
        Format(sheet, ["warm"], [4], 1);
        using var memory = new MemoryStream();
        workbook.SaveAs(memory);
    }, cancellationToken);

    /// <summary>Writes the workbook to <paramref name="path"/>, each table read through DuckDB, at most <paramref name="rowLimit"/> rows a sheet.</summary>
    public static void Write(DuckDBConnection connection, string path, WorkbookRun run, IReadOnlyList<WorkbookTable> tables, int rowLimit)
    {
        using var workbook = new XLWorkbook();
        var summary = workbook.Worksheets.Add("Summary");
        var sheets = tables.Select(t => (Table: t, Written: WriteTable(connection, workbook.Worksheets.Add(t.Sheet), t, rowLimit, run.Currency))).ToList();
        var whale = workbook.Worksheets.Add("Whale curve");
        WriteWhaleCurve(whale, run.WhaleCurve, run.Currency);
        WriteSummary(summary, run, sheets);
        workbook.SaveAs(path);
    }

    // Read through the traced path, so CHAINSEG_SQL_TRACE times the sheets' queries as it does the CSV files'.
    // One row past the limit tells a cut sheet from a full one without counting first.
    private static (long Rows, string? Note) WriteTable(DuckDBConnection connection, IXLWorksheet sheet, WorkbookTable table, int rowLimit, string? currency) =>
        connection.Read($"SELECT * FROM ({table.Query}) LIMIT {rowLimit + 1}", reader => WriteRows(connection, sheet, table, rowLimit, reader, currency));

    private static (long Rows, string? Note) WriteRows(DuckDBConnection connection, IXLWorksheet sheet, WorkbookTable table, int rowLimit, DuckDBDataReader reader, string? currency)
    {
        var names = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToArray();
        var widths = names.Select(n => Header(n, currency).Length).ToArray();
        for (var c = 0; c < names.Length; c++)
            sheet.Cell(1, c + 1).SetValue(Header(names[c], currency));
        var row = 1;
        while (row <= rowLimit && reader.Read())
        {
            row++;
            // The row by column name, for a sheet whose cells are formatted by their row; others skip the dictionary.
            var values = table.NumberFormat is null ? null
                : names.Select((name, c) => (name, value: reader.IsDBNull(c) ? null : reader.GetValue(c))).ToDictionary(v => v.name, v => v.value, StringComparer.Ordinal);
            for (var c = 0; c < names.Length; c++)
            {
                var cell = sheet.Cell(row, c + 1);
                var shown = SetCell(cell, reader.IsDBNull(c) ? null : reader.GetValue(c));
                if (values is not null && cell.DataType == XLDataType.Number && table.NumberFormat!(names[c], values) is { } format)
                    cell.Style.NumberFormat.Format = format;
                if (row <= WidthSample)
                    widths[c] = Math.Max(widths[c], shown);
            }
        }
        var rows = (long)row - 1;
        string? note = null;
        if (reader.Read())
        {
            rows = connection.ScalarLong($"SELECT count(*) FROM ({table.Query})");
            note = CutSheetNote(table.Sheet, rowLimit, rows, table.File);
            sheet.Cell(row + 1, 1).SetValue(note);
        }
        Format(sheet, names, widths, row);
        return (rows, note);
    }

    /// <summary>The note row of a sheet cut at <paramref name="shown"/> of <paramref name="rows"/> rows, naming the CSV file that holds them all.</summary>
    /// <remarks>The counts with thousands separators, as the workbook's other counts read (#,##0).</remarks>
    internal static string CutSheetNote(string sheet, int shown, long rows, string file) =>
        string.Create(CultureInfo.InvariantCulture, $"{sheet}: the first {shown:N0} of {rows:N0} rows; {file} holds them all.");

    // Shares and rates of 0–1 read as percentages; the column names say which (DEFINITIONS.md names them so).
    private static bool IsShare(string column) =>
        column.EndsWith("_share", StringComparison.Ordinal) || column.Contains("_pct", StringComparison.Ordinal)
        || column.EndsWith("_rate", StringComparison.Ordinal) || column == "price_realisation";

    // A money column's header names its currency (revenue (GBP)): in the header rather than the number format, so the
    // cells keep whatever format their column has, and the CSV files keep their names.
    private static string Header(string column, string? currency) =>
        currency is not null && KpiNumberFormats.MoneyColumns.Contains(column) ? $"{column} ({currency})" : column;

    private static void Format(IXLWorksheet sheet, string[] names, int[] widths, int lastRow)
    {
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        sheet.Range(1, 1, Math.Max(lastRow, 1), names.Length).SetAutoFilter();
        for (var c = 0; c < names.Length; c++)
        {
            // AdjustToContents needs System.Drawing, which fails on Linux (ARCHITECTURE.md §7): widths from the text shown.
            var column = sheet.Column(c + 1);
            column.Width = Math.Clamp(widths[c] + 2, 10, 60);
            if (IsShare(names[c]) && lastRow > 1)
                sheet.Range(2, c + 1, lastRow, c + 1).Style.NumberFormat.Format = ShareFormat;
        }
    }

    // Sets a typed cell and returns the characters it shows, for the column's width.
    private static int SetCell(IXLCell cell, object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case string text:
                cell.SetValue(text);
                return text.Length;
            case bool flag:
                cell.SetValue(flag);
                return 5;
            case DateTime date:
                cell.SetValue(date);
                cell.Style.NumberFormat.Format = date.TimeOfDay == TimeSpan.Zero ? DateFormatCode : DateFormatCode + " hh:mm:ss";
                return date.TimeOfDay == TimeSpan.Zero ? 10 : 19;
            case DateOnly day:
                return SetCell(cell, day.ToDateTime(TimeOnly.MinValue));
            case BigInteger big:
                return SetCell(cell, (double)big);
            case double or float or decimal or long or int or short or byte or ulong or uint or ushort or sbyte:
                var number = Convert.ToDouble(value, CultureInfo.InvariantCulture);
                cell.SetValue(number);
                return number.ToString("G10", CultureInfo.InvariantCulture).Length;
            default:
                var shown = Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
                cell.SetValue(shown);
                return shown.Length;
        }
    }

    // The rows are run_summary.json's whale_curve figures, not a list of its fields kept beside it: a field added to the
    // record was missed by one or the other. The definition comes first, the others in the order the file writes them.
    private static void WriteWhaleCurve(IXLWorksheet sheet, JsonObject? whale, string? currency)
    {
        sheet.Cell(1, 1).SetValue("figure");
        sheet.Cell(1, 2).SetValue("value");
        (string Figure, object? Value)[] figures = whale is null
            ? [("not measured", "no customer has a net contribution (no cost pools or no costs of goods)")]
            : [.. whale.OrderBy(f => f.Key != "definition").Select(f => (f.Key, ValueOf(f.Value)))];
        var widths = new[] { 6, 5 };
        for (var i = 0; i < figures.Length; i++)
        {
            var figure = Header(figures[i].Figure, currency);
            sheet.Cell(i + 2, 1).SetValue(figure);
            widths[0] = Math.Max(widths[0], figure.Length);
            widths[1] = Math.Max(widths[1], SetCell(sheet.Cell(i + 2, 2), figures[i].Value));
            if (WhaleFigureFormat(figures[i].Figure) is { } format)
                sheet.Cell(i + 2, 2).Style.NumberFormat.Format = format;
        }
        Format(sheet, ["figure", "value"], widths, figures.Length + 1);
    }

    // A figure's format by its name, as the segment sheets format their columns: shares, money, customer counts.
    private static string? WhaleFigureFormat(string figure) => IsShare(figure) ? ShareFormat : KpiNumberFormats.ByName(figure);

    // A JSON figure as a cell value: numbers read back from the text the file holds, so the cell is the file's number.
    private static object? ValueOf(JsonNode? figure) => figure?.GetValueKind() switch
    {
        null or JsonValueKind.Null => null,
        JsonValueKind.Number => double.Parse(figure.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValueKind.String => figure.GetValue<string>(),
        JsonValueKind.True or JsonValueKind.False => figure.GetValue<bool>(),
        _ => figure.ToJsonString(),
    };

    private static void WriteSummary(IXLWorksheet sheet, WorkbookRun run, IReadOnlyList<(WorkbookTable Table, (long Rows, string? Note) Written)> sheets)
    {
        var row = 0;
        void Line(params object?[] values)
        {
            row++;
            for (var c = 0; c < values.Length; c++)
            {
                SetCell(sheet.Cell(row, c + 1), values[c]);
                // Every whole number here counts customers or rows.
                if (values[c] is long)
                    sheet.Cell(row, c + 1).Style.NumberFormat.Format = KpiNumberFormats.Count;
            }
        }
        void Heading(params string[] names)
        {
            Line(names);
            sheet.Row(row).Style.Font.Bold = true;
        }

        Heading("ChainSeg run", "");
        Line("run id", run.RunId);
        Line("as_of", run.AsOf);
        Line("window_start", run.WindowStart);
        Line("period_bucket", run.PeriodBucket);
        if (run.Currency is not null)
            Line("currency", run.Currency);
        Line("active model", run.ActiveModel);
        Line("customers measured", run.Customers);
        foreach (var (name, id) in run.Definitions)
            Line("definition " + name, id);
        row++;
        Heading("table", "source", "rows_read", "rows_accepted", "rows_merged", "rows_quarantined");
        foreach (var (table, quality) in run.Quality)
            Line(table, quality.Source, quality.RowsRead, quality.RowsAccepted, quality.RowsMerged, quality.RowsQuarantined);
        row++;
        Heading("sheet", "file", "rows", "note");
        foreach (var (table, written) in sheets)
            Line(table.Sheet, table.File, written.Rows, written.Note);
        sheet.Column(1).Width = 24;
        sheet.Column(2).Width = 40;
        sheet.Columns(3, 6).Width = 16;
    }
}
