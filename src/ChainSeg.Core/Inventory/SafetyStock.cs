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
        ArgumentNullException.ThrowIfNull(target);
        if (target.Kind == ServiceLevelKind.CycleServiceLevel)
        {
            return ForCycleServiceLevel(leadTimeDemand, target.Value, orderQty);
        }

        if (orderQty is not { } q)
        {
            throw new ArgumentException("A fill-rate target needs the order quantity Q (fill rate = 1 − ESC/Q).", nameof(orderQty));
        }

        return ForFillRate(leadTimeDemand, target.Value, q);
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

        var result = Describe(leadTimeDemand, reorderPoint, orderQty, target);
        if (leadTimeDemand.StandardDeviation > 0.0 && result.Csl >= 1.0)
        {
            throw Unattainable(leadTimeDemand, fillRate, orderQty);
        }

        return result;
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

    private static SafetyStockResult Describe(IDemandDistribution leadTimeDemand, double reorderPoint, double? orderQty, ServiceTarget? target)
    {
        double shortage = leadTimeDemand.Loss(reorderPoint);
        double? fillRate = orderQty is { } q ? Math.Clamp(1.0 - shortage / q, 0.0, 1.0) : null;
        return new SafetyStockResult(
            SafetyStock: reorderPoint - leadTimeDemand.Mean,
            ReorderPoint: reorderPoint,
            Csl: leadTimeDemand.Cdf(reorderPoint),
            FillRate: fillRate,
            ExpectedShortagePerCycle: shortage,
            LeadTimeDemandMean: leadTimeDemand.Mean,
            LeadTimeDemandSd: leadTimeDemand.StandardDeviation,
            Target: target);
    }

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
