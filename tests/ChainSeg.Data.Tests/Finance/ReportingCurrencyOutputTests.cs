using System.Text.Json;
using ClosedXML.Excel;

namespace ChainSeg.Data.Tests.Finance;

// currency: names the money of a run's outputs: a finance reader of run_summary.json or chainseg.xlsx tells GBP from EUR.
public sealed class ReportingCurrencyOutputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // The money columns of each sheet, listed here from the files' meanings (README), not from the product.
    private static readonly (string Sheet, string[] Money, string[] NotMoney)[] MoneyColumns =
    [
        ("Segment summary", ["revenue", "gross_margin", "cost_to_serve"], ["customers", "revenue_share", "gross_margin_pct", "cost_to_serve_pct"]),
        ("Segment P&L", ["revenue", "cost_of_goods", "gross_margin", "cost_to_serve", "carrying_cost", "net_contribution"], ["customers", "net_contribution_pct", "loss_making_customers"]),
        ("Segment cost to serve", ["cost"], ["driver_volume"]),
    ];

    private PipelineOutput Run(string name, string? config)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", NetContributionTests.Lines);
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,30\n");
        if (config is not null)
            company.File("chainseg.yaml", config);
        return company.Run();
    }

    private static JsonElement Summary(PipelineOutput output) =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json"))).RootElement;

    [Fact]
    public void Run_CurrencySet_RunSummaryNamesItsCode()
    {
        var output = Run("gbp", "currency: gbp\n");

        Assert.Equal("GBP", Summary(output).GetProperty("currency").GetString());
        Assert.Equal("GBP", output.Result.Currency);
    }

    [Fact]
    public void Run_CurrencyNotSet_RunSummaryCurrencyIsNull()
    {
        var output = Run("none", null);

        Assert.Equal(JsonValueKind.Null, Summary(output).GetProperty("currency").ValueKind);
        Assert.Null(output.Result.Currency);
    }

    [Fact]
    public void Run_CurrencySet_WorkbookNamesItOnTheSummaryAndEveryMoneyHeader()
    {
        var output = Run("workbook", "currency: EUR\n");

        using var workbook = new XLWorkbook(Path.Combine(output.Result.OutDirectory, "chainseg.xlsx"));
        var summary = workbook.Worksheet("Summary");
        var line = summary.RowsUsed().Single(r => r.Cell(1).GetString() == "currency");
        Assert.Equal("EUR", line.Cell(2).GetString());
        foreach (var (sheet, money, notMoney) in MoneyColumns)
        {
            var header = workbook.Worksheet(sheet).Row(1).CellsUsed().Select(c => c.GetString()).ToList();
            Assert.All(money, m => Assert.Contains($"{m} (EUR)", header));
            Assert.All(notMoney, n => Assert.Contains(n, header));
        }
        var figures = workbook.Worksheet("Whale curve").Column(1).CellsUsed().Select(c => c.GetString()).ToList();
        Assert.Contains("total_net_contribution (EUR)", figures);
        Assert.Contains("loss_amount (EUR)", figures);
        Assert.Contains("peak_customer_share", figures);
    }

    [Fact]
    public void Run_CurrencyNotSet_WorkbookHeadersAreTheCsvFilesAndTheSummaryHasNoCurrency()
    {
        var output = Run("plain", null);

        using var workbook = new XLWorkbook(Path.Combine(output.Result.OutDirectory, "chainseg.xlsx"));
        Assert.DoesNotContain(workbook.Worksheet("Summary").RowsUsed(), r => r.Cell(1).GetString() == "currency");
        var pnl = CsvFile.ReadRows(Path.Combine(output.Result.OutDirectory, "segment_pnl.csv"))[0];
        Assert.Equal(pnl, workbook.Worksheet("Segment P&L").Row(1).CellsUsed().Select(c => c.GetString()));
    }

    // A finance reader of a segment file alone tells the currency too: a trailing column, so the columns before keep their
    // order and names, as a run without currency: writes them.
    [Theory]
    [InlineData("segment_summary.csv")]
    [InlineData("segment_pnl.csv")]
    [InlineData("segment_cost_to_serve.csv")]
    public void Run_CurrencySet_SegmentFileEndsWithACurrencyColumn(string file)
    {
        var plain = CsvFile.ReadRows(Path.Combine(Run("plain-" + file, null).Result.OutDirectory, file));
        var named = CsvFile.ReadRows(Path.Combine(Run("named-" + file, "currency: gbp\n").Result.OutDirectory, file));

        Assert.DoesNotContain("currency", plain[0]);
        Assert.Equal([.. plain[0], "currency"], named[0]);
        Assert.Equal(plain.Count, named.Count);
        Assert.All(named.Skip(1), row => Assert.Equal("GBP", row[^1]));
        Assert.Equal(plain.Skip(1).Select(r => string.Join(",", r)), named.Skip(1).Select(r => string.Join(",", r.SkipLast(1))));
    }

    // metric_definitions.csv says what the new column is, as it does every column of the segment files.
    [Fact]
    public void Run_CurrencySet_MetricDefinitionsDescribeTheCurrencyColumns()
    {
        var output = Run("definitions", "currency: gbp\n");

        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"]);
        Assert.All(new[] { "segment_summary.currency", "segment_pnl.currency", "segment_cost_to_serve.currency" },
            c => Assert.Contains("GBP", definitions[c]["meaning"]));
    }

    public void Dispose() => _folder.Dispose();
}
