namespace ChainSeg.Core.Simulation;

/// <summary>
/// Demand resampled with replacement from an observed history of period demands (i.i.d. bootstrap): keeps the history's
/// mean, spread, skew and zero-demand share without assuming a distribution; it does not keep trend, seasonality or autocorrelation.
/// </summary>
public sealed class BootstrapDemandSampler : IDemandSampler
{
    private readonly double[] history;

    /// <summary>Resamples the given period demands; the history is copied.</summary>
    /// <exception cref="ArgumentException">history is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a period demand is negative or not finite (net returns must be netted out first).</exception>
    public BootstrapDemandSampler(IEnumerable<double> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        this.history = history.ToArray();
        if (this.history.Length == 0)
        {
            throw new ArgumentException("Demand history must hold at least one period.", nameof(history));
        }

        foreach (double demand in this.history)
        {
            Arguments.NonNegative(demand, nameof(history), "Period demand in the history");
        }
    }

    /// <summary>Number of periods in the history.</summary>
    public int Periods => history.Length;

    /// <summary>Mean of the history, which is also the expected value of a draw.</summary>
    public double Mean => history.Average();

    /// <inheritdoc />
    public double Next(Random random) => history[random.Next(history.Length)];
}
