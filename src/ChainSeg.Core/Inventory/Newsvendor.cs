using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Inventory;

/// <summary>Newsvendor / periodic-review base-stock problem; costs are per unit per period.</summary>
/// <param name="HoldingCost">h, cost per unit left over at the end of a period.</param>
/// <param name="StockoutCost">p, cost per unit short (backordered) at the end of a period.</param>
/// <param name="DemandMean">Mean demand per period.</param>
/// <param name="DemandSd">Standard deviation of demand per period (not used by the Poisson model).</param>
/// <param name="LeadTime">Lead time L in periods; the base stock protects L + 1 periods of demand.</param>
/// <param name="Distribution">Demand distribution over the protection interval.</param>
public sealed record NewsvendorInput(
    double HoldingCost,
    double StockoutCost,
    double DemandMean,
    double DemandSd,
    double LeadTime = 0.0,
    DemandModel Distribution = DemandModel.Normal);

/// <summary>Base-stock level and its expected cost per period; property names map to the calculator's JSON keys.</summary>
/// <param name="BaseStock">Base-stock (order-up-to) level S.</param>
/// <param name="ExpectedCost">Expected holding plus stockout cost per period, h·E[(S − D)⁺] + p·E[(D − S)⁺].</param>
/// <param name="CriticalRatio">p / (p + h).</param>
/// <param name="ProtectionDemandMean">Mean demand over the L + 1 periods of protection.</param>
/// <param name="ProtectionDemandSd">Standard deviation of demand over the protection interval.</param>
public sealed record NewsvendorResult(
    double BaseStock,
    double ExpectedCost,
    double CriticalRatio,
    double ProtectionDemandMean,
    double ProtectionDemandSd);

/// <summary>Newsvendor: S* = F⁻¹(p/(p + h)); with a lead time L, the periodic-review base-stock level over L + 1 periods.</summary>
public static class Newsvendor
{
    /// <summary>Optimal base stock (smallest S with F(S) ≥ p/(p + h), a whole number for Poisson demand) and its cost.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a cost is not positive, the costs put the critical ratio at 0 or 1 in double precision, a demand figure or the lead time is negative, or a Poisson mean over the protection interval exceeds <see cref="MaxPoissonMean"/>.</exception>
    public static NewsvendorResult Optimize(NewsvendorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        Arguments.Positive(input.HoldingCost, nameof(input.HoldingCost), "Holding cost");
        Arguments.Positive(input.StockoutCost, nameof(input.StockoutCost), "Stockout cost");
        var demand = ProtectionDemand(input);
        return Describe(input, demand, demand.Quantile(CriticalRatio.Invertible(input.HoldingCost, input.StockoutCost)));
    }

    /// <summary>Expected cost per period of a given base-stock level.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a cost, a demand figure or the lead time is negative, baseStock is not finite, or a Poisson mean over the protection interval exceeds <see cref="MaxPoissonMean"/>.</exception>
    public static NewsvendorResult Evaluate(NewsvendorInput input, double baseStock)
    {
        ArgumentNullException.ThrowIfNull(input);
        Arguments.NonNegative(input.HoldingCost, nameof(input.HoldingCost), "Holding cost");
        Arguments.NonNegative(input.StockoutCost, nameof(input.StockoutCost), "Stockout cost");
        Arguments.Finite(baseStock, nameof(baseStock), "Base stock");
        return Describe(input, ProtectionDemand(input), baseStock);
    }

    /// <summary>
    /// Largest Poisson mean over the protection interval whose base stock is exact: beyond it the incomplete gamma function
    /// behind the Poisson distribution loses precision (the base stock at λ = 1e11 came out one unit off, at 1e12 27 units)
    /// and slows with √λ (minutes at 1e15; at 1e300 the calculator never returned).
    /// </summary>
    public const double MaxPoissonMean = 1e9;

    private static IDemandDistribution ProtectionDemand(NewsvendorInput input)
    {
        Arguments.NonNegative(input.DemandMean, nameof(input.DemandMean), "Mean demand per period");
        Arguments.NonNegative(input.DemandSd, nameof(input.DemandSd), "Standard deviation of demand per period");
        double periods = Arguments.NonNegative(input.LeadTime, nameof(input.LeadTime), "Lead time in periods") + 1.0;
        double mean = input.DemandMean * periods;
        // A Poisson variable this large is normal with σ = √λ to within a few units: that model is the fix to name.
        if (input.Distribution == DemandModel.Poisson && mean > MaxPoissonMean)
            throw new ArgumentOutOfRangeException(nameof(input), mean,
                $"Poisson demand over the protection interval, mean × (L + 1), must be at most {Arguments.Format(MaxPoissonMean)}; got {Arguments.Format(mean)}. " +
                $"Model demand this large as normal, with the Poisson's standard deviation per period √mean = {Arguments.Format(Math.Sqrt(input.DemandMean))}.");
        return LeadTimeDemand.FromMoments(input.Distribution, mean, input.DemandSd * Math.Sqrt(periods));
    }

    private static NewsvendorResult Describe(NewsvendorInput input, IDemandDistribution demand, double baseStock)
    {
        // h·E[(S − D)⁺] + p·E[(D − S)⁺] with E[(S − D)⁺] = S − μ + n(S); h and p apart, as h + p overflows at p = h = 1e308.
        double loss = demand.Loss(baseStock);
        double cost = input.HoldingCost * (baseStock - demand.Mean + loss) + input.StockoutCost * loss;
        return new NewsvendorResult(baseStock, cost, CriticalRatio.Of(input.HoldingCost, input.StockoutCost), demand.Mean, demand.StandardDeviation);
    }
}
