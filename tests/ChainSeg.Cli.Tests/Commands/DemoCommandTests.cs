using ChainSeg.Tests.Shared;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ChainSeg.Cli.Tests.Commands;

/// <summary>One small demo run shared by the tests that read its outputs.</summary>
public sealed class SmallDemo : IDisposable
{
    private readonly TempFolder _folder = new();

    public SmallDemo()
    {
        Out = Path.Combine(_folder.Path, "demo");
        Run = CliRun.Invoke("demo", "--out", Out, "--customers", "300", "--order-lines", "20000");
    }

    public string Out { get; }
    public CliRun Run { get; }

    public void Dispose() => _folder.Dispose();
}

public sealed class DemoCommandTests(SmallDemo demo) : IClassFixture<SmallDemo>
{
    // A fresh folder inside the demo's output for one test's files.
    private string NewFolder(string prefix) => Directory.CreateDirectory(Path.Combine(demo.Out, prefix + "-" + Guid.NewGuid().ToString("N")[..6])).FullName;

    [Fact]
    public void Demo_SmallCompany_WritesEveryOutputAndPrintsTheQualityTable()
    {
        Assert.Equal(ChainSegApp.Ok, demo.Run.ExitCode);
        Assert.Equal("", demo.Run.Error);
        foreach (var file in new[] { "quality.json", "customer_metrics.csv", "metric_definitions.csv", "assignments.csv", "segment_summary.csv",
                     "period_assignments.csv", "segment_stability.csv", "stability_summary.csv", "product_classes.csv", "segment_product_mix.csv", "run_summary.json", "chainseg.duckdb",
                     "cost_to_serve.csv", "segment_pnl.csv", "segment_cost_to_serve.csv", "whale_curve.csv",
                     "quarantine/order_lines.csv", "data/truth/dirty_rows.csv" })
            Assert.True(File.Exists(Path.Combine(demo.Out, file)), file);
        Assert.Contains("order_lines", demo.Run.Output);
        Assert.Contains("300 customers measured", demo.Run.Output);

        // The product axis in one line, its counts those of product_classes.csv (counted here from the file).
        var classes = File.ReadLines(Path.Combine(demo.Out, "product_classes.csv")).Skip(1).Select(l => l.Split(',')[1]).ToList();
        Assert.Contains($"Products (Fisher 1997): {classes.Count(c => c == "functional")} functional, {classes.Count(c => c == "innovative")} innovative, "
            + $"{classes.Count(c => c == "unclassified")} unclassified (product_classes.csv)", demo.Run.Output);
    }

