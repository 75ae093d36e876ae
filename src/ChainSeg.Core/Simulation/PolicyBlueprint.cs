using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Simulation;

/// <summary>Which replenishment rule a blueprint computes.</summary>
public enum ReplenishmentKind
{
    /// <summary>Continuous-review (r, Q): reorder point from the target, fixed order quantity.</summary>
    ReorderPointQuantity,

    /// <summary>Min/max: min = reorder point from the target, max = min + order quantity.</summary>
    MinMax,

    /// <summary>Periodic-review base stock: order-up-to level from the target over the protection interval L + R.</summary>
    BaseStock,
}

/// <summary>
/// Everything about a stocking point's policy except its service target: the rule, the demand model and the analytic demand and
/// lead time. <see cref="ForTarget"/> computes the policy with the Inventory formulas (<see cref="SafetyStock"/> on
/// <see cref="ReplenishmentSettings.ProtectionDemand"/>), so the simulation checks exactly the policies ChainSeg recommends; a
/// blueprint <see cref="ForSkuLocation"/> goes through the pipeline's own <see cref="SkuLocationTargetRule"/>. Demand and lead
/// time are in the simulation's period.
/// </summary>
public sealed record PolicyBlueprint
{
    /// <summary>Creates a blueprint.</summary>
    /// <param name="kind">Replenishment rule.</param>
    /// <param name="model">Distribution assumed for demand over the protection interval.</param>
    /// <param name="demand">Demand per period (mean and standard deviation).</param>
    /// <param name="leadTime">Lead time in periods (mean and standard deviation), in the demand's time unit.</param>
    /// <param name="orderQty">Order quantity Q for (r, Q) and min/max; must be 0 for base stock, which orders what was used.</param>
    /// <param name="reviewPeriod">Periods between reviews R for base stock; must be 1 for the continuous-review rules, reviewed every period.</param>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">kind or model is not defined, or orderQty or reviewPeriod does not fit the rule.</exception>
    public PolicyBlueprint(ReplenishmentKind kind, DemandModel model, DemandRate demand, LeadTime leadTime, double orderQty = 0.0, int reviewPeriod = 1)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(leadTime);
        if (kind == ReplenishmentKind.BaseStock)
        {
            if (orderQty != 0.0)
            {
                throw new ArgumentOutOfRangeException(nameof(orderQty), orderQty, "Base stock orders what was used: order quantity must be 0.");
            }

            Arguments.ReviewPeriod(reviewPeriod, nameof(reviewPeriod));
        }
        else if (kind is ReplenishmentKind.ReorderPointQuantity or ReplenishmentKind.MinMax)
        {
            Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
            if (reviewPeriod != 1)
            {
                throw new ArgumentOutOfRangeException(nameof(reviewPeriod), reviewPeriod,
                    $"Continuous-review rules are reviewed every period: review period must be 1; got {reviewPeriod}.");
            }
        }
        else
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Replenishment kind must be ReorderPointQuantity, MinMax or BaseStock.");
        }

        Kind = kind;
        Model = model;
        Demand = demand;
        LeadTime = leadTime;
        OrderQty = orderQty;
        ReviewPeriod = reviewPeriod;

        // Periodic review must cover demand until the order after next arrives: L + R periods.
        var protection = kind == ReplenishmentKind.BaseStock
            ? new LeadTime(leadTime.Mean + reviewPeriod, leadTime.StandardDeviation, leadTime.Unit)
            : leadTime;
        ProtectionDemand = new ReplenishmentSettings(protection, model).ProtectionDemand(demand);
    }

    private PolicyBlueprint(SkuLocationTargetRule rule, IReadOnlyList<SegmentDemand> segments, ReplenishmentSettings settings, DemandRate pooled, double orderQty, int reviewPeriod)
        : this(ReplenishmentKind.ReorderPointQuantity, settings.Model, pooled, settings.LeadTime, orderQty)
    {
        // (R, r, Q): the settings' review undershoot already sizes the reorder point for reviews every R periods.
        ReviewPeriod = reviewPeriod;
        Rule = rule;
        Segments = segments;
        Settings = settings;
        ProtectionDemand = settings.ProtectionDemand(pooled);
    }

    /// <summary>
    /// The (r, Q) blueprint of a SKU-location as the pipeline computes it: at each target, every stocked segment gets that target
    /// and <paramref name="rule"/> derives the reorder point (pooled, or as segment reserves), review undershoot included.
    /// </summary>
    /// <param name="rule">The pipeline's target rule.</param>
    /// <param name="stockedSegments">Demand per period of the segments that carry stock here (at least one with demand).</param>
    /// <param name="settings">Lead time, model, order quantity (required) and undershoot, in the demand's period.</param>
    /// <param name="reviewPeriod">Periods between reviews R of the (R, r, Q) policy, the review the undershoot was computed for (1: every period).</param>
    /// <exception cref="ArgumentException">no segment has demand, rates are in different units, or the order quantity is missing.</exception>
    /// <exception cref="ArgumentOutOfRangeException">reviewPeriod is below 1.</exception>
    public static PolicyBlueprint ForSkuLocation(SkuLocationTargetRule rule, IReadOnlyList<SegmentDemand> stockedSegments, ReplenishmentSettings settings, int reviewPeriod = 1)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(stockedSegments);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.OrderQuantity is not { } q)
        {
            throw new ArgumentException("An (r, Q) blueprint needs the order quantity Q.", nameof(settings));
        }

        if (!stockedSegments.Any(s => s.Demand.Mean > 0.0))
        {
            throw new ArgumentException("At least one stocked segment must have demand.", nameof(stockedSegments));
        }

        var pooled = new DemandRate(
            stockedSegments.Sum(s => s.Demand.Mean),
            Math.Sqrt(stockedSegments.Sum(s => s.Demand.StandardDeviation * s.Demand.StandardDeviation)),
            stockedSegments[0].Demand.Per);
        return new PolicyBlueprint(rule, [.. stockedSegments], settings, pooled, q, Arguments.ReviewPeriod(reviewPeriod, nameof(reviewPeriod)));
    }

    private SkuLocationTargetRule? Rule { get; }

    private IReadOnlyList<SegmentDemand>? Segments { get; }

    private ReplenishmentSettings? Settings { get; }

    /// <summary>Replenishment rule.</summary>
    public ReplenishmentKind Kind { get; }

    /// <summary>Distribution assumed for demand over the protection interval.</summary>
    public DemandModel Model { get; }

    /// <summary>Demand per period.</summary>
    public DemandRate Demand { get; }

    /// <summary>Lead time in periods.</summary>
    public LeadTime LeadTime { get; }

    /// <summary>Order quantity Q (0 for base stock).</summary>
    public double OrderQty { get; }

    /// <summary>Periods between reviews (1 for the continuous-review rules; R of a <see cref="ForSkuLocation"/> (R, r, Q) blueprint).</summary>
    public int ReviewPeriod { get; }

    /// <summary>Demand over the protection interval: the lead time, plus the review period for base stock, plus any review undershoot.</summary>
    public IDemandDistribution ProtectionDemand { get; }

    /// <summary>Units ordered per replenishment cycle on average: Q, or mean demand over a review period for base stock.</summary>
    public double CycleQuantity => Kind == ReplenishmentKind.BaseStock ? Demand.Mean * ReviewPeriod : OrderQty;

    /// <summary>The reorder (or order-up-to) level for a target and the service the formulas predict for it.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the fill-rate target cannot be attained (see <see cref="SafetyStock.ForFillRate"/>).</exception>
    public SafetyStockResult Analytic(ServiceTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);

        if (Rule is not null)
        {
            // Every stocked segment at this target, through the pipeline's rule.
            var book = new PolicyBook([], new ServicePolicy(target, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, new TimeOnly(12, 0), 0, 1));
            var derived = Rule.Apply(Segments!, book, Settings!);
            return SafetyStock.AtReorderPoint(ProtectionDemand, derived.ReorderPoint, OrderQty) with { Target = target };
        }

        // With no demand there is nothing to protect and no fill rate to aim at: stock nothing.
        return CycleQuantity > 0.0
            ? SafetyStock.ForTarget(ProtectionDemand, target, CycleQuantity)
            : SafetyStock.AtReorderPoint(ProtectionDemand, 0.0);
    }

    /// <summary>The policy to simulate for a target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">the fill-rate target cannot be attained.</exception>
    public ReplenishmentPolicy ForTarget(ServiceTarget target)
    {
        double level = Analytic(target).ReorderPoint;
        switch (Kind)
        {
            case ReplenishmentKind.ReorderPointQuantity:
                return new RqReplenishment(level, OrderQty, ReviewPeriod);
            case ReplenishmentKind.MinMax:
                var minMax = MinMaxPolicy.FromReorderPoint(level, OrderQty);
                return new MinMaxReplenishment(minMax.Min, minMax.Max);
            default:
                return new BaseStockReplenishment(level, ReviewPeriod);
        }
    }
}
