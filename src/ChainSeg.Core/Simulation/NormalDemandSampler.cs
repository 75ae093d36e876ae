using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Simulation;

/// <summary>
/// Normal demand per period with negative draws set to zero (censored at 0): the mean drawn is E[max(X, 0)] = σ·G(−μ/σ),
/// G the standard normal loss function, which exceeds μ noticeably only when σ is not small against μ.
/// </summary>
public sealed class NormalDemandSampler : IDemandSampler
{
    /// <summary>Normal demand N(mean, standardDeviation²) per period, censored at zero.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is negative or not finite.</exception>
    public NormalDemandSampler(double mean, double standardDeviation)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean demand per period");
        StandardDeviation = Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Standard deviation of demand per period");
    }

    /// <summary>Mean μ of the normal distribution before censoring.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation σ of the normal distribution before censoring.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public double Next(Random random) => Math.Max(Normal.Sample(random, Mean, StandardDeviation), 0.0);
}
