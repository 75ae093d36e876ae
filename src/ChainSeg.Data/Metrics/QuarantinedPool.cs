using System.Globalization;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Metrics;

/// <summary>A cost_pools row ingestion quarantined whose pool no accepted row holds, so no customer's cost_to_serve carries it.</summary>
/// <param name="Row">Its row in the export (data rows numbered from 1).</param>
/// <param name="Activity">The pool's activity as written, or null when the row has none.</param>
/// <param name="Reason">The quarantine reason with its column, e.g. invalid_value:driver.</param>
/// <param name="Value">The value of that column as written, or null.</param>
public sealed record QuarantinedPool(long Row, string? Activity, string Reason, string? Value)
{
    /// <summary>The run warning: the row, why it was quarantined and the fix.</summary>
    public string Warning() =>
        $"cost_pool_quarantined: cost_pools row {Row.ToString(CultureInfo.InvariantCulture)} ({(Activity is null ? "no activity" : $"pool '{Activity}'")}) "
        + $"was quarantined as {Reason}{AsWritten}, so the pool is in no customer's cost_to_serve "
        + "and Σ cost_to_serve falls short of the pools by its cost; correct the row in the export (quarantine/cost_pools.csv lists it).";

    /// <summary>The offending value as a message quotes it after the reason, <c> ('-5')</c>, or nothing without one.</summary>
    public string AsWritten => Value is null ? "" : $" ('{Value}')";

    /// <summary>
    /// The quarantined rows of <paramref name="source"/> whose activity is no accepted pool: a duplicate of a pool still
    /// charged by its first row is left out.
    /// </summary>
    /// <param name="connection">The connection holding the ingested cost_pools and its quarantine.</param>
    /// <param name="runSchema">The schema they were ingested into.</param>
    /// <param name="source">The cost_pools source, whose mapping names the raw columns.</param>
    public static IReadOnlyList<QuarantinedPool> Of(DuckDBConnection connection, string runSchema, ResolvedSource source)
    {
        var s = Sql.Id(runSchema);
        var activity = source.IsMapped("activity") ? TrimmedText.Sql(Sql.Id(source.Columns["activity"])) : "NULL";
        // The offending value, read from the raw column its reason names (a malformed row has none).
        var value = source.Columns.Count == 0 ? "NULL"
            : "CAST(CASE _column " + string.Concat(source.Columns.Select(c => $"WHEN {Sql.Str(c.Key)} THEN {Sql.Id(c.Value)} ")) + "END AS VARCHAR)";
        return connection.Query($"""
            SELECT _source_row, a, _reason || coalesce(':' || _column, ''), v
            FROM (SELECT {activity} AS a, {value} AS v, * FROM {s}.quarantine_cost_pools)
            WHERE a IS NULL OR a NOT IN (SELECT activity FROM {s}.cost_pools)
            ORDER BY _source_file, _source_row
            """, r => new QuarantinedPool(Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), r.IsDBNull(1) ? null : r.GetString(1),
                r.GetString(2), r.IsDBNull(3) ? null : r.GetString(3))).ToList();
    }
}
