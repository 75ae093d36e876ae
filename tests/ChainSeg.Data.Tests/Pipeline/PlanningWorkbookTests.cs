using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;
using ClosedXML.Excel;

namespace ChainSeg.Data.Tests.Pipeline;

// chainseg.xlsx against the CSV files the same run wrote: the CSVs are read with the tests' own RFC-4180 reader and the
// workbook with ClosedXML, so a cell that drifts from its file (a value, a type, a row left out) fails here.
public sealed class PlanningWorkbookTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly GeneratedCompanyFolder _company = new(new GeneratorOptions(250, 20_000, Seed: 5));

    // Targets no segment meets, so alerts.csv has rows to compare.
    private const string Alerts = """
        alerts:
          targets:
            otif_rate: { target: 0.999, tolerance: 0.001 }
            cost_to_serve_pct: { target: 0.0001, tolerance: 0.0001 }
            revenue: { target: 1000000000000, tolerance: 1000 }
        """;

    // Each KPI's figures in its unit, as a planner reads them (written here, not taken from the product): rates in per
    // cent, money to the cent with thousands separators, days to a tenth.
    private static readonly Dictionary<string, string> KpiFormats = new(StringComparer.Ordinal)
    {
        ["otif_rate"] = "0.0%", ["gross_margin_pct"] = "0.0%", ["cost_to_serve_pct"] = "0.0%", ["price_realisation"] = "0.0%", ["fill_rate_units"] = "0.0%", ["fill_rate_lines"] = "0.0%", ["fill_rate_orders"] = "0.0%", ["perfect_order_rate"] = "0.0%",
        ["revenue"] = "#,##0.00", ["net_contribution"] = "#,##0.00", ["order_cycle_days"] = "0.0",
    };

    private static readonly (string Sheet, string File)[] Tables =
    [
        ("Segment summary", "segment_summary.csv"),
        ("Segment P&L", "segment_pnl.csv"),
        ("KPIs by segment", "kpis_by_segment.csv"),
        ("Alerts", "alerts.csv"),
        ("Service policies", "service_policies.csv"),
        ("Segment cost to serve", "segment_cost_to_serve.csv"),
    ];

    private static List<Dictionary<string, string>> Csv(PipelineOutput output, string file) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, file));

    private static XLWorkbook Workbook(PipelineOutput output) => new(Path.Combine(output.Result.OutDirectory, "chainseg.xlsx"));

    // A sheet's rows below the header, by the header's names (the note row of a cut sheet included, as its first cell).
    private static List<Dictionary<string, IXLCell>> Rows(IXLWorksheet sheet)
    {
        var header = sheet.Row(1).CellsUsed().Select(c => c.GetString()).ToList();
        var last = sheet.LastRowUsed()?.RowNumber() ?? 1;
        return Enumerable.Range(2, Math.Max(0, last - 1))
            .Select(r => header.Select((h, i) => (h, c: sheet.Cell(r, i + 1))).ToDictionary(x => x.h, x => x.c)).ToList();
    }

    // The CSV's text and the cell agree: empty for empty, the same number, date, boolean or text.
    private static void AssertSame(string expected, IXLCell cell, string where)
    {
        if (expected.Length == 0)
        {
            Assert.True(cell.IsEmpty(), $"{where}: expected empty, found '{cell.GetString()}'");
            return;
        }
        switch (cell.DataType)
        {
            case XLDataType.Number:
                Assert.True(double.TryParse(expected, NumberStyles.Float, Invariant, out var number), $"{where}: '{expected}' is written as a number");
                Assert.Equal(number, cell.GetDouble(), 9);
                break;
            case XLDataType.DateTime:
                Assert.Equal(expected, cell.GetDateTime().ToString(expected.Length == 10 ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm:ss", Invariant));
                break;
            case XLDataType.Boolean:
                Assert.Equal(bool.Parse(expected), cell.GetBoolean());
                break;
            default:
                Assert.True(cell.DataType == XLDataType.Text, $"{where}: {cell.DataType}");
                Assert.Equal(expected, cell.GetString());
                break;
        }
    }

    private PipelineOutput Run() => _company.Run(Alerts);

    [Fact]
    public void Run_GeneratedCompany_EveryTableSheetHoldsItsCsvFileCellForCell()
    {
        var output = Run();
        using var workbook = Workbook(output);
        foreach (var (sheetName, file) in Tables)
        {
            var csv = Csv(output, file);
            var sheet = workbook.Worksheet(sheetName);
            Assert.Equal(CsvFile.ReadRows(Path.Combine(output.Result.OutDirectory, file))[0], sheet.Row(1).CellsUsed().Select(c => c.GetString()));
            var rows = Rows(sheet);
            Assert.True(csv.Count == rows.Count, $"{sheetName}: {rows.Count} rows, {file} {csv.Count}");
            for (var i = 0; i < csv.Count; i++)
                foreach (var (column, value) in csv[i])
                    AssertSame(value, rows[i][column], $"{sheetName} row {i + 2} {column}");
        }
        Assert.NotEmpty(Csv(output, "alerts.csv"));
    }

    // The segment tables are computed once, into the run's schema, and both the CSV file and the sheet read them there:
    // computed twice, the workbook re-ran three aggregates the CSV writers had just run, and the two could disagree.
    [Theory]
    [InlineData("segment_summary")]
    [InlineData("segment_pnl")]
    [InlineData("segment_cost_to_serve")]
    public void Run_GeneratedCompany_SegmentTableIsStoredInTheRunSchemaAsItsCsvWritesIt(string table)
    {
        var output = Run();
        var csv = CsvFile.ReadRows(Path.Combine(output.Result.OutDirectory, table + ".csv"));
        using var store = ChainSeg.Data.Store.ChainSegStore.OpenReadOnly(output.Result.StorePath);
        var schema = store.CurrentRun()!.Schema;
        var columns = string.Join(", ", csv[0].Select(c => $"CAST(\"{c}\" AS VARCHAR)"));
        var stored = ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(store.Connection, $"SELECT {columns} FROM \"{schema}\".{table}",
            r => Enumerable.Range(0, csv[0].Count).Select(i => r.IsDBNull(i) ? "" : r.GetString(i)).ToArray());
        Assert.Equal(csv.Count - 1, stored.Count);
        for (var i = 0; i < stored.Count; i++)
            for (var c = 0; c < csv[0].Count; c++)
            {
                var (expected, found) = (csv[i + 1][c], stored[i][c]);
                if (double.TryParse(expected, NumberStyles.Float, Invariant, out var number) && double.TryParse(found, NumberStyles.Float, Invariant, out var value))
                    Assert.Equal(number, value, 9);
                else
                    Assert.True(expected == found, $"{table} row {i + 2} {csv[0][c]}: '{found}', the CSV '{expected}'");
            }
    }

    [Fact]
    public void Run_GeneratedCompany_AssignmentsSheetHoldsTheActiveModelOnly()
    {
        var output = Run();
        var active = Csv(output, "assignments.csv").Where(a => a["is_active_model"] == "true").OrderBy(a => a["customer_id"], StringComparer.Ordinal).ToList();
        using var workbook = Workbook(output);
        var rows = Rows(workbook.Worksheet("Assignments"));
        Assert.Equal(["customer_id", "segment", "model", "reason"], rows[0].Keys);
        Assert.Equal(active.Count, rows.Count);
        for (var i = 0; i < active.Count; i++)
            foreach (var column in rows[i].Keys)
                AssertSame(active[i][column], rows[i][column], $"Assignments row {i + 2} {column}");
        Assert.Single(active.Select(a => a["model"]).Distinct());
    }

    [Fact]
    public void Run_GeneratedCompany_CellsAreTypedAndHeadersFrozenWithAFilter()
    {
        var output = Run();
        using var workbook = Workbook(output);
        var pnl = Rows(workbook.Worksheet("Segment P&L"));
        Assert.All(pnl, r => Assert.Equal(XLDataType.Number, r["revenue"].DataType));
        Assert.All(pnl, r => Assert.Equal(XLDataType.Text, r["segment"].DataType));
        var summary = Rows(workbook.Worksheet("Segment summary"));
        Assert.Contains("%", summary[0]["revenue_share"].Style.NumberFormat.Format, StringComparison.Ordinal);
        var kpis = Rows(workbook.Worksheet("KPIs by segment"));
        Assert.All(kpis, r => Assert.Equal(XLDataType.DateTime, r["period_end"].DataType));
        // Customer ids stay text, as written: a numeric-looking id read as a number would lose its leading zeros.
        Assert.All(Rows(workbook.Worksheet("Assignments")), r => Assert.Equal(XLDataType.Text, r["customer_id"].DataType));
        foreach (var sheet in workbook.Worksheets)
        {
            Assert.True(sheet.Name.Length <= 31, sheet.Name);
            if (sheet.Name == "Summary")
                continue;
            Assert.Equal(1, sheet.SheetView.SplitRow);
            Assert.True(sheet.AutoFilter.IsEnabled, $"{sheet.Name} has no autofilter");
            Assert.All(sheet.ColumnsUsed(), c => Assert.True(c.Width > 8, $"{sheet.Name} column {c.ColumnNumber()} width {c.Width}"));
        }
    }

    // The CSV writes whole order counts bare ('9268', not '9268.0') as text; the sheet held that text, so a planner could
    // not sum or re-divide a segment's numerators (Excel's "number stored as text").
    [Fact]
    public void Run_GeneratedCompany_KpiNumeratorsAndDenominatorsAreNumbers()
    {
        var output = Run();
        var csv = Csv(output, "kpis_by_segment.csv");
        using var workbook = Workbook(output);
        var rows = Rows(workbook.Worksheet("KPIs by segment"));
        Assert.Equal(csv.Count, rows.Count);
        for (var i = 0; i < csv.Count; i++)
            foreach (var column in new[] { "numerator", "denominator" })
            {
                if (csv[i][column].Length == 0)
                {
                    Assert.True(rows[i][column].IsEmpty(), $"row {i + 2} {column}");
                    continue;
                }
                Assert.True(rows[i][column].DataType == XLDataType.Number, $"row {i + 2} {column}: {rows[i][column].DataType} '{rows[i][column].GetString()}'");
                Assert.Equal(double.Parse(csv[i][column], Invariant), rows[i][column].GetDouble(), 9);
            }
    }

    // value mixes rates, money and days row by row; one column format cannot fit it, so a 0.93 OTIF read as 0.93 beside a
    // revenue of 412,345.67. Each cell takes its row's KPI's format; in Alerts the target and tolerance too.
    [Fact]
    public void Run_GeneratedCompany_KpiValuesAreFormattedByTheirKpi()
    {
        var output = Run();
        using var workbook = Workbook(output);
        var kpis = Rows(workbook.Worksheet("KPIs by segment")).Where(r => !r["value"].IsEmpty()).ToList();
        Assert.Subset(kpis.Select(r => r["kpi"].GetString()).ToHashSet(), new HashSet<string> { "otif_rate", "revenue", "order_cycle_days" });
        Assert.All(kpis, r => Assert.Equal(KpiFormats[r["kpi"].GetString()], r["value"].Style.NumberFormat.Format));
        var alerts = Rows(workbook.Worksheet("Alerts"));
        Assert.Contains(alerts, a => a["kpi"].GetString() == "revenue");
        Assert.Contains(alerts, a => a["kpi"].GetString() == "otif_rate");
        Assert.All(alerts, a => Assert.All(new[] { "value", "target", "tolerance" },
            column => Assert.Equal(KpiFormats[a["kpi"].GetString()], a[column].Style.NumberFormat.Format)));
    }

    // Money, counts and shares by what each column holds (written here from the CSV files' meanings, not taken from the
    // product): the money columns were General, so a segment's revenue read 46572372.51 beside a P&L's 2483192.93.
    private static readonly Dictionary<string, Dictionary<string, string>> ColumnFormats = new(StringComparer.Ordinal)
    {
        ["Segment summary"] = new(StringComparer.Ordinal)
        {
            ["customers"] = "#,##0", ["customer_share"] = "0.00%", ["revenue"] = "#,##0.00", ["revenue_share"] = "0.00%", ["gross_margin"] = "#,##0.00",
            ["gross_margin_pct"] = "0.00%", ["otif_rate"] = "0.00%", ["cost_to_serve"] = "#,##0.00", ["cost_to_serve_pct"] = "0.00%", ["price_realisation"] = "0.00%",
        },
        ["Segment P&L"] = new(StringComparer.Ordinal)
        {
            ["customers"] = "#,##0", ["revenue"] = "#,##0.00", ["cost_of_goods"] = "#,##0.00", ["gross_margin"] = "#,##0.00", ["cost_to_serve"] = "#,##0.00",
            ["carrying_cost"] = "#,##0.00", ["net_contribution"] = "#,##0.00", ["net_contribution_pct"] = "0.00%", ["loss_making_customers"] = "#,##0",
        },
        ["Segment cost to serve"] = new(StringComparer.Ordinal) { ["cost"] = "#,##0.00" },
        // A segment's customers as on the other segment sheets, and its target, a CSL or fill rate, in per cent (0.98 read 0.98).
        ["Service policies"] = new(StringComparer.Ordinal) { ["customers"] = "#,##0", ["target"] = "0.00%" },
    };

    [Fact]
    public void Run_GeneratedCompany_MoneyCountAndShareColumnsAreFormattedByWhatTheyHold()
    {
        var output = Run();
        using var workbook = Workbook(output);
        foreach (var (sheet, formats) in ColumnFormats)
        {
            var rows = Rows(workbook.Worksheet(sheet));
            Assert.NotEmpty(rows);
            foreach (var (column, format) in formats)
                Assert.All(rows.Where(r => r[column].DataType == XLDataType.Number),
                    r => Assert.True(format == r[column].Style.NumberFormat.Format, $"{sheet} {column}: '{r[column].Style.NumberFormat.Format}', expected '{format}'"));
        }
    }

    // A KPI's numerator and denominator are money where the KPI is money or a ratio of two sums of money (margin and
    // cost to serve over revenue, listed revenue over list value); order and unit counts and day sums keep General.
    [Fact]
    public void Run_GeneratedCompany_KpiNumeratorsAndDenominatorsOfMoneyAreMoney()
    {
        var output = Run();
        using var workbook = Workbook(output);
        string[] money = ["revenue", "gross_margin_pct", "cost_to_serve_pct", "net_contribution", "price_realisation"];
        var rows = Rows(workbook.Worksheet("KPIs by segment"));
        Assert.Contains(rows, r => r["kpi"].GetString() == "gross_margin_pct" && r["denominator"].DataType == XLDataType.Number);
        foreach (var row in rows)
            foreach (var column in new[] { "numerator", "denominator" }.Where(c => row[c].DataType == XLDataType.Number))
            {
                var kpi = row["kpi"].GetString();
                var expected = money.Contains(kpi) ? "#,##0.00" : "";
                Assert.True(expected == row[column].Style.NumberFormat.Format, $"{kpi} {column}: '{row[column].Style.NumberFormat.Format}', expected '{expected}'");
            }
    }

    // A money drift's limit is a share of a positive earlier value (0.1 for 10 %), in per cent; from 0 or less it is the
    // drift_amount:, in money. A target alert's tolerance is in the KPI's unit.
    [Theory]
    [InlineData("revenue", "drift", 1000.0, "0.0%")]
    [InlineData("net_contribution", "drift", -2172.74, "#,##0.00")]
    [InlineData("revenue", "below_target", null, "#,##0.00")]
    [InlineData("order_cycle_days", "drift", 4.0, "0.0")]
    public void AlertRows_Tolerance_IsInTheUnitTheLimitIsWrittenIn(string kpi, string kind, double? previous, string expected) =>
        Assert.Equal(expected, ChainSeg.Data.Monitoring.KpiNumberFormats.AlertRows("tolerance",
            new Dictionary<string, object?> { ["kpi"] = kpi, ["kind"] = kind, ["previous_value"] = previous }));

    [Fact]
    public void Run_GeneratedCompany_SummaryNamesTheRunAndItsTablesQuality()
    {
        var output = Run();
        using var workbook = Workbook(output);
        var summary = workbook.Worksheet("Summary");
        var fields = summary.RowsUsed().Where(r => !r.Cell(1).IsEmpty()).GroupBy(r => r.Cell(1).GetString()).ToDictionary(g => g.Key, g => g.First());
        Assert.Equal(output.Result.RunId, fields["run id"].Cell(2).GetString());
        Assert.Equal(output.Result.AsOf.ToDateTime(TimeOnly.MinValue), fields["as_of"].Cell(2).GetDateTime());
        Assert.Equal(output.Result.Segmentation.ActiveModel, fields["active model"].Cell(2).GetString());
        using var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "quality.json")));
        foreach (var table in quality.RootElement.GetProperty("tables").EnumerateObject())
        {
            var row = fields[table.Name];
            Assert.Equal(table.Value.GetProperty("rows_read").GetInt64(), row.Cell(3).GetDouble());
            Assert.Equal(table.Value.GetProperty("rows_accepted").GetInt64(), row.Cell(4).GetDouble());
            Assert.Equal(table.Value.GetProperty("rows_quarantined").GetInt64(), row.Cell(6).GetDouble());
        }
        using var runSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        Assert.Contains("chainseg.xlsx", runSummary.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("chainseg.xlsx", output.Result.Outputs);
        var whale = runSummary.RootElement.GetProperty("whale_curve");
        var figures = Rows(workbook.Worksheet("Whale curve")).ToDictionary(r => r["figure"].GetString(), r => r["value"]);
        Assert.Equal(whale.GetProperty("total_net_contribution").GetDouble(), figures["total_net_contribution"].GetDouble(), 9);
        Assert.Equal(whale.GetProperty("peak_pct_of_total").GetDouble(), figures["peak_pct_of_total"].GetDouble(), 9);
        Assert.Equal(whale.GetProperty("customers").GetInt64(), figures["customers"].GetDouble());
    }

    // The Summary's counts (customers measured, each table's rows, each sheet's rows) read as the segment sheets' customer
    // counts: they were General, so Online Retail's rows read 541909.
    [Fact]
    public void Run_GeneratedCompany_SummaryCountsHaveThousandsSeparators()
    {
        var output = Run();
        using var workbook = Workbook(output);
        var summary = workbook.Worksheet("Summary");
        var rows = summary.RowsUsed().Where(r => !r.Cell(1).IsEmpty()).ToList();
        var customers = rows.Single(r => r.Cell(1).GetString() == "customers measured").Cell(2);
        Assert.Equal("#,##0", customers.Style.NumberFormat.Format);
        var tables = rows.Where(r => output.Result.Quality.ContainsKey(r.Cell(1).GetString())).ToList();
        Assert.NotEmpty(tables);
        Assert.All(tables.SelectMany(r => Enumerable.Range(3, 4).Select(c => r.Cell(c))), c => Assert.Equal("#,##0", c.Style.NumberFormat.Format));
        var sheets = rows.Where(r => Tables.Any(t => t.Sheet == r.Cell(1).GetString())).ToList();
        Assert.Equal(Tables.Length, sheets.Count);
        Assert.All(sheets, r => Assert.Equal("#,##0", r.Cell(3).Style.NumberFormat.Format));
    }

    // The sheet listed WhaleCurveSummary's fields by hand beside run_summary.json's serialisation of the same record: a
    // field added to one was missed by the other. Every figure run_summary.json writes is a row, definition first.
    [Fact]
    public void Run_GeneratedCompany_WhaleCurveSheetListsEveryFigureOfRunSummary()
    {
        var output = Run();
        using var runSummary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        var whale = runSummary.RootElement.GetProperty("whale_curve").EnumerateObject().ToList();
        using var workbook = Workbook(output);
        var rows = Rows(workbook.Worksheet("Whale curve"));
        Assert.Equal("definition", rows[0]["figure"].GetString());
        Assert.Equal(whale.Select(p => p.Name).Order(StringComparer.Ordinal), rows.Select(r => r["figure"].GetString()).Order(StringComparer.Ordinal));
        var figures = rows.ToDictionary(r => r["figure"].GetString(), r => r["value"]);
        foreach (var figure in whale)
        {
            var cell = figures[figure.Name];
            switch (figure.Value.ValueKind)
            {
                case JsonValueKind.Number:
                    Assert.Equal(figure.Value.GetDouble(), cell.GetDouble(), 9);
                    break;
                case JsonValueKind.Null:
                    Assert.True(cell.IsEmpty(), figure.Name);
                    break;
                default:
                    Assert.Equal(figure.Value.GetString(), cell.GetString());
                    break;
            }
        }
        Assert.Equal("0.00%", figures["loss_customer_share"].Style.NumberFormat.Format);
        Assert.Equal("0.00%", figures["peak_pct_of_total"].Style.NumberFormat.Format);
    }

    // The whale curve's amounts read as the segment sheets' money does, and its customer counts as their counts: they were
    // General, so a finance reader saw a total of 26362938.21 beside a revenue of 46,572,372.51. Figures named here.
    [Fact]
    public void Run_GeneratedCompany_WhaleCurveMoneyAndCountFiguresAreFormattedByWhatTheyHold()
    {
        var output = Run();
        using var workbook = Workbook(output);
        var figures = Rows(workbook.Worksheet("Whale curve")).ToDictionary(r => r["figure"].GetString(), r => r["value"]);
        foreach (var money in new[] { "total_net_contribution", "peak_net_contribution", "loss_amount" })
            Assert.True("#,##0.00" == figures[money].Style.NumberFormat.Format, $"{money}: '{figures[money].Style.NumberFormat.Format}'");
        foreach (var count in new[] { "customers", "customers_without_net_contribution", "peak_customers", "loss_customers" })
            Assert.True("#,##0" == figures[count].Style.NumberFormat.Format, $"{count}: '{figures[count].Style.NumberFormat.Format}'");
    }

    [Fact]
    public void Run_MoreRowsThanTheSheetLimit_SheetHoldsTheFirstRowsAndANoteNamingTheCsv()
    {
        var config = Path.Combine(_company.Folder("config"), "chainseg.yaml");
        File.WriteAllText(config, "identifiers:\n  customer_id:\n    strip_prefixes: [C]\n");
        var outDirectory = _company.Folder("out");
        new RunPipeline(TimeProvider.System) { WorkbookRowLimit = 10 }.Execute(new RunRequest(_company.Data, outDirectory, config));
        using var workbook = new XLWorkbook(Path.Combine(outDirectory, "chainseg.xlsx"));
        var sheet = workbook.Worksheet("Assignments");
        Assert.Equal(12, sheet.LastRowUsed().RowNumber());
        var note = sheet.Cell(12, 1).GetString();
        Assert.Contains("assignments.csv", note, StringComparison.Ordinal);
        Assert.Contains("first 10 of 250", note, StringComparison.Ordinal);
        Assert.Contains(workbook.Worksheet("Summary").CellsUsed(), c => c.GetString() == note);
    }

    // A large run's note read "the first 25000 of 26000 rows", where every other count of the workbook and the console has
    // thousands separators.
    [Fact]
    public void CutSheetNote_LargeCounts_WrittenWithThousandsSeparators() =>
        Assert.Equal("Assignments: the first 25,000 of 1,026,000 rows; assignments.csv holds them all.",
            PlanningWorkbook.CutSheetNote("Assignments", 25_000, 1_026_000, "assignments.csv"));

    public void Dispose() => _company.Dispose();
}
