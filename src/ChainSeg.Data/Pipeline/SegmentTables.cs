using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Pipeline;

/// <summary>
/// The segment aggregates a run stores once as tables of its schema (segment_summary, segment_pnl, segment_cost_to_serve),
/// so their CSV files, chainseg.xlsx's sheets and the console read the same rows: each re-ran its own aggregate before.
/// </summary>
internal static class SegmentTables
{
    /// <summary>The output files whose rows are stored, each in a table named as the file without .csv.</summary>
    public static IReadOnlyList<string> Files { get; } = ["segment_summary.csv", "segment_pnl.csv", "segment_cost_to_serve.csv"];

    /// <summary>
    /// Stores the queries of <see cref="Files"/> among <paramref name="queries"/> as tables of the run schema, each ending
    /// with a <c>currency</c> column when <paramref name="currency"/> names the reporting currency; returns the list with those reading their table.
    /// </summary>
    public static IReadOnlyList<(string File, string Query)> Store(DuckDBConnection connection, string runSchema, IEnumerable<(string File, string Query)> queries,
        string? currency = null) =>
        queries.Select(q => Files.Contains(q.File) ? (q.File, Store(connection, runSchema, q.File, q.Query, currency)) : q).ToList();

    /// <summary>metric_definitions.csv's rows for the <c>currency</c> column each stored file ends with under <paramref name="currency"/>; none without it.</summary>
    public static IEnumerable<MetricDefinition> CurrencyDefinitions(string? currency) => currency is null ? []
        : Files.Select(f => new MetricDefinition($"{Path.GetFileNameWithoutExtension(f)}.currency", "currency.reporting",
            $"{currency}, the reporting currency (currency: in chainseg.yaml) every amount of the row is in, as the exports wrote it: ChainSeg converts nothing"));

    private static string Store(DuckDBConnection connection, string runSchema, string file, string query, string? currency)
    {
        var table = $"{Sql.Id(runSchema)}.{Sql.Id(Path.GetFileNameWithoutExtension(file))}";
        connection.Execute($"CREATE TABLE {table} AS {query}");
        // Last, so the columns before keep the order and names a run without currency: writes (and readers pin).
        if (currency is not null)
            connection.Execute($"ALTER TABLE {table} ADD COLUMN currency VARCHAR DEFAULT {Sql.Str(currency)}");
        // Read back in the query's order: the store keeps insertion order (ChainSegStore sets preserve_insertion_order).
        return $"SELECT * FROM {table}";
    }
}
