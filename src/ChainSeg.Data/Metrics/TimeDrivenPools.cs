using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// Cost pools priced by time-driven ABC (<c>costs.time_equations</c>, DEFINITIONS.md cost-to-serve): such a pool charges each
/// customer its minutes (Σ minutes per driver unit × its volume) × the capacity cost rate, the pool's annual cost ÷ its
/// practical capacity in minutes a year, instead of the pool's cost ÷ every customer's volume of one driver.
/// </summary>
internal static class TimeDrivenPools
{
    /// <summary>The time equations <c>costs.time_equations</c> configures, practical capacity resolved; empty without any.</summary>
    /// <exception cref="ConfigurationException">A capacity is missing, twice given or ≤ 0, a share outside (0, 1], a driver unknown, minutes negative or none, or a pool also has an activity rate.</exception>
    public static IReadOnlyDictionary<string, TimeEquation> From(CostsConfig costs)
    {
        var equations = new Dictionary<string, TimeEquation>(StringComparer.Ordinal);
        foreach (var (activity, config) in costs.TimeEquations.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var key = $"costs.time_equations.{activity}";
            // Two prices for one pool: which one cost_to_serve charged would depend on the order of two CASEs.
            if (costs.ActivityRates.ContainsKey(activity))
                throw new ConfigurationException($"costs: '{activity}' has both an activity rate and a time equation; keep one (costs.activity_rates or costs.time_equations).");
            equations[activity] = new TimeEquation(Capacity(config, key), Minutes(config, key));
        }
        return equations;
    }

    private static double Capacity(TimeEquationConfig config, string key)
    {
        if (config.PracticalCapacityMinutes is not null && config.TheoreticalCapacityMinutes is not null)
            throw new ConfigurationException($"{key} sets both practical_capacity_minutes and theoretical_capacity_minutes; keep one.");
        if (config.PracticalCapacityMinutes is { } practical)
            return Positive(practical, $"{key}.practical_capacity_minutes");
        if (config.TheoreticalCapacityMinutes is not { } theoretical)
            throw new ConfigurationException($"{key} needs practical_capacity_minutes (or theoretical_capacity_minutes and practical_share, 0.8 by default): the minutes a year the activity can work.");
        // Kaplan & Anderson: breaks, training and meetings leave 80–85 % of the paid minutes to work; a share above 1 is more than paid.
        return Positive(theoretical, $"{key}.theoretical_capacity_minutes") * PracticalShare(config.PracticalShare, $"{key}.practical_share");
    }

