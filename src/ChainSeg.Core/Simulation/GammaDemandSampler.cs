using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Simulation;

/// <summary>Gamma demand per period, fitted by moments: non-negative and right-skewed, for erratic and lumpy items.</summary>
public sealed class GammaDemandSampler : IDemandSampler
{
    private readonly double shape;
    private readonly double rate;

    /// <summary>Gamma demand with the given mean and standard deviation per period (shape (μ/σ)², scale σ²/μ); σ = 0 gives μ every period.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is negative or not finite.</exception>
    public GammaDemandSampler(double mean, double standardDeviation)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean demand per period");
        StandardDeviation = Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Standard deviation of demand per period");
        if (mean > 0.0 && standardDeviation > 0.0)
        {
            shape = mean * mean / (standardDeviation * standardDeviation);
            rate = mean / (standardDeviation * standardDeviation);
        }
    }

    /// <summary>Mean demand per period.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of demand per period.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public double Next(Random random) => shape > 0.0 ? Gamma.Sample(random, shape, rate) : Mean;
}