    [Fact]
    public void Demo_SegmentSummary_EveryFigureNamesItsDefinition()
    {
        // "Every reported KPI names its definition": each figure of segment_summary.csv has a row segment_summary.COLUMN in
        // metric_definitions.csv, built on the customer metric's own id (so the demand bucket and measure show), and OTIF
        // names its variant in the file itself.
        var summaryColumns = File.ReadLines(Path.Combine(demo.Out, "segment_summary.csv")).First().Split(',')
            .Except(["model", "model_version", "segment", "otif_definition", "currency"]).ToList();
        var definitions = File.ReadAllLines(Path.Combine(demo.Out, "metric_definitions.csv")).Skip(1)
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, "^([^,]+),\"([^\"]*)\"")).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.All(summaryColumns, c => Assert.True(definitions.ContainsKey("segment_summary." + c), c));
        Assert.Equal("median(demand.cv[month,units])", definitions["segment_summary.median_demand_cv"]);
        Assert.Equal($"pooled({definitions["otif_rate"]})", definitions["segment_summary.otif_rate"]);
        Assert.Equal("pooled(price.realisation)", definitions["segment_summary.price_realisation"]);
        Assert.Equal(12, summaryColumns.Count);
    }

    [Fact]
    public void Demo_ProfitabilityFiles_EveryFigureNamesItsDefinitionAndTheWhaleCurveIsPrinted()
    {
        var definitions = File.ReadAllLines(Path.Combine(demo.Out, "metric_definitions.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var pnlColumns = File.ReadLines(Path.Combine(demo.Out, "segment_pnl.csv")).First().Split(',')
            .Except(["model", "model_version", "segment", "net_contribution_definition"]).ToList();

        Assert.All(pnlColumns, c => Assert.Contains("segment_pnl." + c, definitions));
        Assert.Contains("net_contribution", definitions);
        Assert.All(new[] { "cost_to_serve.cost", "cost_to_serve.rate", "cost_to_serve.driver_volume", "segment_cost_to_serve.cost", "whale_curve.cumulative_pct_of_total" },
            c => Assert.Contains(c, definitions));

        // The console line's figures, recomputed from customer_metrics.csv's net contributions, in the euros the demo's company names.
        var metrics = File.ReadLines(Path.Combine(demo.Out, "customer_metrics.csv")).ToList();
        var column = Array.IndexOf(metrics[0].Split(','), "net_contribution");
        var net = metrics.Skip(1).Select(l => CsvFields(l)[column]).Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToList();
        var total = net.Sum();
        string Pct(double v) => (v * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";
        Assert.Contains($"Whale curve (net contribution): peaks at {Pct(net.Where(v => v > 0).Sum() / total)} of the total {total.ToString("N0", CultureInfo.InvariantCulture)} EUR "
            + $"with the top {Pct((double)net.Count(v => v > 0) / net.Count)} of customers; the {Pct((double)net.Count(v => v < 0) / net.Count)} loss-making give back "
            + $"{(-net.Where(v => v < 0).Sum()).ToString("N0", CultureInfo.InvariantCulture)} EUR", Regex.Replace(demo.Run.Output, @"\s+", " "));
    }

    // DEFINITIONS.md Profitability: the active model's segments carry their stock's carrying cost. Checked on the demo's files:
    // Σ segment_pnl carrying_cost is Σ inventory_policies.csv annual_carrying_cost (every SKU-location's (Q/2 + SS) × unit cost ×
    // holding rate, before any split by segment) × the years the order_processing pool is charged for (Σ its cost_to_serve.csv
    // rows ÷ its annual cost in the demo's cost_pools.csv), and each row reconciles with it.
    [Fact]
    public void Demo_SegmentPnl_ActiveModelsSegmentsCarryTheirStocksCarryingCost()
    {
        static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);
        var pnl = ReadCsv(Path.Combine(demo.Out, "segment_pnl.csv"));
        var active = pnl.Where(r => r["model"] == "abc-xyz").ToList();
        var annual = ReadCsv(Path.Combine(demo.Out, "inventory_policies.csv")).Sum(p => Num(p["annual_carrying_cost"]));
        var pool = ReadCsv(Path.Combine(demo.Out, "data", "cost_pools.csv")).Single(p => p["activity"] == "order_processing");
        var years = ReadCsv(Path.Combine(demo.Out, "cost_to_serve.csv")).Where(c => c["pool"] == "order_processing").Sum(c => Num(c["cost"])) / Num(pool["annual_cost"]);

        Assert.True(annual > 0);
        Assert.All(active, r => Assert.Equal("contribution.net[direct=freight,service_events]+carrying", r["net_contribution_definition"]));
        Assert.All(active, r => Assert.Equal(Num(r["revenue"]) - Num(r["cost_of_goods"]) - Num(r["cost_to_serve"]) - Num(r["carrying_cost"]), Num(r["net_contribution"]), 0.011));
        // Each segment's figure is rounded to the cent once, charged for the window, and each policy's annual figure to its own cent.
        Assert.Equal(annual * years, active.Sum(r => Num(r["carrying_cost"])), 0.01 * active.Count + 1e-6 * annual);
        Assert.All(pnl.Where(r => r["model"] != "abc-xyz"), r => Assert.Equal(("", "contribution.net[direct=freight,service_events]"), (r["carrying_cost"], r["net_contribution_definition"])));
        Assert.DoesNotContain("carrying_cost_unknown", demo.Run.Output, StringComparison.Ordinal);
    }

    // A customer_metrics.csv line split at the commas outside quotes (a name may hold one).
    private static string[] CsvFields(string line) => Regex.Split(line, ",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");

    // segment_stability.csv and stability_summary.csv had no rows in metric_definitions.csv: what changed_share or row_share
    // divide by was written nowhere. Nor had cluster_profiles.csv and cluster_selection.csv (QA on Online Retail): whether a
    // log_scaled centroid is a mean of logs, what σ centroid_sigma counts in, or what the silhouette was scored on.
    [Theory]
    [InlineData("segment_stability", "model,basis,from_period,to_period,from_segment,to_segment")]
    [InlineData("stability_summary", "model,basis,from_period,to_period")]
    [InlineData("cluster_profiles", "model,cluster,cluster_name,segment,tier,dimension,log_scaled")]
    [InlineData("cluster_selection", "model,clusters,chosen")]
    public void Demo_StabilityAndClusterFiles_EveryFigureNamesItsDefinition(string file, string keys)
    {
        var definitions = File.ReadAllLines(Path.Combine(demo.Out, "metric_definitions.csv")).Skip(1).Select(l => l.Split(',')[0]).ToHashSet();
        var figures = File.ReadLines(Path.Combine(demo.Out, file + ".csv")).First().Split(',').Except(keys.Split(',')).ToList();

        Assert.NotEmpty(figures);
        Assert.All(figures, c => Assert.Contains($"{file}.{c}", definitions));
    }

    [Fact]
    public void Demo_SmallCompany_PrintsTheActiveModelsSegmentsStabilityAndAnExample()
    {
        // The active model's rows of assignments.csv (customer_id, segment, model lead every row and hold no commas).
        var active = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).Skip(1).Select(l => l.Split(','))
            .Where(f => f[2] == "abc-xyz").ToList();
        Assert.Contains("Segments: abc-xyz (active model)", demo.Run.Output);
        foreach (var segment in active.GroupBy(f => f[1]))
            Assert.Matches($@"│ {System.Text.RegularExpressions.Regex.Escape(segment.Key)} +│ +{segment.Count().ToString("N0", CultureInfo.InvariantCulture)} +│ +[0-9.]+ % +│", demo.Run.Output);
        Assert.Matches(@"Stability \d{4}-\d{2}-\d{2} → \d{4}-\d{2}-\d{2}: [0-9.]+ % changed segment \([0-9.]+ % before hysteresis\); adjusted Rand index -?[0-9.]+", demo.Run.Output);
        var example = System.Text.RegularExpressions.Regex.Match(demo.Run.Output, @"Example: (\S+) is (\S+): [AB] by revenue");
        Assert.True(example.Success, demo.Run.Output);
        Assert.Contains(active, f => f[0] == example.Groups[1].Value && f[1] == example.Groups[2].Value);
    }

    [Fact]
    public void Demo_SmallCompany_PrintedRevenueSharesAndStabilityAreThoseOfItsFiles()
    {
        // Recomputed from the demo's CSV files, not read from segment_summary.csv or stability_summary.csv: each active
        // segment's revenue share is Σ revenue of its customers (customer_metrics.csv) over the model's total; the stability
        // line compares the last two period ends of period_assignments.csv over the customers in both: the share whose
        // segment (after hysteresis) or raw_segment changed, and the adjusted Rand index of the segments (Hubert & Arabie
        // 1985, pair counting).
        var metrics = ReadCsv(Path.Combine(demo.Out, "customer_metrics.csv"));
        var revenue = metrics.ToDictionary(m => m["customer_id"], m => decimal.Parse(m["revenue"], CultureInfo.InvariantCulture));
        var active = ReadCsv(Path.Combine(demo.Out, "assignments.csv")).Where(a => a["model"] == "abc-xyz").ToList();
        var total = active.Sum(a => revenue[a["customer_id"]]);
        foreach (var segment in active.GroupBy(a => a["segment"]))
        {
            // One decimal, or as many more as a positive share needs not to read 0.0 (the demo's CX holds 0.04 %).
            var percent = segment.Sum(a => revenue[a["customer_id"]]) / total * 100;
            var share = Enumerable.Range(1, 4).Select(d => percent.ToString("F" + d, CultureInfo.InvariantCulture))
                .FirstOrDefault(text => percent == 0 || decimal.Parse(text, CultureInfo.InvariantCulture) != 0) ?? percent.ToString("F5", CultureInfo.InvariantCulture);
            Assert.Matches($@"│ {Regex.Escape(segment.Key)} +│ +{segment.Count().ToString("N0", CultureInfo.InvariantCulture)} +│ +{Regex.Escape(share)} % +│", demo.Run.Output);
        }

        var periods = ReadCsv(Path.Combine(demo.Out, "period_assignments.csv")).Where(p => p["model"] == "abc-xyz").ToList();
        var ends = periods.Select(p => p["period_end"]).Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.True(ends.Count >= 2, $"period ends: {string.Join(", ", ends)}");
        var (from, to) = (ends[^2], ends[^1]);
        Dictionary<string, Dictionary<string, string>> At(string end) => periods.Where(p => p["period_end"] == end).ToDictionary(p => p["customer_id"]);
        var (before, after) = (At(from), At(to));
        var both = before.Keys.Where(after.ContainsKey).Order(StringComparer.Ordinal).ToList();
        string Changed(string column) => (both.Count(c => before[c][column] != after[c][column]) * 100.0 / both.Count).ToString("0.0", CultureInfo.InvariantCulture);
        var ari = PairCounting.AdjustedRandIndex(both.Select(c => before[c]["segment"]).ToList(), both.Select(c => after[c]["segment"]).ToList());
        Assert.Contains(
            $"Stability {from} → {to}: {Changed("segment")} % changed segment ({Changed("raw_segment")} % before hysteresis); adjusted Rand index {ari.ToString("F3", CultureInfo.InvariantCulture)}",
            demo.Run.Output);
    }


    // The generated chainseg.yaml watches three KPIs (and AX's own OTIF target) and OTIF's drift: alerts.csv holds exactly
    // the misses beyond tolerance that kpis_by_segment.csv's values of the active model at as_of show, recomputed here from
    // the file (which holds every model's; alerts watch the active one).
    [Fact]
    public void Demo_Alerts_AreTheKpisBeyondTheGeneratedTargetsAndDrift()
    {
        var active = ReadCsv(Path.Combine(demo.Out, "assignments.csv")).First(a => a["is_active_model"] == "true")["model"];
        var kpis = ReadCsv(Path.Combine(demo.Out, "kpis_by_segment.csv")).Where(k => k["model"] == active).ToList();
        var ends = kpis.Select(k => k["period_end"]).Distinct().Order(StringComparer.Ordinal).ToList();
        string asOf = ends[^1], previous = ends[^2];
        double? Value(string end, string segment, string kpi) =>
            kpis.Where(k => k["period_end"] == end && k["segment"] == segment && k["kpi"] == kpi && k["value"] != "")
                .Select(k => (double?)double.Parse(k["value"], CultureInfo.InvariantCulture)).SingleOrDefault();
        var segments = kpis.Where(k => k["period_end"] == asOf && k["segment"] != "inactive").Select(k => k["segment"]).Distinct().ToList();
        var expected = new HashSet<string>();
        foreach (var segment in segments)
        {
            void Target(string kpi, double target, double tolerance, bool higherIsBetter)
            {
                if (Value(asOf, segment, kpi) is not { } v)
                    return;
                var miss = Math.Round(higherIsBetter ? target - v : v - target, 9);
                if (miss > tolerance)
                    expected.Add($"{segment}/{kpi}/{(higherIsBetter ? "below_target" : "above_target")}");
            }
            Target("otif_rate", segment == "AX" ? 0.95 : 0.90, 0.02, true);
            Target("order_cycle_days", 5, 1, false);
            Target("cost_to_serve_pct", 0.25, 0.05, false);
            if (Value(asOf, segment, "otif_rate") is { } now && Value(previous, segment, "otif_rate") is { } before && Math.Round(Math.Abs(now - before), 9) > 0.05)
                expected.Add($"{segment}/otif_rate/drift");
        }

        var alerts = ReadCsv(Path.Combine(demo.Out, "alerts.csv"));

        Assert.NotEmpty(expected);
        Assert.Equal(expected.Order(StringComparer.Ordinal), alerts.Select(a => $"{a["segment"]}/{a["kpi"]}/{a["kind"]}").Order(StringComparer.Ordinal));
        Assert.All(alerts, a => Assert.Equal((asOf, active), (a["period_end"], a["model"])));
        Assert.Contains($"Alerts: {alerts.Count} (", Regex.Replace(demo.Run.Output, @"\s+", " "));
    }

    // RFC 4180 records: a quoted field may hold commas, doubled quotes and line breaks.
    private static List<Dictionary<string, string>> ReadCsv(string path)
    {
        var text = File.ReadAllText(path);
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { record.Add(field.ToString()); field.Clear(); }
            else if (c == '\n' || c == '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') i++;
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
            }
            else field.Append(c);
        }
        if (field.Length > 0 || record.Count > 0) { record.Add(field.ToString()); records.Add(record); }
        var header = records[0];
        return records.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
    }

    [Fact]
    public void Explain_KnownCustomer_ShowsSegmentsReasonsAndHistory()
    {
        var run = CliRun.Invoke("explain", "C-00007", "--out", demo.Out);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("abc-xyz v1 (active)", run.Output);
        Assert.Contains("by revenue", run.Output);
        Assert.Contains("segments at period ends", run.Output);
        Assert.Contains("archived runs", run.Output);
    }

    [Fact]
    public void Explain_CustomerWithoutOrders_InactiveWithMissingMetricsShownAsNotAvailable()
    {
        // A customer of the master file without an order in the window: no average order value to show.
        var header = File.ReadLines(Path.Combine(demo.Out, "customer_metrics.csv")).First().Split(',');
        var (id, orders) = (Array.IndexOf(header, "customer_id"), Array.IndexOf(header, "orders"));
        // Rows without quotes split plainly on commas (a quoted name may hold one).
        var idle = File.ReadLines(Path.Combine(demo.Out, "customer_metrics.csv")).Skip(1).Where(l => !l.Contains('"'))
            .Select(l => l.Split(',')).First(r => r[orders] == "0")[id];

        var run = CliRun.Invoke("explain", idle, "--out", demo.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Matches(@"│ abc-xyz v1 \(active\) +│ inactive +│ inactive: no orders between", run.Output);
        Assert.Matches(@"│ avg_order_value +│ n/a +│", run.Output);
    }

    [Fact]
    public void Explain_Json_MetricsAsNumbersAndEveryModelsSegment()
    {
        // Independently of the store: a customer with orders from customer_metrics.csv (a row without quotes splits on
        // commas) and its segments from assignments.csv.
        var header = File.ReadLines(Path.Combine(demo.Out, "customer_metrics.csv")).First().Split(',');
        var ordersColumn = Array.IndexOf(header, "orders");
        var row = File.ReadLines(Path.Combine(demo.Out, "customer_metrics.csv")).Skip(1).Where(l => !l.Contains('"'))
            .Select(l => l.Split(',')).First(r => r[ordersColumn] != "0");
        var id = row[0];

        var run = CliRun.Invoke("explain", id, "--out", demo.Out, "--json");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        Assert.Equal(id, root.GetProperty("customer_id").GetString());
        var orders = root.GetProperty("metrics").GetProperty("orders");
        Assert.Equal(System.Text.Json.JsonValueKind.Number, orders.ValueKind);
        Assert.Equal(long.Parse(row[ordersColumn], CultureInfo.InvariantCulture), orders.GetInt64());
        var segments = File.ReadLines(Path.Combine(demo.Out, "assignments.csv")).Where(l => l.StartsWith(id + ",", StringComparison.Ordinal))
            .Select(l => l.Split(',')).ToDictionary(r => r[2], r => r[1]);
        Assert.Equal(segments, root.GetProperty("assignments").EnumerateArray().ToDictionary(a => a.GetProperty("model").GetString()!, a => a.GetProperty("segment").GetString()!));
    }

    [Fact]
    public void Explain_UnknownCustomer_OneLineWithClosestIds()
    {
        var run = CliRun.Invoke("explain", "C-99999", "--out", demo.Out);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: customer 'C-99999' is not in run", run.Error);
        Assert.Contains("closest ids", run.Error);
    }

    [Fact]
    public void Compare_TwoModelsOfTheCurrentRun_PrintsTransitionsAndRandIndex()
    {
        var run = CliRun.Invoke("compare", "current", "current:rfm", "--out", demo.Out);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains(":abc-xyz →", run.Output);
        Assert.Contains("Champions", run.Output);
        var ari = double.Parse(System.Text.RegularExpressions.Regex.Match(run.Output, @"adjusted Rand index: (-?[0-9.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(ari, -1, 1);
    }

    [Fact]
    public void Compare_MatrixWiderThanTheConsole_ListsEachPairWithFullSegmentNames()
    {
        var run = CliRun.InvokeAt(80, "compare", "current", "current:rfm", "--out", demo.Out);

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.DoesNotContain("…", run.Output);
        // Independently of the store: the pairs counted from assignments.csv, customer by customer.
        var rows = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var abc = rows.Where(r => r[2] == "abc-xyz").ToDictionary(r => r[0], r => r[1]);
        var pairs = rows.Where(r => r[2] == "rfm" && abc.ContainsKey(r[0])).GroupBy(r => (From: abc[r[0]], To: r[1])).ToList();
        Assert.Contains(pairs, p => p.Key.To == "Champions");
        foreach (var pair in pairs)
            Assert.Matches($@"│ {Regex.Escape(pair.Key.From)} +│ {Regex.Escape(pair.Key.To)} +│ +{pair.Count().ToString("N0", CultureInfo.InvariantCulture)} │", run.Output);
        Assert.Equal(pairs.Count, run.Output.Split('\n').Count(l => Regex.IsMatch(l, @"^│ \S.* │ +[0-9,]+ │ +[0-9.]+ % │$")));
    }

    [Fact]
    public void Run_ModelChangedWithoutVersionBump_SummaryWarns()
    {
        var folder = NewFolder("unbumped");
        var data = Path.Combine(demo.Out, "data");
        var generated = File.ReadAllText(Path.Combine(data, "chainseg.yaml"));
        string Config(int threshold)
        {
            var path = Path.Combine(folder, $"chainseg-{threshold}.yaml");
            File.WriteAllText(path, generated + "segmentation:\n  models:\n    tiers:\n      version: 1\n      method: rules\n      rules:\n" +
                $"        - segment: big\n          when: \"revenue >= {threshold}\"\n      fallback: standard\n");
            return path;
        }
        var output = Path.Combine(folder, "out");

        var first = CliRun.Invoke("run", "--data", data, "--config", Config(10_000), "--out", output);
        var second = CliRun.Invoke("run", "--data", data, "--config", Config(20_000), "--out", output);

        Assert.Equal(ChainSegApp.Ok, first.ExitCode);
        Assert.DoesNotContain("version_not_bumped", first.Output);
        Assert.Equal(ChainSegApp.Ok, second.ExitCode);
        Assert.Matches(@"│ tiers +│ version_not_bumped +│ model tiers version 1 has a different definition", second.Output);
    }

    [Fact]
    public void Compare_Json_EveryPairWithItsCustomersAndTheRandIndex()
    {
        var run = CliRun.Invoke("compare", "current", "current:rfm", "--out", demo.Out, "--json");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        using var json = System.Text.Json.JsonDocument.Parse(run.Output);
        var root = json.RootElement;
        // Independently of the store: pairs counted from assignments.csv, customer by customer.
        var rows = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        var abc = rows.Where(r => r[2] == "abc-xyz").ToDictionary(r => r[0], r => r[1]);
        var pairs = rows.Where(r => r[2] == "rfm" && abc.ContainsKey(r[0])).GroupBy(r => $"{abc[r[0]]} → {r[1]}").ToDictionary(g => g.Key, g => g.Count());
        var printed = root.GetProperty("transitions").EnumerateArray()
            .ToDictionary(t => $"{t.GetProperty("from").GetString()} → {t.GetProperty("to").GetString()}", t => t.GetProperty("customers").GetInt32());
        Assert.Equal(pairs.OrderBy(p => p.Key), printed.OrderBy(p => p.Key));
        Assert.Equal(abc.Count, root.GetProperty("customers_in_both").GetInt32());
        Assert.InRange(root.GetProperty("adjusted_rand_index").GetDouble(), -1, 1);
    }

    [Fact]
    public void Compare_UnknownRun_OneLineListingRuns()
    {
        var run = CliRun.Invoke("compare", "nope", "current", "--out", demo.Out);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: run 'nope' is not a complete run", run.Error);
    }

    [Fact]
    public void Route_OrdersFile_UsesTheCustomersSegmentAndPolicy()
    {
        var orders = Path.Combine(demo.Out, "orders-to-route.csv");
        File.WriteAllText(orders, "order_id,customer_id,order_time,requested_date,order_value,sku,quantity\n" +
            "N-1,C-00007,2025-12-29 09:00,,100,SKU-00001,2\nN-2,C-99999,2025-12-29 09:00,,100,SKU-00001,2\n");
        var routed = Path.Combine(demo.Out, "routed.csv");
        var run = CliRun.Invoke("route", "--orders", orders, "--out", routed, "--results", demo.Out);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("routed 2 orders (1 on the fallback policy)", run.Output);
        var segment = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).First(l => l.StartsWith("C-00007,", StringComparison.Ordinal) && l.Contains(",abc-xyz,", StringComparison.Ordinal)).Split(',')[1];
        var lines = File.ReadAllLines(routed);
        Assert.StartsWith("order_id,customer_id,segment,fallback_policy,route", lines[0]);
        Assert.StartsWith($"N-1,C-00007,{segment},false,", lines[1]);
        Assert.StartsWith("N-2,C-99999,,true,", lines[2]);
        Assert.Contains("day 0 = 2025-12-29", lines[1]);
    }

    [Fact]
    public void Route_OrdersWithoutOrderTime_OneLineNamingTheColumn()
    {
        var orders = Path.Combine(demo.Out, "bad-orders.csv");
        File.WriteAllText(orders, "order_id,customer_id\nN-1,C-00007\n");
        var run = CliRun.Invoke("route", "--orders", orders, "--out", Path.Combine(demo.Out, "x.csv"), "--results", demo.Out);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: bad-orders.csv: column 'order_time' is missing", run.Error);
    }

    [Fact]
    public void Simulate_SameSeedTwice_GivesTheSameFigures()
    {
        string Simulate(string folder)
        {
            var run = CliRun.Invoke("simulate", "--results", demo.Out, "--out", Path.Combine(demo.Out, folder), "--sku-locations", "40", "--days", "120", "--seed", "7");
            Assert.Equal(ChainSegApp.Ok, run.ExitCode);
            Assert.Contains("achieved CSL", run.Output);
            return File.ReadAllText(Path.Combine(demo.Out, folder, "simulation.csv"));
        }
        Assert.Equal(Simulate("sim-a"), Simulate("sim-b"));
    }

    [Fact]
    public void Simulate_WithoutFlags_UsesTheRunsSimulationSettingsAndReproducesItsFiles()
    {
        // Defaults come from the run's simulation: section (SKU-locations, days, replications, seed, trade-off sample), so
        // a plain re-simulation gives the run's own simulation files.
        var folder = Path.Combine(demo.Out, "sim-defaults");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("simulate", "--results", demo.Out, "--out", folder, "-q").ExitCode);
        foreach (var file in new[] { "simulation.csv", "simulation_sku_locations.csv", "tradeoff_curve.csv" })
            Assert.Equal(File.ReadAllLines(Path.Combine(demo.Out, file)).Order(StringComparer.Ordinal), File.ReadAllLines(Path.Combine(folder, file)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Simulate_AnotherSeed_LeavesThePublishedRunsResultsUntouched()
    {
        string Stored()
        {
            using var store = ChainSeg.Data.Store.ChainSegStore.Open(Path.Combine(demo.Out, "chainseg.duckdb"));
            var schema = store.CurrentRun()!.Schema;
            return string.Join("\n", new[] { "simulation", "simulation_sku_locations", "tradeoff_curve" }.SelectMany(table =>
                ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(store.Connection, $"SELECT * FROM {schema}.{table} ORDER BY ALL",
                    r => string.Join(",", Enumerable.Range(0, r.FieldCount).Select(i => Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))))));
        }
        var before = Stored();

        var run = CliRun.Invoke("simulate", "--results", demo.Out, "--out", Path.Combine(demo.Out, "sim-other"), "--sku-locations", "25", "--days", "100", "--seed", "99");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal(before, Stored());
        // The re-simulation went to its own folder: 25 SKU-locations at most, each in the per-SKU-location file.
        var detail = File.ReadAllLines(Path.Combine(demo.Out, "sim-other", "simulation_sku_locations.csv"));
        Assert.InRange(detail.Length - 1, 1, 25);
    }

    [Fact]
    public void Demo_WritesAllocationExamplesThatRespectSupply()
    {
        var lines = File.ReadAllLines(Path.Combine(demo.Out, "allocation", "allocation_lines.csv")).Skip(1).Select(l => l.Split(',')).ToList();
        Assert.NotEmpty(lines);
        // Per SKU the example supply is 60 % of the ordered units (rounded down): nothing may exceed it.
        foreach (var sku in lines.GroupBy(l => l[3]))
        {
            var ordered = sku.Sum(l => double.Parse(l[5], CultureInfo.InvariantCulture));
            Assert.True(sku.Sum(l => double.Parse(l[6], CultureInfo.InvariantCulture)) <= Math.Floor(0.6 * ordered) + 1e-9, sku.Key);
        }
        Assert.True(File.Exists(Path.Combine(demo.Out, "allocation", "capacity_plan.csv")));
    }

    [Fact]
    public void Allocate_SupplyAndOrders_HigherTierFilledFirstAndGuaranteesHonoured()
    {
        var folder = NewFolder("alloc");
        File.WriteAllText(Path.Combine(folder, "supply.csv"), "sku,quantity\nSKU-X,100\n");
        // Three customers from three different segments, so each gets its own rule.
        var customers = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).Select(l => l.Split(','))
            .Where(l => l[2] == "abc-xyz" && l[1] != "inactive").GroupBy(l => l[1]).Take(3).Select(g => (Id: g.First()[0], Segment: g.Key)).ToList();
        Assert.Equal(3, customers.Count);
        File.WriteAllText(Path.Combine(folder, "orders.csv"),
            $"line_id,customer_id,sku,quantity\nL1,{customers[0].Id},SKU-X,80\nL2,{customers[1].Id},SKU-X,80\nL3,{customers[2].Id},SKU-X,40\n");
        var config = Path.Combine(folder, "chainseg.yaml");
        File.WriteAllText(config, $"policies:\n  shortage:\n    \"{customers[0].Segment}\": {{ tier: 1 }}\n    \"{customers[1].Segment}\": {{ tier: 2, min_fill: 0.25 }}\n    \"{customers[2].Segment}\": {{ tier: 2 }}\n");
        var run = CliRun.Invoke("allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(folder, "orders.csv"),
            "--out", Path.Combine(folder, "out"), "--results", demo.Out, "--config", config, "--integer-units");
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var allocated = File.ReadAllLines(Path.Combine(folder, "out", "allocation_lines.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(l => l[0], l => double.Parse(l[6], CultureInfo.InvariantCulture));
        // 100 units: L2's guarantee takes 20 first, tier 1 (L1) is then served in full (80), nothing is left for L3.
        Assert.Equal(80, allocated["L1"]);
        Assert.Equal(20, allocated["L2"]);
        Assert.Equal(0, allocated["L3"]);
    }

    [Fact]
    public void Allocate_RuleForASegmentNobodyIsIn_WarnsNamingItAndTheRunsSegments()
    {
        // BZZ (a misspelt BZ) and CXX would leave BZ at its default tier without a guarantee and CX at the default rate, unnoticed.
        var folder = NewFolder("alloc");
        File.WriteAllText(Path.Combine(folder, "supply.csv"), "sku,quantity\nSKU-X,10\n");
        File.WriteAllText(Path.Combine(folder, "orders.csv"), "line_id,customer_id,sku,quantity\nL1,C-00007,SKU-X,8\n");
        var config = Path.Combine(folder, "chainseg.yaml");
        File.WriteAllText(config, "policies:\n  shortage:\n    BZZ: { tier: 1, min_fill: 0.9 }\n  capacity:\n    resources:\n" +
            "      picking_hours: { share_of_need: 0.85, per_unit_by_segment: { CXX: 0.1 } }\n");

        var shortage = CliRun.Invoke("allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(folder, "orders.csv"),
            "--out", Path.Combine(folder, "out"), "--results", demo.Out, "--config", config);
        var capacity = CliRun.Invoke("allocate", "--capacity", "--out", Path.Combine(folder, "capacity"), "--results", demo.Out, "--config", config);

        foreach (var run in new[] { shortage, capacity })
        {
            Assert.Equal(ChainSegApp.Ok, run.ExitCode);
            var warnings = run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(2, warnings.Length);
            Assert.StartsWith("warning: policy_without_customers: policies.shortage.BZZ applies to nobody: no customer of the active model is in segment 'BZZ' this run (its segments: AX, AY, AZ, ", warnings[0], StringComparison.Ordinal);
            Assert.Contains(" BZ, ", warnings[0], StringComparison.Ordinal);
            Assert.StartsWith("warning: policy_without_customers: policies.capacity.resources.picking_hours.per_unit_by_segment.CXX applies to nobody", warnings[1], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Allocate_ManyLines_WritesThemInTheFilesOrder()
    {
        var folder = NewFolder("alloc");
        File.WriteAllText(Path.Combine(folder, "supply.csv"), "sku,quantity\nSKU-X,500\n");
        var customers = File.ReadAllLines(Path.Combine(demo.Out, "assignments.csv")).Skip(1).Select(l => l.Split(',')[0]).Distinct().Take(300).ToList();
        var ids = Enumerable.Range(0, customers.Count).Select(i => $"L{(i * 7919) % 1000:D4}").ToList();
        File.WriteAllLines(Path.Combine(folder, "orders.csv"), customers.Select((c, i) => $"{ids[i]},{c},SKU-X,3").Prepend("line_id,customer_id,sku,quantity"));
        var run = CliRun.Invoke("allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(folder, "orders.csv"),
            "--out", Path.Combine(folder, "out"), "--results", demo.Out);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Equal(ids, File.ReadAllLines(Path.Combine(folder, "out", "allocation_lines.csv")).Skip(1).Select(l => l.Split(',')[0]));
    }

    [Fact]
    public void Allocate_BadRequestedDate_OneLineNamingTheValue()
    {
        var folder = NewFolder("alloc");
        File.WriteAllText(Path.Combine(folder, "supply.csv"), "sku,quantity\nSKU-X,10\n");
        File.WriteAllText(Path.Combine(folder, "orders.csv"), "line_id,customer_id,sku,quantity,requested_date\nL1,C-00007,SKU-X,8,31/12/2025\n");
        var run = CliRun.Invoke("allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(folder, "orders.csv"),
            "--out", Path.Combine(folder, "out"), "--results", demo.Out);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: orders.csv: requested_date '31/12/2025' is not a date; write it as yyyy-MM-dd.", run.Error.Trim());
    }

    [Fact]
    public void Allocate_GuaranteesAboveSupply_OneLineNamingTheShortfall()
    {
        var folder = NewFolder("alloc");
        File.WriteAllText(Path.Combine(folder, "supply.csv"), "sku,quantity\nSKU-X,10\n");
        File.WriteAllText(Path.Combine(folder, "orders.csv"), "line_id,customer_id,sku,quantity\nL1,NOBODY,SKU-X,80\n");
        File.WriteAllText(Path.Combine(folder, "chainseg.yaml"), "policies:\n  shortage:\n    unassigned: { tier: 1, min_fill: 0.9 }\n");
        var run = CliRun.Invoke("allocate", "--supply", Path.Combine(folder, "supply.csv"), "--orders", Path.Combine(folder, "orders.csv"),
            "--out", Path.Combine(folder, "out"), "--results", demo.Out, "--config", Path.Combine(folder, "chainseg.yaml"));
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: shortage rules cannot be met:", run.Error);
        Assert.Single(run.Error.Trim().Split('\n'));
    }

    [Fact]
    public void Allocate_Capacity_PrintsPlanAndMeetsCommitments()
    {
        var folder = NewFolder("capacity");
        var run = CliRun.Invoke("allocate", "--capacity", "--out", folder, "--results", demo.Out);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("capacity plan (peak month from ", run.Output);
        foreach (var row in File.ReadAllLines(Path.Combine(folder, "capacity_plan.csv")).Skip(1).Select(l => l.Split(',')))
            Assert.True(double.Parse(row[5], CultureInfo.InvariantCulture) >= double.Parse(row[6], CultureInfo.InvariantCulture) - 1e-6, row[2]);
    }

    [Fact]
    public void Allocate_CapacityResourcesFromConfig_RespectsEachCapacityAndPerSegmentUse()
    {
        var folder = NewFolder("capacity");
        var config = Path.Combine(folder, "chainseg.yaml");
        File.WriteAllText(config, "policies:\n  capacity:\n    period: quarter\n    resources:\n" +
            "      picking_hours: { share_of_need: 0.85, per_unit: 0.02, per_unit_by_segment: { CZ: 0.1 } }\n" +
            "      dock_slots: { capacity: 1000000, per_unit: 0.001 }\n");
        var run = CliRun.Invoke("allocate", "--capacity", "--out", folder, "--results", demo.Out, "--config", config);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        Assert.Contains("capacity plan (peak quarter from ", run.Output);

        var plan = File.ReadAllLines(Path.Combine(folder, "capacity_plan.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(r => r[2], r => (Demand: double.Parse(r[3], CultureInfo.InvariantCulture), Volume: double.Parse(r[4], CultureInfo.InvariantCulture)));
        var resources = File.ReadAllLines(Path.Combine(folder, "capacity_resources.csv")).Skip(1).Select(l => l.Split(','))
            .ToDictionary(r => r[2], r => (Capacity: double.Parse(r[3], CultureInfo.InvariantCulture), Used: double.Parse(r[4], CultureInfo.InvariantCulture)));
        double Hours(KeyValuePair<string, (double Demand, double Volume)> s, Func<(double Demand, double Volume), double> units) => units(s.Value) * (s.Key == "CZ" ? 0.1 : 0.02);
        // Picking capacity is 85 % of what the whole peak demand would take, with CZ units five times as slow to pick.
        Assert.Equal(0.85 * plan.Sum(s => Hours(s, x => x.Demand)), resources["picking_hours"].Capacity, 2);
        Assert.Equal(plan.Sum(s => Hours(s, x => x.Volume)), resources["picking_hours"].Used, 2);
        Assert.True(resources["picking_hours"].Used <= resources["picking_hours"].Capacity + 1e-6);
        Assert.Equal(1_000_000, resources["dock_slots"].Capacity);
    }

    [Fact]
    public void Allocate_CapacityResourceWithBothCapacityAndShare_OneLineNamingTheResource()
    {
        var folder = NewFolder("capacity");
        var config = Path.Combine(folder, "chainseg.yaml");
        File.WriteAllText(config, "policies:\n  capacity:\n    resources:\n      picking_hours: { capacity: 100, share_of_need: 0.7 }\n");
        var run = CliRun.Invoke("allocate", "--capacity", "--out", folder, "--results", demo.Out, "--config", config);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: policies.capacity.resources.picking_hours: give exactly one of capacity", run.Error);
    }

    [Fact]
    public void Explain_NoStore_SaysWhereItLooked()
    {
        var run = CliRun.Invoke("explain", "C-1", "--out", Path.Combine(demo.Out, "missing"));
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: no store at", run.Error);
    }

    [Fact]
    public void Explain_StoreOptionNamingAFolder_SaysItIsAFolder()
    {
        // It read "no store at …", though something is there: the folder of a run instead of its store file.
        var run = CliRun.Invoke("explain", "C-1", "--store", "duckdb:" + demo.Out);
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: cannot open store {demo.Out}: it is a folder; pass the store file in it", run.Error);
    }
}
