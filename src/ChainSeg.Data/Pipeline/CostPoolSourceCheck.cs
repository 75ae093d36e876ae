using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Pipeline;

/// <summary>
/// <c>chainseg validate</c>'s check of the <c>costs:</c> settings keyed by cost pool (<c>activity_rates</c>,
/// <c>time_equations</c>) against a cost_pools source, which a run makes only after ingesting and measuring.
/// </summary>
internal static class CostPoolSourceCheck
{
    /// <summary>
    /// Refuses a <c>costs:</c> setting naming an activity <paramref name="source"/> does not hold, as a run would; returns
    /// the run's cost_pool_driver_ignored warnings for the time-driven pools.
    /// </summary>
    /// <exception cref="ConfigurationException">A configured activity is not a pool of the source; the message names the nearest.</exception>
    public static IReadOnlyList<string> Check(CostsConfig costs, ResolvedSource source)
    {
        if (costs.ActivityRates.Count == 0 && costs.TimeEquations.Count == 0)
            return [];
        var rows = Read(source);
        RequirePools(costs, rows);
        return [.. rows.Where(r => r.Driver is not null && costs.TimeEquations.ContainsKey(r.Activity))
            .Select(r => TimeDrivenPools.IgnoredDriver(r.Activity, r.Driver!, costs.TimeEquations[r.Activity].Minutes.Keys)).OfType<string>()];
    }

    /// <summary>
    /// <c>chainseg run</c>'s and <c>validate</c>'s check, before ingesting: a misspelt time-driven pool is no time-driven one,
    /// so ingestion would quarantine its row if its driver is empty, and the pools accepted then lack the one meant.
    /// </summary>
    /// <exception cref="ConfigurationException">A configured activity is not a pool of the cost_pools source, or there is no such source; the message names the fix.</exception>
    public static void RequirePools(CostsConfig costs, IReadOnlyList<ResolvedSource> sources)
    {
        if (costs.ActivityRates.Count == 0 && costs.TimeEquations.Count == 0)
            return;
        // Without a cost_pools source every pool a setting names is missing: said now, not after ingesting every export.
        RequirePools(costs, sources.FirstOrDefault(s => s.Table.Name == "cost_pools") is { } source ? Read(source) : []);
    }

    /// <summary>
    /// <c>chainseg run</c>'s check after ingesting, and validate's on its whole read of cost_pools: a pool a setting names
    /// whose cost_pools row was quarantined is in the export, so the check by the pools accepted, which says it is no
    /// activity of cost_pools, would mislead.
    /// </summary>
    /// <param name="connection">The connection holding the ingested cost_pools and its quarantine.</param>
    /// <param name="runSchema">The schema they were ingested into.</param>
    /// <param name="costs">The <c>costs:</c> settings.</param>
    /// <param name="sources">The resolved sources.</param>
    /// <exception cref="ConfigurationException">A configured pool's row was quarantined; the message names the row, its reason, its value and the fix.</exception>
    public static void RequireAccepted(DuckDBConnection connection, string runSchema, CostsConfig costs, IReadOnlyList<ResolvedSource> sources)
    {
        var settings = costs.ActivityRates.Keys.Select(k => (Activity: k, Setting: "costs.activity_rates"))
            .Concat(costs.TimeEquations.Keys.Select(k => (Activity: k, Setting: "costs.time_equations"))).ToList();
        if (settings.Count == 0 || sources.FirstOrDefault(s => s.Table.Name == "cost_pools") is not { } source || !source.IsMapped("activity"))
            return;
        // Named by its value as written, not by quarantine/cost_pools.csv: a run refused here publishes no quarantine file.
        if (QuarantinedPool.Of(connection, runSchema, source).Where(p => settings.Any(s => s.Activity == p.Activity))
                .OrderBy(p => p.Activity, StringComparer.Ordinal).ThenBy(p => p.Row).FirstOrDefault() is { } pool)
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{settings.First(p => p.Activity == pool.Activity).Setting}: the cost_pools row of '{pool.Activity}' (row {pool.Row}) was quarantined as {pool.Reason}{pool.AsWritten}, ")
                + "so the pool has no cost to price; correct the row in the export.");
    }

    private static void RequirePools(CostsConfig costs, List<(string Activity, string? Driver)> rows)
    {
        var pools = rows.Select(r => r.Activity).Distinct(StringComparer.Ordinal).ToList();
        ActivityRates.RequirePools(pools, costs.ActivityRates.Keys);
        TimeDrivenPools.RequirePools(pools, costs.TimeEquations.Keys);
    }

    // Every row, not validate's sample: a pool named in the settings may lie past it, and a cost_pools export is a few
    // dozen rows. Read by the run's loader (file, delimiter, encoding, header line), activity and driver as ingestion
    // keeps them (trimmed; a driver in lower case), with no other column parsed.
    private static List<(string Activity, string? Driver)> Read(ResolvedSource source)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var raw = new RawLoader(connection, new StagingArea(connection, "pools_stage_")).Load(source);
        string Text(string column) => TrimmedText.Sql(Sql.Id(source.Columns[column]));
        // A row without an activity is no pool (the run quarantines it); the raw column may itself be named activity.
        return connection.Query($"SELECT * FROM (SELECT {Text("activity")} AS a, lower({Text("driver")}) AS d FROM {raw.Name}) WHERE a IS NOT NULL ORDER BY a",
            r => (r.GetString(0), r.IsDBNull(1) ? null : r.GetString(1)));
    }
}
