using System.Buffers;
using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Generation;

/// <summary>
/// Streams one CSV table: UTF-8 without BOM, LF line ends, invariant culture, RFC 4180 quoting only
/// where a field needs it. Written by hand rather than with CsvHelper because tens of millions of rows
/// must be formatted without a per-field allocation, and because dirty rows need a wrong field count on
/// purpose. Each row is assembled in a buffer first, so <see cref="EndRow(int)"/> can drop or add a field.
/// </summary>
internal sealed class CsvTableWriter : IDisposable
{
    /// <summary>Value of the surplus field a malformed row carries.</summary>
    public const string UnexpectedField = "see remarks";

    private static readonly UTF8Encoding Utf8WithoutBom = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly SearchValues<char> NeedQuoting = SearchValues.Create(",\"\r\n");
    private readonly StreamWriter writer;
    private char[] row = new char[512];
    private int length;
    private int lastFieldStart;
    private int fields;

    public CsvTableWriter(string path, string table, IReadOnlyList<string> header)
    {
        Table = table;
        writer = new StreamWriter(path, append: false, Utf8WithoutBom, bufferSize: 1 << 16);
        foreach (var column in header)
        {
            Write(column);
        }

        Flush();
    }

    /// <summary>Canonical table name (file name without extension).</summary>
    public string Table { get; }

    /// <summary>Data rows completed so far (header excluded).</summary>
    public long Rows { get; private set; }

    /// <summary>1-based number of the data row being written now.</summary>
    public long NextRow => Rows + 1;

    public void Write(string? value)
    {
        var text = value.AsSpan();
        if (text.IndexOfAny(NeedQuoting) < 0)
        {
            text.CopyTo(Field(text.Length));
            return;
        }

        var quoted = '"' + value!.Replace("\"", "\"\"", StringComparison.Ordinal) + '"';
        quoted.AsSpan().CopyTo(Field(quoted.Length));
    }

    public void Write(long value)
    {
        var target = Field(20);
        value.TryFormat(target, out var written, default, CultureInfo.InvariantCulture);
        length -= target.Length - written;
    }

    public void Write(double value, string format)
    {
        var target = Field(32);
        if (!value.TryFormat(target, out var written, format, CultureInfo.InvariantCulture))
        {
            throw new InvalidOperationException($"Value {value} does not fit a CSV field.");
        }

        length -= target.Length - written;
    }

    /// <summary>Money held as whole cents, written with exactly two decimals, e.g. <c>-1234.50</c>.</summary>
    public void WriteCents(long cents)
    {
        var target = Field(24);
        var used = 0;
        if (cents < 0)
        {
            target[used++] = '-';
            cents = -cents;
        }

        (cents / 100).TryFormat(target[used..], out var written, default, CultureInfo.InvariantCulture);
        used += written;
        target[used++] = '.';
        Digits(target.Slice(used, 2), cents % 100);
        length -= target.Length - (used + 2);
    }

    /// <summary>ISO date <c>yyyy-MM-dd</c>, formatted by hand: the generic formatter is the hot spot at 10 M rows.</summary>
    public void Write(DateOnly value) => FormatDate(Field(10), value.Year, value.Month, value.Day);

    /// <summary>Timestamp <c>yyyy-MM-dd HH:mm:ss</c>.</summary>
    public void Write(DateTime value)
    {
        var target = Field(19);
        FormatDate(target, value.Year, value.Month, value.Day);
        target[10] = ' ';
        Digits(target.Slice(11, 2), value.Hour);
        target[13] = ':';
        Digits(target.Slice(14, 2), value.Minute);
        target[16] = ':';
        Digits(target.Slice(17, 2), value.Second);
    }

    /// <summary>
    /// Ends the current row and returns its 1-based data row number. A field count change of -1 drops
    /// the row's last field and +1 appends a surplus one: the one defect of a planted malformed row.
    /// </summary>
    public long EndRow(int fieldCountChange = 0)
    {
        if (fieldCountChange < 0)
        {
            length = Math.Max(0, lastFieldStart - 1);
        }
        else if (fieldCountChange > 0)
        {
            Write(UnexpectedField);
        }

        Flush();
        return ++Rows;
    }

    public void Dispose() => writer.Dispose();

    // Reserves room for the next field (after its separator) and returns it; callers give back what they do not use.
    private Span<char> Field(int maximum)
    {
        var needed = length + 1 + maximum;
        if (needed > row.Length)
        {
            Array.Resize(ref row, Math.Max(needed, row.Length * 2));
        }

        if (fields++ > 0)
        {
            row[length++] = ',';
        }

        lastFieldStart = length;
        length += maximum;
        return row.AsSpan(lastFieldStart, maximum);
    }

    private void Flush()
    {
        if (length == row.Length)
        {
            Array.Resize(ref row, row.Length * 2);
        }

        row[length++] = '\n';
        writer.Write(row, 0, length);
        length = 0;
        lastFieldStart = 0;
        fields = 0;
    }

    private static void FormatDate(Span<char> target, int year, int month, int day)
    {
        Digits(target[..4], year);
        target[4] = '-';
        Digits(target.Slice(5, 2), month);
        target[7] = '-';
        Digits(target.Slice(8, 2), day);
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
}
