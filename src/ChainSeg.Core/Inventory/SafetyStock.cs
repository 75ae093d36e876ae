using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Inventory;

/// <summary>Safety stock and reorder point for a cycle-service-level or fill-rate target, for any lead-time demand distribution.</summary>
public static class SafetyStock
{
    /// <summary>Reorder point for a target read from a policy; a fill-rate target needs the order quantity.</summary>
    /// <exception cref="ArgumentException">target is a fill rate and orderQty is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">orderQty is not positive, or the fill rate cannot be attained.</exception>
    public static SafetyStockResult ForTarget(IDemandDistribution leadTimeDemand, ServiceTarget target, double? orderQty = null)
    {
        double reorderPoint = ReorderPoint(leadTimeDemand, target, orderQty, out var csl);
        return Describe(leadTimeDemand, reorderPoint, orderQty, target, csl);
    }

    /// <summary>The reorder point of <see cref="ForTarget"/>, with its checks, without evaluating the service it delivers.</summary>
    /// <exception cref="ArgumentException">target is a fill rate and orderQty is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">orderQty is not positive, or the fill rate cannot be attained.</exception>
    /// <param name="leadTimeDemand">Lead-time (protection) demand.</param>
    /// <param name="target">The target.</param>
    /// <param name="orderQty">Order quantity; needed by a fill-rate target.</param>
    /// <param name="csl">The CSL at the reorder point when the fill-rate check worked it out; null for a CSL target.</param>
    internal static double ReorderPoint(IDemandDistribution leadTimeDemand, ServiceTarget target, double? orderQty, out double? csl)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == ServiceLevelKind.CycleServiceLevel)
        {
            ArgumentNullException.ThrowIfNull(leadTimeDemand);
            ValidateOrderQty(orderQty);
            csl = null;
            return leadTimeDemand.Quantile(target.Value);
        }

        if (orderQty is not { } q)
        {
            throw new ArgumentException("A fill-rate target needs the order quantity Q (fill rate = 1 − ESC/Q).", nameof(orderQty));
        }

        ArgumentNullException.ThrowIfNull(leadTimeDemand);
        double reorderPoint = FillRateReorderPoint(leadTimeDemand, target.Value, q, out var atReorderPoint);
        csl = atReorderPoint;
        return reorderPoint;
    }

    /// <summary>Reorder point r = F⁻¹(α): for normal lead-time demand SS = z σ_L with z = Φ⁻¹(α).</summary>
    /// <exception cref="ArgumentOutOfRangeException">csl is not in (0, 1), or orderQty is given and not positive.</exception>
    public static SafetyStockResult ForCycleServiceLevel(IDemandDistribution leadTimeDemand, double csl, double? orderQty = null)
    {
        ArgumentNullException.ThrowIfNull(leadTimeDemand);
        var target = ServiceTarget.CycleServiceLevel(csl);
        ValidateOrderQty(orderQty);
        return Describe(leadTimeDemand, leadTimeDemand.Quantile(csl), orderQty, target);
    }

    /// <summary>Lowest reorder point whose expected shortage per cycle is at most (1 − β)Q; for normal demand σ_L G(z) = (1 − β)Q.</summary>
    /// <exception cref="ArgumentOutOfRangeException">
    /// fillRate is not in (0, 1), orderQty is not positive, or the target needs a reorder point whose cycle service level rounds to 1
    /// in double precision (about 8.3 standard deviations above the mean).
    /// </exception>
    public static SafetyStockResult ForFillRate(IDemandDistribution leadTimeDemand, double fillRate, double orderQty)
    {
        ArgumentNullException.ThrowIfNull(leadTimeDemand);
        var target = ServiceTarget.FillRate(fillRate);
        double reorderPoint = FillRateReorderPoint(leadTimeDemand, fillRate, orderQty, out double csl);
        return Describe(leadTimeDemand, reorderPoint, orderQty, target, csl);
    }

    // The reorder point for a fill rate and the CSL there, which tells whether the target is attainable.
    private static double FillRateReorderPoint(IDemandDistribution leadTimeDemand, double fillRate, double orderQty, out double csl)
    {
        Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        double allowedShortage = (1.0 - fillRate) * orderQty;
        double reorderPoint;
        try
        {
            reorderPoint = leadTimeDemand.InverseLoss(allowedShortage);
        }
        catch (ArgumentOutOfRangeException)
        {
            throw Unattainable(leadTimeDemand, fillRate, orderQty);
        }

        csl = leadTimeDemand.Cdf(reorderPoint);
        if (leadTimeDemand.StandardDeviation > 0.0 && csl >= 1.0)
        {
            throw Unattainable(leadTimeDemand, fillRate, orderQty);
        }

        return reorderPoint;
    }

    /// <summary>Service delivered by an existing reorder point.</summary>
    /// <exception cref="ArgumentOutOfRangeException">reorderPoint is not finite, or orderQty is given and not positive.</exception>
    public static SafetyStockResult AtReorderPoint(IDemandDistribution leadTimeDemand, double reorderPoint, double? orderQty = null)
    {
        ArgumentNullException.ThrowIfNull(leadTimeDemand);
        Arguments.Finite(reorderPoint, nameof(reorderPoint), "Reorder point");
        ValidateOrderQty(orderQty);
        return Describe(leadTimeDemand, reorderPoint, orderQty, target: null);
    }

    /// <summary>The service a reorder point delivers, without <see cref="AtReorderPoint"/>'s checks (the caller has them covered).</summary>
    /// <param name="leadTimeDemand">Lead-time (protection) demand.</param>
    /// <param name="reorderPoint">The reorder point.</param>
    /// <param name="orderQty">Order quantity, for the fill rate.</param>
    /// <param name="target">The target the reorder point was set for, if any.</param>
    /// <param name="csl">F(reorderPoint) when already known.</param>
    internal static SafetyStockResult Describe(IDemandDistribution leadTimeDemand, double reorderPoint, double? orderQty, ServiceTarget? target, double? csl = null)
    {
        double shortage = leadTimeDemand.Loss(reorderPoint);
        double? fillRate = orderQty is { } q ? FillRate(shortage, q) : null;
        return new SafetyStockResult(
            SafetyStock: reorderPoint - leadTimeDemand.Mean,
            ReorderPoint: reorderPoint,
            Csl: csl ?? leadTimeDemand.Cdf(reorderPoint),
            FillRate: fillRate,
            ExpectedShortagePerCycle: shortage,
            LeadTimeDemandMean: leadTimeDemand.Mean,
            LeadTimeDemandSd: leadTimeDemand.StandardDeviation,
            Target: target);
    }

    /// <summary>Fill rate 1 − ESC/Q, clamped to [0, 1].</summary>
    internal static double FillRate(double expectedShortage, double orderQty) => Math.Clamp(1.0 - expectedShortage / orderQty, 0.0, 1.0);

    private static void ValidateOrderQty(double? orderQty)
    {
        if (orderQty is { } q)
        {
            Arguments.Positive(q, nameof(orderQty), "Order quantity");
        }
    }

    private static ArgumentOutOfRangeException Unattainable(IDemandDistribution leadTimeDemand, double fillRate, double orderQty) =>
        new(
            nameof(fillRate),
            fillRate,
            $"Fill rate {Arguments.Format(fillRate)} is unattainable here: it allows only {Arguments.Format((1.0 - fillRate) * orderQty)} units short per cycle "
            + $"against a lead-time demand deviation of {Arguments.Format(leadTimeDemand.StandardDeviation)}, which needs a reorder point whose cycle service level rounds to 1. "
            + "Lower the target or raise the order quantity.");
}
