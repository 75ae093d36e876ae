using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ClosedXML.Excel;

namespace ChainSeg.Data.Tests.Ingestion;

// ERP and BI exports put a report title, an export note, blank rows or a row of merged group titles above the column
// names. Workbooks are written with ClosedXML and CSVs by hand, so where the header lies is known without the product.
public sealed class HeaderRowTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly string[] Header = ["order_id", "customer_id", "sku", "order_date", "quantity", "unit_price"];

    // Row 1 a title, row 2 an export note, row 3 blank, row 4 "Order" merged over A:C and "Delivery" over D:F, header on row 5.
    private string ReportWorkbook(string name, Action<IXLWorksheet>? titles = null)
    {
        var data = _folder.Sub(name);
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Report");
        if (titles is null)
        {
            sheet.Cell("A1").Value = "Sales report Q3 2026";
            sheet.Cell("A2").Value = "Generated 2026-10-01 by SAP";
            sheet.Cell("A4").Value = "Order";
            sheet.Range("A4:C4").Merge();
            sheet.Cell("D4").Value = "Delivery";
            sheet.Range("D4:F4").Merge();
        }
        else
            titles(sheet);
        var top = titles is null ? 5 : 2;
        object[][] rows = [Header, ["SO-1", "C1", "X", new DateTime(2026, 9, 1), 2, 1.5], ["SO-2", "C2", "X", new DateTime(2026, 9, 2), 1, 4.0]];
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < rows[r].Length; c++)
                sheet.Cell(top + r, c + 1).Value = rows[r][c];
        workbook.SaveAs(Path.Combine(data, "order_lines.xlsx"));
        return data;
    }

    // Three group titles on row 1, over the six columns named on row 2.
    private static void ThreeGroupTitles(IXLWorksheet sheet)
    {
        sheet.Cell("A1").Value = "Order";
        sheet.Range("A1:B1").Merge();
        sheet.Cell("C1").Value = "Customer";
        sheet.Cell("D1").Value = "Line";
        sheet.Range("D1:F1").Merge();
    }

    [Fact]
    public void Ingest_XlsxWithTitleAndMergedGroupRows_HeaderRowReadsTheTableAndReportsTheRowsAbove()
    {
        var data = ReportWorkbook("xlsx-header-row");
        var config = _folder.File("xlsx-header-row/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.xlsx\n    header_row: 5\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal((2L, 2L, 0L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "rows_quarantined")));
        Assert.Equal(4, output.Count("order_lines", "title_rows_skipped"));
        Assert.Equal(2 * 1.5 + 4.0, output.Metrics().Sum(m => double.Parse(m["revenue"], System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Ingest_CsvWithTitleAndGroupLines_HeaderRowReadsTheTableAndReportsTheLinesAbove()
    {
        var data = _folder.Sub("csv-header-row");
        _folder.File("csv-header-row/order_lines.csv", $"Sales report Q3 2026\nOrder,,,Delivery,,\n{string.Join(",", Header)}\nSO-1,C1,X,2026-09-01,2,1.5\nSO-2,C2,X,2026-09-02,1,4.0\n");
        var config = _folder.File("csv-header-row/chainseg.yaml", "sources:\n  order_lines:\n    path: order_lines.csv\n    header_row: 3\n");

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        Assert.Equal((2L, 2L), (output.Count("order_lines", "rows_read"), output.Count("order_lines", "rows_accepted")));
        Assert.Equal(2, output.Count("order_lines", "title_rows_skipped"));
        var quarantine = output.Quarantine("order_lines");
        Assert.Empty(quarantine);
    }

    // Three group titles over six columns fill as many cells as half the header: the group row was taken for the header
    // and the table refused listing the titles as its columns.
    [Fact]
    public void Ingest_XlsxHeaderBelowAGroupRow_RefusalNamesTheRowAndTheSetting()
    {
        var data = ReportWorkbook("xlsx-groups", ThreeGroupTitles);

        var e = Assert.Throws<ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out")));

        Assert.Equal("sources.order_lines: order_lines.xlsx's header is on row 2, not row 1 (row 1 holds Order, column_2, Customer, Line, column_5, column_6): "
            + "set header_row: 2 under sources.order_lines in chainseg.yaml (with path: order_lines.xlsx), so the rows above it are skipped.", e.Message);
    }

    [Fact]
    public void Ingest_CsvWithAThreeFieldTitleAboveTheMappedHeader_RefusalNamesTheRowAndTheSetting()
    {
        var data = _folder.Sub("csv-title");
        _folder.File("csv-title/export.csv", "Sales report Q3 2026,Generated 2026-10-01 by SAP,Plant 1000\n\nInvoice,Cust,Item,Date,Qty,Price\nSO-1,C1,X,2026-09-01,2,1.5\n");
        var config = _folder.File("csv-title/chainseg.yaml", "sources:\n  order_lines:\n    path: export.csv\n"
            + "    columns: { order_id: Invoice, customer_id: Cust, sku: Item, order_date: Date, quantity: Qty, unit_price: Price }\n");

        var e = Assert.Throws<ConfigurationException>(() => PipelineOutput.Run(data, Path.Combine(data, "out"), config));

        Assert.Equal("sources.order_lines: export.csv's header is on row 3, not row 1 (row 1 holds Sales report Q3 2026, Generated 2026-10-01 by SAP, Plant 1000): "
            + "set header_row: 3 under sources.order_lines, so the rows above it are skipped.", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("0", "sources.order_lines: header_row must be a row number from 1; got 0.")]
    [InlineData("9", "sources.order_lines: header_row 9 is below the last row of order_lines.csv (it has 3); give the row that holds the column names.")]
    public void Resolve_HeaderRowOutOfTheFile_IsRefusedNamingTheRange(string row, string expected)
    {
        var data = _folder.Sub("csv-range-" + row);
        _folder.File($"csv-range-{row}/order_lines.csv", $"Title\n{string.Join(",", Header)}\nSO-1,C1,X,2026-09-01,2,1.5\n");
        var config = _folder.File($"csv-range-{row}/chainseg.yaml", $"sources:\n  order_lines:\n    path: order_lines.csv\n    header_row: {row}\n");

        var e = Assert.Throws<ConfigurationException>(() => SourceResolver.Resolve(ConfigLoader.Load(config), null));

        Assert.Equal(expected, e.Message);
    }

    // inspect drafts header_row for the row it finds the table's columns on, so the run reads what inspect read.
    [Fact]
    public void Inspect_XlsxHeaderBelowAGroupRow_DraftsHeaderRow()
    {
        var data = ReportWorkbook("inspect-groups", ThreeGroupTitles);

        var draft = ExportInspection.Inspect(Path.Combine(data, "order_lines.xlsx"));
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), draft.ToYaml());
        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), Path.Combine(data, "chainseg.yaml"));

        Assert.Contains("    header_row: 2\n", draft.ToYaml().ReplaceLineEndings("\n"));
        Assert.Equal((2L, 1L), (output.Count("order_lines", "rows_accepted"), output.Count("order_lines", "title_rows_skipped")));
    }

    public void Dispose() => _folder.Dispose();
}
