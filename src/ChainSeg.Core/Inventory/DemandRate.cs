namespace ChainSeg.Core.Inventory;

/// <summary>Demand per time unit: mean and standard deviation of the demand in one <see cref="Per"/>.</summary>
public sealed record DemandRate
{
    /// <summary>Creates a demand rate of mean ± standardDeviation units per one <paramref name="per"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is negative or not finite.</exception>
    public DemandRate(double mean, double standardDeviation, TimeUnit per)
    {
        Validate(mean, standardDeviation);
        Mean = mean;
        StandardDeviation = standardDeviation;
        Per = per;
    }

    // What the constructor checks, for the bulk policy computation that keeps a rate as two numbers instead of an object.
    internal static void Validate(double mean, double standardDeviation)
    {
        Arguments.NonNegative(mean, nameof(mean), "Mean demand per period");
        Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Standard deviation of demand per period");
    }

    /// <summary>Mean demand per time unit (d).</summary>
    public double Mean { get; }

    /// <summary>Standard deviation of demand per time unit (σ_d), periods assumed independent.</summary>
    public double StandardDeviation { get; }

    /// <summary>The time unit the rate is per.</summary>
    public TimeUnit Per { get; }
}
