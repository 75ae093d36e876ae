using MathNet.Numerics.Distributions;

namespace ChainSeg.Core.Simulation;

/// <summary>
/// Normal lead time, negative draws set to zero, then rounded to a whole period at random in proportion to the fraction
/// (4.3 becomes 5 with probability 0.3, else 4), so rounding keeps the mean: a fixed 4.3-period lead time is not turned into 4.
/// </summary>
public sealed class NormalLeadTime : ILeadTimeSampler
{
    private const double MaximumPeriods = 1_000_000.0;

    /// <summary>Lead time N(mean, standardDeviation²) in periods.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is negative or not finite, or mean exceeds 1,000,000 periods.</exception>
    public NormalLeadTime(double mean, double standardDeviation)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean lead time in periods");
        StandardDeviation = Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Lead time standard deviation in periods");
        if (mean > MaximumPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(mean), mean, $"Mean lead time must be in [0, {MaximumPeriods}] periods; got {Arguments.Format(mean)}.");
        }
    }

    /// <summary>Mean lead time in periods before censoring and rounding.</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of the lead time in periods before censoring and rounding.</summary>
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public int Next(Random random)
    {
        double periods = StandardDeviation > 0.0 ? Math.Clamp(Normal.Sample(random, Mean, StandardDeviation), 0.0, 2.0 * MaximumPeriods) : Mean;
        double whole = Math.Floor(periods);
        return (int)whole + (random.NextDouble() < periods - whole ? 1 : 0);
    }
}
