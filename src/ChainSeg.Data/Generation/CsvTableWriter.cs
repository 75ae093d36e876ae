using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Generation;

/// <summary>
/// Streams one CSV table: UTF-8 without BOM, LF line ends, invariant culture, RFC 4180 quoting only
/// where a field needs it. Written by hand rather than with CsvHelper because tens of millions of rows
/// must be formatted without a per-field allocation, and because dirty rows need a wrong field count on purpose.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    /// <summary>Value of the surplus field a malformed row carries.</summary>
    public const string UnexpectedField = "see remarks";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StreamWriter writer;
    private bool atRowStart = true;

    public CsvTableWriter(string path, string table, IReadOnlyList<string> header)
    {
        Table = table;
        writer = new StreamWriter(path, append: false, Utf8WithoutBom, bufferSize: 1 << 16);
        foreach (var column in header)
        {
            Write(column);
        }

        writer.Write('\n');
        atRowStart = true;
    }

    /// <summary>Canonical table name (file name without extension).</summary>
    public string Table { get; }

    /// <summary>Data rows completed so far (header excluded).</summary>
    public long Rows { get; private set; }

    /// <summary>1-based number of the data row being written now.</summary>
    public long NextRow => Rows + 1;

    public void Write(string? value)
    {
        Separate();
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void Write(long value) => WriteFormatted(value, default);

    public void Write(decimal value) => WriteFormatted(value, "0.00");

    public void Write(double value, string format) => WriteFormatted(value, format);

    public void Write(DateOnly value) => WriteFormatted(value, "yyyy-MM-dd");

    public void Write(DateTime value) => WriteFormatted(value, "yyyy-MM-dd HH:mm:ss");

    /// <summary>Prefix and zero-padded number, e.g. <c>SO-0000001</c>, without building a string.</summary>
    public void Write(string prefix, long number, int digits)
    {
        Separate();
        Span<char> buffer = stackalloc char[32];
        prefix.AsSpan().CopyTo(buffer);
        number.TryFormat(buffer[prefix.Length..], out var written, DigitsFormat(digits), CultureInfo.InvariantCulture);
        writer.Write(buffer[..(prefix.Length + written)]);
    }

    /// <summary>Ends the current row and returns its 1-based data row number.</summary>
    public long EndRow()
    {
        writer.Write('\n');
        atRowStart = true;
        return ++Rows;
    }

    public void Dispose() => writer.Dispose();

    private void WriteFormatted<T>(T value, ReadOnlySpan<char> format)
        where T : ISpanFormattable
    {
        Separate();
        Span<char> buffer = stackalloc char[64];
        if (!value.TryFormat(buffer, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Value {value} does not fit the CSV field buffer.");
        }

        writer.Write(buffer[..written]);
    }

    private void Separate()
    {
        if (!atRowStart)
        {
            writer.Write(',');
        }

        atRowStart = false;
    }

    private static string DigitsFormat(int digits) => digits switch
    {
        5 => "D5",
        7 => "D7",
        8 => "D8",
        _ => "D" + digits.ToString(CultureInfo.InvariantCulture),
    };
}
