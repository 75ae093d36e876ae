using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Pipeline;

public sealed class RunPipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DataFolder(string orders)
    {
        var data = _folder.Sub("data-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + orders);
        return data;
    }

    [Fact]
    public void Execute_CancelledHalfWay_LeavesPreviousRunCurrentAndItsOutputsIntact()
    {
        var output = _folder.Sub("out");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var metricsBefore = File.ReadAllText(Path.Combine(output, "customer_metrics.csv"));

        // The second run is stopped once ingestion is done and metrics start: the state of a crash half-way.
        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress(p => { if (p.Stage == "metrics") cancellation.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new RunPipeline(TimeProvider.System).Execute(
            new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output), progress, cancellation.Token));

        using var store = ChainSegStore.Open(first.StorePath);
        Assert.Equal(first.RunId, store.CurrentRun()!.RunId);
        var failed = Assert.Single(store.Runs(), r => r.Status == RunStatus.Failed);
        Assert.Equal("cancelled", failed.Error);
        Assert.Equal(metricsBefore, File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith(".staging", StringComparison.Ordinal));
        Assert.Equal(0, store.Connection.ScalarLong($"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{ChainSegStore.SchemaOf(failed.RunId)}'"));
    }

    [Fact]
    public void Execute_TwoGoodRuns_SecondBecomesCurrentAndFirstStaysInRegistry()
    {
        var output = _folder.Sub("out2");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var second = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output));

        using var store = ChainSegStore.Open(second.StorePath);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(second.RunId, store.CurrentRun()!.RunId);
        Assert.Equal([RunStatus.Complete, RunStatus.Complete], store.Runs().Select(r => r.Status));
        Assert.Contains("C2", File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
        Assert.Contains("sha256", File.ReadAllText(Path.Combine(output, "run_summary.json")));
    }

    [Fact]
    public void Open_StoreLeftRunning_MarksTheRunInterrupted()
    {
        var path = Path.Combine(_folder.Path, "crashed.duckdb");
        using (var store = ChainSegStore.Open(path))
            store.BeginRun("20250101T000000Z-abcdef", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "abcdef", "{}");

        using var reopened = ChainSegStore.Open(path);
        var run = Assert.Single(reopened.Runs());
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Null(reopened.CurrentRun());
        Assert.Equal(ChainSegStore.CurrentSchemaVersion, (int)reopened.Connection.ScalarLong("SELECT max(version) FROM schema_version"));
    }

    public void Dispose() => _folder.Dispose();

    private sealed class InlineProgress(Action<StageProgress> handler) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => handler(value);
    }
}
