namespace ChainSeg.Core.Simulation;

/// <summary>The same lead time for every order.</summary>
public sealed class FixedLeadTime : ILeadTimeSampler
{
    /// <summary>Every order takes the given number of periods.</summary>
    /// <exception cref="ArgumentOutOfRangeException">periods is negative.</exception>
    public FixedLeadTime(int periods)
    {
        Periods = Arguments.NonNegative(periods, nameof(periods), "Lead time in periods");
    }

    /// <summary>Lead time in periods.</summary>
    public int Periods { get; }

    /// <inheritdoc />
    public int Next(Random random) => Periods;
}
