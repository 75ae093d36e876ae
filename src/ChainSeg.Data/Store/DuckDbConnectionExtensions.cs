using System.Globalization;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Store;

/// <summary>Small conveniences for running SQL text on a DuckDB connection.</summary>
public static class DuckDbConnectionExtensions
{
    // CHAINSEG_SQL_TRACE=1 prints every statement's wall and process CPU time to stderr: the first place to look when a
    // stage is slow (on a shared machine the CPU time is the steadier figure).
    private static readonly bool Trace = Environment.GetEnvironmentVariable("CHAINSEG_SQL_TRACE") is "1" or "full";
    private static readonly bool FullTrace = Environment.GetEnvironmentVariable("CHAINSEG_SQL_TRACE") == "full";

    /// <summary>Whether <paramref name="schema"/> (unquoted) holds a table or view named <paramref name="table"/>.</summary>
    public static bool TableExists(this DuckDBConnection connection, string schema, string table) =>
        connection.ScalarLong($"SELECT count(*) FROM information_schema.tables WHERE table_schema = {Ingestion.Sql.Str(schema)} AND table_name = {Ingestion.Sql.Str(table)}") > 0;

    /// <summary>Runs a statement (or several separated by semicolons).</summary>
    public static void Execute(this DuckDBConnection connection, string sql)
    {
        var trace = StatementTrace.Start();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
        trace.End(sql);
    }

    // A statement's wall and process CPU clocks, read only when tracing is on.
    private readonly record struct StatementTrace(long Started, TimeSpan Cpu)
    {
        public static StatementTrace Start() => Trace ? new(System.Diagnostics.Stopwatch.GetTimestamp(), ProcessCpu()) : default;

        public void End(string sql)
        {
            if (Trace)
                Console.Error.WriteLine($"[sql {System.Diagnostics.Stopwatch.GetElapsedTime(Started).TotalSeconds:F3}s cpu {(ProcessCpu() - Cpu).TotalSeconds:F3}s] {(FullTrace ? sql : sql.ReplaceLineEndings(" ")[..Math.Min(sql.Length, 160)])}");
        }

        private static TimeSpan ProcessCpu()
        {
            using var process = System.Diagnostics.Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The first column of the first row as a 64-bit integer (0 when null).</summary>
    public static long ScalarLong(this DuckDBConnection connection, string sql) => ToLong(connection.Scalar(sql));

    /// <summary>A database integer (including HUGEINT sums) as a 64-bit integer; null is 0.</summary>
    public static long ToLong(object? value) => value switch
        {
            null or DBNull => 0,
            System.Numerics.BigInteger big => (long)big,   // sum() over BIGINT is HUGEINT
            _ => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        };

    /// <summary>The first column of the first row, or null.</summary>
    public static object? Scalar(this DuckDBConnection connection, string sql)
    {
        var trace = StatementTrace.Start();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = command.ExecuteScalar();
        trace.End(sql);
        return value is DBNull ? null : value;
    }

    /// <summary>Hands the query's reader to <paramref name="read"/> (which may stop early) and returns what it returns.</summary>
    public static T Read<T>(this DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> read)
    {
        var trace = StatementTrace.Start();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var result = read(reader);
        trace.End(sql);
        return result;
    }

    /// <summary>Reads every row through <paramref name="map"/>.</summary>
    public static List<T> Query<T>(this DuckDBConnection connection, string sql, Func<DuckDBDataReader, T> map)
    {
        var trace = StatementTrace.Start();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(map(reader));
        trace.End(sql);
        return rows;
    }
}
