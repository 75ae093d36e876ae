using System.Diagnostics;
using System.Globalization;
using ChainSeg.Core.Inventory;
using ChainSeg.Core.Simulation;

namespace ChainSeg.Bench;

/// <summary>Monte-Carlo simulation of computed policies for synthetic SKU-locations, and a service-versus-inventory curve.</summary>
internal static class SimulationBenchmark
{
    private static readonly string[] Segments = ["strategic", "core", "standard", "tail"];

    public static int Run(string[] args)
    {
        int skus = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5_000;
        int periods = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 730;
        int replications = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3;
        const int warmUp = 60;

        var items = Generate(skus, seed: 42);
        var settings = new SimulationSettings(periods + warmUp, warmUp, replications, seed: 7);
        InventorySimulation.Run(items.Take(Math.Min(skus, 200)).Select(Simulated).ToList(), settings);

        var clock = Stopwatch.StartNew();
        var result = InventorySimulation.Run(items.Select(Simulated).ToList(), settings);
        clock.Stop();

        double seconds = clock.Elapsed.TotalSeconds;
        double skuPeriods = (double)skus * (periods + warmUp) * replications;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"simulation: {skus:N0} SKU-locations × {periods + warmUp} periods ({warmUp} warm-up) × {replications} replications in {seconds:F3} s = {skuPeriods / seconds / 1e6:F1} M SKU-periods/s on {Environment.ProcessorCount} cores"));
        foreach (var segment in result.Segments)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {segment.Segment,-10} {segment.StockingPoints,6:N0} points  fill.unit {segment.FillRate:F4}  csl {segment.CycleServiceLevel:F4}  ready_rate {segment.ReadyRate:F4}  inventory value {segment.AverageInventoryValue:N0}  carrying cost {segment.CarryingCost:N0}"));
        }

        int curveSkus = Math.Min(skus, 1_000);
        var curveSettings = new SimulationSettings(365 + warmUp, warmUp, 1, seed: 7);
        clock.Restart();
        var curve = ServiceTradeOffCurve.Compute(items.Take(curveSkus).ToList(), ServiceLevelKind.CycleServiceLevel, ServiceTradeOffCurve.DefaultTargets, curveSettings);
        clock.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"trade-off curve: {curveSkus:N0} SKU-locations × {ServiceTradeOffCurve.DefaultTargets.Count} CSL targets × {365 + warmUp} periods in {clock.Elapsed.TotalSeconds:F3} s"));
        foreach (var point in curve.Where(p => p.Segment == Segments[1]))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {point.Segment,-10} target csl {point.Target:F3}  achieved csl {point.AchievedCycleServiceLevel:F4}  fill.unit {point.AchievedFillRate:F4}  inventory value {point.AverageInventoryValue:N0}  carrying cost {point.CarryingCost:N0}"));
        }

        return 0;
    }

    private static SimulatedItem Simulated(TradeOffItem item) =>
        new(item.Point, item.Blueprint.ForTarget(ServiceTarget.CycleServiceLevel(item.Point.Segment == Segments[0] ? 0.98 : 0.95)));

    private static List<TradeOffItem> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var items = new List<TradeOffItem>(count);
        for (int i = 0; i < count; i++)
        {
            // Daily periods: log-uniform demand 0.2 to 200 units a day; slow movers Poisson, erratic ones gamma, the rest normal.
            double mean = 0.2 * Math.Pow(1_000.0, random.NextDouble());
            double cv = 0.2 + 1.0 * random.NextDouble();
            int leadTime = 2 + random.Next(20);
            double leadTimeSd = leadTime * 0.2 * random.NextDouble();
            var (model, demand) = mean < 2.0
                ? (DemandModel.Poisson, (IDemandSampler)new PoissonDemandSampler(mean))
                : cv > 0.8 ? (DemandModel.Gamma, new GammaDemandSampler(mean, mean * cv)) : (DemandModel.Normal, new NormalDemandSampler(mean, mean * cv));
            double sd = model == DemandModel.Poisson ? Math.Sqrt(mean) : mean * cv;
            string segment = Segments[random.Next(Segments.Length)];
            var rate = new DemandRate(mean, sd, TimeUnit.Day);
            var lead = new LeadTime(leadTime, leadTimeSd, TimeUnit.Day);
            var blueprint = (i % 3) switch
            {
                0 => new PolicyBlueprint(ReplenishmentKind.BaseStock, model, rate, lead, reviewPeriod: 1 + random.Next(7)),
                1 => new PolicyBlueprint(ReplenishmentKind.ReorderPointQuantity, model, rate, lead, orderQty: Math.Ceiling(mean * (5 + random.Next(25)))),
                _ => new PolicyBlueprint(ReplenishmentKind.MinMax, model, rate, lead, orderQty: Math.Ceiling(mean * (5 + random.Next(25)))),
            };
            var point = new StockingPoint($"SKU-{i}@DC{i % 7}", segment, demand, new NormalLeadTime(leadTime, leadTimeSd),
                unitCost: 1.0 + 199.0 * random.NextDouble(), holdingCostRate: 0.25);
            items.Add(new TradeOffItem(point, blueprint));
        }

        return items;
    }
}
