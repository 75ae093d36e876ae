using System.Diagnostics;
using System.Globalization;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Bench;

/// <summary>
/// The ingest benchmark of issue 2: generates companies of the given sizes (one customer per 50 order lines) and times
/// ingest + metrics on each against the target "10 M order lines ingested and aggregated in ≤ 20 s wall with ≤ 2 GiB
/// peak RSS". Generation runs in a child process, so this process's peak RSS covers only the pipeline.
/// </summary>
public static class IngestBenchmark
{
    private const long TargetLines = 10_000_000;
    private const double TargetSeconds = 20;
    private const double TargetMiB = 2048;

    /// <summary>Entry point: <c>ingest [lines ...] [--work DIR]</c>; default sizes 1 M and 10 M order lines.</summary>
    public static int Run(string[] args)
    {
        var work = args.SkipWhile(a => a != "--work").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "chainseg-bench");
        var sizes = args.TakeWhile(a => a != "--work").Select(a => long.Parse(a, CultureInfo.InvariantCulture)).ToList();
        if (sizes.Count == 0)
            sizes.AddRange([1_000_000, TargetLines]);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        foreach (var lines in sizes)
        {
            var customers = (int)Math.Max(1_000, lines / 50);
            var data = Path.Combine(work, $"data-{lines}");
            Console.WriteLine($"ingest benchmark: {lines:N0} order lines, {customers:N0} customers");
            if (File.Exists(Path.Combine(data, "truth", "dirty_rows.csv")))
                Console.WriteLine($"  generation                   reused {data}");
            else
            {
                var seconds = GenerateInChildProcess(lines, customers, data);
                Console.WriteLine($"  generation (child process) {seconds,8:F2} s   not part of the target");
            }

            var resetPeak = PeakMemory.Reset();
            double? ingestPeakMiB = null;
            var progress = new InlineProgress(p =>
            {
                if (p.Stage == "segmentation" && ingestPeakMiB is null)
                    ingestPeakMiB = PeakMemory.MiB();
            });
            var (result, wall) = PipelineBenchmark.Measure(new RunRequest(data, Path.Combine(work, $"out-{lines}")), progress);
            var pipelinePeakMiB = PeakMemory.MiB();
            Report(result, wall, ingestPeakMiB ?? pipelinePeakMiB, pipelinePeakMiB, resetPeak);
        }
        return 0;
    }

    /// <summary>Child-process entry point: <c>generate-only LINES CUSTOMERS DIR</c>; writes the company and exits.</summary>
    public static int GenerateOnly(string[] args)
    {
        if (args.Length != 3)
        {
            Console.Error.WriteLine("usage: generate-only LINES CUSTOMERS DIR");
            return 2;
        }
        CompanyGenerator.Generate(new GeneratorOptions(int.Parse(args[1], CultureInfo.InvariantCulture), long.Parse(args[0], CultureInfo.InvariantCulture)), args[2]);
        return 0;
    }

    private static double GenerateInChildProcess(long lines, int customers, string data)
    {
        var self = Environment.ProcessPath ?? throw new InvalidOperationException("the benchmark's own executable is unknown; generate the data with `chainseg generate` first.");
        var start = new ProcessStartInfo(self) { UseShellExecute = false };
        // Run as `dotnet ChainSeg.Bench.dll`, the process is dotnet and the assembly comes first.
        if (Path.GetFileNameWithoutExtension(self) == "dotnet")
            start.ArgumentList.Add(typeof(IngestBenchmark).Assembly.Location);
        foreach (var argument in new[] { "generate-only", lines.ToString(CultureInfo.InvariantCulture), customers.ToString(CultureInfo.InvariantCulture), data })
            start.ArgumentList.Add(argument);
        var clock = Stopwatch.StartNew();
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {self}.");
        child.WaitForExit();
        if (child.ExitCode != 0)
            throw new InvalidOperationException($"generating {lines:N0} order lines failed (exit code {child.ExitCode}).");
        return clock.Elapsed.TotalSeconds;
    }

    private static void Report(RunResult result, double wall, double ingestPeakMiB, double pipelinePeakMiB, bool resetPeak)
    {
        var lines = result.Quality["order_lines"].RowsRead;
        foreach (var stage in result.Stages)
            Console.WriteLine($"    {stage.Stage,-26} {stage.Seconds,8:F2} s");
        var ingestAndMetrics = result.Stages.Where(s => s.Stage.StartsWith("ingest:", StringComparison.Ordinal) || s.Stage == "metrics").Sum(s => s.Seconds);
        Console.WriteLine($"  ingest + metrics           {ingestAndMetrics,8:F2} s   sum of the ingest:* and metrics stages; {lines / ingestAndMetrics:N0} order lines/s");
        Console.WriteLine($"  whole pipeline             {wall,8:F2} s   wall, segmentation, policies, simulation and outputs included; {lines / wall:N0} order lines/s");
        Console.WriteLine($"  peak RSS, ingest + metrics {ingestPeakMiB,8:N0} MiB (VmHWM when segmentation starts)");
        Console.WriteLine($"  peak RSS, whole pipeline   {pipelinePeakMiB,8:N0} MiB (VmHWM at the end)");
        if (!resetPeak)
            Console.WriteLine("  note: the peak could not be reset (/proc/self/clear_refs), so it also covers earlier sizes in this process");
        var met = ingestAndMetrics <= TargetSeconds && ingestPeakMiB <= TargetMiB;
        var scope = lines == TargetLines ? "" : $" (the target is set for {TargetLines:N0} order lines; this run has {lines:N0})";
        Console.WriteLine($"  target: ≤ {TargetSeconds:F0} s, ≤ {TargetMiB / 1024:F0} GiB: {(met ? "met" : "missed")} ({ingestAndMetrics:F2} s, {ingestPeakMiB / 1024:F2} GiB){scope}");
    }

    private sealed class InlineProgress(Action<StageProgress> handler) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => handler(value);
    }

    /// <summary>Peak resident set size of this process (Linux VmHWM), resettable between measurements.</summary>
    private static class PeakMemory
    {
        /// <summary>Resets the peak to the current RSS (Linux: write 5 to /proc/self/clear_refs); false where that is not possible.</summary>
        public static bool Reset()
        {
            try
            {
                File.WriteAllText("/proc/self/clear_refs", "5");
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }

        /// <summary>VmHWM in MiB, or the runtime's peak working set where /proc is missing.</summary>
        public static double MiB()
        {
            const string status = "/proc/self/status";
            if (File.Exists(status))
            {
                var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                if (line is not null)
                    return long.Parse(line["VmHWM:".Length..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture) / 1024.0;
            }
            return Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0;
        }
    }
}
