using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>Parquet exports, read by DuckDB's built-in reader.</summary>
public static class ParquetSource
{
    /// <summary>Column names of a Parquet file.</summary>
    public static List<string> ReadHeaders(string file)
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name FROM parquet_schema({Sql.Str(file)}) WHERE num_children IS NULL OR num_children = 0";
        var names = new List<string>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                names.Add(reader.GetString(0));
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException(e.Message.Split('\n')[0]);
        }
        return SourceResolver.DeduplicateHeaders(names);
    }

    /// <summary>The SELECT that yields the file's columns as text, in header order.</summary>
    /// <remarks>By position, not by name: a header numbered apart (<c>rowid_2</c>, see <see cref="SourceResolver.DeduplicateHeaders"/>) is not the file's name for it.</remarks>
    public static string SelectAsText(string file) => $"SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet({Sql.Str(file)})";
}
