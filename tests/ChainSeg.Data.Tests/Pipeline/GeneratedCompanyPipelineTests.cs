using System.Globalization;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Pipeline;

/// <summary>A generated company run through the pipeline once; the truth/ files say what was planted.</summary>
public sealed class GeneratedCompanyRun : IDisposable
{
    private readonly TempFolder _folder = new();

    public GeneratedCompanyRun()
    {
        Data = _folder.Sub("data");
        Summary = CompanyGenerator.Generate(new GeneratorOptions(400, 30_000, Seed: 11), Data);
        Output = PipelineOutput.Run(Data, _folder.Sub("out"));
    }

    public string Data { get; }
    public GenerationSummary Summary { get; }
    public PipelineOutput Output { get; }

    public List<Dictionary<string, string>> Truth(string file) => CsvFile.ReadRecords(Path.Combine(Data, "truth", file));

    public void Dispose() => _folder.Dispose();
}

// The generator's truth/ files are the independent check: they record what was planted, not what the product found.
public sealed class GeneratedCompanyPipelineTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    [Fact]
    public void Ingest_GeneratedCompany_QuarantinesExactlyThePlantedDirtyRows()
    {
        var planted = run.Truth("dirty_rows.csv").Select(r => (r["table"], long.Parse(r["row"], CultureInfo.InvariantCulture), r["reason"], r["column"])).ToHashSet();
        var found = run.Output.Tables.EnumerateObject()
            .SelectMany(t => run.Output.Quarantine(t.Name).Select(q => (t.Name, long.Parse(q["_source_row"], CultureInfo.InvariantCulture), q["_reason"], q["_column"])))
            .ToHashSet();
        Assert.NotEmpty(planted);
        Assert.Equal(planted.Order(), found.Order());
    }

    [Fact]
    public void Ingest_GeneratedCompany_EveryTableReconcilesAgainstTheFileRowCounts()
    {
        foreach (var (table, rows) in run.Summary.RowsPerTable)
        {
            Assert.Equal(rows, run.Output.Count(table, "rows_read"));
            Assert.Equal(rows, run.Output.Count(table, "rows_accepted") + run.Output.Count(table, "rows_merged") + run.Output.Count(table, "rows_quarantined"));
        }
    }

    [Fact]
    public void Ingest_GeneratedCompany_WarnsForEveryPlantedUnparseableOptionalValue()
    {
        var planted = run.Truth("planted_warnings.csv").GroupBy(w => (w["table"], $"{w["kind"]}:{w["column"]}"))
            .ToDictionary(g => g.Key, g => (long)g.Count());
        var found = run.Output.Tables.EnumerateObject()
            .SelectMany(t => run.Output.Warnings(t.Name).Select(w => ((t.Name, w.Key), w.Value)))
            .ToDictionary(x => x.Item1, x => x.Value);
        Assert.Equal(planted.OrderBy(p => p.Key), found.OrderBy(f => f.Key));
    }

    [Fact]
    public void Metrics_GeneratedCompany_OrdersPerCustomerMatchTheCleanFile()
    {
        // LINQ over order_lines.csv: clean rows only (truth says which are dirty), ids resolved through the crosswalk
        // and the documented standardisation, sales orders counted per master customer.
        var dirty = run.Truth("dirty_rows.csv").Where(r => r["table"] == "order_lines").Select(r => long.Parse(r["row"], CultureInfo.InvariantCulture)).ToHashSet();
        var crosswalk = CsvFile.ReadRecords(Path.Combine(run.Data, "id_crosswalk.csv"))
            .ToDictionary(r => (r["source_system"], Standardise(r["source_customer_id"])), r => r["customer_id"]);
        var masters = CsvFile.ReadRecords(Path.Combine(run.Data, "customers.csv")).Where(r => r["customer_id"].Length > 0)
            .GroupBy(r => Standardise(r["customer_id"])).ToDictionary(g => g.Key, g => g.First()["customer_id"]);
        var lines = CsvFile.ReadRecords(Path.Combine(run.Data, "order_lines.csv"));
        var expected = lines.Select((l, i) => (Line: l, Row: i + 1L))
            .Where(x => !dirty.Contains(x.Row) && double.Parse(x.Line["quantity"], CultureInfo.InvariantCulture) > 0)
            .GroupBy(x => crosswalk.TryGetValue((x.Line["source_system"], Standardise(x.Line["customer_id"])), out var id) ? id : masters[Standardise(x.Line["customer_id"])])
            .ToDictionary(g => g.Key, g => g.Select(x => x.Line["order_id"]).Distinct().Count());

        var metrics = run.Output.Metrics().ToDictionary(m => m["customer_id"], m => int.Parse(m["orders"], CultureInfo.InvariantCulture));
        foreach (var (customer, orders) in expected)
            Assert.Equal(orders, metrics[customer]);
        Assert.Equal(expected.Values.Sum(), metrics.Values.Sum());
    }

    [Fact]
    public void Metrics_GeneratedCompany_PriceRealisationMatchesTheCleanFilesAndThePlantedDiscounts()
    {
        // LINQ over order_lines.csv and products.csv (clean rows only, as truth says): per master customer, Σ line revenue
        // (net_amount, else quantity × unit_price) of the positive lines ÷ Σ quantity × the SKU's list price. The run has no
        // window (all history to the latest order date), so every clean line counts.
        var dirty = run.Truth("dirty_rows.csv").GroupBy(r => r["table"]).ToDictionary(g => g.Key, g => g.Select(r => long.Parse(r["row"], CultureInfo.InvariantCulture)).ToHashSet());
        var listPrices = CsvFile.ReadRecords(Path.Combine(run.Data, "products.csv")).Select((p, i) => (Product: p, Row: i + 1L))
            .Where(x => !dirty["products"].Contains(x.Row) && x.Product["unit_price"].Length > 0)
            .Select(x => (Sku: x.Product["sku"], Price: double.Parse(x.Product["unit_price"], CultureInfo.InvariantCulture)))
            .Where(x => x.Price > 0).ToDictionary(x => x.Sku, x => x.Price);
        var crosswalk = CsvFile.ReadRecords(Path.Combine(run.Data, "id_crosswalk.csv"))
            .ToDictionary(r => (r["source_system"], Standardise(r["source_customer_id"])), r => r["customer_id"]);
        var masters = CsvFile.ReadRecords(Path.Combine(run.Data, "customers.csv")).Where(r => r["customer_id"].Length > 0)
            .GroupBy(r => Standardise(r["customer_id"])).ToDictionary(g => g.Key, g => g.First()["customer_id"]);
        static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        var expected = CsvFile.ReadRecords(Path.Combine(run.Data, "order_lines.csv")).Select((l, i) => (Line: l, Row: i + 1L))
            .Where(x => !dirty["order_lines"].Contains(x.Row) && Number(x.Line["quantity"]) > 0 && listPrices.ContainsKey(x.Line["sku"]))
            .GroupBy(x => crosswalk.TryGetValue((x.Line["source_system"], Standardise(x.Line["customer_id"])), out var id) ? id : masters[Standardise(x.Line["customer_id"])])
            .ToDictionary(g => g.Key, g => g.Sum(x => x.Line["net_amount"].Length > 0 ? Number(x.Line["net_amount"]) : Number(x.Line["quantity"]) * Number(x.Line["unit_price"]))
                / g.Sum(x => Number(x.Line["quantity"]) * listPrices[x.Line["sku"]]));

        var metrics = run.Output.Metrics().ToDictionary(m => m["customer_id"], m => m["price_realisation"]);
        Assert.True(expected.Count > 300, $"only {expected.Count} customers with listed lines");
        foreach (var (customer, realisation) in metrics)
        {
            if (expected.TryGetValue(customer, out var ratio))
                Assert.Equal(ratio, Number(realisation), 0.00005 + 1e-9);
            else
                Assert.Equal("", realisation);
        }

        // The planted truth: each customer pays its archetype's list-price discount, drawn per customer around the mean
        // with sd 0.025 and clamped to [0, 0.4] (src/ChainSeg.Data/Generation/CustomerArchetype.cs, CustomerProfile.cs), on
        // every line (OrderStreamWriter: unit price = list × (1 − discount), rounded to the cent). Customers with a planted
        // shift may change archetype, and so discount, midway (truth/planted_shifts.csv): left out.
        var discounts = new Dictionary<string, double>
        {
            ["steady_key_account"] = 0.10, ["bulk_distributor"] = 0.27, ["ecommerce_small"] = 0.01, ["erratic_project"] = 0.07, ["high_service_low_margin"] = 0.24,
        };
        var shifted = run.Truth("planted_shifts.csv").Select(s => s["customer_id"]).ToHashSet();
        var byArchetype = run.Truth("customer_archetypes.csv").Where(a => !shifted.Contains(a["customer_id"]) && metrics.TryGetValue(a["customer_id"], out var r) && r.Length > 0)
            .GroupBy(a => a["archetype"]).ToDictionary(g => g.Key, g => g.Average(a => Number(metrics[a["customer_id"]])));
        Assert.Equal(discounts.Keys.Order(), byArchetype.Keys.Order());
        foreach (var (archetype, mean) in byArchetype)
            Assert.True(Math.Abs(mean - (1 - discounts[archetype])) <= 0.03, $"{archetype}: mean realisation {mean:F4}, planted {1 - discounts[archetype]:F2}");
    }

    [Fact]
    public void Ingest_GeneratedCompany_TmsIdsOfServiceEventsResolveThroughTheCrosswalk()
    {
        // LINQ over service_events.csv: the clean claims and SLA breaches carry TMS ids (TMS0000012), which only
        // id_crosswalk.csv maps to a master id; the store's canonical table must hold exactly those events under them.
        var dirty = run.Truth("dirty_rows.csv").Where(r => r["table"] == "service_events").Select(r => long.Parse(r["row"], CultureInfo.InvariantCulture)).ToHashSet();
        var tms = CsvFile.ReadRecords(Path.Combine(run.Data, "id_crosswalk.csv")).Where(r => r["source_system"] == "TMS")
            .ToDictionary(r => r["source_customer_id"], r => r["customer_id"]);
        var expected = CsvFile.ReadRecords(Path.Combine(run.Data, "service_events.csv"))
            .Where((e, i) => !dirty.Contains(i + 1L) && e["customer_id"].StartsWith("TMS", StringComparison.Ordinal))
            .Select(e => $"{tms[e["customer_id"]]}|{e["event_type"]}|{e["event_date"]}|{e["order_id"]}")
            .Order(StringComparer.Ordinal).ToList();

        using var store = ChainSegStore.Open(run.Output.Result.StorePath);
        var schema = ChainSegStore.SchemaOf(run.Output.Result.RunId);
        var stored = store.Connection.Query(
                $"SELECT customer_id, event_type, strftime(event_date, '%Y-%m-%d'), order_id FROM \"{schema}\".service_events WHERE event_type IN ('claim', 'sla_breach')",
                r => $"{r.GetString(0)}|{r.GetString(1)}|{r.GetString(2)}|{r.GetString(3)}")
            .Order(StringComparer.Ordinal).ToList();

        Assert.True(expected.Count > 50, $"only {expected.Count} TMS events");
        Assert.Equal(expected, stored);
        Assert.DoesNotContain(run.Output.Reasons("service_events").Keys, k => k.StartsWith("unknown_reference", StringComparison.Ordinal));
    }

    // The documented rule (ARCHITECTURE + generator's chainseg.yaml): trim, upper case, drop separators and a float
    // suffix, drop the prefix C before digits, drop leading zeros.
    private static string Standardise(string id)
    {
        var s = id.Trim().ToUpperInvariant();
        s = System.Text.RegularExpressions.Regex.Replace(s, @"^(\d+)\.0+$", "$1");
        s = System.Text.RegularExpressions.Regex.Replace(s, "[-_ ./]", "");
        s = System.Text.RegularExpressions.Regex.Replace(s, "^C(?=[0-9])", "");
        return System.Text.RegularExpressions.Regex.Replace(s, "^([A-Z]*)0+([0-9])", "$1$2");
    }
}
