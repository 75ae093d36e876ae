using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Allocation;
using ChainSeg.Core.Policies;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Allocation;

/// <summary>A capacity plan and the peak period it was made for.</summary>
/// <param name="Period">Bucket: week, month or quarter.</param>
/// <param name="PeriodStart">First day of the busiest such period in the run's history.</param>
/// <param name="Result">The LP's allocation per segment and use per resource.</param>
public sealed record CapacityPlan(string Period, DateOnly PeriodStart, CapacityAllocationResult Result);

/// <summary>
/// Peak-period capacity allocation across segments: maximise contribution margin subject to the resources of
/// <c>policies.capacity</c> and each segment's committed minimum service share, by LP. Demand is each segment's units in the
/// busiest period of the run, unit contribution its gross margin per unit.
/// </summary>
public static class CapacityPlanning
{
    /// <summary>The resource planned when <c>policies.capacity.resources</c> is empty.</summary>
    public const string DefaultResource = "fulfilment_hours";

    // Capacity as a share of the peak period's need, up to ten times it (share_of_need and --capacity-share alike).
    private static readonly ValueRange ShareOfNeedRange = new(0, 10, LowIncluded: false, HighIncluded: true);
    private const string ShareOfNeedMeaning = "capacity as a share of the peak period's need";

    /// <summary>Committed minimum service share by policy priority when <c>policies.shortage</c> gives none.</summary>
    public static double DefaultMinimumService(int priority) => priority switch { 1 => 0.95, 2 => 0.8, 3 => 0.5, _ => 0 };

    /// <summary>Checks <c>policies.capacity</c> without any data: the period and every configured resource.</summary>
    /// <exception cref="ConfigurationException">The first setting out of range, named with its fix.</exception>
    public static void CheckSettings(CapacityConfig settings)
    {
        if (settings.Period is not ("week" or "month" or "quarter"))
            throw new ConfigurationException($"policies.capacity.period '{settings.Period}' is not known; use week, month or quarter.");
        foreach (var (name, resource) in settings.Resources)
            Validate(name, resource);
    }

    /// <summary>
    /// Plans the busiest period of the current run. Without configured resources one <see cref="DefaultResource"/> at 0.02 h per
    /// unit is planned at <paramref name="defaultShareOfNeed"/> (0.85 when null) of the peak's need.
    /// </summary>
    /// <exception cref="ConfigurationException">The settings are out of range, or the commitments need more capacity than there is.</exception>
    public static CapacityPlan FromRun(ChainSegStore store, ChainSegConfig config, double? defaultShareOfNeed = null)
    {
        var settings = config.Policies.Capacity;
        CheckSettings(settings);
        // The flag takes what share_of_need takes, and "--capacity-share 85" the same hint of the fraction 85 % stands for.
        if (defaultShareOfNeed is { } flag)
            ShareSetting.Require(flag, "--capacity-share", ShareOfNeedRange, 85, ShareOfNeedMeaning);
        var resources = settings.Resources.Count > 0
            ? settings.Resources
            : new Dictionary<string, CapacityResourceConfig> { [DefaultResource] = new() { ShareOfNeed = defaultShareOfNeed ?? 0.85, PerUnit = 0.02 } };
        if (settings.Resources.Count > 0 && defaultShareOfNeed is not null)
            throw new ConfigurationException("--capacity-share applies only without policies.capacity.resources; set share_of_need on each configured resource instead.");
        if (settings.Resources.Count == 0)
            Validate(DefaultResource, resources[DefaultResource]);

        var run = store.CurrentRun() ?? throw new ConfigurationException("no complete run to plan capacity for.");
        var s = Sql.Id(run.Schema);
        // Gross margin as customer_metrics reads it (margin.gross): line revenue (net_amount, else quantity × unit_price) less
        // cost of goods, so a discounted net_amount or one without unit_price is planned at the margin it earned.
        var segments = store.Connection.Query($"""
            WITH periodic AS (
                SELECT a.segment, date_trunc({Sql.Str(settings.Period)}, l.order_date) AS period, sum(l.quantity) AS units,
                       sum({CustomerMetrics.LineRevenue} - ({CustomerMetrics.LineCostOfGoods})) AS margin
                FROM {s}.order_lines l JOIN {s}.assignments a ON a.is_active_model AND a.customer_id = l.customer_id
                LEFT JOIN {s}.products p USING (sku)
                -- The run's history ends at its as_of: a run --as-of an earlier date segments on the lines up to then.
                WHERE l.quantity > 0 AND CAST(l.order_date AS DATE) <= (SELECT max(as_of) FROM main.assignment_history WHERE run_id = {Sql.Str(run.RunId)})
                GROUP BY ALL
            ), peak AS (SELECT period FROM periodic GROUP BY period ORDER BY sum(units) DESC, period LIMIT 1)
            SELECT segment, units, coalesce(margin / nullif(units, 0), 0), CAST(period AS DATE) FROM periodic WHERE period = (SELECT period FROM peak) ORDER BY segment
            """, r => (Segment: r.GetString(0), Units: r.GetDouble(1), UnitMargin: r.GetDouble(2), Start: DateOnly.FromDateTime(r.GetDateTime(3))));
        if (segments.Count == 0)
            throw new ConfigurationException($"run {run.RunId} has no order lines of assigned customers to plan capacity for.");

        var book = PolicyBookFactory.ForRun(store.Connection, run, config);
        static double PerUnit(CapacityResourceConfig resource, string segment) =>
            resource.PerUnitBySegment.TryGetValue(segment, out var perUnit) ? perUnit : resource.PerUnit;
        var demands = segments.Select(x => new SegmentCapacityDemand(x.Segment, x.Units, x.UnitMargin,
            config.Policies.Shortage.TryGetValue(x.Segment, out var rule) ? rule.MinFill : DefaultMinimumService(book.Resolve(x.Segment).Policy.Priority),
            resources.ToDictionary(r => r.Key, r => PerUnit(r.Value, x.Segment)))).ToList();
        var capacities = resources.Select(r => new CapacityResource(r.Key,
            r.Value.Capacity ?? r.Value.ShareOfNeed!.Value * segments.Sum(x => x.Units * PerUnit(r.Value, x.Segment)))).ToList();
        try
        {
            return new CapacityPlan(settings.Period, segments[0].Start, CapacityAllocator.Allocate(demands, capacities));
        }
        catch (AllocationInfeasibleException e)
        {
            throw new ConfigurationException($"capacity commitments cannot be met: {e.Message.TrimEnd('.')}; {RaiseCapacity(settings, e.Subject, resources[e.Subject], e)}, "
                + "or lower the committed minimums: policies.shortage.SEGMENT.min_fill (a segment without one commits "
                + $"{Percent(DefaultMinimumService(1))}, {Percent(DefaultMinimumService(2))} or {Percent(DefaultMinimumService(3))} of its demand at priority 1, 2 or 3).");
        }
    }

