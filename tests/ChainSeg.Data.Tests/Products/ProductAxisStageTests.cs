using System.Globalization;
using System.Text;
using System.Text.Json;
using ChainSeg.Core.Products;

namespace ChainSeg.Data.Tests.Products;

// A hand-made company whose figures the tests recompute from its own CSV text with LINQ: SKU L sells one unit a month for
// two years, S four months in 2023 and never again, A and B in the last four months (A with a return, B once with a
// margin_amount), C without a unit cost; A and B have monthly forecasts.
public sealed class ProductAxisStageTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Products = """
        sku,description,unit_cost,unit_price
        A,Hex bolt,6,10
        B,Carton box,2,5
        C,Floor lamp,,8
        L,Washer,1,3
        S,Smart meter,30,60
        """;

    private const string Forecasts = """
        sku,period_start,forecast_qty
        A,2025-01-01,4
        A,2025-02-01,6
        A,2025-03-01,1
        A,2025-04-01,5
        B,2025-02-01,5
        """;

    private static string OrderLines()
    {
        var text = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount\n");
        var n = 0;
        void Line(string customer, string sku, string date, int quantity, double price, string margin = "") =>
            text.Append(Invariant, $"SO-{++n},{customer},{sku},{date},{quantity},{price},{margin}\n");
        for (var month = new DateOnly(2023, 5, 15); month <= new DateOnly(2025, 4, 15); month = month.AddMonths(1))
            Line("C3", "L", month.ToString("yyyy-MM-dd", Invariant), 1, 3);
        foreach (var (date, quantity) in new[] { ("2023-06-10", 1), ("2023-07-10", 5), ("2023-08-10", 5), ("2023-09-10", 1) })
            Line("C2", "S", date, quantity, 60);
        Line("C1", "A", "2025-01-05", 3, 10);
        Line("C1", "A", "2025-02-07", 5, 10);
        Line("C2", "A", "2025-02-20", 2, 10);
        Line("C1", "A", "2025-04-11", 4, 10);
        Line("C1", "A", "2025-04-30", -1, 10);
        Line("C2", "B", "2025-02-03", 6, 5, "12");
        Line("C1", "B", "2025-03-03", 2, 5);
        Line("C1", "B", "2025-04-03", 4, 5);
        Line("C3", "C", "2025-03-15", 1, 8);
        return text.ToString();
    }

    private sealed record Line(string Customer, string Sku, DateOnly Day, double Quantity, double Revenue, double? Margin);

    private static List<Line> Lines(string path) => CsvFile.ReadRecords(path).Select(r => new Line(r["customer_id"], r["sku"],
        DateOnly.ParseExact(r["order_date"], "yyyy-MM-dd", Invariant), double.Parse(r["quantity"], Invariant),
        double.Parse(r["quantity"], Invariant) * double.Parse(r["unit_price"], Invariant),
        r["margin_amount"].Length > 0 ? double.Parse(r["margin_amount"], Invariant) : null)).ToList();

    private (HandMadeCompany Company, PipelineOutput Output, string Lines) Run()
    {
        var company = new HandMadeCompany(_folder, "fisher");
        company.File("products.csv", Products);
        company.File("forecasts.csv", Forecasts);
        var lines = company.File("order_lines.csv", OrderLines());
        return (company, company.Run(), lines);
    }

    private static double? Number(string text) => text.Length == 0 ? null : double.Parse(text, Invariant);

    [Fact]
    public void Run_HandMadeCompany_ProductFiguresMatchTheOrderLinesAndForecasts()
    {
        var (company, output, path) = Run();
        var lines = Lines(path);
        var cost = CsvFile.ReadRecords(Path.Combine(company.Data, "products.csv"))
            .ToDictionary(p => p["sku"], p => Number(p["unit_cost"]));
        var forecasts = CsvFile.ReadRecords(Path.Combine(company.Data, "forecasts.csv"))
            .ToDictionary(f => (f["sku"], DateOnly.ParseExact(f["period_start"], "yyyy-MM-dd", Invariant)), f => double.Parse(f["forecast_qty"], Invariant));
        var asOf = lines.Max(l => l.Day);
        var classes = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "product_classes.csv")).ToDictionary(r => r["sku"]);

        Assert.Equal(lines.Where(l => l.Quantity > 0).Select(l => l.Sku).Distinct().Order(), classes.Keys.Order());
        foreach (var sku in classes.Keys)
        {
            var own = lines.Where(l => l.Sku == sku).ToList();
            var sold = own.Where(l => l.Quantity > 0).ToList();
            var revenue = own.Sum(l => l.Revenue);
            // Cost of goods as customer_metrics takes it: revenue − margin_amount, else quantity × unit_cost; unknown when a line has neither.
            var costs = own.Select(l => l.Margin is { } m ? l.Revenue - m : cost[sku] is { } c ? l.Quantity * c : (double?)null).ToList();
            double? margin = costs.Any(c => c is null) ? null : (revenue - costs.Sum()!.Value) / revenue;
            // Whole months from the first sale to as_of's month (as_of is a month end), months without a sale as 0.
            var first = new DateOnly(sold.Min(l => l.Day).Year, sold.Min(l => l.Day).Month, 1);
            var months = Enumerable.Range(0, (asOf.Year - first.Year) * 12 + asOf.Month - first.Month + 1).Select(first.AddMonths).ToList();
            var units = months.Select(m => sold.Where(l => l.Day.Year == m.Year && l.Day.Month == m.Month).Sum(l => l.Quantity)).ToList();
            var mean = units.Average();
            var cv = Math.Sqrt(units.Sum(u => (u - mean) * (u - mean)) / units.Count) / mean;
            var forecast = months.Select((m, i) => (Actual: units[i], Forecast: forecasts.TryGetValue((sku, m), out var f) ? f : (double?)null)).Where(p => p.Forecast is not null).ToList();
            double? wape = forecast.Count == 0 ? null : forecast.Sum(p => Math.Abs(p.Forecast!.Value - p.Actual)) / forecast.Sum(p => p.Actual);

            var row = classes[sku];
            Assert.Equal(revenue, double.Parse(row["revenue"], Invariant), 2);
            Assert.Equal(sold.Sum(l => l.Quantity), double.Parse(row["units"], Invariant));
            Assert.Equal(sold.Count, int.Parse(row["lines"], Invariant));
            AssertClose(margin, Number(row["gross_margin_pct"]));
            AssertClose(cv, Number(row["demand_cv"]));
            AssertClose(wape, Number(row["forecast_wape"]));
            Assert.Equal(forecast.Count, int.Parse(row["forecast_months"], Invariant));
            Assert.Equal(sold.Min(l => l.Day).ToString("yyyy-MM-dd", Invariant), row["first_sale"]);
            Assert.Equal(sold.Max(l => l.Day).ToString("yyyy-MM-dd", Invariant), row["last_sale"]);
        }
    }

    private static void AssertClose(double? expected, double? actual)
    {
        Assert.Equal(expected is null, actual is null);
        if (expected is { } e)
            Assert.Equal(e, actual!.Value, 4);
    }

    // L: one unit a month for 24 months: cumulative units pass 10 % (2.4) in month 3 and 90 % (21.6) in month 22, a life of
    // 20 months, not faded. S: 1, 5, 5, 1 units from June 2023: 10 % (1.2) is passed in July, 90 % (10.8) in August, a
    // life of 2 months, and nothing sold since: faded. A: on sale four months, too briefly for its life to be judged.
    [Fact]
    public void Run_HandMadeCompany_LifeCycleFiguresAndClassesFollowFisher()
    {
        var (_, output, _) = Run();
        var classes = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "product_classes.csv")).ToDictionary(r => r["sku"]);

        Assert.Equal(("20", "24", "false"), (classes["L"]["life_months"], classes["L"]["months_on_sale"], classes["L"]["faded"]));
        Assert.Equal(("2", "4", "true"), (classes["S"]["life_months"], classes["S"]["months_on_sale"], classes["S"]["faded"]));
        Assert.Equal("", classes["A"]["faded"]);
        Assert.Equal(FisherProductClass.Unclassified, classes["L"]["product_class"]);
        Assert.Equal("unclassified (signals split 1 innovative to 1 functional): gross margin 66.7 % ≥ 40 %, life 20 months > 12; missing forecast error (no forecasts for its months)",
            classes["L"]["reason"]);
        Assert.Equal(FisherProductClass.Innovative, classes["S"]["product_class"]);
        Assert.Equal("innovative (2 of 2 signals): gross margin 50.0 % ≥ 40 %, life 2 months ≤ 12; missing forecast error (no forecasts for its months)", classes["S"]["reason"]);
        Assert.EndsWith("; missing life (on sale too briefly to judge)", classes["A"]["reason"], StringComparison.Ordinal);
        Assert.Contains("missing gross margin (no unit cost or margin_amount)", classes["C"]["reason"], StringComparison.Ordinal);
    }

    // The cross re-derived from order_lines.csv, the active model's rows of assignments.csv and product_classes.csv.
    [Fact]
    public void Run_HandMadeCompany_SegmentProductMixIsTheLinesOfEachSegmentAndClass()
    {
        var (_, output, path) = Run();
        var outDir = output.Result.OutDirectory;
        var segment = CsvFile.ReadRecords(Path.Combine(outDir, "assignments.csv")).Where(a => a["is_active_model"] == "true")
            .ToDictionary(a => a["customer_id"], a => (Model: a["model"], Segment: a["segment"]));
        var productClass = CsvFile.ReadRecords(Path.Combine(outDir, "product_classes.csv")).ToDictionary(r => r["sku"], r => r["product_class"]);
        var expected = Lines(path).GroupBy(l => (segment[l.Customer].Model, segment[l.Customer].Segment, Class: productClass[l.Sku]))
            .Select(g => (g.Key, Revenue: g.Sum(l => l.Revenue), Units: g.Where(l => l.Quantity > 0).Sum(l => l.Quantity), Lines: g.Count(l => l.Quantity > 0)))
            .ToList();
        var segmentRevenue = expected.GroupBy(e => e.Key.Segment).ToDictionary(g => g.Key, g => g.Sum(e => e.Revenue));

        var mix = CsvFile.ReadRecords(Path.Combine(outDir, "segment_product_mix.csv"));

        Assert.Equal(expected.Select(e => e.Key).Order(), mix.Select(m => (m["model"], m["segment"], m["product_class"])).Order());
        foreach (var (key, revenue, units, count) in expected)
        {
            var row = mix.Single(m => (m["model"], m["segment"], m["product_class"]) == key);
            Assert.Equal(revenue, double.Parse(row["revenue"], Invariant), 2);
            Assert.Equal(units, double.Parse(row["units"], Invariant));
            Assert.Equal(count, int.Parse(row["lines"], Invariant));
            Assert.Equal(revenue / segmentRevenue[key.Segment], double.Parse(row["revenue_share"], Invariant), 4);
        }
    }

    // R is only returned in the window, so it has no class and its lines count as unclassified beside A's, which is
    // unclassified too (no cost, no forecasts, on sale too briefly): one row for the two, not one per SKU kind.
    [Fact]
    public void Run_SkuWithOnlyReturnsBesideAnUnclassifiedSku_OneMixRowPerSegmentAndClass()
    {
        var company = new HandMadeCompany(_folder, "returns-only");
        var path = company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,A,2025-01-10,4,10\nSO-2,C1,A,2025-02-10,2,10\nSO-3,C1,R,2025-02-12,-1,6\n");

        var outDir = company.Run().Result.OutDirectory;

        var segment = CsvFile.ReadRecords(Path.Combine(outDir, "assignments.csv")).Where(a => a["is_active_model"] == "true").ToDictionary(a => a["customer_id"], a => a["segment"]);
        var productClass = CsvFile.ReadRecords(Path.Combine(outDir, "product_classes.csv")).ToDictionary(r => r["sku"], r => r["product_class"]);
        var expected = CsvFile.ReadRecords(path)
            .GroupBy(l => (Segment: segment[l["customer_id"]], Class: productClass.GetValueOrDefault(l["sku"], FisherProductClass.Unclassified)))
            .Select(g => (g.Key.Segment, g.Key.Class, Revenue: g.Sum(l => double.Parse(l["quantity"], Invariant) * double.Parse(l["unit_price"], Invariant))))
            .ToList();
        var mix = CsvFile.ReadRecords(Path.Combine(outDir, "segment_product_mix.csv"));

        Assert.Equal(expected.Select(e => (e.Segment, e.Class)).Order(), mix.Select(m => (m["segment"], m["product_class"])).Order());
        foreach (var (segmentName, className, revenue) in expected)
        {
            var row = mix.Single(m => (m["segment"], m["product_class"]) == (segmentName, className));
            Assert.Equal(revenue, double.Parse(row["revenue"], Invariant), 2);
            Assert.Equal(1.0, double.Parse(row["revenue_share"], Invariant), 4);
        }
    }

    // A's one total forecast is for January 2024, a year before the 6-month window; in the window it is forecast per
    // customer (C1 and C2, summed). The total row decided A's level for the whole history, so the window had no forecast.
    // March's forecast names C1 alone, so it is compared with C1's units: against the SKU's it read C2's as forecast error.
    [Fact]
    public void Run_TotalForecastOnlyBeforeTheWindow_ReadsTheCustomerForecastsInIt()
    {
        var company = new HandMadeCompany(_folder, "forecast-level");
        company.File("chainseg.yaml", "window: 6 months\n");
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount\n");
        for (var (month, n) = (new DateOnly(2024, 1, 10), 1); month <= new DateOnly(2025, 6, 10); month = month.AddMonths(1), n++)
            lines.Append(Invariant, $"SO-{n}A,C1,A,{month:yyyy-MM-dd},{2 + n % 3},10,\nSO-{n}B,C2,A,{month.AddDays(5):yyyy-MM-dd},{1 + n % 4},10,\n");
        var path = company.File("order_lines.csv", lines.ToString());
        var forecastPath = company.File("forecasts.csv", """
            sku,period_start,forecast_qty,customer_id,segment
            A,2024-01-01,9,,
            A,2025-02-01,3,C1,
            A,2025-02-01,1,C2,
            A,2025-03-01,5,C1,
            A,2025-04-01,2,C1,
            A,2025-04-01,2,C2,
            """);

        var row = CsvFile.ReadRecords(Path.Combine(company.Run().Result.OutDirectory, "product_classes.csv")).Single(r => r["sku"] == "A");

        // The window's whole months are January to June 2025; those with a forecast are February to April, at customer level.
        static DateOnly Month(DateOnly day) => new(day.Year, day.Month, 1);
        var units = Lines(path).Where(l => l.Day >= new DateOnly(2025, 1, 1)).GroupBy(l => (Month(l.Day), l.Customer)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var forecast = CsvFile.ReadRecords(forecastPath).Where(f => f["customer_id"].Length > 0)
            .GroupBy(f => DateOnly.ParseExact(f["period_start"], "yyyy-MM-dd", Invariant))
            .Select(g => (Forecast: g.Sum(f => double.Parse(f["forecast_qty"], Invariant)), Units: g.Sum(f => units[(g.Key, f["customer_id"])]))).ToList();
        var wape = forecast.Sum(f => Math.Abs(f.Forecast - f.Units)) / forecast.Sum(f => f.Units);
        Assert.Equal("3", row["forecast_months"]);
        Assert.Equal(wape, double.Parse(row["forecast_wape"], Invariant), 4);
    }

    // Segment rows forecast the customers of the segments they name, as the active model assigned them: C1 (big, by the
    // rules below: revenue 10 × 2–4 units a month) is forecast for February to April, C2 (small: 1 unit a month) never; the
    // months are compared with C1's units, not the SKU's (C2's units read as forecast error before).
    [Fact]
    public void Run_SegmentForecasts_AreComparedWithTheirSegmentsUnits()
    {
        var company = new HandMadeCompany(_folder, "segment-forecast");
        company.File("chainseg.yaml", """
            window: 6 months
            segmentation:
              active: size
              models:
                size:
                  method: rules
                  rules:
                    - { segment: big, when: "revenue >= 100" }
                  fallback: small
            """);
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount\n");
        for (var (month, n) = (new DateOnly(2024, 11, 10), 1); month <= new DateOnly(2025, 6, 10); month = month.AddMonths(1), n++)
            lines.Append(Invariant, $"SO-{n}A,C1,A,{month:yyyy-MM-dd},{2 + n % 3},10,\nSO-{n}B,C2,A,{month.AddDays(5):yyyy-MM-dd},1,1,\n");
        var path = company.File("order_lines.csv", lines.ToString());
        var forecastPath = company.File("forecasts.csv", """
            sku,period_start,forecast_qty,customer_id,segment
            A,2025-02-01,3,,big
            A,2025-03-01,5,,big
            A,2025-04-01,2,,big
            """);

        var output = company.Run().Result.OutDirectory;
        var row = CsvFile.ReadRecords(Path.Combine(output, "product_classes.csv")).Single(r => r["sku"] == "A");

        Assert.Equal(("big", "small"), (Segment(output, "C1"), Segment(output, "C2")));
        var c1 = Lines(path).Where(l => l.Customer == "C1").GroupBy(l => new DateOnly(l.Day.Year, l.Day.Month, 1)).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
        var forecast = CsvFile.ReadRecords(forecastPath).Select(f => (Month: DateOnly.ParseExact(f["period_start"], "yyyy-MM-dd", Invariant), Qty: double.Parse(f["forecast_qty"], Invariant))).ToList();
        var wape = forecast.Sum(f => Math.Abs(f.Qty - c1[f.Month])) / forecast.Sum(f => c1[f.Month]);
        Assert.Equal("3", row["forecast_months"]);
        Assert.Equal(wape, double.Parse(row["forecast_wape"], Invariant), 4);
    }

    private static string Segment(string output, string customer) =>
        CsvFile.ReadRecords(Path.Combine(output, "assignments.csv")).Single(a => a["customer_id"] == customer && a["model"] == "size")["segment"];

    [Fact]
    public void Run_HandMadeCompany_StoresTheAxisInTheRunSchemaAndSummary()
    {
        var (_, output, _) = Run();

        Assert.Equal(5, output.Canonical("product_classes", "sku", "product_class").Count);
        Assert.NotEmpty(output.Canonical("segment_product_mix", "segment", "product_class"));
        Assert.DoesNotContain(output.Result.Warnings, w => w.StartsWith("no_product_axis", StringComparison.Ordinal));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        var axis = summary.RootElement.GetProperty("product_axis");
        Assert.Equal(1, axis.GetProperty("innovative").GetInt64());
        Assert.Equal(0.4, axis.GetProperty("cutoffs").GetProperty("forecast_error").GetDouble());
        Assert.Contains("product_classes.csv", summary.RootElement.GetProperty("outputs").EnumerateArray().Select(o => o.GetString()));
        Assert.Contains("product_classes.product_class,\"fisher.1997[margin=0.4,forecast_error=0.4,life_months=12,votes=2]\",",
            File.ReadAllText(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")));
    }

    // DEFINITIONS.md: every reported KPI names its definition. Only the keys (SKU, model, segment, the mix's class, which
    // product_classes.product_class defines) and the reason's text are no figure.
    [Fact]
    public void Run_HandMadeCompany_EveryFigureOfTheProductOutputsHasADefinition()
    {
        var (_, output, _) = Run();
        var outDir = output.Result.OutDirectory;
        var defined = CsvFile.ReadRecords(Path.Combine(outDir, "metric_definitions.csv")).Select(d => d["column"]).ToHashSet(StringComparer.Ordinal);
        string[] keys = ["product_classes.sku", "product_classes.reason", "segment_product_mix.model", "segment_product_mix.segment", "segment_product_mix.product_class"];

        var undefined = new[] { "product_classes", "segment_product_mix" }
            .SelectMany(file => File.ReadLines(Path.Combine(outDir, file + ".csv")).First().Split(',').Select(column => $"{file}.{column}"))
            .Where(column => !defined.Contains(column) && !keys.Contains(column))
            .ToList();

        Assert.Empty(undefined);
    }

    [Theory]
    [InlineData(null, "no products source is given and order_lines has no margin_amount")]
    [InlineData("sku,description\nX,Hex bolt\n", "products has no unit_cost for the SKUs sold and order_lines no margin_amount")]
    public void Run_NoCostToJudgeMargins_WarnsNamingWhatToAdd(string? products, string missing)
    {
        var company = new HandMadeCompany(_folder, "no-margin-" + Guid.NewGuid().ToString("N")[..6]);
        company.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,10\nSO-2,C2,X,2025-02-01,2,10\n");
        if (products is not null)
            company.File("products.csv", products);

        var output = company.Run();

        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("no_product_axis: ", StringComparison.Ordinal));
        Assert.Equal($"no_product_axis: {missing}, so no SKU's gross margin can be judged and Fisher's product axis (functional or innovative, "
            + "product_classes.csv) rests on forecast error and life alone; add a products source with unit_cost, or map margin_amount on order_lines.", warning);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        Assert.Contains(warning, summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
    }

    public void Dispose() => _folder.Dispose();
}
