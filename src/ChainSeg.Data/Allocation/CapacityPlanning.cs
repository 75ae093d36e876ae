using ChainSeg.Core.Allocation;
using ChainSeg.Core.Policies;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Policies;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Allocation;

/// <summary>
/// Peak-period capacity allocation across segments: maximise contribution margin subject to capacity and each segment's
/// committed minimum service share, by LP. Demand is each segment's units in the busiest month of the run, unit
/// contribution its gross margin per unit.
/// </summary>
public static class CapacityPlanning
{
    /// <summary>Committed minimum service share by policy priority when <c>policies.shortage</c> gives none.</summary>
    public static double DefaultMinimumService(int priority) => priority switch { 1 => 0.95, 2 => 0.8, 3 => 0.5, _ => 0 };

    /// <summary>Plans one resource (<paramref name="resource"/>, hours per unit) whose capacity is <paramref name="capacityShare"/> of the busiest month's need.</summary>
    /// <exception cref="ConfigurationException">The commitments need more capacity than there is.</exception>
    public static CapacityAllocationResult FromRun(ChainSegStore store, ChainSegConfig config, string resource = "fulfilment_hours", double hoursPerUnit = 0.02, double capacityShare = 0.85)
    {
        var run = store.CurrentRun() ?? throw new ConfigurationException("no complete run to plan capacity for.");
        var s = Sql.Id(run.Schema);
        var segments = store.Connection.Query($"""
            WITH monthly AS (
                SELECT a.segment, date_trunc('month', l.order_date) AS month, sum(l.quantity) AS units,
                       sum(coalesce(l.margin_amount, l.quantity * (l.unit_price - p.unit_cost))) AS margin
                FROM {s}.order_lines l JOIN {s}.assignments a ON a.is_active_model AND a.customer_id = l.customer_id
                LEFT JOIN {s}.products p USING (sku)
                WHERE l.quantity > 0 GROUP BY ALL
            ), peak AS (SELECT month FROM monthly GROUP BY month ORDER BY sum(units) DESC LIMIT 1)
            SELECT segment, units, coalesce(margin / nullif(units, 0), 0) FROM monthly WHERE month = (SELECT month FROM peak) ORDER BY segment
            """, r => (Segment: r.GetString(0), Units: r.GetDouble(1), UnitMargin: r.GetDouble(2)));
        var book = PolicyBookFactory.ForRun(store.Connection, run.Schema, config);
        var demands = segments.Select(x => new SegmentCapacityDemand(x.Segment, x.Units, x.UnitMargin,
            config.Policies.Shortage.TryGetValue(x.Segment, out var rule) ? rule.MinFill : DefaultMinimumService(book.Resolve(x.Segment).Policy.Priority),
            new Dictionary<string, double> { [resource] = hoursPerUnit })).ToList();
        var capacity = capacityShare * segments.Sum(x => x.Units) * hoursPerUnit;
        try
        {
            return CapacityAllocator.Allocate(demands, [new CapacityResource(resource, capacity)]);
        }
        catch (AllocationInfeasibleException e)
        {
            throw new ConfigurationException($"capacity commitments cannot be met: {e.Message}");
        }
    }

    /// <summary>Writes capacity_plan.csv and capacity_resources.csv; returns the file names.</summary>
    public static IReadOnlyList<string> Write(CapacityAllocationResult result, string folder)
    {
        Directory.CreateDirectory(folder);
        CsvText.Write(Path.Combine(folder, "capacity_plan.csv"),
            ["segment", "demand", "volume", "service_share", "minimum_service_share", "contribution", "limited_by", "reduced_cost"],
            result.Segments.Select(x => new object?[] { x.Segment, x.Demand, Math.Round(x.Volume, 3), Math.Round(x.ServiceShare, 4), x.MinimumServiceShare, Math.Round(x.Contribution, 2), x.Limit.ToString(), Math.Round(x.ReducedCost, 4) }));
        CsvText.Write(Path.Combine(folder, "capacity_resources.csv"),
            ["resource", "capacity", "used", "slack", "shadow_price", "binding", "total_contribution"],
            result.Resources.Select(x => new object?[] { x.Resource, Math.Round(x.Capacity, 3), Math.Round(x.Used, 3), Math.Round(x.Slack, 3), Math.Round(x.ShadowPrice, 4), x.Binding, Math.Round(result.TotalContribution, 2) }));
        return ["capacity_plan.csv", "capacity_resources.csv"];
    }
}
