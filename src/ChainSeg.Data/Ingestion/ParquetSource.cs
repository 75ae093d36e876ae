using System.Globalization;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>Parquet exports, read by DuckDB's built-in reader.</summary>
public static class ParquetSource
{
    /// <summary>Column names of a Parquet file.</summary>
    public static List<string> ReadHeaders(string file)
    {
        RequireSignatures(file);
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, coalesce(num_children, 0) FROM parquet_schema({Sql.Str(file)})";
        var elements = new List<(string Name, long Children)>();
        try
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
                elements.Add((reader.GetString(0), reader.GetInt64(1)));
        }
        catch (DuckDBException e)
        {
            throw new InvalidDataException(IsUndecodable(e) ? Damaged : e.Message.Split('\n')[0]);
        }
        return SourceResolver.DeduplicateHeaders(TopLevelColumns(elements));
    }

    // The schema lists its elements depth first, the root first: a nested column (a struct, list or map) is one column of
    // the file, as SELECT * reads it, above its fields. Its fields were taken as the columns, so a struct of two fields
    // shifted every column after it and a list was named 'element'.
    private static List<string> TopLevelColumns(List<(string Name, long Children)> elements)
    {
        var names = new List<string>();
        var next = 1;
        while (next < elements.Count)
        {
            names.Add(elements[next].Name);
            for (var open = 1L; open > 0; next++)
                open += elements[next].Children - 1;
        }
        return names;
    }

    /// <summary>Why a Parquet file that opened could not be read, as the reason in a one-line message.</summary>
    internal const string Damaged = "it is damaged: its metadata or data cannot be decoded; export it as Parquet again";

    // A Parquet file begins and ends with "PAR1": DuckDB's "No magic bytes found at end of file" said neither that a CSV was
    // named .parquet nor that a copy was cut short.
    private static void RequireSignatures(string file)
    {
        Span<byte> mark = stackalloc byte[4];
        using var stream = File.OpenRead(file);
        if (stream.ReadAtLeast(mark, 4, throwOnEndOfStream: false) < 4 || !mark.SequenceEqual("PAR1"u8))
            throw new InvalidDataException("it does not begin as every Parquet file does (PAR1): a CSV or other file named .parquet? Name it for what it is (.csv, .xlsx), or export it as Parquet again");
        // The smallest Parquet file is its two marks around a footer and the footer's length.
        var whole = stream.Length >= 12;
        if (whole)
        {
            stream.Seek(-4, SeekOrigin.End);
            whole = stream.ReadAtLeast(mark, 4, throwOnEndOfStream: false) == 4 && mark.SequenceEqual("PAR1"u8);
        }
        if (!whole)
            throw new InvalidDataException("it does not end as every Parquet file does (PAR1), so it was cut short; copy or export it again");
    }

    // A damaged footer, page or compressed block has many words in DuckDB ("Invalid Input Error: … Snappy decompression
    // failure", "Invalid Error: Variable-length int over 10 bytes"); memory or a disk running out is no fault of the file.
    /// <summary>Whether a DuckDB error reading a Parquet file means the file cannot be decoded (rather than memory or the disk running out).</summary>
    internal static bool IsUndecodable(DuckDBException e) =>
        !e.Message.StartsWith("Out of Memory Error", StringComparison.Ordinal) && !e.Message.Contains("No space left on device", StringComparison.Ordinal);

    /// <summary>The SELECT that yields the file's columns as text, in header order, numbers with the decimal separator of <paramref name="culture"/>.</summary>
    /// <remarks>By position, not by name: a header numbered apart (<c>rowid_2</c>, see <see cref="SourceResolver.DeduplicateHeaders"/>) is not the file's name for it.</remarks>
    public static string SelectAsText(DuckDBConnection connection, string file, CultureInfo culture)
    {
        var read = $"read_parquet({Sql.Str(file)})";
        var decimals = culture.NumberFormat.NumberDecimalSeparator;
        var columns = connection.Query($"DESCRIBE SELECT * FROM {read}", r => (Name: r.GetString(0), Type: r.GetString(1)))
            .Select(c => c.Type switch
            {
                // A timestamp adjusted to UTC (pandas' and Spark's for a time-zone-aware one) is an instant, which DuckDB writes
                // as text in the session's time zone, the machine's: 23:30 UTC became the next day in Tokyo, 00:30 UTC the day
                // before in New York. It is written as its UTC time, the day the file holds, on every machine.
                "TIMESTAMP WITH TIME ZONE" => $"CAST(timezone('UTC', {Sql.Id(c.Name)}) AS VARCHAR)",
                // A typed number is no text in the source's culture: it is written with that culture's decimal separator so
                // that culture: (which says how numbers written as text look) reads it as it is. In invariant form, a DOUBLE
                // 1.234 was read as 1234 under de-DE and 1.5 was unparseable.
                _ when decimals != "." && (c.Type is "FLOAT" or "DOUBLE" || c.Type.StartsWith("DECIMAL", StringComparison.Ordinal))
                    => $"replace(CAST({Sql.Id(c.Name)} AS VARCHAR), '.', {Sql.Str(decimals)})",
                _ => $"CAST({Sql.Id(c.Name)} AS VARCHAR)",
            });
        return $"SELECT {string.Join(", ", columns)} FROM {read}";
    }
}
