namespace ChainSeg.Core.Simulation;

/// <summary>What happens to demand that cannot be filled from stock.</summary>
public enum ShortageHandling
{
    /// <summary>Unfilled demand waits and is shipped from the next receipts (net inventory goes negative).</summary>
    Backorders,

    /// <summary>Unfilled demand is lost (the customer buys elsewhere); inventory never goes negative.</summary>
    LostSales,
}

/// <summary>Horizon, warm-up, replications and seed of a simulation run.</summary>
public sealed record SimulationSettings
{
    /// <summary>Creates settings; statistics cover periods warmUpPeriods … periods − 1 of every replication.</summary>
    /// <param name="periods">Periods simulated per replication, warm-up included.</param>
    /// <param name="warmUpPeriods">Leading periods discarded so the start-up stock does not bias the figures.</param>
    /// <param name="replications">Independent runs per stocking point.</param>
    /// <param name="seed">Master seed; each point's streams derive from it and the point's id.</param>
    /// <param name="shortages">Backorders or lost sales.</param>
    /// <param name="maxDegreeOfParallelism">Threads used across stocking points; −1 lets the runtime choose.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// warmUpPeriods is negative, periods is not above warmUpPeriods, replications is below 1, or maxDegreeOfParallelism is 0 or below −1.
    /// </exception>
    public SimulationSettings(
        int periods,
        int warmUpPeriods = 0,
        int replications = 1,
        int seed = 0,
        ShortageHandling shortages = ShortageHandling.Backorders,
        int maxDegreeOfParallelism = -1)
    {
        Arguments.NonNegative(warmUpPeriods, nameof(warmUpPeriods), "Warm-up periods");
        if (periods <= warmUpPeriods)
        {
            throw new ArgumentOutOfRangeException(nameof(periods), periods,
                $"Periods must exceed the {warmUpPeriods} warm-up periods so something is measured; got {periods}.");
        }

        if (replications < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(replications), replications, $"Replications must be ≥ 1; got {replications}.");
        }

        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism,
                $"Degree of parallelism must be ≥ 1, or −1 for the runtime's choice; got {maxDegreeOfParallelism}.");
        }

        if (!Enum.IsDefined(shortages))
        {
            throw new ArgumentOutOfRangeException(nameof(shortages), shortages, "Shortage handling must be Backorders or LostSales.");
        }

        Periods = periods;
        WarmUpPeriods = warmUpPeriods;
        Replications = replications;
        Seed = seed;
        Shortages = shortages;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
    }

    /// <summary>Periods simulated per replication, warm-up included.</summary>
    public int Periods { get; }

    /// <summary>Leading periods discarded from the statistics.</summary>
    public int WarmUpPeriods { get; }

    /// <summary>Periods measured per replication.</summary>
    public int MeasuredPeriods => Periods - WarmUpPeriods;

    /// <summary>Independent runs per stocking point.</summary>
    public int Replications { get; }

    /// <summary>Master seed.</summary>
    public int Seed { get; }

    /// <summary>Backorders or lost sales.</summary>
    public ShortageHandling Shortages { get; }

    /// <summary>Threads used across stocking points; −1 lets the runtime choose.</summary>
    public int MaxDegreeOfParallelism { get; }
}
