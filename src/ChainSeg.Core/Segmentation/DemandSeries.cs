namespace ChainSeg.Core.Segmentation;

/// <summary>
/// A customer's demand per period over the window, one value per period including the periods without demand.
/// </summary>
public sealed record DemandSeries
{
    /// <summary>Creates a dense series; NaN (an empty period) becomes zero, because no recorded demand is zero demand.</summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="periods">Demand per period in time order (net of returns, so a value may be negative).</param>
    /// <exception cref="ArgumentException">The id is empty or a value is infinite.</exception>
    public DemandSeries(string customerId, IReadOnlyList<double> periods)
    {
        if (string.IsNullOrWhiteSpace(customerId))
            throw new ArgumentException("Customer id of a demand series is empty; every series needs a customer id.", nameof(customerId));
        ArgumentNullException.ThrowIfNull(periods);
        // An array (as the snapshot reader passes, one per customer) is read as a span rather than through the interface.
        _values = periods is double[] array ? Dense(customerId, array) : Dense(customerId, [.. periods]);
        CustomerId = customerId;
        Periods = Array.AsReadOnly(_values);
    }

    private readonly double[] _values;

    // A copy with NaN as zero.
    private static double[] Dense(string customerId, ReadOnlySpan<double> periods)
    {
        var values = new double[periods.Length];
        for (var t = 0; t < values.Length; t++)
        {
            if (double.IsInfinity(periods[t]))
                throw new ArgumentException($"Demand of customer '{customerId}' is infinite in period {t + 1}.", nameof(periods));
            values[t] = double.IsNaN(periods[t]) ? 0 : periods[t];
        }
        return values;
    }

    // The periods for classifiers in this assembly, without an interface call per value.
    internal ReadOnlySpan<double> Values => _values;

    /// <summary>The customer.</summary>
    public string CustomerId { get; }

    /// <summary>Demand per period in time order; empty periods are zero.</summary>
    public IReadOnlyList<double> Periods { get; }

    /// <summary>
    /// Builds a dense series from the periods that had demand (as a GROUP BY returns them); every other period of the
    /// window is zero. Several values for one period are added up.
    /// </summary>
    /// <param name="customerId">The customer.</param>
    /// <param name="periodCount">Number of periods in the window; at least 0.</param>
    /// <param name="observed">(0-based period index, demand) pairs; indices must lie in [0, periodCount).</param>
    /// <exception cref="ArgumentOutOfRangeException">The period count is negative or an index is outside the window.</exception>
    public static DemandSeries FromObservedPeriods(string customerId, int periodCount, IEnumerable<(int Period, double Demand)> observed)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(periodCount);
        ArgumentNullException.ThrowIfNull(observed);
        var values = new double[periodCount];
        foreach (var (period, demand) in observed)
        {
            if (period < 0 || period >= periodCount)
                throw new ArgumentOutOfRangeException(nameof(observed), period,
                    $"Period index must be in [0, {periodCount}) for customer '{customerId}'; got {period}.");
            values[period] += double.IsNaN(demand) ? 0 : demand;
        }

        return new DemandSeries(customerId, values);
    }
}
