using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

/// <summary>One SKU-location's daily demand history and costs: what its inventory policy is computed from.</summary>
/// <param name="Days">Days of history (zero-demand days included), &gt; 0.</param>
/// <param name="StockedSum">Σ daily demand of the segments that carry stock.</param>
/// <param name="StockedSquares">Σ of squared daily stocked demand.</param>
/// <param name="StockedCubes">Σ of cubed daily stocked demand (the review undershoot needs the third moment).</param>
/// <param name="Segments">Each segment's daily demand at this SKU-location.</param>
/// <param name="LeadTime">Replenishment lead time in days.</param>
/// <param name="UnitCost">Unit cost; NaN when unknown (no carrying cost then, and a week of demand as order quantity).</param>
/// <param name="HoldingRate">Annual holding cost as a share of unit cost.</param>
/// <param name="ProductClass">The SKU's product class (Fisher's axis), whose cells refine the segments' policies; null for none.</param>
public sealed record SkuLocationHistory(
    double Days, double StockedSum, double StockedSquares, double StockedCubes, IReadOnlyList<SegmentDemand> Segments,
    LeadTime LeadTime, double UnitCost, double HoldingRate, string? ProductClass = null);

/// <summary>Settings every SKU-location's policy shares (<c>policies.inventory</c> and <c>costs</c>).</summary>
/// <param name="OrderingCost">Fixed cost per replenishment order (EOQ).</param>
/// <param name="ReviewPeriodDays">Days between stock reviews; 0 = continuous review.</param>
/// <param name="KanbanSafetyFactor">Kanban safety factor α.</param>
/// <param name="KanbanContainer">Kanban container size; one week of demand (rounded up) when null.</param>
public sealed record InventoryPolicySettings(double OrderingCost, double ReviewPeriodDays, double KanbanSafetyFactor, double? KanbanContainer);

