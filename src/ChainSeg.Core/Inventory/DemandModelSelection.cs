namespace ChainSeg.Core.Inventory;

/// <summary>
/// Chooses the lead-time demand model from the data rather than from the demand class: Poisson only when lead-time demand's
/// variance-to-mean ratio is close to 1, as a Poisson variable's is; normal only when its coefficient of variation is small,
/// where the normal's quantiles and losses agree with a gamma's and its negative tail is negligible; otherwise a gamma matched
/// to mean and variance, non-negative and right-skewed like the lead-time demand of most items reviewed daily.
/// </summary>
public static class DemandModelSelection
{
    /// <summary>
    /// Largest distance of the variance-to-mean ratio from 1 still taken as Poisson: 0.1, about two standard errors of the
    /// index of dispersion of two years of daily counts (√(2 / (n − 1)) ≈ 0.052 for n = 730; Cox &amp; Lewis 1966, §6.3).
    /// </summary>
    public const double PoissonTolerance = 0.1;

    /// <summary>Largest coefficient of variation of lead-time demand modelled as normal: 0.3 (P(X &lt; 0) = Φ(−3.3) ≈ 0.0005).</summary>
    public const double NormalMaximumCv = 0.3;

    /// <summary>
    /// The model for demand over the lead time: Poisson when |variance / mean − 1| ≤ <see cref="PoissonTolerance"/>, else normal
    /// when σ / μ ≤ <see cref="NormalMaximumCv"/>, else gamma.
    /// </summary>
    /// <param name="demand">Demand per period.</param>
    /// <param name="leadTime">Lead time in the demand's unit; its variability counts towards the lead-time demand's variance.</param>
    /// <exception cref="ArgumentException">demand and leadTime are in different time units.</exception>
    public static DemandModel Choose(DemandRate demand, LeadTime leadTime)
    {
        ArgumentNullException.ThrowIfNull(demand);
        return Choose(demand.Mean, demand.StandardDeviation, demand.Per, leadTime);
    }

    // A rate as its numbers, for the bulk policy computation (no DemandRate per SKU-location).
    internal static DemandModel Choose(double demandMean, double demandSd, TimeUnit per, LeadTime leadTime)
    {
        double mean = LeadTimeDemand.Mean(demandMean, per, leadTime);
        double sd = LeadTimeDemand.StandardDeviation(demandMean, demandSd, per, leadTime);
        if (mean > 0.0 && Math.Abs(sd * sd / mean - 1.0) <= PoissonTolerance)
        {
            return DemandModel.Poisson;
        }

        return sd <= NormalMaximumCv * mean ? DemandModel.Normal : DemandModel.Gamma;
    }
}
