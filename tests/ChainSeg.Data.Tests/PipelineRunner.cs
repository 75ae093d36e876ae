using System.Text.Json;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests;

/// <summary>Runs the real pipeline on a folder of files and reads back what it wrote.</summary>
public sealed record PipelineOutput(RunResult Result, JsonElement Tables)
{
    public static PipelineOutput Run(string dataDirectory, string outDirectory, string? config = null, long inMemoryLoadBytes = RawLoader.DefaultInMemoryLoadBytes,
        TimeProvider? clock = null)
    {
        var result = new RunPipeline(clock ?? TimeProvider.System).Execute(new RunRequest(dataDirectory, outDirectory, config) { InMemoryLoadBytes = inMemoryLoadBytes });
        var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDirectory, "quality.json")));
        return new PipelineOutput(result, quality.RootElement.GetProperty("tables").Clone());
    }

    public long Count(string table, string field) => Tables.GetProperty(table).GetProperty(field).GetInt64();

    public Dictionary<string, long> Reasons(string table) => Map(table, "reasons");

    public Dictionary<string, long> Warnings(string table) => Map(table, "warnings");

    private Dictionary<string, long> Map(string table, string field) =>
        Tables.GetProperty(table).GetProperty(field).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt64());

    public List<Dictionary<string, string>> Quarantine(string table) =>
        CsvFile.ReadRecords(Path.Combine(Result.OutDirectory, "quarantine", table + ".csv"));

    public List<Dictionary<string, string>> Metrics() =>
        CsvFile.ReadRecords(Path.Combine(Result.OutDirectory, "customer_metrics.csv"));

    /// <summary>The accepted rows of a canonical table in the run's store, ordered by the first column asked for, each value as DuckDB writes it as text (null for none).</summary>
    public List<string?[]> Canonical(string table, params string[] columns)
    {
        using var store = ChainSeg.Data.Store.ChainSegStore.Open(Result.StorePath);
        var list = string.Join(", ", columns.Select(c => $"CAST(\"{c}\" AS VARCHAR)"));
        return ChainSeg.Data.Store.DuckDbConnectionExtensions.Query(store.Connection,
            $"SELECT {list} FROM \"{store.CurrentRun()!.Schema}\".{table} ORDER BY 1",
            r => Enumerable.Range(0, columns.Length).Select(i => r.IsDBNull(i) ? null : r.GetString(i)).ToArray());
    }

    /// <summary>customer_metrics.csv's rows by customer_id.</summary>
    public Dictionary<string, Dictionary<string, string>> MetricsByCustomer() => Metrics().ToDictionary(m => m["customer_id"]);
}

/// <summary>A clock stopped at one instant, for checks that depend on the run's date.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
