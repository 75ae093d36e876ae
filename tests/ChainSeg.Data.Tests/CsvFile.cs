using System.IO.Compression;
using System.Text;

namespace ChainSeg.Data.Tests;

/// <summary>A minimal RFC-4180 reader for tests: an independent path from the product's DuckDB reader.</summary>
public static class CsvFile
{
    public static List<Dictionary<string, string>> ReadRecords(string path)
    {
        var rows = ReadRows(path);
        var header = rows[0];
        return rows.Skip(1).Select(r => header.Select((h, i) => (h, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.h, x => x.v)).ToList();
    }

    public static List<List<string>> ReadRows(string path)
    {
        using var stream = System.IO.File.OpenRead(path);
        using var input = path.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : (Stream)stream;
        using var reader = new StreamReader(input, Encoding.UTF8);
        return Parse(reader).ToList();
    }

    private static IEnumerable<List<string>> Parse(TextReader reader)
    {
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        var any = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            var ch = (char)c;
            any = true;
            if (quoted)
            {
                if (ch != '"') field.Append(ch);
                else if (reader.Peek() == '"') field.Append((char)reader.Read());
                else quoted = false;
            }
            else if (ch == '"') quoted = true;
            else if (ch == ',') { row.Add(field.ToString()); field.Clear(); }
            else if (ch == '\r') { }
            else if (ch == '\n')
            {
                row.Add(field.ToString()); field.Clear();
                yield return row;
                row = [];
                any = false;
            }
            else field.Append(ch);
        }
        if (any)
        {
            row.Add(field.ToString());
            yield return row;
        }
    }
}
