using System.Text.Json;

namespace ChainSeg.Cli.Tests.Commands;

/// <summary>Runs a tiny company in one folder, run after run, each with its own order lines and configuration.</summary>
public sealed class TinyRuns : IDisposable
{
    private readonly TempFolder _folder = new();

    public string Out => Path.Combine(_folder.Path, "out");

    /// <summary>Runs order lines (rows after the header) under a chainseg.yaml, a customers.csv, an id_crosswalk.csv, a cost_pools.csv, a products.csv and a service_events.csv (none when null); returns the run id.</summary>
    public string Run(string orderLines, string? config = null, string? customers = null, string? crosswalk = null, string? costPools = null, string? products = null, string? serviceEvents = null)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + orderLines);
        foreach (var (file, content) in new[] { ("chainseg.yaml", config), ("customers.csv", customers), ("id_crosswalk.csv", crosswalk), ("cost_pools.csv", costPools), ("products.csv", products), ("service_events.csv", serviceEvents) })
        {
            File.Delete(Path.Combine(data, file));
            if (content is not null)
                File.WriteAllText(Path.Combine(data, file), content);
        }
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", Out, "-q").ExitCode);
        return JsonDocument.Parse(File.ReadAllText(Path.Combine(Out, "run_summary.json"))).RootElement.GetProperty("run_id").GetString()!;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>chainseg.yaml text for tiny runs: rules models that call a customer big from a revenue threshold and small below it.</summary>
internal static class TinyConfig
{
    /// <summary>A segmentation: section holding <paramref name="models"/> (one or more BigFrom) and, when given, its stability: setting.</summary>
    public static string Segmentation(string models, string? stability = null) =>
        "segmentation:\n" + (stability is null ? "" : $"  stability: {stability}\n") + "  models:\n" + models;

    /// <summary>A rules model <paramref name="name"/>: big (or <paramref name="segment"/>) when revenue ≥ <paramref name="revenue"/>, else small; read on accounts when <paramref name="rollUp"/>.</summary>
    public static string BigFrom(string name, int revenue, bool rollUp = false, int? version = null, string segment = "big") =>
        $"    {name}:\n" + (version is null ? "" : $"      version: {version}\n") + "      method: rules\n" + (rollUp ? "      roll_up_hierarchy: true\n" : "")
        + $"      rules:\n        - {{ segment: {segment}, when: \"revenue >= {revenue}\" }}\n      fallback: small\n";
}

/// <summary>Parts of explain's console output.</summary>
internal static class ExplainText
{
    /// <summary>The "segments at period ends" table: from its heading to the "archived runs" heading after it.</summary>
    public static string PeriodEndsTable(string output) =>
        output[output.IndexOf("segments at period ends", StringComparison.Ordinal)..output.IndexOf("archived runs", StringComparison.Ordinal)];
}
