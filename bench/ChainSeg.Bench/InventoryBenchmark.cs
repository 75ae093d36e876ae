using System.Diagnostics;
using System.Globalization;
using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Bench;

/// <summary>
/// Inventory policies for synthetic SKU-locations through the pipeline's own per-row computation
/// (<see cref="SkuLocationPolicy.Compute"/>): demand-model choice (normal, Poisson, gamma), segment targets combined by each rule
/// (CSL and fill-rate segments, make-to-order cells), review undershoot, EOQ, min/max, kanban and the analytic promise, on every
/// core as the inventory stage runs it (<see cref="SkuLocationPolicy.ComputeAll"/>).
/// </summary>
internal static class InventoryBenchmark
{
    private const int DefaultRows = 1_000_000;
    private const double TargetSeconds = 2.0;
    private const double Days = 730;
    private const int WarmUpPasses = 3;
    private const int WarmUpRows = 100_000;
    private const int TimedRuns = 3;

    private readonly record struct Measurement(
        int Rows, double Seconds, double CpuSeconds, double PauseSeconds, double AllocatedMiB, double FaultedMiB, double Checksum, string Models);

    public static int Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultRows;
        var book = MixedBook();
        var data = Generate(rows, book, seed: 42);
        var settings = new InventoryPolicySettings(OrderingCost: 100, ReviewPeriodDays: 1, KanbanSafetyFactor: 0.1, KanbanContainer: null);
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}; {rows:N0} SKU-locations, 1-3 segments each (ABC×XYZ map, BY and CY on fill-rate targets)");
        // A rule named after the row count goes first, so its cold figure is the one printed (a process measures one cold call).
        var order = new[] { TargetAggregation.Highest, TargetAggregation.DemandWeighted, TargetAggregation.SegmentReserves }
            .OrderBy(a => args.Length > 1 && PolicyVocabulary.Name(a) == args[1] ? 0 : 1);
        var rules = order.Select(a => new SkuLocationTargetRule(a)).ToList();
        // The first call in a fresh process also pays for growing the heap (every page of the policies faulted in from the OS)
        // and for the code's first, unoptimised tiers: closer to a one-off CLI run, so printed apart.
        var cold = Measure(data, rules[0], book, settings);
        Print("cold: first call", rules[0], cold);
        if (cold.FaultedMiB > 0)
        {
            // What this machine charges for that much fresh memory whatever code touches it: the part of the cold call that
            // is the operating system's (on virtual machines it can be several times that of bare metal).
            var probe = FreshMemory.TimeFirstTouch((long)(cold.FaultedMiB * 1024 * 1024));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  fresh memory: first touch of {cold.FaultedMiB:N0} MiB outside .NET takes {probe.Wall:F3} s here ({probe.Cpu:F3} CPU s)"));
        }

        // Warm-up: every rule's code reaches its optimised tier (instrumented, then tier 1) before anything else is timed.
        for (int pass = 0; pass < WarmUpPasses; pass++)
        {
            foreach (var rule in rules)
                Compute(data[..Math.Min(rows, WarmUpRows)], rule, book, settings);
        }

        foreach (var rule in rules)
        {
            // Each timed run starts from a collected heap, as a benchmark harness does: otherwise the previous run's million
            // policies, dead by then, are collected on this run's clock.
            var runs = Enumerable.Range(0, TimedRuns).Select(_ => Measure(data, rule, book, settings)).OrderBy(m => m.Seconds).ToList();
            Print($"median of {TimedRuns}", rule, runs[TimedRuns / 2], runs[0].Seconds, runs[^1].Seconds);
        }

        return 0;
    }

    private static Measurement Measure(SkuLocationHistory[] data, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var pauseBefore = GC.GetTotalPauseDuration();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var faultsBefore = FreshMemory.MinorFaults();
        var clock = Stopwatch.StartNew();
        var (checksum, models) = Compute(data, rule, book, settings);
        clock.Stop();
        var faulted = (FreshMemory.MinorFaults() - faultsBefore) * (double)Environment.SystemPageSize / (1024.0 * 1024.0);
        process.Refresh();
        return new Measurement(
            data.Length,
            clock.Elapsed.TotalSeconds,
            (process.TotalProcessorTime - cpuBefore).TotalSeconds,
            (GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds,
            (GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024.0 * 1024.0),
            faulted,
            checksum,
            models);
    }

    private static void Print(string label, SkuLocationTargetRule rule, Measurement m, double? fastest = null, double? slowest = null)
    {
        var range = fastest is { } low && slowest is { } high ? string.Create(CultureInfo.InvariantCulture, $" (runs {low:F3}–{high:F3} s)") : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {PolicyVocabulary.Name(rule.Aggregation),-17} {label,-16} {m.Seconds,6:F3} s{range} = {m.Rows / m.Seconds,10:N0} rows/s (target ≤ {TargetSeconds:F1} s: {(m.Seconds <= TargetSeconds ? "met" : "missed")}), "
            + $"{m.CpuSeconds:F3} CPU s, GC pauses {m.PauseSeconds:F3} s, allocated {m.AllocatedMiB:N0} MiB, first touched {m.FaultedMiB:N0} MiB; models {m.Models}; checksum {m.Checksum:G6}"));
    }

    // The default ABC×XYZ book with two cells on fill-rate targets, so the strictest handling of mixed kinds is exercised.
    private static PolicyBook MixedBook()
    {
        var book = DefaultPolicies.AbcXyz;
        var policies = book.Segments.ToDictionary(s => s, s =>
        {
            var policy = book.Resolve(s).Policy;
            return s is "BY" or "CY"
                ? new ServicePolicy(ServiceTarget.FillRate(0.97), policy.FulfilmentMode, policy.Route, policy.LeadTimeDays, policy.Cutoff, policy.DeliveryWindowDays, policy.Priority, policy.Surcharge)
                : policy;
        }, StringComparer.Ordinal);
        return new PolicyBook(policies, book.Fallback);
    }

    private static SkuLocationHistory[] Generate(int rows, PolicyBook book, int seed)
    {
        var random = new Random(seed);
        var segments = book.Segments.ToArray();
        var data = new SkuLocationHistory[rows];
        for (int i = 0; i < rows; i++)
        {
            // Log-uniform daily demand from 0.05 to 500 units, coefficient of variation 0.2 to 4 (smooth to lumpy).
            double mean = 0.05 * Math.Pow(10_000.0, random.NextDouble());
            double cv = 0.2 + 3.8 * random.NextDouble();
            var served = new SegmentDemand[1 + random.Next(3)];
            double stockedMean = 0, stockedVariance = 0;
            for (int j = 0; j < served.Length; j++)
            {
                var share = 1.0 / served.Length;
                var demand = new DemandRate(mean * share, mean * cv * Math.Sqrt(share), TimeUnit.Day);
                served[j] = new SegmentDemand(segments[(i + 3 * j) % segments.Length], demand);
                if (book.Resolve(served[j].Segment).Policy.Target is not null)
                {
                    stockedMean += demand.Mean;
                    stockedVariance += demand.StandardDeviation * demand.StandardDeviation;
                }
            }
            // Sums over the days of history that reproduce the stocked moments (third moment of a gamma with them).
            double second = stockedVariance + stockedMean * stockedMean;
            double third = stockedMean > 0 ? stockedMean * stockedMean * stockedMean + 3 * stockedMean * stockedVariance + 2 * stockedVariance * stockedVariance / stockedMean : 0;
            double leadTime = 1.0 + random.Next(60);
            data[i] = new SkuLocationHistory(Days, stockedMean * Days, second * Days, third * Days, served,
                new LeadTime(leadTime, leadTime * 0.3 * random.NextDouble(), TimeUnit.Day),
                UnitCost: 1.0 + 499.0 * random.NextDouble(), HoldingRate: 0.15 + 0.15 * random.NextDouble());
        }

        return data;
    }

    private static (double Checksum, string Models) Compute(SkuLocationHistory[] data, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings)
    {
        double checksum = 0.0;
        var models = new int[Enum.GetValues<DemandModel>().Length];
        foreach (var policy in SkuLocationPolicy.ComputeAll(data, rule, book, settings))
        {
            models[(int)policy.Model]++;
            checksum += policy.MinMax.Max + policy.Target.SafetyStock + policy.AnnualCarryingCost;
        }

        return (checksum, string.Join(", ", Enum.GetValues<DemandModel>().Select(m => $"{m.ToString().ToLowerInvariant()} {models[(int)m]:N0}")));
    }
}
