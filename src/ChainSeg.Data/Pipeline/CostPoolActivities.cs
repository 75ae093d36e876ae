using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Pipeline;

/// <summary>
/// The activities of a cost_pools source, for <c>chainseg validate</c>'s check of the <c>costs:</c> settings keyed by pool
/// (<c>activity_rates</c>, <c>time_equations</c>), which a run makes only after ingesting and measuring.
/// </summary>
internal static class CostPoolActivities
{
    /// <summary>Refuses a <c>costs:</c> setting naming an activity <paramref name="source"/> does not hold, as a run would.</summary>
    /// <exception cref="ConfigurationException">A configured activity is not a pool of the source; the message names the nearest.</exception>
    public static void RequirePools(CostsConfig costs, ResolvedSource source)
    {
        if (costs.ActivityRates.Count == 0 && costs.TimeEquations.Count == 0)
            return;
        var pools = Read(source);
        ActivityRates.RequirePools(pools, costs.ActivityRates.Keys);
        TimeDrivenPools.RequirePools(pools, costs.TimeEquations.Keys);
    }

    // Every row, not validate's sample: a pool named in the settings may lie past it, and a cost_pools export is a few
    // dozen rows. Read by the run's loader (file, delimiter, encoding, header line), trimmed as ingestion trims an activity,
    // with no other column parsed.
    private static List<string> Read(ResolvedSource source)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var raw = new RawLoader(connection, new StagingArea(connection, "pools_stage_")).Load(source);
        var activity = TrimmedText.Sql(Sql.Id(source.Columns["activity"]));
        return connection.Query($"SELECT DISTINCT {activity} AS activity FROM {raw.Name} WHERE activity IS NOT NULL ORDER BY activity", r => r.GetString(0));
    }
}
