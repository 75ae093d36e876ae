using ChainSeg.Core.Inventory;
using ChainSeg.Core.Simulation;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Inventory;

/// <summary>How the computed policies are simulated.</summary>
/// <param name="SkuLocations">Most SKU-locations simulated (a deterministic sample by hash when there are more).</param>
/// <param name="Days">Simulated days after the warm-up.</param>
/// <param name="WarmUpDays">Days discarded at the start.</param>
/// <param name="Replications">Independent replications per SKU-location.</param>
/// <param name="Seed">Master seed.</param>
/// <param name="TradeOffSkuLocations">SKU-locations per segment used for the trade-off curve.</param>
public sealed record SimulationOptions(int SkuLocations = 1000, int Days = 730, int WarmUpDays = 90, int Replications = 1, int Seed = 42, int TradeOffSkuLocations = 100);

/// <summary>
/// Seeded Monte-Carlo check of the inventory policies: every sampled SKU-location is simulated day by day under its (r, Q)
/// policy with demand drawn from its own weekly statistics (normal, Poisson or gamma as its demand class says) and normal
/// lead times; results by driving segment go to <c>simulation</c>, a service-versus-inventory curve per segment to
/// <c>tradeoff_curve</c>.
/// </summary>
/// <remarks>
/// Days, not weeks: the policies assume continuous review, and reviewing once a week would let the stock position fall
/// well below the reorder point before an order goes out (undershoot), understating service for reasons of the
/// simulation, not of the policy.
/// </remarks>
public sealed class SimulationStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>Simulates; returns the per-segment results.</summary>
    public IReadOnlyList<SegmentResult> Run(SimulationOptions options)
    {
        var rows = ReadPolicies(options.SkuLocations);
        var settings = new SimulationSettings(options.Days + options.WarmUpDays, options.WarmUpDays, options.Replications, options.Seed);
        var items = rows.Select(r => new SimulatedItem(Point(r), new RqReplenishment(Math.Max(0, r.ReorderPoint), r.OrderQty))).ToList();
        var result = InventorySimulation.Run(items, settings);
        WriteSegments(result.Segments, rows);

        var curveItems = rows.GroupBy(r => (r.Segment, r.DemandClass)).SelectMany(g => g.Take(options.TradeOffSkuLocations))
            .Select(r => new TradeOffItem(Point(r), new PolicyBlueprint(ReplenishmentKind.ReorderPointQuantity, r.Model, r.DailyDemand, r.LeadTime, r.OrderQty)))
            .ToList();
        var curve = ServiceTradeOffCurve.Compute(curveItems, ServiceLevelKind.CycleServiceLevel, ServiceTradeOffCurve.DefaultTargets, settings);
        WriteCurve(curve);
        return result.Segments;
    }

    // Results are pooled per segment and demand class: the continuous-review formulas hold for smooth demand, while lumpy
    // demand overshoots the reorder point between reviews, and mixing the two would hide both facts.
    private const char KeySeparator = '\u001f';

    private sealed record PolicyRow(string Id, string Segment, string DemandClass, DemandModel Model, DemandRate DailyDemand, LeadTime LeadTime, double ReorderPoint,
        double OrderQty, double UnitCost, double HoldingRate, double Target, string TargetDefinition);

    private List<PolicyRow> ReadPolicies(int limit) => connection.Query(
        $"""
        SELECT sku || ' @ ' || location_id, driving_segment, demand_class, demand_model, weekly_demand_mean, weekly_demand_sd, lead_time_days, lead_time_sd_days,
               reorder_point, order_qty, unit_cost, holding_cost_rate, target, target_definition
        FROM {Sql.Id(runSchema)}.inventory_policies
        WHERE target IS NOT NULL AND order_qty > 0 AND weekly_demand_mean > 0 AND unit_cost IS NOT NULL
        ORDER BY hash(sku || '|' || location_id), sku, location_id LIMIT {limit}
        """,
        r => new PolicyRow(r.GetString(0), r.GetString(1), r.GetString(2), Enum.Parse<DemandModel>(r.GetString(3), ignoreCase: true),
            // A week's demand spread over 7 independent days: mean / 7, variance / 7.
            new DemandRate(r.GetDouble(4) / 7, r.GetDouble(5) / Math.Sqrt(7), TimeUnit.Day),
            new LeadTime(r.GetDouble(6), r.GetDouble(7), TimeUnit.Day), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11),
            r.GetDouble(12), r.GetString(13)));

    private static StockingPoint Point(PolicyRow r)
    {
        // Daily demand of erratic items has a standard deviation well above its mean; a normal draw cut at zero would then
        // inflate the mean the policy was sized for, so any variable demand is drawn from a gamma with the same mean and sd.
        IDemandSampler demand = r.Model switch
        {
            DemandModel.Poisson => new PoissonDemandSampler(r.DailyDemand.Mean),
            _ when r.DailyDemand.StandardDeviation > 0 => new GammaDemandSampler(r.DailyDemand.Mean, r.DailyDemand.StandardDeviation),
            _ => new NormalDemandSampler(r.DailyDemand.Mean, 0),
        };
        return new StockingPoint(r.Id, r.Segment + KeySeparator + r.DemandClass, demand, new NormalLeadTime(r.LeadTime.Mean, r.LeadTime.StandardDeviation), r.UnitCost, r.HoldingRate);
    }

    private void WriteSegments(IReadOnlyList<SegmentResult> segments, List<PolicyRow> rows)
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.simulation (segment VARCHAR, demand_class VARCHAR, sku_locations INTEGER, target_definition VARCHAR, mean_target DOUBLE,
                achieved_csl DOUBLE, achieved_fill_rate DOUBLE, ready_rate DOUBLE, stockout_periods DOUBLE, average_on_hand DOUBLE,
                average_inventory_value DOUBLE, annual_carrying_cost DOUBLE, cycles INTEGER, definitions VARCHAR)
            """);
        using var appender = connection.CreateAppender(runSchema, "simulation");
        foreach (var r in segments)
        {
            var key = r.Segment.Split(KeySeparator);
            var targets = rows.Where(p => p.Segment == key[0] && p.DemandClass == key[1]).ToList();
            var definition = targets.Select(t => t.TargetDefinition).Distinct().Count() == 1 ? targets[0].TargetDefinition : "mixed";
            appender.CreateRow().AppendValue(key[0]).AppendValue(key[1]).AppendValue(r.StockingPoints).AppendValue(definition).AppendValue(Math.Round(targets.Average(t => t.Target), 4))
                .AppendValue(Math.Round(r.CycleServiceLevel, 4)).AppendValue(Math.Round(r.FillRate, 4)).AppendValue(Math.Round(r.ReadyRate, 4))
                .AppendValue(r.StockoutPeriods).AppendValue(Math.Round(r.AverageOnHand, 2)).AppendValue(Math.Round(r.AverageInventoryValue, 2))
                .AppendValue(Math.Round(r.CarryingCost, 2)).AppendValue(r.Cycles)
                .AppendValue("csl = cycles without stockout ÷ cycles; fill_rate = fill.unit (units from stock ÷ units demanded); daily review").EndRow();
        }
    }

    private void WriteCurve(IReadOnlyList<TradeOffPoint> curve)
    {
        connection.Execute($"""
            CREATE OR REPLACE TABLE {Sql.Id(runSchema)}.tradeoff_curve (segment VARCHAR, demand_class VARCHAR, target_definition VARCHAR, target DOUBLE, sku_locations INTEGER,
                achieved_csl DOUBLE, achieved_fill_rate DOUBLE, ready_rate DOUBLE, average_on_hand DOUBLE, average_inventory_value DOUBLE, annual_carrying_cost DOUBLE)
            """);
        using var appender = connection.CreateAppender(runSchema, "tradeoff_curve");
        foreach (var p in curve)
            appender.CreateRow().AppendValue(p.Segment.Split(KeySeparator)[0]).AppendValue(p.Segment.Split(KeySeparator)[1]).AppendValue(p.TargetKind == ServiceLevelKind.CycleServiceLevel ? "csl" : "fill_rate")
                .AppendValue(p.Target).AppendValue(p.StockingPoints).AppendValue(Math.Round(p.AchievedCycleServiceLevel, 4))
                .AppendValue(Math.Round(p.AchievedFillRate, 4)).AppendValue(Math.Round(p.AchievedReadyRate, 4)).AppendValue(Math.Round(p.AverageOnHand, 2))
                .AppendValue(Math.Round(p.AverageInventoryValue, 2)).AppendValue(Math.Round(p.CarryingCost, 2)).EndRow();
    }
}
