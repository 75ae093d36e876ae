using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Simulation;
using ChainSeg.Data.Configuration;
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
public sealed record SimulationOptions(int SkuLocations = 1000, int Days = 730, int WarmUpDays = 90, int Replications = 1, int Seed = 42, int TradeOffSkuLocations = 100)
{
    /// <summary>Days between reviews of the published policies (policies.inventory.review_period_days, at least 1: a day is the simulation's period).</summary>
    public int ReviewPeriodDays { get; init; } = 1;

    /// <summary>Most days a simulation covers: ten years, far beyond any policy's review horizon (a typo of 100 M days ran without end).</summary>
    public const int MaxDays = 3653;

    /// <summary>
    /// Most replications per SKU-location: beyond a thousand they only narrow figures already close (2,147,483,647 stopped
    /// on an array too large for .NET as a runtime failure; 100,000,000 ran on, a tally each, for minutes).
    /// </summary>
    public const int MaxReplications = 1000;

    /// <summary>The options a run's configuration sets: its <c>simulation:</c> section and the policies' review period.</summary>
    public static SimulationOptions From(ChainSegConfig config)
    {
        var sim = config.Simulation;
        return new SimulationOptions(sim.SkuLocations, sim.Days, 90, sim.Replications, sim.Seed, sim.TradeOffSkuLocations)
        {
            ReviewPeriodDays = ReviewDays(config.Policies.Inventory.ReviewPeriodDays),
        };
    }

    /// <summary>Returns <paramref name="days"/> when at most <see cref="MaxDays"/>.</summary>
    /// <exception cref="ConfigurationException">More days; the message names <paramref name="setting"/>.</exception>
    public static int RequireDays(int days, string setting) => days <= MaxDays
        ? days
        : throw new ConfigurationException($"{setting} must be at most {MaxDays:N0} (ten years); got {days:N0}.");

    /// <summary>Returns <paramref name="replications"/> when at most <see cref="MaxReplications"/>.</summary>
    /// <exception cref="ConfigurationException">More replications; the message names <paramref name="setting"/>.</exception>
    public static int RequireReplications(int replications, string setting) => replications <= MaxReplications
        ? replications
        : throw new ConfigurationException($"{setting} must be at most {MaxReplications:N0}; got {replications:N0}. More days (up to {MaxDays:N0}) or SKU-locations narrow the figures too.");

    // The review period the simulation can run for a configured one (0 = continuous review, simulated daily; fractions rounded).
    private static int ReviewDays(double reviewPeriodDays) => Math.Max(1, (int)Math.Round(reviewPeriodDays, MidpointRounding.AwayFromZero));
}

/// <summary>Simulated service of the SKU-locations one segment drives, in one demand class.</summary>
/// <param name="Segment">Driving segment.</param>
/// <param name="DemandClass">Syntetos–Boylan demand class.</param>
/// <param name="Result">Pooled simulation figures.</param>
public sealed record SimulatedSegment(string Segment, string DemandClass, SegmentResult Result);

/// <summary>
/// Seeded Monte-Carlo check of the inventory policies: every sampled SKU-location is simulated day by day under its (r, Q)
/// policy, with daily demand resampled from its own history (the stocked segments' daily totals over the metrics window,
/// zero days included: an i.i.d. bootstrap, independent of the model the policy assumed) and normal lead times from the
/// inventory table. Results by driving segment and demand class go to <c>simulation</c>, per SKU-location to
/// <c>simulation_sku_locations</c>, a service-versus-inventory curve per segment to <c>tradeoff_curve</c>.
/// </summary>
/// <remarks>
/// Lead times are not resampled: the canonical shipments record deliveries to customers, not replenishment receipts, so the
/// only replenishment lead times the data holds are the inventory table's mean and standard deviation.
/// </remarks>
/// <param name="connection">The store.</param>
/// <param name="runSchema">The run whose policies are simulated.</param>
/// <param name="tablePrefix">Prefix of the tables written, so a re-simulation never overwrites the published run's results.</param>
public sealed class SimulationStage(DuckDBConnection connection, string runSchema, string tablePrefix = "")
{
    /// <summary>The tables written, without the prefix.</summary>
    public static IReadOnlyList<string> Tables { get; } = ["simulation", "simulation_sku_locations", "tradeoff_curve"];

