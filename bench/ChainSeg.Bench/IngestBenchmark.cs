using System.Diagnostics;
using System.Globalization;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Bench;

/// <summary>Generates companies of the given sizes (one customer per 50 order lines) and times ingest + metrics on each.</summary>
public static class IngestBenchmark
{
    /// <summary>Entry point: <c>ingest [lines ...] [--work DIR]</c>; default sizes 1 M and 10 M order lines.</summary>
    public static int Run(string[] args)
    {
        var work = args.SkipWhile(a => a != "--work").Skip(1).FirstOrDefault() ?? Path.Combine(Path.GetTempPath(), "chainseg-bench");
        var sizes = args.TakeWhile(a => a != "--work").Select(a => long.Parse(a, CultureInfo.InvariantCulture)).DefaultIfEmpty(1_000_000).ToList();
        if (args.Length == 0)
            sizes.Add(10_000_000);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}");
        foreach (var lines in sizes)
        {
            var customers = (int)Math.Max(1_000, lines / 50);
            var data = Path.Combine(work, $"data-{lines}");
            if (!File.Exists(Path.Combine(data, "truth", "dirty_rows.csv")))
            {
                var clock = Stopwatch.StartNew();
                CompanyGenerator.Generate(new GeneratorOptions(customers, lines), data);
                Console.WriteLine($"generated {lines:N0} order lines / {customers:N0} customers in {clock.Elapsed.TotalSeconds:F1} s ({lines / clock.Elapsed.TotalSeconds:N0} lines/s)");
            }
            var (result, seconds) = PipelineBenchmark.Measure(new RunRequest(data, Path.Combine(work, $"out-{lines}")));
            Console.WriteLine($"ingest + metrics, {lines:N0} order lines:");
            PipelineBenchmark.Print(result, seconds);
        }
        return 0;
    }
}
