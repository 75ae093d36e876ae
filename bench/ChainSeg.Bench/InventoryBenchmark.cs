using System.Diagnostics;
using System.Globalization;
using ChainSeg.Core.Inventory;

namespace ChainSeg.Bench;

/// <summary>Inventory policies (EOQ, safety stock for a CSL and for a fill rate, reorder point, min/max) for synthetic SKU-locations.</summary>
internal static class InventoryBenchmark
{
    private const int DefaultRows = 1_000_000;
    private const double TargetSeconds = 2.0;

    private readonly record struct SkuLocation(
        double WeeklyDemand, double WeeklyDemandSd, double LeadTimeDays, double LeadTimeSdDays,
        double OrderCost, double UnitCost, double HoldingRate, double Csl, double FillRate);

    public static int Run(string[] args)
    {
        int rows = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : DefaultRows;
        var data = Generate(rows, seed: 42);

        Compute(data.AsSpan(0, Math.Min(rows, 10_000)));
        var clock = Stopwatch.StartNew();
        double checksum = Compute(data);
        clock.Stop();

        double seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"inventory policies: {rows:N0} SKU-locations in {seconds:F3} s = {rows / seconds:N0} rows/s (target ≤ {TargetSeconds:F1} s: {(seconds <= TargetSeconds ? "met" : "missed")}); checksum {checksum:G6}"));
        return 0;
    }

    private static SkuLocation[] Generate(int rows, int seed)
    {
        var random = new Random(seed);
        var data = new SkuLocation[rows];
        for (int i = 0; i < rows; i++)
        {
            // Log-uniform demand from 0.5 to 5,000 units a week, coefficient of variation 0.1 to 1.5.
            double demand = 0.5 * Math.Pow(10_000.0, random.NextDouble());
            double leadTime = 1.0 + random.Next(60);
            data[i] = new SkuLocation(
                WeeklyDemand: demand,
                WeeklyDemandSd: demand * (0.1 + 1.4 * random.NextDouble()),
                LeadTimeDays: leadTime,
                LeadTimeSdDays: leadTime * 0.3 * random.NextDouble(),
                OrderCost: 20.0 + 180.0 * random.NextDouble(),
                UnitCost: 1.0 + 499.0 * random.NextDouble(),
                HoldingRate: 0.15 + 0.15 * random.NextDouble(),
                Csl: 0.8 + 0.195 * random.NextDouble(),
                FillRate: 0.9 + 0.099 * random.NextDouble());
        }

        return data;
    }

    private static double Compute(ReadOnlySpan<SkuLocation> data)
    {
        double checksum = 0.0;
        foreach (var row in data)
        {
            var demand = new DemandRate(row.WeeklyDemand, row.WeeklyDemandSd, TimeUnit.Week);
            var leadTime = new LeadTime(row.LeadTimeDays, row.LeadTimeSdDays, TimeUnit.Day).ConvertTo(TimeUnit.Week);
            var leadTimeDemand = LeadTimeDemand.Fit(DemandModel.Normal, demand, leadTime);

            double weeklyHolding = row.UnitCost * row.HoldingRate / 52.0;
            var eoq = EconomicOrderQuantity.Optimize(row.OrderCost, weeklyHolding, row.WeeklyDemand);
            var forCsl = SafetyStock.ForCycleServiceLevel(leadTimeDemand, row.Csl, eoq.OrderQty);
            var forFillRate = SafetyStock.ForFillRate(leadTimeDemand, row.FillRate, eoq.OrderQty);
            var minMax = MinMaxPolicy.FromReorderPoint(Math.Max(forCsl.ReorderPoint, forFillRate.ReorderPoint), eoq.OrderQty);

            checksum += minMax.Max + forCsl.SafetyStock + forFillRate.SafetyStock;
        }

        return checksum;
    }
}