    /// <summary>Simulates; returns the per-segment results.</summary>
    public IReadOnlyList<SimulatedSegment> Run(SimulationOptions options)
    {
        var rows = ReadPolicies(options.SkuLocations);
        var settings = new SimulationSettings(options.Days + options.WarmUpDays, options.WarmUpDays, options.Replications, options.Seed);
        var items = rows.Select(r => new SimulatedItem(Point(r), new RqReplenishment(r.ReorderPoint, r.OrderQty, options.ReviewPeriodDays))).ToList();
        var result = InventorySimulation.Run(items, settings);
        var segments = result.Segments.Select(r => new SimulatedSegment(_groups[r.Segment].Segment, _groups[r.Segment].DemandClass, r)).ToList();
        WriteSegments(segments, rows, result.StockingPoints, options.ReviewPeriodDays);
        WriteCurve(Curve(rows, options, settings), options.ReviewPeriodDays);
        return segments;
    }

    // Results are pooled per segment and demand class: the formulas fit smooth demand better than lumpy, and mixing the two
    // would hide both facts. The simulation groups by one string; this maps it back to its two parts.
    private readonly Dictionary<string, (string Segment, string DemandClass)> _groups = new(StringComparer.Ordinal);

    private string Group(string segment, string demandClass)
    {
        var key = segment + "\u001f" + demandClass;
        _groups.TryAdd(key, (segment, demandClass));
        return key;
    }

    private string Table(string name) => $"{Sql.Id(runSchema)}.{Sql.Id(tablePrefix + name)}";

    private sealed record PolicyRow(string Sku, string LocationId, string Segment, string DemandClass, DemandModel Model, LeadTime LeadTime, double ReorderPoint,
        double OrderQty, double UnitCost, double HoldingRate, double Target, string TargetDefinition, string TargetRule, ReviewUndershoot Undershoot,
        double AnalyticCsl, double AnalyticFillRate, int Days)
    {
        public string Id => Sku + " @ " + LocationId;

        public double[] History { get; set; } = [];

        public List<SegmentDemand> Segments { get; } = [];
    }

