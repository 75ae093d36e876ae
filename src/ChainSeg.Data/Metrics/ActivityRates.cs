using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// Standard rates per driver unit finance sets for cost pools (<c>costs.activity_rates</c>, by cost_pools activity): such a
/// pool charges each customer rate × its driver volume instead of the pool's cost for the window ÷ every customer's volume.
/// </summary>
internal static class ActivityRates
{
    /// <summary>Refuses a rate for an activity cost_pools does not hold: the pool gives the rate its driver.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not a cost pool of the run.</exception>
    public static void RequirePools(DuckDBConnection connection, string schema, IReadOnlyDictionary<string, double> rates)
    {
        if (rates.Count == 0)
            return;
        var pools = connection.Query($"SELECT activity FROM {schema}.cost_pools ORDER BY activity", r => r.GetString(0)).ToList();
        foreach (var activity in rates.Keys.Order(StringComparer.Ordinal).Where(a => !pools.Contains(a, StringComparer.Ordinal)))
            throw new ConfigurationException(pools.Count == 0
                ? $"costs.activity_rates sets a rate for '{activity}', but the run has no cost_pools; a rate overrides a pool's and charges by its driver, "
                    + "so add the pool to cost_pools (activity, driver, annual_cost) or remove the rate."
                : $"costs.activity_rates: '{activity}' is not an activity in cost_pools{MetricNameSuggestion.Hint(activity, pools)}; its activities: {string.Join(", ", pools)}. "
                    + "A rate overrides a pool's and charges by its driver, so fix the name or add the pool to cost_pools.");
    }

    /// <summary>
    /// <paramref name="average"/> (SQL over cost_pools <c>p</c>) for a pool without a configured rate, and
    /// <paramref name="charge"/> of the rate's literal for one with: a CASE on the activity, no join.
    /// </summary>
    public static string Overriding(IReadOnlyDictionary<string, double> rates, string average, Func<string, string> charge) =>
        rates.Count == 0 ? average
            : $"CASE p.activity {string.Concat(rates.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => $"WHEN {Sql.Str(r.Key)} THEN {charge($"CAST('{Sql.Num(r.Value)}' AS DOUBLE)")} "))}ELSE {average} END";
}
