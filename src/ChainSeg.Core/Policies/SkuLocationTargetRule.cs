using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Policies;

/// <summary>
/// Derives a SKU-location's service target and safety stock from the segments it serves (issue 4 item 3), by a configurable
/// <see cref="TargetAggregation"/>, and says which segment drove it.
/// </summary>
/// <remarks>
/// Demand of make-to-order segments is left out of the stock altogether (it is produced per order), as is any segment with
/// zero mean demand here. The pooled rules treat segment demands as independent: pooled mean Σ dᵢ, pooled σ_d = √Σ σᵢ².
/// Every safety stock is set on the protection demand of <see cref="ReplenishmentSettings.ProtectionDemand"/> (lead-time demand
/// plus the review undershoot). Under <c>segment_reserves</c> each segment's reserve is set on its own demand (carrying its
/// share of the undershoot) at its own target, with Qᵢ = Q · weightᵢ for fill-rate targets, and the reserves add up; reserves
/// therefore never mix target kinds. A mix of CSL and fill-rate targets under a pooled rule is handled as
/// <see cref="MixedTargets"/> says: <c>strictest</c> lets the target needing the most safety stock decide; the conversions
/// express a target as the one of the other kind that the same reorder point delivers on the pooled protection demand
/// (CSL = F(r); fill rate = 1 − n(r)/Q); a fill rate met with no stock (F(r) = 0) is taken as a CSL of 1e-6. With zero variability every target needs zero safety stock, so a converted value is
/// carried over unchanged.
/// </remarks>
public sealed class SkuLocationTargetRule
{
    /// <summary>Creates a rule.</summary>
    /// <exception cref="ArgumentOutOfRangeException">aggregation or mixedTargets is undefined.</exception>
    public SkuLocationTargetRule(TargetAggregation aggregation, MixedTargetHandling mixedTargets = MixedTargetHandling.Strictest)
    {
        PolicyVocabulary.Name(aggregation);
        PolicyVocabulary.Name(mixedTargets);
        Aggregation = aggregation;
        MixedTargets = mixedTargets;
    }

    /// <summary>How segment targets combine.</summary>
    public TargetAggregation Aggregation { get; }

    /// <summary>What the pooled rules do with a mix of CSL and fill-rate targets.</summary>
    public MixedTargetHandling MixedTargets { get; }