    private List<PolicyRow> ReadPolicies(int limit)
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TEMP TABLE simulated_sample AS
            SELECT sku, location_id, driving_segment, demand_class, demand_model, lead_time_days, lead_time_sd_days, reorder_point, order_qty, unit_cost,
                   holding_cost_rate, target, target_definition, target_rule, review_undershoot, review_undershoot_sd, analytic_csl, analytic_fill_rate, demand_days
            FROM {s}.inventory_policies
            WHERE target IS NOT NULL AND order_qty > 0 AND daily_demand_mean > 0 AND unit_cost IS NOT NULL
            ORDER BY hash(sku || '|' || location_id), sku, location_id LIMIT {limit}
            """);
        var rows = connection.Query("SELECT * FROM simulated_sample ORDER BY sku, location_id", r => new PolicyRow(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
            Enum.Parse<DemandModel>(r.GetString(4), ignoreCase: true), new LeadTime(r.GetDouble(5), r.GetDouble(6), TimeUnit.Day), r.GetDouble(7), r.GetDouble(8),
            r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), r.GetString(12), r.GetString(13),
            new ReviewUndershoot(r.GetDouble(14), r.GetDouble(15) * r.GetDouble(15)), r.GetDouble(16), r.GetDouble(17), r.GetInt32(18)));
        var byKey = rows.ToDictionary(r => (r.Sku, r.LocationId));

        // Daily history of the stocked demand: the days with demand from SQL, every other day of the window a zero.
        var nonzero = connection.Query($"""
            SELECT d.sku, d.location_id, d.q FROM {s}.sku_location_stocked_daily d
            JOIN simulated_sample x ON x.sku = d.sku AND x.location_id = d.location_id ORDER BY d.sku, d.location_id, d.day
            """, r => (r.GetString(0), r.GetString(1), r.GetDouble(2)));
        foreach (var group in nonzero.GroupBy(n => (n.Item1, n.Item2)))
        {
            var row = byKey[group.Key];
            row.History = [.. group.Select(g => g.Item3), .. Enumerable.Repeat(0.0, Math.Max(0, row.Days - group.Count()))];
        }

        foreach (var (sku, location, segment, mean, sd) in connection.Query($"""
            SELECT p.sku, p.location_id, p.segment, p.daily_demand_mean, p.daily_demand_sd FROM {s}.inventory_segment_parts p
            JOIN simulated_sample x ON x.sku = p.sku AND x.location_id = p.location_id WHERE p.stocked ORDER BY ALL
            """, r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4))))
            byKey[(sku, location)].Segments.Add(new SegmentDemand(segment, new DemandRate(mean, sd, TimeUnit.Day)));
        connection.Execute("DROP TABLE simulated_sample");
        return rows.Where(r => r.History.Length > 0).ToList();
    }

    private StockingPoint Point(PolicyRow r) =>
        new(r.Id, Group(r.Segment, r.DemandClass), new BootstrapDemandSampler(r.History), new NormalLeadTime(r.LeadTime.Mean, r.LeadTime.StandardDeviation),
            r.UnitCost, r.HoldingRate);

    // The curve sweeps targets of the kind each segment's rows carry, computing each policy through the pipeline's own rule and
    // reviewing it as the published policies are: at its own target a segment's point is their simulation.
    private List<TradeOffPoint> Curve(List<PolicyRow> rows, SimulationOptions options, SimulationSettings settings)
    {
        var points = new List<TradeOffPoint>();
        foreach (var kind in new[] { ServiceLevelKind.CycleServiceLevel, ServiceLevelKind.FillRate })
        {
            var definition = kind == ServiceLevelKind.CycleServiceLevel ? "csl" : "fill_rate";
            var items = rows.Where(r => r.TargetDefinition == definition).GroupBy(r => (r.Segment, r.DemandClass)).SelectMany(g => g.Take(options.TradeOffSkuLocations))
                .Select(r => new TradeOffItem(Point(r), Blueprint(r, options.ReviewPeriodDays)))
                .Where(i => Attainable(i.Blueprint, kind))
                .ToList();
            if (items.Count > 0)
                points.AddRange(ServiceTradeOffCurve.Compute(items, kind, ServiceTradeOffCurve.DefaultTargets, settings));
        }
        return points;
    }

    private static PolicyBlueprint Blueprint(PolicyRow r, int reviewDays) => PolicyBlueprint.ForSkuLocation(
        new SkuLocationTargetRule(PolicyVocabulary.ParseTargetAggregation(r.TargetRule)), r.Segments, new ReplenishmentSettings(r.LeadTime, r.Model, r.OrderQty, r.Undershoot),
        reviewDays);

    // A fill rate of 0.995 can be out of reach where Q is tiny against the demand's spread; such a SKU-location stays off the curve.
    private static bool Attainable(PolicyBlueprint blueprint, ServiceLevelKind kind)
    {
        try
        {
            var top = ServiceTradeOffCurve.DefaultTargets[^1];
            blueprint.Analytic(kind == ServiceLevelKind.CycleServiceLevel ? ServiceTarget.CycleServiceLevel(top) : ServiceTarget.FillRate(top));
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }

    private void WriteSegments(List<SimulatedSegment> segments, List<PolicyRow> rows, IReadOnlyList<StockingPointResult> points, int reviewDays)
    {
        connection.Execute($"""
            CREATE OR REPLACE TABLE {Table("simulation")} (segment VARCHAR, demand_class VARCHAR, sku_locations INTEGER, target_definition VARCHAR, mean_target DOUBLE,
                analytic_csl DOUBLE, achieved_csl DOUBLE, analytic_fill_rate DOUBLE, achieved_fill_rate DOUBLE, ready_rate DOUBLE, stockout_periods DOUBLE,
                average_on_hand DOUBLE, average_inventory_value DOUBLE, annual_carrying_cost DOUBLE, cycles INTEGER, units_demanded DOUBLE, definitions VARCHAR);
            CREATE OR REPLACE TABLE {Table("simulation_sku_locations")} (sku VARCHAR, location_id VARCHAR, segment VARCHAR, demand_class VARCHAR, demand_model VARCHAR,
                target_definition VARCHAR, target DOUBLE, reorder_point DOUBLE, order_qty DOUBLE, analytic_csl DOUBLE, analytic_fill_rate DOUBLE,
                cycles INTEGER, stockout_cycles INTEGER, achieved_csl DOUBLE, units_demanded DOUBLE, units_filled DOUBLE, achieved_fill_rate DOUBLE, average_on_hand DOUBLE,
                definitions VARCHAR);
            """);
        var byId = rows.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var definitions = Definitions(reviewDays);
        using (var appender = connection.CreateAppender(runSchema, tablePrefix + "simulation"))
        {
            foreach (var (segment, demandClass, r) in segments)
            {
                var members = points.Where(p => p.Segment == r.Segment).Select(p => (Point: p, Row: byId[p.Id])).ToList();
                var definition = members.Select(m => m.Row.TargetDefinition).Distinct().Count() == 1 ? members[0].Row.TargetDefinition : "mixed";
                // What the formulas promise, weighted as the simulation pools: CSL over cycles, fill rate over units demanded.
                var cycles = members.Sum(m => m.Point.Cycles);
                var analyticCsl = cycles > 0 ? members.Sum(m => m.Row.AnalyticCsl * m.Point.Cycles) / cycles : members.Average(m => m.Row.AnalyticCsl);
                var analyticFill = members.Sum(m => m.Row.AnalyticFillRate * m.Point.UnitsDemanded) / members.Sum(m => m.Point.UnitsDemanded);
                // stockout_periods sums per-replication means: rounded like the rates, not written with the sum's float noise.
                appender.CreateRow().AppendValue(segment).AppendValue(demandClass).AppendValue(r.StockingPoints).AppendValue(definition)
                    .AppendValue(Math.Round(members.Average(m => m.Row.Target), 4)).AppendValue(Math.Round(analyticCsl, 4)).AppendValue(Measured(r.CycleServiceLevel, 4))
                    .AppendValue(Measured(analyticFill, 4)).AppendValue(Measured(r.FillRate, 4)).AppendValue(Math.Round(r.ReadyRate, 4))
                    .AppendValue(Math.Round(r.StockoutPeriods, 4)).AppendValue(Math.Round(r.AverageOnHand, 2)).AppendValue(Math.Round(r.AverageInventoryValue, 2))
                    .AppendValue(Math.Round(r.CarryingCost, 2)).AppendValue(r.Cycles).AppendValue(r.UnitsDemanded)
                    .AppendValue(definitions).EndRow();
            }
        }
        using (var appender = connection.CreateAppender(runSchema, tablePrefix + "simulation_sku_locations"))
        {
            // average_on_hand to three decimals as the policy's reorder point and order quantity, not every digit of the mean.
            foreach (var p in points)
            {
                var r = byId[p.Id];
                appender.CreateRow().AppendValue(r.Sku).AppendValue(r.LocationId).AppendValue(r.Segment).AppendValue(r.DemandClass).AppendValue(r.Model.ToString().ToLowerInvariant())
                    .AppendValue(r.TargetDefinition).AppendValue(r.Target).AppendValue(r.ReorderPoint).AppendValue(r.OrderQty).AppendValue(r.AnalyticCsl).AppendValue(r.AnalyticFillRate)
                    .AppendValue(p.Cycles).AppendValue(p.StockoutCycles).AppendValue(Measured(p.CycleServiceLevel)).AppendValue(p.UnitsDemanded).AppendValue(p.UnitsFilledFromStock)
                    .AppendValue(Measured(p.FillRate)).AppendValue(Math.Round(p.AverageOnHand, 3)).AppendValue(definitions).EndRow();
            }
        }
    }

    // What the simulated rates measure (DEFINITIONS.md ids), in the definitions column of every simulation file.
    private static string Definitions(int reviewDays) =>
        $"csl = cycles without stockout ÷ cycles; fill_rate = fill.unit (units from stock ÷ units demanded); ready_rate = days ending with stock on hand ÷ days; {(reviewDays == 1 ? "daily review" : $"review every {reviewDays} days")}; demand resampled from history";

    private void WriteCurve(IReadOnlyList<TradeOffPoint> curve, int reviewDays)
    {
        connection.Execute($"""
            CREATE OR REPLACE TABLE {Table("tradeoff_curve")} (segment VARCHAR, demand_class VARCHAR, target_definition VARCHAR, target DOUBLE, sku_locations INTEGER,
                achieved_csl DOUBLE, achieved_fill_rate DOUBLE, ready_rate DOUBLE, average_on_hand DOUBLE, average_inventory_value DOUBLE, annual_carrying_cost DOUBLE,
                definitions VARCHAR)
            """);
        using var appender = connection.CreateAppender(runSchema, tablePrefix + "tradeoff_curve");
        foreach (var p in curve)
        {
            var (segment, demandClass) = _groups[p.Segment];
            appender.CreateRow().AppendValue(segment).AppendValue(demandClass).AppendValue(p.TargetKind == ServiceLevelKind.CycleServiceLevel ? "csl" : "fill_rate")
                .AppendValue(p.Target).AppendValue(p.StockingPoints).AppendValue(Measured(p.AchievedCycleServiceLevel, 4))
                .AppendValue(Measured(p.AchievedFillRate, 4)).AppendValue(Math.Round(p.AchievedReadyRate, 4)).AppendValue(Math.Round(p.AverageOnHand, 2))
                .AppendValue(Math.Round(p.AverageInventoryValue, 2)).AppendValue(Math.Round(p.CarryingCost, 2)).AppendValue(Definitions(reviewDays)).EndRow();
        }
    }

    // A simulated measure without observations (no completed cycle, no demand) is written empty, not as NaN or 1.0.
    private static double? Measured(double value, int? digits = null) => double.IsNaN(value) ? null : digits is { } d ? Math.Round(value, d) : value;
}
