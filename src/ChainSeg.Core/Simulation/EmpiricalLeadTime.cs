namespace ChainSeg.Core.Simulation;

/// <summary>Lead times resampled from observed ones: each observation is equally likely (the discrete empirical distribution).</summary>
public sealed class EmpiricalLeadTime : ILeadTimeSampler
{
    private readonly int[] observed;

    /// <summary>Resamples the observed lead times, in whole periods; the list is copied.</summary>
    /// <exception cref="ArgumentException">observedPeriods is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">an observed lead time is negative.</exception>
    public EmpiricalLeadTime(IEnumerable<int> observedPeriods)
    {
        ArgumentNullException.ThrowIfNull(observedPeriods);
        observed = observedPeriods.ToArray();
        if (observed.Length == 0)
        {
            throw new ArgumentException("At least one observed lead time is needed.", nameof(observedPeriods));
        }

        foreach (int periods in observed)
        {
            Arguments.NonNegative(periods, nameof(observedPeriods), "Observed lead time in periods");
        }
    }

    /// <summary>Number of observed lead times.</summary>
    public int Observations => observed.Length;

    /// <inheritdoc />
    public int Next(Random random) => observed[random.Next(observed.Length)];
}
