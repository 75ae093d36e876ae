using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Where a run keeps its intermediate tables: DuckDB temporary tables (memory first, spilling to the temp folder),
/// so staging never costs a compressed write into the store file and vanishes with the connection.
/// </summary>
public sealed class StagingArea(DuckDBConnection connection, string prefix)
{
    /// <summary>Qualified name of a staging table.</summary>
    public string Table(string name) => $"temp.main.{Sql.Id(prefix + name)}";

    /// <summary>Unqualified name of a staging table (for the appender).</summary>
    public string Name(string name) => prefix + name;

    /// <summary>Drops every staging table of this area.</summary>
    public void Clear()
    {
        var tables = connection.Query(
            $"SELECT table_name FROM duckdb_tables() WHERE temporary AND starts_with(table_name, {Sql.Str(prefix)})", r => r.GetString(0));
        foreach (var table in tables)
            connection.Execute($"DROP TABLE IF EXISTS temp.main.{Sql.Id(table)}");
    }
}
