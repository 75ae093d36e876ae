using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Inventory;

/// <summary>Demand over a replenishment lead time, combining demand and lead-time variability (DEFINITIONS.md, σ_L).</summary>
public static class LeadTimeDemand
{
    /// <summary>Mean lead-time demand d·L.</summary>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    public static double Mean(DemandRate demand, LeadTime leadTime)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return Mean(demand.Mean, demand.Per, leadTime);
    }

    // The bulk policy computation passes a rate as its numbers: one object fewer per SKU-location.
    internal static double Mean(double demandMean, TimeUnit per, LeadTime leadTime)
    {
        RequireSameUnit(per, leadTime);
        return demandMean * leadTime.Mean;
    }

    /// <summary>σ_L = √(L σ_d² + d² σ_LT²), the standard deviation of demand over a random lead time.</summary>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    public static double StandardDeviation(DemandRate demand, LeadTime leadTime)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return StandardDeviation(demand.Mean, demand.StandardDeviation, demand.Per, leadTime);
    }

    internal static double StandardDeviation(double d, double sd, TimeUnit per, LeadTime leadTime)
    {
        RequireSameUnit(per, leadTime);
        double lt = leadTime.StandardDeviation;
        double sigma = Math.Sqrt(leadTime.Mean * sd * sd + d * d * lt * lt);
        // The squares overflow long before σ_L does (σ_d = 1e160 squares to infinity, and d² × σ_LT² = ∞ × 0 to NaN): then
        // the same sum without squaring what is summed. Only then, so every representable answer keeps the formula's rounding.
        return !double.IsFinite(sigma) ? double.Hypot(Math.Sqrt(leadTime.Mean) * sd, d * lt) : sigma;
    }

    /// <summary>Lead-time demand under the chosen model; zero variance gives a point mass at the mean.</summary>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    /// <exception cref="ArgumentOutOfRangeException">model is not a defined <see cref="DemandModel"/>.</exception>
    public static IDemandDistribution Fit(DemandModel model, DemandRate demand, LeadTime leadTime) =>
        FromMoments(model, Mean(demand, leadTime), StandardDeviation(demand, leadTime));

    /// <summary>A demand distribution with the given mean and standard deviation under the chosen model (Poisson uses the mean only).</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or sd is negative or not finite, or model is not defined.</exception>
    public static IDemandDistribution FromMoments(DemandModel model, double mean, double sd)
    {
        Arguments.NonNegative(mean, nameof(mean), "Mean demand");
        Arguments.NonNegative(sd, nameof(sd), "Demand standard deviation");
        return model switch
        {
            DemandModel.Normal => new NormalDemand(mean, sd),
            DemandModel.Poisson => new PoissonDemand(mean),
            DemandModel.Gamma when mean > 0.0 && sd > 0.0 => GammaDemand.FromMoments(mean, sd),
            DemandModel.Gamma => new NormalDemand(mean, 0.0),
            _ => throw new ArgumentOutOfRangeException(nameof(model), model, "Demand model must be Normal, Poisson or Gamma."),
        };
    }

    private static void RequireSameUnit(TimeUnit per, LeadTime leadTime)
    {
        ArgumentNullException.ThrowIfNull(leadTime);
        if (per != leadTime.Unit)
        {
            throw new ArgumentException(
                $"Demand is per {per} but the lead time is in {leadTime.Unit}s; express both in the same time unit (LeadTime.ConvertTo).",
                nameof(leadTime));
        }
    }
}
