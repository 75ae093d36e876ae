using System.Buffers;
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
    private static readonly SearchValues<char> NeedQuoting = SearchValues.Create(",\"\r\n");
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

        if (value.AsSpan().IndexOfAny(NeedQuoting) < 0)
        {
            writer.Write(value);
            return;
        }

        writer.Write('"');
        writer.Write(value.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public void Write(long value) => WriteFormatted(value, default);

    /// <summary>Money held as whole cents, written with exactly two decimals, e.g. <c>-1234.50</c>.</summary>
    public void WriteCents(long cents)
    {
        Separate();
        Span<char> buffer = stackalloc char[24];
        var length = 0;
        if (cents < 0)
        {
            buffer[length++] = '-';
            cents = -cents;
        }

        (cents / 100).TryFormat(buffer[length..], out var written, default, CultureInfo.InvariantCulture);
        length += written;
        buffer[length++] = '.';
        Digits(buffer.Slice(length, 2), cents % 100);
        writer.Write(buffer[..(length + 2)]);
    }

    public void Write(double value, string format) => WriteFormatted(value, format);

    /// <summary>ISO date <c>yyyy-MM-dd</c>, formatted by hand: the generic formatter is the hot spot at 10 M rows.</summary>
    public void Write(DateOnly value)
    {
        Separate();
        Span<char> buffer = stackalloc char[10];
        FormatDate(buffer, value.Year, value.Month, value.Day);
        writer.Write(buffer);
    }

    /// <summary>Timestamp <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public void Write(DateTime value)
    {
        Separate();
        Span<char> buffer = stackalloc char[19];
        FormatDate(buffer, value.Year, value.Month, value.Day);
        buffer[10] = ' ';
        Digits(buffer.Slice(11, 2), value.Hour);
        buffer[13] = ':';
        Digits(buffer.Slice(14, 2), value.Minute);
        buffer[16] = ':';
        Digits(buffer.Slice(17, 2), value.Second);
        writer.Write(buffer);
    }

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

    private static void FormatDate(Span<char> buffer, int year, int month, int day)
    {
        Digits(buffer[..4], year);
        buffer[4] = '-';
        Digits(buffer.Slice(5, 2), month);
        buffer[7] = '-';
        Digits(buffer.Slice(8, 2), day);
    }

    // Zero-padded decimal digits filling the whole span.
    private static void Digits(Span<char> target, long value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + (value % 10));
            value /= 10;
        }
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
