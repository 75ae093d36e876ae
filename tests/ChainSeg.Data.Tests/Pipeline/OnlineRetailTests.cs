using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Pipeline;

/// <summary>Runs the pipeline once on the real UCI Online Retail data (Chen, Sain &amp; Guo 2012) through examples/online-retail/chainseg.yaml.</summary>
public sealed class OnlineRetailRun : IDisposable
{
    private readonly TempFolder _folder = new();

    public OnlineRetailRun()
    {
        Result = new RunPipeline(TimeProvider.System).Execute(new RunRequest(null, _folder.Sub("out"), RepoPaths.OnlineRetailConfig));
        Raw = CsvFile.ReadRecords(Path.Combine(RepoPaths.SharedData, "uci-online-retail", "online_retail.csv.gz"));
        Quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(Result.OutDirectory, "quality.json")));
    }

    public RunResult Result { get; }
    public List<Dictionary<string, string>> Raw { get; }
    public JsonDocument Quality { get; }

    public long Count(string table, string field) => Quality.RootElement.GetProperty("tables").GetProperty(table).GetProperty(field).GetInt64();

    public void Dispose() => _folder.Dispose();
}

/// <summary>One Online Retail run shared by every test class that reads it (the run takes a while).</summary>
[CollectionDefinition(Name)]
public sealed class OnlineRetailCollection : ICollectionFixture<OnlineRetailRun>
{
    public const string Name = "online-retail";
}

// Expected counts come from the data set's SOURCE.md (UCI's published figures) and from LINQ over the raw file,
// never from the product's own SQL.
[Collection(OnlineRetailCollection.Name)]
public sealed class OnlineRetailTests(OnlineRetailRun run)
{
    [Fact]
    public void Ingest_OnlineRetail_ReadsEveryLineAndReconcilesExactly()
    {
        Assert.Equal(541_909, run.Raw.Count);
        foreach (var table in new[] { "order_lines", "customers", "products" })
        {
            Assert.Equal(541_909, run.Count(table, "rows_read"));
            Assert.Equal(run.Count(table, "rows_read"),
                run.Count(table, "rows_accepted") + run.Count(table, "rows_merged") + run.Count(table, "rows_quarantined"));
        }
    }

    [Fact]
    public void Ingest_OnlineRetail_QuarantinesLinesWithoutCustomerWithThatReason()
    {
        var reasons = run.Quality.RootElement.GetProperty("tables").GetProperty("order_lines").GetProperty("reasons");
        Assert.Equal(135_080, reasons.GetProperty("missing_required:customer_id").GetInt64());
        Assert.Equal(135_080, run.Raw.Count(r => r["CustomerID"].Length == 0));

        var quarantine = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "quarantine", "order_lines.csv"));
        Assert.Equal(135_080, quarantine.Count);
        Assert.All(quarantine, q => Assert.Equal(("missing_required", "customer_id"), (q["_reason"], q["_column"])));
        // _source_row is the 1-based data row of the file: the raw row at that place has no customer and the same invoice.
        foreach (var q in quarantine.Take(500))
        {
            var raw = run.Raw[int.Parse(q["_source_row"], CultureInfo.InvariantCulture) - 1];
            Assert.Equal("", raw["CustomerID"]);
            Assert.Equal(raw["InvoiceNo"], q["InvoiceNo"]);
            Assert.Equal(raw["StockCode"], q["StockCode"]);
        }
    }

    [Fact]
    public void Ingest_OnlineRetail_DerivesOneCustomerPerIdAndOneProductPerStockCode()
    {
        Assert.Equal(4_372, run.Raw.Where(r => r["CustomerID"].Length > 0).Select(r => r["CustomerID"]).Distinct().Count());
        Assert.Equal(4_372, run.Count("customers", "rows_accepted"));
        Assert.Equal(run.Raw.Select(r => r["StockCode"]).Distinct().Count() - 0, run.Count("products", "rows_accepted") + NegativePriceOnlyCodes());
        Assert.Equal(4_372, run.Result.Customers);
    }

    private int NegativePriceOnlyCodes() =>
        run.Raw.GroupBy(r => r["StockCode"]).Count(g => g.All(r => double.Parse(r["UnitPrice"], CultureInfo.InvariantCulture) < 0));

    [Fact]
    public void Metrics_OnlineRetail_MatchIndependentSumsPerCustomer()
    {
        var metrics = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "customer_metrics.csv"))
            .ToDictionary(m => m["customer_id"]);
        var expected = run.Raw.Where(r => r["CustomerID"].Length > 0)
            .GroupBy(r => r["CustomerID"].Replace(".0", "", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => (
                Revenue: g.Sum(r => decimal.Parse(r["Quantity"], CultureInfo.InvariantCulture) * decimal.Parse(r["UnitPrice"], CultureInfo.InvariantCulture)),
                Orders: g.Where(r => int.Parse(r["Quantity"], CultureInfo.InvariantCulture) > 0).Select(r => r["InvoiceNo"]).Distinct().Count(),
                ReturnLines: g.Count(r => int.Parse(r["Quantity"], CultureInfo.InvariantCulture) < 0)));

        Assert.Equal(expected.Count, metrics.Count);
        foreach (var (id, e) in expected)
        {
            var m = metrics[id];
            Assert.Equal((double)Math.Round(e.Revenue, 2), double.Parse(m["revenue"], CultureInfo.InvariantCulture), 2);
            Assert.Equal(e.Orders, int.Parse(m["orders"], CultureInfo.InvariantCulture));
            Assert.Equal(e.ReturnLines, int.Parse(m["return_lines"], CultureInfo.InvariantCulture));
        }
        // Customer 12347 (a well-known row of this data set): 7 invoices, 182 lines, no returns.
        Assert.Equal("7", metrics["12347"]["orders"]);
        Assert.Equal("182", metrics["12347"]["lines"]);
    }

    [Fact]
    public void Metrics_OnlineRetail_WithoutServiceEventsCostPoolsLocationsOrShipments_LeavesTheirMetricsEmptyAndWarns()
    {
        // The flat file has no service events, cost pools, locations or shipments: expedites, complaints, cost-to-serve, the
        // drop-ship share and the deliveries are unknown, not zero, and the behaviour model's expedite_rate dimension is reported as empty.
        string[] unknown = ["expedites", "expedite_rate", "complaints", "complaint_rate", "cost_to_serve", "cost_to_serve_pct", "drop_ship_share",
            "deliveries", "drop_size", "deliveries_per_order"];
        var metrics = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "customer_metrics.csv"));
        Assert.True(metrics.Count > 4000);
        Assert.All(metrics, m => Assert.All(unknown, column => Assert.Equal("", m[column])));
        Assert.All(metrics, m => Assert.NotEqual("", m["revenue"]));
        var behaviour = Assert.Single(run.Result.Segmentation.Models, m => m.Model == "behaviour");
        Assert.Contains(behaviour.Warnings, w => w.StartsWith("metric_without_values", StringComparison.Ordinal) && w.Contains("expedite_rate", StringComparison.Ordinal));
    }

    [Fact]
    public void Ingest_OnlineRetail_CountsExactDuplicateLinesAsWarnings()
    {
        var accepted = run.Raw.Where(r => r["CustomerID"].Length > 0).ToList();
        var duplicates = accepted.Count - accepted.Select(r => string.Join("\u001f", r.Values)).Distinct().Count();
        var warnings = run.Quality.RootElement.GetProperty("tables").GetProperty("order_lines").GetProperty("warnings");
        Assert.Equal(duplicates, warnings.GetProperty("exact_duplicate").GetInt64());
    }
}
