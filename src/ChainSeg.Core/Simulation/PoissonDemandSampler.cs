using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Simulation;

/// <summary>Poisson demand per period: whole units, the usual model for slow movers.</summary>
public sealed class PoissonDemandSampler : IDemandSampler
{
    /// <summary>Poisson demand with the given mean per period; mean 0 means no demand.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is negative or not finite.</exception>
    public PoissonDemandSampler(double mean)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean demand per period");
    }

    /// <summary>Mean (and variance) of demand per period.</summary>
    public double Mean { get; }

    /// <inheritdoc />
    public double Next(Random random) => Mean > 0.0 ? Poisson.Sample(random, Mean) : 0.0;
}
