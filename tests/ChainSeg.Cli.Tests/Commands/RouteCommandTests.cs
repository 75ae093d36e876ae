namespace ChainSeg.Cli.Tests.Commands;

public sealed class RouteCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>A run whose chainseg.yaml sends every segment by cross-dock in 5 business days for a flat 25.</summary>
    private string RunWithCrossDockPolicy()
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,2,5\nSO-2,C1,X,2025-02-03,1,5\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"),
            "policies:\n  default: { csl: 0.9, route: cross_dock, lead_time_days: 5, cutoff: \"12:00\", surcharge: \"25\" }\n");
        var output = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        File.WriteAllText(Path.Combine(_folder.Path, "orders.csv"), "order_id,customer_id,order_time\nN-1,C1,2025-03-03 09:00\n");
        return output;
    }

    private string[] Route(string results, params string[] extra)
    {
        var routed = Path.Combine(_folder.Path, "routed-" + Guid.NewGuid().ToString("N")[..6] + ".csv");
        var run = CliRun.Invoke(["route", "--orders", Path.Combine(_folder.Path, "orders.csv"), "--out", routed, "--results", results, .. extra]);
        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var lines = File.ReadAllLines(routed);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        return [row[Array.IndexOf(header, "route")], row[Array.IndexOf(header, "promised_date")], row[Array.IndexOf(header, "surcharge")]];
    }

    [Fact]
    public void Route_WithoutConfig_AppliesThePoliciesTheRunWasMadeWith()
    {
        var results = RunWithCrossDockPolicy();

        // Monday 09:00 is before the 12:00 cut-off: day 0 is that Monday, + 5 business days = next Monday.
        Assert.Equal(["cross_dock", "2025-03-10", "25.00"], Route(results));
    }

    [Fact]
    public void Route_ExplicitConfig_OverridesTheRunsPolicies()
    {
        var results = RunWithCrossDockPolicy();
        var other = Path.Combine(_folder.Path, "other.yaml");
        File.WriteAllText(other, "policies:\n  default: { csl: 0.9, route: drop_ship, lead_time_days: 2 }\n");

        var decision = Route(results, "--config", other);

        Assert.Equal("drop_ship", decision[0]);
        Assert.Equal("2025-03-05", decision[1]);
    }

    public void Dispose() => _folder.Dispose();
}
