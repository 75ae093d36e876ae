namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Walks a CSV export's data records in the file itself, as DuckDB's reader splits them, to count the lines a record runs
/// over: DuckDB keeps only the first 10,000 bytes of a rejected record's text, so a quote left open for thousands of
/// lines showed a few hundred of them.
/// </summary>
/// <remarks>
/// A quote opens a quoted field only at the start of a field or after one space there (DuckDB reads one later in an unquoted
/// field, or after two spaces or a tab, as text), a doubled quote inside it is one quote, and a line break outside quotes
/// ends the record even when text follows the closing quote (DuckDB rejects such a record there). The lines before the first data row are skipped as DuckDB's <c>skip</c> does.
/// </remarks>
internal sealed class ExportRecords : IDisposable
{
    private readonly StreamReader _reader;
    private readonly char _delimiter;
    private long _row;

    /// <summary>Opens <paramref name="file"/> (.gz or not, in its configured encoding) at its first data row, which follows line <paramref name="headerLine"/>.</summary>
    public ExportRecords(string file, string encoding, char delimiter, int headerLine)
    {
        _reader = SourceResolver.OpenCsvText(file, encoding);
        _delimiter = delimiter;
        for (var line = 0; line < headerLine && _reader.Peek() >= 0; line++)
            SkipLine();
    }

    /// <summary>
    /// The line breaks inside data row <paramref name="dataRow"/>, those that only end the file not counted (as DuckDB's
    /// rejected text, trimmed, has none at its end); null when the file ends before the row. Rows are asked in ascending order.
    /// </summary>
    public long? LineBreaksIn(long dataRow)
    {
        while (_row < dataRow - 1 && _reader.Peek() >= 0)
        {
            CountRecord();
            _row++;
        }
        if (_row != dataRow - 1 || _reader.Peek() < 0)
            return null;
        _row++;
        return CountRecord();
    }

    private void SkipLine()
    {
        int c;
        while ((c = _reader.Read()) >= 0 && c is not ('\n' or '\r')) { }
        if (c == '\r' && _reader.Peek() == '\n')
            _reader.Read();
    }

    // Reads one record through its end; a line break inside quotes counts once text follows it.
    private long CountRecord()
    {
        long breaks = 0, pending = 0;
        var quoted = false;
        var fieldStart = true;
        var spaced = false;
        int c;
        while ((c = _reader.Read()) >= 0)
        {
            if (c is '\n' or '\r')
            {
                if (c == '\r' && _reader.Peek() == '\n')
                    _reader.Read();
                if (!quoted)
                    break;
                pending++;
                continue;
            }
            (breaks, pending) = (breaks + pending, 0);
            if (quoted)
            {
                if (c == '"' && _reader.Peek() == '"')
                    _reader.Read();
                else if (c == '"')
                    quoted = false;
            }
            else if (c == '"' && (fieldStart || spaced))
                quoted = true;
            spaced = fieldStart && c == ' ';
            fieldStart = !quoted && c == _delimiter;
        }
        return breaks;
    }

    /// <inheritdoc />
    public void Dispose() => _reader.Dispose();
}