    /// <summary>The SKU-location's target and safety stock from its segments' demand and their policies in the book.</summary>
    /// <param name="demand">Per segment served, its demand per period here (all in one time unit, that of the lead time).</param>
    /// <param name="book">Segment → policy; segments without an entry get the fallback policy.</param>
    /// <param name="replenishment">Lead time, lead-time demand model and order quantity of the SKU-location.</param>
    /// <exception cref="ArgumentException">
    /// A segment appears twice; demand rates are in different time units or not in the lead time's; a pooled rule meets a mix of
    /// CSL and fill-rate targets under <see cref="MixedTargetHandling.Refuse"/>; a fill-rate target or a conversion lacks the order quantity.
    /// </exception>
    /// <exception cref="ArgumentOutOfRangeException">A fill-rate target is unattainable, or a conversion leaves (0, 1).</exception>
    public SkuLocationTarget Apply(IReadOnlyList<SegmentDemand> demand, PolicyBook book, ReplenishmentSettings replenishment)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(replenishment);
        return Derive(demand, book, replenishment.Values).Target;
    }

    /// <summary>
    /// <see cref="Apply"/>, keeping what the derivation worked out on the way: the pooled stocked protection demand (null when
    /// nothing is stocked) and, under the pooled rules, the service the pooled target's reorder point delivers on it.
    /// </summary>
    /// <param name="demand">As for <see cref="Apply"/>.</param>
    /// <param name="book">As for <see cref="Apply"/>.</param>
    /// <param name="replenishment">As for <see cref="Apply"/>.</param>
    /// <param name="slab">Where the parts go; a fresh array when null.</param>
    internal Derivation Derive(IReadOnlyList<SegmentDemand> demand, PolicyBook book, in Replenishment replenishment, SegmentTargetPartSlab? slab = null)
    {
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(book);

        var rows = Rows(demand, book);
        var stocked = Stocked(rows);
        double stockedMean = 0.0;
        double stockedVariance = 0.0;
        foreach (var row in stocked)
        {
            stockedMean += row.Rate.Mean;
            stockedVariance += row.Rate.StandardDeviation * row.Rate.StandardDeviation;
        }

        if (stocked.Length == 0)
        {
            return new Derivation(new SkuLocationTarget(Aggregation, null, 0.0, 0.0, 0.0, 0.0, null, Parts(rows, slab)), null, null);
        }

        // The pooled rate as its numbers (checked as a DemandRate would check them): one object fewer per SKU-location.
        var pooledSd = Math.Sqrt(stockedVariance);
        DemandRate.Validate(stockedMean, pooledSd);
        var pooled = replenishment.ProtectionDemand(stockedMean, pooledSd, stocked[0].Rate.Per, share: 1.0);
        foreach (var row in stocked)
        {
            row.Weight = row.Rate.Mean / stockedMean;
            row.Effective = row.Choice.Policy.Target;
        }

        return Aggregation == TargetAggregation.SegmentReserves
            ? new Derivation(Reserves(rows, stocked, pooled, replenishment, slab), pooled, null)
            : Pooled(rows, stocked, pooled, replenishment.OrderQuantity, slab);
    }

    /// <summary>A derived target with the pooled demand it was set on and, when the rule pools, the service at its reorder point.</summary>
    internal readonly record struct Derivation(SkuLocationTarget Target, IDemandDistribution? Pooled, SafetyStockResult? AtTarget);

    // The stocked rows in input order; the rows themselves when all are stocked, as they usually are.
    private static Row[] Stocked(Row[] rows)
    {
        var count = 0;
        foreach (var row in rows)
        {
            count += row.Stocked ? 1 : 0;
        }

        if (count == rows.Length)
        {
            return rows;
        }

        var stocked = Scratch(ref t_stocked, count, withRows: false);
        count = 0;
        foreach (var row in rows)
        {
            if (row.Stocked)
            {
                stocked[count++] = row;
            }
        }

        return stocked;
    }

    // Working rows per thread, reused from one SKU-location to the next: a bulk run derives millions of targets, and no row
    // outlives the derivation (the parts copy what they keep). Arrays are indexed by segment count; t_rows owns the rows,
    // t_stocked holds the stocked subsets.
    [ThreadStatic]
    private static Row[]?[]? t_rows;

    [ThreadStatic]
    private static Row[]?[]? t_stocked;

    private static Row[] Scratch(ref Row[]?[]? cache, int count, bool withRows)
    {
        if (cache is null || cache.Length <= count)
        {
            Array.Resize(ref cache, Math.Max(count + 1, 4));
        }

        if (cache[count] is not { } rows)
        {
            rows = new Row[count];
            for (var i = 0; withRows && i < count; i++)
            {
                rows[i] = new Row();
            }

            cache[count] = rows;
        }

        return rows;
    }

    private static Row[] Rows(IReadOnlyList<SegmentDemand> demand, PolicyBook book)
    {
        var rows = Scratch(ref t_rows, demand.Count, withRows: true);
        double total = 0.0;
        for (var i = 0; i < demand.Count; i++)
        {
            var d = demand[i] ?? throw new ArgumentException($"Segment demand {i} is null.", nameof(demand));

            // A SKU-location serves a handful of segments: a pairwise scan beats allocating a set per row.
            for (var j = 0; j < i; j++)
            {
                if (string.Equals(rows[j].Segment, d.Segment, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"Segment '{d.Segment}' appears twice in the SKU-location's demand; give one row per segment.", nameof(demand));
                }
            }

            if (d.Demand.Per != demand[0].Demand.Per)
            {
                throw new ArgumentException(
                    $"Segment demand must share one time unit: '{demand[0].Segment}' is per {demand[0].Demand.Per}, '{d.Segment}' per {d.Demand.Per}.", nameof(demand));
            }

            var choice = book.Resolve(d.Segment);
            rows[i].Reset(d, choice, d.Demand.Mean > 0.0 && choice.Policy.CarriesSafetyStock);
            total += d.Demand.Mean;
        }

        foreach (var row in rows)
        {
            row.Share = total > 0.0 ? row.Rate.Mean / total : 0.0;
        }

        return rows;
    }

    private Derivation Pooled(Row[] rows, Row[] stocked, IDemandDistribution pooled, double? orderQty, SegmentTargetPartSlab? slab)
    {
        Row? strictest = null;
        var firstKind = stocked[0].Effective!.Kind;
        for (var i = 1; i < stocked.Length; i++)
        {
            if (stocked[i].Effective!.Kind != firstKind)
            {
                strictest = Harmonise(stocked, pooled, orderQty);
                break;
            }
        }

        ServiceTarget target;
        Row driver;
        if (Aggregation == TargetAggregation.Highest)
        {
            driver = strictest ?? Best(stocked, static r => r.Effective!.Value, static r => r.Weight);
            target = driver.Effective!;
        }
        else
        {
            double value = 0.0;
            foreach (var row in stocked)
            {
                value += row.Weight * row.Effective!.Value;
            }

            // One target met by every segment (a single stocked segment, say) averages to itself: no new object to keep per row.
            var first = stocked[0].Effective!;
            target = value == first.Value ? first : Same(first.Kind, value);
            driver = Best(stocked, static r => r.Weight, static r => r.Effective!.Value);
        }

        // Under highest with strictest handling the driver's own target was already set on this same pooled demand and Q. The
        // service is described without the target: it is also the analytic promise at the reorder point.
        double reorderPoint = ReorderPoint(driver, target, pooled, orderQty, out var csl);
        var result = SafetyStock.Describe(pooled, reorderPoint, orderQty, target: null, csl);
        return new Derivation(
            new SkuLocationTarget(Aggregation, target, result.SafetyStock, result.ReorderPoint, pooled.Mean, pooled.StandardDeviation, driver.Segment, Parts(rows, slab)),
            pooled,
            result);
    }

    private SkuLocationTarget Reserves(Row[] rows, Row[] stocked, IDemandDistribution pooled, in Replenishment replenishment, SegmentTargetPartSlab? slab)
    {
        double total = 0.0;
        foreach (var row in stocked)
        {
            var own = replenishment.ProtectionDemand(row.Rate.Mean, row.Rate.StandardDeviation, row.Rate.Per, row.Weight);
            double? ownOrderQty = replenishment.OrderQuantity * row.Weight;
            // A fill-rate target with a large order quantity can be met with a reorder point below the mean: a negative
            // reserve would lend the other segments' reserves away and leave them under their targets, so none is below 0.
            row.Reserve = Math.Max(SafetyStock.ReorderPoint(own, row.Effective!, ownOrderQty, out _) - own.Mean, 0.0);
            total += row.Reserve.Value;
        }

        var driver = Best(stocked, static r => r.Reserve!.Value, static r => r.Weight);
        return new SkuLocationTarget(
            Aggregation, driver.Effective, total, pooled.Mean + total, pooled.Mean, pooled.StandardDeviation, driver.Segment, Parts(rows, slab));
    }

    // Brings every stocked target to one kind, or refuses: the kinds measure different things (DEFINITIONS.md). Under strictest,
    // returns the segment whose own target needs the most safety stock on the pooled demand (each part records what it needs).
    private Row? Harmonise(Row[] stocked, IDemandDistribution pooled, double? orderQty)
    {
        if (MixedTargets == MixedTargetHandling.Refuse)
        {
            throw new ArgumentException(
                $"The segments sharing this SKU-location mix csl and fill_rate targets ({string.Join(", ", stocked.Select(r => $"{r.Choice.Label} {PolicyText.Target(r.Effective!)}"))}); "
                + "a 95 % CSL is not a 95 % fill rate. Use mixed_targets: strictest (the default), convert_to_csl or convert_to_fill_rate, or target_rule: segment_reserves.",
                "book");
        }

        Row? strictest = null;
        ServiceLevelKind kind;
        if (MixedTargets == MixedTargetHandling.Strictest)
        {
            foreach (var row in stocked)
            {
                row.OwnReorderPoint = SafetyStock.ReorderPoint(pooled, row.Effective!, orderQty, out var csl);
                row.OwnReorderPointFor = row.Effective;
                row.OwnCsl = csl;
                row.Reserve = row.OwnReorderPoint - pooled.Mean;
            }

            strictest = Best(stocked, static r => r.Reserve!.Value, static r => r.Weight);
            if (Aggregation == TargetAggregation.Highest)
            {
                // The strictest target alone decides; the others keep their own kind and show what they would have needed.
                return strictest;
            }

            kind = strictest.Effective!.Kind;
        }
        else
        {
            kind = MixedTargets == MixedTargetHandling.ConvertToCsl ? ServiceLevelKind.CycleServiceLevel : ServiceLevelKind.FillRate;
        }

        foreach (var row in stocked)
        {
            if (row.Effective!.Kind != kind)
            {
                row.Effective = Convert(row, kind, pooled, orderQty, clamp: strictest is not null);
            }
        }

        return strictest;
    }

    // The reorder point target needs on the pooled demand and the CSL there when known: the row's own if the strictest
    // comparison already set it for this very target, else solved now.
    private static double ReorderPoint(Row row, ServiceTarget target, IDemandDistribution pooled, double? orderQty, out double? csl)
    {
        if (row.OwnReorderPoint is { } known && ReferenceEquals(row.OwnReorderPointFor, target))
        {
            csl = row.OwnCsl;
            return known;
        }

        return SafetyStock.ReorderPoint(pooled, target, orderQty, out csl);
    }

    // Under strictest a converted target never stops the run: a target met with no stock at all (CSL F(r) = 0 for r ≤ 0) or one
    // whose reorder point rounds to certainty is taken at the edge of (0, 1), by ClampedEdge, and so weighs in as "needs nothing" or "needs all".
    // Under convert_to_csl a fill rate met with no stock is taken the same way: on intermittent demand a large Q meets it at
    // r ≤ 0, which is no reason to stop the run; a CSL at or below the edge is what the explanation calls "met with no safety stock".
    internal const double ClampedEdge = 1e-6;

    // The row's effective target as the other kind; its reorder point on the pooled demand is reused when already worked out.
    private static ServiceTarget Convert(Row row, ServiceLevelKind kind, IDemandDistribution pooled, double? orderQty, bool clamp)
    {
        var from = row.Effective!;
        var label = row.Choice.Label;
        if (pooled.StandardDeviation == 0.0)
        {
            return Same(kind, from.Value);
        }

        if (orderQty is not { } q)
        {
            throw new ArgumentException(
                $"Converting {label}'s {PolicyText.Target(from)} between CSL and fill rate needs the order quantity Q (fill rate = 1 − ESC/Q).", nameof(orderQty));
        }

        double reorderPoint = ReorderPoint(row, from, pooled, q, out var csl);
        double value = kind == ServiceLevelKind.CycleServiceLevel
            ? csl ?? pooled.Cdf(reorderPoint)
            : SafetyStock.FillRate(pooled.Loss(reorderPoint), q);
        if (clamp)
        {
            value = Math.Clamp(value, ClampedEdge, 1.0 - ClampedEdge);
        }
        else if (kind == ServiceLevelKind.CycleServiceLevel)
        {
            value = Math.Max(value, ClampedEdge);
        }

        if (!(value > 0.0 && value < 1.0))
        {
            throw new ArgumentOutOfRangeException(
                nameof(from), from.Value,
                $"{label}'s {PolicyText.Target(from)} converts to a {(kind == ServiceLevelKind.CycleServiceLevel ? "CSL" : "fill rate")} of {PolicyText.Share(value)}, "
                + "outside (0, 1), on this SKU-location's lead-time demand and order quantity; use segment_reserves, mixed_targets: strictest with target_rule: highest, or give the segments one kind of target.");
        }

        return Same(kind, value);
    }

    private static ServiceTarget Same(ServiceLevelKind kind, double value) =>
        kind == ServiceLevelKind.CycleServiceLevel ? ServiceTarget.CycleServiceLevel(value) : ServiceTarget.FillRate(value);

    // The row ranking first on primary, then on secondary, then on segment name (ordinal) so ties resolve the same way every run.
    private static Row Best(Row[] rows, Func<Row, double> primary, Func<Row, double> secondary)
    {
        var best = rows[0];
        for (var i = 1; i < rows.Length; i++)
        {
            var row = rows[i];
            int order = primary(row).CompareTo(primary(best));
            if (order == 0)
            {
                order = secondary(row).CompareTo(secondary(best));
            }

            if (order > 0 || (order == 0 && string.CompareOrdinal(row.Segment, best.Segment) < 0))
            {
                best = row;
            }
        }

        return best;
    }

    private static ArraySegment<SegmentTargetPart> Parts(Row[] rows, SegmentTargetPartSlab? slab)
    {
        var parts = slab?.Take(rows.Length) ?? new SegmentTargetPart[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var r = rows[i];
            parts[i] = new SegmentTargetPart(
                r.Segment, r.Choice.IsFallback, r.Choice.Policy.FulfilmentMode, r.Choice.Policy.Target, r.Stocked, r.Share, r.Weight, r.Effective, r.Reserve);
        }

        return parts;
    }

    // Working state per segment while one SKU-location is derived; reused (see Scratch), so Reset clears every field.
    private sealed class Row
    {
        public string Segment { get; private set; } = "";

        public DemandRate Rate { get; private set; } = null!;

        public PolicyChoice Choice { get; private set; } = null!;

        public bool Stocked { get; private set; }

        public double Share { get; set; }

        public double Weight { get; set; }

        public ServiceTarget? Effective { get; set; }

        public double? Reserve { get; set; }

        // Under strictest handling of mixed targets: the reorder point its own target (OwnReorderPointFor) needs on the pooled
        // demand, and the CSL there when the fill-rate check worked it out.
        public double? OwnReorderPoint { get; set; }

        public ServiceTarget? OwnReorderPointFor { get; set; }

        public double? OwnCsl { get; set; }

        public void Reset(SegmentDemand demand, PolicyChoice choice, bool stocked)
        {
            Segment = demand.Segment;
            Rate = demand.Demand;
            Choice = choice;
            Stocked = stocked;
            Share = 0.0;
            Weight = 0.0;
            Effective = null;
            Reserve = null;
            OwnReorderPoint = null;
            OwnReorderPointFor = null;
            OwnCsl = null;
        }
    }
}