    // The setting to raise and the least value that carries the commitments, rounded up so that it does.
    private static string RaiseCapacity(CapacityConfig settings, string name, CapacityResourceConfig resource, AllocationInfeasibleException e)
    {
        static string AtLeast(double value, int decimals)
        {
            var scale = Math.Pow(10, decimals);
            return (Math.Ceiling(value * scale - 1e-9) / scale).ToString(CultureInfo.InvariantCulture);
        }

        if (resource.ShareOfNeed is not { } share)
            return $"raise policies.capacity.resources.{name}.capacity to at least {AtLeast(e.Required, 4)}";
        var needed = AtLeast(e.Required / (e.Available / share), 3);
        return settings.Resources.Count == 0
            ? $"raise --capacity-share to at least {needed}"
            : $"raise policies.capacity.resources.{name}.share_of_need to at least {needed}";
    }

    private static string Percent(double share) => (share * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";

    private static void Validate(string name, CapacityResourceConfig resource)
    {
        var at = $"policies.capacity.resources.{name}";
        if (resource.Capacity is null == resource.ShareOfNeed is null)
            throw new ConfigurationException($"{at}: give exactly one of capacity (per period, in the resource's unit) or share_of_need (e.g. 0.85).");
        if (resource.Capacity is < 0 || resource.Capacity is { } c && !double.IsFinite(c))
            throw new ConfigurationException($"{at}.capacity must be a finite number ≥ 0.");
        if (resource.ShareOfNeed is { } share)
            ShareSetting.Require(share, $"{at}.share_of_need", ShareOfNeedRange, 85, ShareOfNeedMeaning);
        foreach (var (segment, perUnit) in resource.PerUnitBySegment.Prepend(new("", resource.PerUnit)))
            if (perUnit < 0 || !double.IsFinite(perUnit))
                throw new ConfigurationException($"{at}.{(segment.Length == 0 ? "per_unit" : "per_unit_by_segment." + segment)} must be a finite number ≥ 0.");
    }

    /// <summary>The files <see cref="Write"/> writes: capacity_plan.csv and capacity_resources.csv.</summary>
    public static IReadOnlyList<string> Files { get; } = ["capacity_plan.csv", "capacity_resources.csv"];

    /// <summary>What capacity_plan.csv's figures are, by definition id (DEFINITIONS.md), as its <c>definitions</c> column names them.</summary>
    /// <remarks>A planned service share is units, as a shortage allocation's fill rate, not an OTIF or a CSL; contribution is
    /// gross margin as customer_metrics reads it, not DEFINITIONS.md's net contribution (no cost-to-serve is taken off).</remarks>
    public const string PlanDefinitions = "service_share = fill.unit (volume ÷ demand, units in the peak period; minimum_service_share the committed share of it); "
        + "contribution = margin.gross (volume × the segment's gross margin per unit in the peak period: line revenue less cost of goods; no cost-to-serve deducted)";

    /// <summary>What capacity_resources.csv's total_contribution is, as its <c>definitions</c> column names it.</summary>
    public const string ResourceDefinitions = "total_contribution = margin.gross (Σ contribution of the segments' volumes)";

    /// <summary>Writes capacity_plan.csv and capacity_resources.csv; returns the file names.</summary>
    public static IReadOnlyList<string> Write(CapacityPlan plan, string folder)
    {
        var result = plan.Result;
        var period = DateFormat.Iso(plan.PeriodStart);
        Directory.CreateDirectory(folder);
        CsvText.Write(Path.Combine(folder, Files[0]),
            ["period", "period_start", "segment", "demand", "volume", "service_share", "minimum_service_share", "contribution", "limited_by", "reduced_cost", "definitions"],
            result.Segments.Select(x => new object?[] { plan.Period, period, x.Segment, x.Demand, Math.Round(x.Volume, 3), Math.Round(x.ServiceShare, 4), x.MinimumServiceShare, Math.Round(x.Contribution, 2), x.Limit.ToString(), Math.Round(x.ReducedCost, 4), PlanDefinitions }));
        CsvText.Write(Path.Combine(folder, Files[1]),
            ["period", "period_start", "resource", "capacity", "used", "slack", "shadow_price", "binding", "total_contribution", "definitions"],
            result.Resources.Select(x => new object?[] { plan.Period, period, x.Resource, Math.Round(x.Capacity, 3), Math.Round(x.Used, 3), Math.Round(x.Slack, 3), Math.Round(x.ShadowPrice, 4), x.Binding, Math.Round(result.TotalContribution, 2), ResourceDefinitions }));
        return Files;
    }
}
