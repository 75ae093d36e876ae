using System.Diagnostics;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Bench;

/// <summary>Times one pipeline run (ingest + metrics + outputs) on existing exports and prints stage times, rows/s and peak memory.</summary>
public static class PipelineBenchmark
{
    /// <summary>Entry point: <c>pipeline (--config FILE | --data DIR) --out DIR</c>.</summary>
    public static int Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var output = Arg("--out") ?? Path.Combine(Path.GetTempPath(), "chainseg-bench");
        var result = Measure(new RunRequest(Arg("--data"), output, Arg("--config")));
        Print(result.Result, result.Seconds);
        return 0;
    }

    /// <summary>Runs the pipeline into a fresh output folder, reporting stages to <paramref name="progress"/>; returns the result and wall seconds.</summary>
    public static (RunResult Result, double Seconds) Measure(RunRequest request, IProgress<StageProgress>? progress = null)
    {
        if (Directory.Exists(request.OutDirectory))
            Directory.Delete(request.OutDirectory, recursive: true);
        var clock = Stopwatch.StartNew();
        var result = new RunPipeline(TimeProvider.System).Execute(request, progress);
        return (result, clock.Elapsed.TotalSeconds);
    }

    /// <summary>Prints stage times, throughput and peak working set.</summary>
    public static void Print(RunResult result, double seconds)
    {
        var lines = result.Quality["order_lines"].RowsRead;
        foreach (var stage in result.Stages)
            Console.WriteLine($"  {stage.Stage,-28} {stage.Seconds,8:F2} s");
        Console.WriteLine($"  order lines read {lines:N0} in {seconds:F2} s wall = {lines / seconds:N0} lines/s; customers {result.Customers:N0}; peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:N0} MiB");
    }
}