/// <summary>
/// One SKU-location's inventory policy: demand model, target and safety stock from the segments served, EOQ, min/max,
/// kanban cards, annual carrying cost and the service the formulas promise at the reorder point.
/// </summary>
/// <remarks>
/// A struct, as is its <see cref="SkuLocationTarget"/>: a bulk run keeps millions of policies, and as objects every one of them
/// survived the collections during the run and was traced and copied from generation to generation (most of the run's time went
/// to the collector). By value in the blocks of a <see cref="SkuLocationPolicyList"/>, a few hundred policies are one object.
/// </remarks>
/// <param name="Model">Lead-time demand model chosen from the data.</param>
/// <param name="DailyMean">Mean daily stocked demand.</param>
/// <param name="DailySd">Standard deviation of daily stocked demand.</param>
/// <param name="Target">Target, safety stock and reorder point from the segments served.</param>
/// <param name="Undershoot">Review-period undershoot the reorder point covers.</param>
/// <param name="OrderQty">Order quantity (EOQ); 0 when nothing is stocked.</param>
/// <param name="Kanban">Kanban card count, or null when nothing is stocked.</param>
/// <param name="KanbanContainer">Units per kanban container.</param>
/// <param name="AnnualCarryingCost">(safety stock + Q/2) × unit cost × holding rate.</param>
/// <param name="Promised">CSL, fill rate and expected shortage the formulas promise at the reorder point; zeros when nothing is stocked.</param>
public readonly record struct SkuLocationPolicy(
    DemandModel Model, double DailyMean, double DailySd, SkuLocationTarget Target, ReviewUndershoot Undershoot, double OrderQty,
    KanbanResult? Kanban, double KanbanContainer, double AnnualCarryingCost, PromisedService Promised)
{
    // The kanban loop as its card count (-1 for none) and D·L: the loop quantity is cards × container, so a bulk run keeps 12
    // bytes per row for it, not a nullable result of 32.
    private readonly int _kanbanCards = Kanban?.Cards ?? -1;
    private readonly double _kanbanDemandOverLeadTime = Kanban?.DemandOverLeadTime ?? 0.0;

    /// <summary>Kanban card count, or null when nothing is stocked.</summary>
    public KanbanResult? Kanban => _kanbanCards < 0 ? null : new KanbanResult(_kanbanCards, _kanbanDemandOverLeadTime, _kanbanCards * KanbanContainer);

    /// <summary>Min/max levels from the reorder point and Q (<see cref="MinMaxPolicy"/>); zeros when nothing is stocked. Made on each call, not stored.</summary>
    public MinMaxResult MinMax => IsStocked ? MinMaxPolicy.FromReorderPoint(Target.ReorderPoint, OrderQty) : new MinMaxResult(0, 0);

    /// <summary>Mean and standard deviation of daily stocked demand, made on each call: stored as two numbers, not one more object per row.</summary>
    public DemandRate DailyDemand => new(DailyMean, DailySd, TimeUnit.Day);

    /// <summary>Whether the SKU-location carries stock (some segment served from stock, and demand): only then is there an order quantity.</summary>
    public bool IsStocked => OrderQty > 0;

    /// <summary>
    /// The service the formulas promise at the reorder point on the stocked protection demand, or null when nothing is stocked.
    /// Made on each call from <see cref="Promised"/> and <see cref="Target"/>: the reorder point and the demand's moments are
    /// already there, so a bulk run keeps 24 bytes per row for it, not a second copy of them.
    /// </summary>
    public SafetyStockResult? Analytic => !IsStocked ? null
        : new SafetyStockResult(
            Target.ReorderPoint - Target.LeadTimeDemandMean, Target.ReorderPoint, Promised.Csl, Promised.FillRate, Promised.ExpectedShortagePerCycle,
            Target.LeadTimeDemandMean, Target.LeadTimeDemandSd, Target: null);

    /// <summary>Computes the policy of one SKU-location.</summary>
    /// <exception cref="ArgumentException">The rule cannot combine the segments' targets (the message names why).</exception>
    public static SkuLocationPolicy Compute(SkuLocationHistory history, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings) =>
        Compute(history, rule, book, settings, slab: null);

    private static SkuLocationPolicy Compute(SkuLocationHistory history, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings, SegmentTargetPartSlab? slab)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(settings);
        var (mean, sd) = Moments(history.StockedSum, history.StockedSquares, history.Days);
        // Daily demand stays two numbers (checked as a DemandRate would check them): no object per SKU-location for it.
        DemandRate.Validate(mean, sd);
        var model = DemandModelSelection.Choose(mean, sd, TimeUnit.Day, history.LeadTime);
        var holding = history.UnitCost * history.HoldingRate;
        var annualDemand = mean * 365.25;
        var orderQty = double.IsFinite(holding) && holding > 0 && annualDemand > 0
            ? EconomicOrderQuantity.Optimize(settings.OrderingCost, holding, annualDemand).OrderQty
            : Math.Max(1, Math.Ceiling(7 * mean));
        orderQty = Math.Max(orderQty, 1e-9);
        var undershoot = ReviewUndershoot.ForReviewPeriod(settings.ReviewPeriodDays, mean, history.StockedSquares / history.Days, history.StockedCubes / history.Days);
        var replenishment = Replenishment.Create(history.LeadTime, model, orderQty, undershoot);
        var (target, pooled, atTarget) = rule.Derive(history.Segments, book.ForProductClass(history.ProductClass), replenishment, slab);

        var stocked = target.IsStocked && mean > 0;
        var container = settings.KanbanContainer ?? Math.Max(1, Math.Ceiling(7 * mean));
        KanbanResult? kanban = stocked ? Inventory.Kanban.CardCount(mean, TimeUnit.Day, history.LeadTime, settings.KanbanSafetyFactor, container) : null;
        if (stocked)
        {
            // MinMax is built on each read; its inputs are checked here, once, so a bad reorder point fails the row, not a reader.
            MinMaxPolicy.FromReorderPoint(target.ReorderPoint, orderQty);
        }

        var carrying = stocked && double.IsFinite(holding) ? (Math.Max(0, target.SafetyStock) + orderQty / 2) * holding : 0;
        // The service the formulas promise at this reorder point on the stocked protection demand (pooled over segments); the
        // pooled rules set the reorder point on that same demand and Q, so their result already holds it.
        var promised = !stocked ? default
            : PromisedService.From(atTarget is { } delivered && double.IsFinite(delivered.ReorderPoint) ? delivered : SafetyStock.AtReorderPoint(pooled!, target.ReorderPoint, orderQty));
        return new SkuLocationPolicy(model, mean, sd, target, undershoot, stocked ? orderQty : 0, kanban, container, carrying, promised);
    }

    /// <summary>Computes the policies of many SKU-locations on every core; results are in input order and do not depend on the core count.</summary>
    /// <exception cref="SkuLocationPolicyException">A row's targets cannot be combined; the first such row (lowest index) is reported.</exception>
    public static SkuLocationPolicyList ComputeAll(IReadOnlyList<SkuLocationHistory> histories, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings)
    {
        ArgumentNullException.ThrowIfNull(histories);
        var size = SkuLocationPolicyList.BlockSize;
        var blocks = new SkuLocationPolicy[(histories.Count + size - 1) / size][];
        // Per block, its first failing row: a block is filled in input order, so the lowest failing block holds the lowest row.
        var failures = new (int Index, ArgumentException Error)?[blocks.Length];
        Parallel.For(0, blocks.Length, b =>
        {
            var first = b * size;
            var block = new SkuLocationPolicy[Math.Min(size, histories.Count - first)];
            var parts = 0;
            for (var j = 0; j < block.Length; j++)
            {
                parts += histories[first + j]?.Segments?.Count ?? 0;
            }

            var slab = new SegmentTargetPartSlab(parts);
            for (var j = 0; j < block.Length; j++)
            {
                try
                {
                    block[j] = Compute(histories[first + j], rule, book, settings, slab);
                }
                catch (ArgumentException e)
                {
                    failures[b] = (first + j, e);
                    break;
                }
            }

            blocks[b] = block;
        });
        var failed = Array.FindIndex(failures, f => f is not null);
        return failed < 0
            ? new SkuLocationPolicyList(blocks, histories.Count)
            : throw new SkuLocationPolicyException(failures[failed]!.Value.Index, failures[failed]!.Value.Error);
    }

    /// <summary>Mean and population standard deviation from a count, a sum and a sum of squares.</summary>
    public static (double Mean, double Sd) Moments(double total, double squared, double n)
    {
        var mean = total / n;
        return (mean, Math.Sqrt(Math.Max(0, squared / n - mean * mean)));
    }
}

/// <summary>What a stocked SKU-location's reorder point delivers by the formulas (see <see cref="SkuLocationPolicy.Analytic"/>).</summary>
/// <param name="Csl">Cycle service level at the reorder point.</param>
/// <param name="FillRate">Fill rate at the reorder point with the order quantity.</param>
/// <param name="ExpectedShortagePerCycle">Expected units short per replenishment cycle.</param>
public readonly record struct PromisedService(double Csl, double FillRate, double ExpectedShortagePerCycle)
{
    /// <summary>The service part of a result evaluated with an order quantity.</summary>
    internal static PromisedService From(SafetyStockResult result) =>
        new(result.Csl, result.FillRate ?? throw new ArgumentException("The result was evaluated without an order quantity.", nameof(result)), result.ExpectedShortagePerCycle);
}
