using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// Standard rates per driver unit finance sets for cost pools (<c>costs.activity_rates</c>, by cost_pools activity): such a
/// pool charges each customer rate × its driver volume instead of the pool's cost for the window ÷ every customer's volume.
/// </summary>
internal static class ActivityRates
{
    private static readonly CostPoolSetting Setting = new("costs.activity_rates", "sets a rate for", "a rate overrides a pool's and charges by its driver", "rate");

    /// <summary>Refuses a rate for an activity cost_pools does not hold: the pool gives the rate its driver.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not a cost pool of the run.</exception>
    public static void RequirePools(DuckDBConnection connection, string schema, IReadOnlyDictionary<string, double> rates) =>
        Setting.RequirePools(connection, schema, rates.Keys);

    /// <summary>Refuses a rate for an activity not among <paramref name="pools"/> (chainseg validate, before any run).</summary>
    /// <exception cref="ConfigurationException">A configured activity is not one of the pools.</exception>
    public static void RequirePools(IReadOnlyList<string> pools, IEnumerable<string> activities) => Setting.RequirePools(pools, activities);

    /// <summary>
    /// <paramref name="average"/> (SQL over cost_pools <c>p</c>) for a pool without a configured rate, and
    /// <paramref name="charge"/> of the rate's literal for one with: a CASE on the activity, no join.
    /// </summary>
    public static string Overriding(IReadOnlyDictionary<string, double> rates, string average, Func<string, string> charge) =>
        CostPoolSetting.ByActivity(rates, average, rate => charge($"CAST('{Sql.Num(rate)}' AS DOUBLE)"));
}
