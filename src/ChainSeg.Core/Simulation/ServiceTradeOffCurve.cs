using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Simulation;

/// <summary>
/// Service-versus-inventory curve per segment: at each target, compute every point's policy analytically, simulate it, and report
/// the service achieved against the stock it took. Every target sees the same demand (common random numbers), so differences
/// between targets are policy, not noise.
/// </summary>
public static class ServiceTradeOffCurve
{
    /// <summary>Targets planners usually compare: 0.80, 0.85, 0.90, 0.95, 0.98, 0.99, 0.995.</summary>
    public static IReadOnlyList<double> DefaultTargets { get; } = [0.80, 0.85, 0.90, 0.95, 0.98, 0.99, 0.995];

    /// <summary>One point per segment and target, ordered by segment (ordinal) then target.</summary>
    /// <exception cref="ArgumentException">targets is empty, an item lacks its point or blueprint, two items share an id, or a target cannot be attained for an item (the message names it).</exception>
    /// <exception cref="ArgumentOutOfRangeException">a target is not in (0, 1), or kind is not defined.</exception>
    public static IReadOnlyList<TradeOffPoint> Compute(
        IReadOnlyList<TradeOffItem> items,
        ServiceLevelKind kind,
        IReadOnlyList<double> targets,
        SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(settings);
        if (targets.Count == 0)
        {
            throw new ArgumentException("At least one service target is needed.", nameof(targets));
        }

        var serviceTargets = targets.Select(t => kind switch
        {
            ServiceLevelKind.CycleServiceLevel => ServiceTarget.CycleServiceLevel(t),
            ServiceLevelKind.FillRate => ServiceTarget.FillRate(t),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Target kind must be CycleServiceLevel or FillRate."),
        }).ToList();

        ReplenishmentPolicy PolicyFor(TradeOffItem item, ServiceTarget target)
        {
            if (item?.Point is null || item.Blueprint is null)
            {
                throw new ArgumentException("Every item needs a stocking point and a blueprint.", nameof(items));
            }

            try
            {
                return item.Blueprint.ForTarget(target);
            }
            catch (ArgumentOutOfRangeException e)
            {
                throw new ArgumentException($"Stocking point '{item.Point.Id}' at target {Arguments.Format(target.Value)}: {e.Message}", nameof(items), e);
            }
        }

        var points = new List<TradeOffPoint>();
        foreach (var target in serviceTargets)
        {
            var simulated = items.Select(item => new SimulatedItem(item.Point, PolicyFor(item, target))).ToList();
            foreach (var segment in InventorySimulation.Run(simulated, settings).Segments)
            {
                points.Add(new TradeOffPoint(
                    Segment: segment.Segment,
                    TargetKind: target.Kind,
                    Target: target.Value,
                    StockingPoints: segment.StockingPoints,
                    AchievedCycleServiceLevel: segment.CycleServiceLevel,
                    AchievedFillRate: segment.FillRate,
                    AchievedReadyRate: segment.ReadyRate,
                    AverageOnHand: segment.AverageOnHand,
                    AverageInventoryValue: segment.AverageInventoryValue,
                    CarryingCost: segment.CarryingCost));
            }
        }

        return points.OrderBy(p => p.Segment, StringComparer.Ordinal).ThenBy(p => p.Target).ToList();
    }
}
