namespace ChainSeg.Core.Inventory;

/// <summary>
/// Chooses the lead-time demand model from the data rather than from the demand class alone: Poisson only when lead-time
/// demand's variance-to-mean ratio is close to 1, as a Poisson variable's is; otherwise normal for smooth demand and a gamma
/// matched to mean and variance for erratic, intermittent and lumpy demand, whose lead-time demand is skewed.
/// </summary>
public static class DemandModelSelection
{
    /// <summary>
    /// Largest distance of the variance-to-mean ratio from 1 still taken as Poisson: 0.1, about two standard errors of the
    /// index of dispersion of two years of daily counts (√(2 / (n − 1)) ≈ 0.052 for n = 730; Cox &amp; Lewis 1966, §6.3).
    /// </summary>
    public const double PoissonTolerance = 0.1;

    /// <summary>The model for demand over the lead time: Poisson when |variance / mean − 1| ≤ <see cref="PoissonTolerance"/>.</summary>
    /// <param name="demand">Demand per period.</param>
    /// <param name="leadTime">Lead time in the demand's unit; its variability counts towards the lead-time demand's variance.</param>
    /// <param name="smooth">True for the smooth Syntetos–Boylan class (frequent demand of steady size), modelled as normal.</param>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    public static DemandModel Choose(DemandRate demand, LeadTime leadTime, bool smooth)
    {
        double mean = LeadTimeDemand.Mean(demand, leadTime);
        double sd = LeadTimeDemand.StandardDeviation(demand, leadTime);
        if (mean > 0.0 && Math.Abs(sd * sd / mean - 1.0) <= PoissonTolerance)
        {
            return DemandModel.Poisson;
        }

        return smooth ? DemandModel.Normal : DemandModel.Gamma;
    }
}