    // The project's share wording reads any value up to 100 as a percent, so 1.2 was "such as 0.012 for 1.2 %"; a capacity
    // share of a few percent is no plausible reading: 1.2 is 120 %, more than paid. A percent reading from 10 % up only.
    private static double PracticalShare(double share, string setting) =>
        ValueRange.PositiveUnit.Contains(share) ? share
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{setting} must be {ShareSetting.Words(ValueRange.PositiveUnit)} (the share of theoretical capacity people and equipment can work, "
                + $"{ShareSetting.Example(share >= 10 ? share : 80, 80)}); got {share}."));

    // A capacity of 0 makes the rate cost ÷ 0; a negative one pays customers for their time.
    private static double Positive(double minutes, string setting) =>
        double.IsFinite(minutes) && minutes > 0 ? minutes
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{setting} must be > 0 (the minutes a year the activity's people and equipment can work); got {minutes}."));

    private static Dictionary<string, double> Minutes(TimeEquationConfig config, string key)
    {
        if (config.Minutes.Count == 0)
            throw new ConfigurationException($"{key}.minutes is empty; write the minutes per unit of each driver, e.g. {{ orders: 8, complaints: 44 }}.");
        foreach (var (driver, minutes) in config.Minutes)
        {
            if (!CanonicalSchema.CostDrivers.Contains(driver, StringComparer.Ordinal))
                throw new ConfigurationException($"{key}.minutes: '{driver}' is not a cost driver{MetricNameSuggestion.Hint(driver, CanonicalSchema.CostDrivers)}; "
                    + $"use one of {string.Join(", ", CanonicalSchema.CostDrivers)}.");
            if (!(double.IsFinite(minutes) && minutes >= 0))
                throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                    $"{key}.minutes.{driver} must be a number ≥ 0 (minutes per unit of the driver, e.g. 8 an order); got {minutes}."));
        }
        return new Dictionary<string, double>(config.Minutes, StringComparer.Ordinal);
    }

    private static readonly CostPoolSetting Setting = new("costs.time_equations", "prices", "a time equation prices a pool's capacity", "equation");

    /// <summary>Refuses a time equation for an activity cost_pools does not hold: the pool gives the equation its cost.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not a cost pool of the run.</exception>
    public static void RequirePools(DuckDBConnection connection, string schema, IReadOnlyDictionary<string, TimeEquation> equations) =>
        Setting.RequirePools(connection, schema, equations.Keys);

    /// <summary>Refuses a time equation for an activity not among <paramref name="pools"/> (chainseg validate, before any run).</summary>
    /// <exception cref="ConfigurationException">A configured activity is not one of the pools.</exception>
    public static void RequirePools(IReadOnlyList<string> pools, IEnumerable<string> activities) => Setting.RequirePools(pools, activities);

    /// <summary>The cost_pools rows that may leave their driver empty: those of the pools a time equation prices, which it replaces.</summary>
    public static ColumnReplaced DriversReplaced(CostsConfig costs) => new("cost_pools", "driver", "activity", costs.TimeEquations.Keys.ToList());

    /// <summary>cost_pool_driver_ignored for each time-driven pool of the run whose cost_pools driver its equation does not use.</summary>
    public static IEnumerable<string> IgnoredDrivers(DuckDBConnection connection, string runSchema, IReadOnlyDictionary<string, TimeEquation> equations) =>
        equations.Count == 0 ? []
            : connection.Query($"SELECT activity, driver FROM {Sql.Id(runSchema)}.cost_pools WHERE driver IS NOT NULL ORDER BY activity", r => (r.GetString(0), r.GetString(1)))
                .Where(p => equations.ContainsKey(p.Item1))
                .Select(p => IgnoredDriver(p.Item1, p.Item2, equations[p.Item1].Minutes.Keys)).OfType<string>().ToList();

    /// <summary>
    /// The cost_pool_driver_ignored warning when cost_pools gives time-driven pool <paramref name="activity"/> a driver
    /// its equation's minutes (<paramref name="timed"/>) do not use; null when they use it.
    /// </summary>
    public static string? IgnoredDriver(string activity, string driver, IEnumerable<string> timed)
    {
        // The driver a time equation uses is redundant but true; another one reads as if the pool were charged by it.
        // One that is no cost driver cannot be added to the minutes.
        var drivers = timed.Order(StringComparer.Ordinal).ToList();
        var costDriver = CanonicalSchema.CostDrivers.Contains(driver, StringComparer.Ordinal);
        return drivers.Contains(driver, StringComparer.Ordinal) ? null
            : $"cost_pool_driver_ignored: cost_pools gives pool '{activity}' the driver {driver}, which {(costDriver ? "its time equation does not use" : "is no cost driver")} "
                + $"(costs.time_equations.{activity}.minutes: {string.Join(", ", drivers)}); the pool is charged by its minutes, so leave the driver empty"
                + (costDriver ? $", or add {driver} to the minutes if it takes time." : ".");
    }

    /// <summary>
    /// <paramref name="other"/> (SQL over cost_pools <c>p</c>) for a pool without a time equation, and for one with,
    /// <paramref name="timed"/> of its equation: a CASE on the activity, no join.
    /// </summary>
    public static string Overriding(IReadOnlyDictionary<string, TimeEquation> equations, string other, Func<TimeEquation, string> timed) =>
        CostPoolSetting.ByActivity(equations, other, timed);

    /// <summary>The minutes of <paramref name="equation"/> over the driver columns of <paramref name="alias"/>: Σ minutes per unit × volume.</summary>
    public static string MinutesOf(TimeEquation equation, string alias) =>
        "(" + string.Join(" + ", equation.Minutes.OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{Literal(m.Value)} * {alias}.{m.Key}")) + ")";

    /// <summary>The capacity cost rate a minute of pool <c>p</c> under <paramref name="equation"/>: its annual cost ÷ its minutes a year.</summary>
    public static string RateOf(TimeEquation equation) => $"p.annual_cost / {Literal(equation.PracticalCapacityMinutes)}";

    // A DOUBLE from its round-trip text: a bare decimal literal is a DECIMAL, whose conversion may miss the last bit.
    private static string Literal(double value) => $"CAST('{Sql.Num(value)}' AS DOUBLE)";
}
