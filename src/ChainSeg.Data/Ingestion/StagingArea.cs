using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Where a run keeps its intermediate tables: DuckDB temporary tables (memory first, spilling to the temp folder),
/// so staging never costs a compressed write into the store file and vanishes with the connection; only tables too
/// large for memory go to a staging schema in the store file (<see cref="StoredTable"/>).
/// </summary>
public sealed class StagingArea(DuckDBConnection connection, string prefix)
{
    // The run's staging schema in the store file (run_…_stage), which a failed run's clean-up drops as well.
    private string StoredSchema => prefix.TrimEnd('_');

    /// <summary>Qualified name of a staging table.</summary>
    public string Table(string name) => $"temp.main.{Sql.Id(prefix + name)}";

    /// <summary>
    /// Qualified name of a staging table kept in the store file instead of memory, creating its schema. A table larger
    /// than the memory limit costs a compressed write there, but its pages can then be dropped from memory and read
    /// back without being written to the temp folder, where a temporary table of that size spills and slows every
    /// later statement of the load.
    /// </summary>
    public string StoredTable(string name)
    {
        connection.Execute($"CREATE SCHEMA IF NOT EXISTS {Sql.Id(StoredSchema)}");
        return $"{Sql.Id(StoredSchema)}.{Sql.Id(prefix + name)}";
    }

    /// <summary>Unqualified name of a staging table (for the appender).</summary>
    public string Name(string name) => prefix + name;

    /// <summary>Drops every staging table of this area.</summary>
    public void Clear()
    {
        var tables = connection.Query(
            $"SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, {Sql.Str(prefix)})", r => r.GetString(0));
        foreach (var table in tables)
            connection.Execute($"DROP TABLE IF EXISTS temp.main.{Sql.Id(table)}");
        connection.Execute($"DROP SCHEMA IF EXISTS {Sql.Id(StoredSchema)} CASCADE");
    }
}
