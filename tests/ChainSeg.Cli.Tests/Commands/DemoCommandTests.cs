using System.Globalization;

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
    [Fact]
    public void Demo_SmallCompany_WritesEveryOutputAndPrintsTheQualityTable()
    {
        Assert.Equal(ChainSegApp.Ok, demo.Run.ExitCode);
        Assert.Equal("", demo.Run.Error);
        foreach (var file in new[] { "quality.json", "customer_metrics.csv", "metric_definitions.csv", "assignments.csv", "segment_summary.csv",
                     "segment_stability.csv", "stability_summary.csv", "run_summary.json", "chainseg.duckdb", "quarantine/order_lines.csv", "data/truth/dirty_rows.csv" })
            Assert.True(File.Exists(Path.Combine(demo.Out, file)), file);
        Assert.Contains("order_lines", demo.Run.Output);
        Assert.Contains("300 customers measured", demo.Run.Output);
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
    public void Explain_NoStore_SaysWhereItLooked()
    {
        var run = CliRun.Invoke("explain", "C-1", "--out", Path.Combine(demo.Out, "missing"));
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith("error: no store at", run.Error);
    }
}
