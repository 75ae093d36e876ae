using System.Globalization;

namespace ChainSeg.Data.Metrics;

/// <summary>A cost pool charged at its configured rate (<c>costs.activity_rates</c>): what customers absorbed against the pool's cost.</summary>
/// <param name="Activity">The pool's activity (cost_pools.activity).</param>
/// <param name="Driver">Its driver (cost_pools.driver).</param>
/// <param name="Rate">The configured rate per unit of the driver.</param>
/// <param name="AnnualCost">The pool's annual cost.</param>
/// <param name="WindowCost">Its cost for the window, as the average rate would have charged it.</param>
/// <param name="Absorbed">What the customers' cost_to_serve carries of it at the configured rate.</param>
public sealed record PoolRateVariance(string Activity, string Driver, double Rate, double AnnualCost, double WindowCost, double Absorbed)
{
    /// <summary>Absorbed − the pool's cost for the window: positive over-absorbed, negative under-absorbed.</summary>
    public double Variance => Math.Round(Absorbed - WindowCost, 2);

    /// <summary>The run warning naming the pool, absorbed against its cost and which way; null when they agree to the cent.</summary>
    public string? Warning() => Variance == 0 ? null
        : $"cost_pool_rate_variance: pool '{Activity}' (driver {Driver}) is charged at its configured rate (costs.activity_rates: "
            + $"{Rate.ToString("0.######", CultureInfo.InvariantCulture)} a unit of {Driver}), so customers absorb {Money(Absorbed)} for the window "
            + $"against the pool's {Money(WindowCost)} ({Money(AnnualCost)} a year): {Money(Math.Abs(Variance))} "
            + (Variance < 0 ? "under-absorbed, by which Σ cost_to_serve falls short of the pools." : "over-absorbed, by which Σ cost_to_serve exceeds the pools.");

    private static string Money(double value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
