using System.Globalization;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// A time-driven pool's capacity for the window (DEFINITIONS.md cost-to-serve): what was supplied, what the customers' time
/// equations used, and the unused rest, which is reported on its own and never spread over customers.
/// </summary>
/// <param name="Activity">The pool's activity (cost_pools.activity).</param>
/// <param name="WindowCost">The cost of the capacity supplied for the window: annual cost × the years charged.</param>
/// <param name="PracticalMinutes">Practical capacity for the window: minutes a year × the years charged.</param>
/// <param name="UsedMinutes">Σ the customers' minutes.</param>
public sealed record PoolCapacity(string Activity, double WindowCost, double PracticalMinutes, double UsedMinutes)
{
    /// <summary>Capacity cost rate: the cost of capacity supplied ÷ practical capacity, a cost per minute.</summary>
    public double RatePerMinute => WindowCost / PracticalMinutes;

    /// <summary>What the customers' minutes cost at the rate: Σ their cost of the pool.</summary>
    public double UsedCost => UsedMinutes * RatePerMinute;

    /// <summary>Practical − used minutes; negative when the customers used more than was supplied.</summary>
    public double UnusedMinutes => PracticalMinutes - UsedMinutes;

    /// <summary>Unused capacity: (practical − used) × rate, the pool's cost no customer carries.</summary>
    public double UnusedCost => UnusedMinutes * RatePerMinute;

    /// <summary>The figures run_summary.json lists under unused_capacity: money and minutes to the cent, used minutes to 1e-6, the rate to 12 significant digits.</summary>
    public object Summary() => new
    {
        activity = Activity,
        window_cost = Math.Round(WindowCost, 2),
        practical_minutes = Math.Round(PracticalMinutes, 2),
        used_minutes = Math.Round(UsedMinutes, 6),
        unused_minutes = Math.Round(UnusedMinutes, 2),
        // As cost_to_serve.csv writes it, so used minutes × rate gives used_cost: to 6 decimals, 0.0584355 read 0.058436.
        rate_per_minute = double.Parse(RatePerMinute.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        used_cost = Math.Round(UsedCost, 2),
        unused_cost = Math.Round(UnusedCost, 2),
    };

    /// <summary>The capacity_overrun warning when the customers used more than the practical capacity; null otherwise.</summary>
    public string? Warning() => UsedMinutes <= PracticalMinutes ? null
        : string.Create(CultureInfo.InvariantCulture,
            $"capacity_overrun: pool '{Activity}' used {UsedMinutes:N0} minutes against a practical capacity of {PracticalMinutes:N0} for the window, {(UsedMinutes / PracticalMinutes - 1) * 100:F1} % over, ")
            + $"so its customers carry more than the pool's cost; raise costs.time_equations.{Activity}'s capacity or check its minutes.";
}
