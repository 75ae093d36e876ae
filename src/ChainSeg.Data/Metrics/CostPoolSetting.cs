using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>
/// A <c>costs:</c> setting keyed by cost_pools activity that prices those pools another way (<c>activity_rates</c>,
/// <c>time_equations</c>): the check that each names a pool of the run, and the SQL that prices a pool by its setting.
/// </summary>
/// <param name="Setting">The setting's key, e.g. costs.activity_rates.</param>
/// <param name="Names">What the setting does for a pool, before its quoted name: "sets a rate for".</param>
/// <param name="Role">Why it needs the pool: "a rate overrides a pool's and charges by its driver".</param>
/// <param name="Item">What to remove instead of adding the pool: "rate".</param>
internal sealed record CostPoolSetting(string Setting, string Names, string Role, string Item)
{
    /// <summary>Refuses a setting for an activity cost_pools does not hold.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not a cost pool of the run.</exception>
    public void RequirePools(DuckDBConnection connection, string schema, IEnumerable<string> activities)
    {
        if (activities.Any())
            RequirePools(connection.Query($"SELECT activity FROM {schema}.cost_pools ORDER BY activity", r => r.GetString(0)), activities);
    }

    /// <summary>Refuses a setting for an activity not among <paramref name="pools"/>, the cost pools' activities in order.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not one of the pools.</exception>
    public void RequirePools(IReadOnlyList<string> pools, IEnumerable<string> activities)
    {
        foreach (var activity in activities.Order(StringComparer.Ordinal).Where(a => !pools.Contains(a, StringComparer.Ordinal)))
            throw new ConfigurationException(pools.Count == 0
                ? $"{Setting} {Names} '{activity}', but the run has no cost_pools; {Role}, so add the pool to cost_pools (activity, driver, annual_cost) or remove the {Item}."
                : $"{Setting}: '{activity}' is not an activity in cost_pools{MetricNameSuggestion.Hint(activity, pools)}; its activities: {string.Join(", ", pools)}. "
                    + $"{char.ToUpperInvariant(Role[0])}{Role[1..]}, so fix the name or add the pool to cost_pools.");
    }

    /// <summary>
    /// <paramref name="other"/> (SQL over cost_pools <c>p</c>) for a pool without a setting, and <paramref name="priced"/> of
    /// its setting for one with: a CASE on the activity, no join.
    /// </summary>
    public static string ByActivity<T>(IReadOnlyDictionary<string, T> settings, string other, Func<T, string> priced) =>
        settings.Count == 0 ? other
            : $"CASE p.activity {string.Concat(settings.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"WHEN {Sql.Str(s.Key)} THEN {priced(s.Value)} "))}ELSE {other} END";
}
