using System.Diagnostics;
using System.Globalization;
using ChainSeg.Core.Allocation;

namespace ChainSeg.Bench;

/// <summary>Shortage allocation of synthetic open order lines (default 100,000 over 500 SKUs and 5 segments), as an LP and in whole units.</summary>
internal static class AllocationBenchmark
{
    private const int DefaultLines = 100_000;
    private const int DefaultSkus = 500;
    private const double TargetSeconds = 10.0;

    private static readonly SegmentShortageRule[] Rules =
    [
        new("strategic", 1, 0.95),
        new("key", 1),
        new("core", 2, 0.5),
        new("standard", 3),
        new("spot", 3, 0.1),
    ];

    public static int Run(string[] args)
    {
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var lineCount = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultLines;
        var skuCount = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : DefaultSkus;
        var (lines, supply) = Generate(lineCount, skuCount, seed: 42);
        var (warmLines, warmSupply) = Generate(2_000, 20, seed: 7);
        ShortageAllocator.Allocate(warmLines, warmSupply, new ShortageRules(Rules, integerUnits: true)); // JIT and native load

        foreach (var integerUnits in new[] { false, true })
        {
            var rules = new ShortageRules(Rules, integerUnits);
            var clock = Stopwatch.StartNew();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var result = ShortageAllocator.Allocate(lines, supply, rules);
            clock.Stop();
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var seconds = clock.Elapsed.TotalSeconds;
            var shortPoints = result.StockPoints.Count(p => p.Short);
            Console.WriteLine(
                $"shortage allocation ({(integerUnits ? "whole units, LP + CP-SAT" : "continuous LP")}): {lines.Count:N0} lines, {result.StockPoints.Count} SKUs "
                + $"({shortPoints} short), {Rules.Length} segments in 3 tiers: {seconds:F2} s wall ({cpuSeconds:F2} s CPU) "
                + $"(target ≤ {TargetSeconds:F0} s: {(seconds <= TargetSeconds ? "met" : "missed")})");
            foreach (var s in result.Segments)
            {
                Console.WriteLine(
                    $"  tier {s.Tier} {s.Segment,-10} lines {s.Lines,7:N0}  ordered {s.Ordered,12:N0}  allocated {s.Allocated,12:N1}  fill {s.FillRate:P1}  "
                    + $"guarantee {s.MinimumFill:P0} {(s.GuaranteeMet ? "met" : "NOT met")}");
            }
        }

        return 0;
    }

    private static (List<OpenOrderLine> Lines, List<SkuSupply> Supply) Generate(int lineCount, int skuCount, int seed)
    {
        var random = new Random(seed);
        double[] segmentShare = [0.10, 0.15, 0.30, 0.35, 0.10];
        var lines = new List<OpenOrderLine>(lineCount);
        var ordered = new double[skuCount];
        var guaranteed = new double[skuCount];
        var start = new DateOnly(2026, 1, 5);
        for (var i = 0; i < lineCount; i++)
        {
            // SKU popularity is skewed (square of a uniform); quantities log-uniform from 1 to 200 units.
            var sku = (int)(skuCount * Math.Pow(random.NextDouble(), 2));
            var segment = Pick(random.NextDouble(), segmentShare);
            var quantity = Math.Round(Math.Pow(200.0, random.NextDouble()));
            ordered[sku] += quantity;
            guaranteed[sku] += Math.Ceiling(Rules[segment].MinimumFill * quantity);
            lines.Add(new OpenOrderLine(
                $"SO{i:0000000}",
                $"C{random.Next(20_000):00000}",
                Rules[segment].Segment,
                $"SKU{sku:0000}",
                quantity,
                unitMargin: Math.Round(2.0 + (20.0 * random.NextDouble()), 2),
                requestedDate: start.AddDays(random.Next(30))));
        }

        // A fifth of the SKUs are fully supplied; the rest hold 25–95 % of demand (short in tier 1 below about 41 %), never
        // below their whole-unit guarantees.
        var supply = new List<SkuSupply>(skuCount);
        for (var k = 0; k < skuCount; k++)
        {
            var cover = random.NextDouble() < 0.2 ? 1.1 : 0.25 + (0.7 * random.NextDouble());
            supply.Add(new SkuSupply($"SKU{k:0000}", Math.Max(Math.Floor(cover * ordered[k]), guaranteed[k])));
        }

        return (lines, supply);
    }

    private static int Pick(double u, double[] shares)
    {
        for (var s = 0; s < shares.Length; s++)
        {
            u -= shares[s];
            if (u < 0.0)
            {
                return s;
            }
        }

        return shares.Length - 1;
    }
}
