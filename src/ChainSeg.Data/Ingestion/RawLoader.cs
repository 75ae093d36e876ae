using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Ingestion;

/// <summary>Loads export files into text tables inside DuckDB, keeping malformed records aside with their line numbers.</summary>
/// <remarks>
/// Several canonical tables fed by one file (Online Retail feeds three) share one load. A source whose files are larger
/// than <paramref name="inMemoryLoadBytes"/> is loaded into the store file (<see cref="StagingArea.StoredTable"/>) instead of memory.
/// With <paramref name="sampleRows"/>, only the first data rows of each file are loaded (<c>chainseg validate</c>).
/// </remarks>
public sealed class RawLoader(DuckDBConnection connection, StagingArea staging, long inMemoryLoadBytes = RawLoader.DefaultInMemoryLoadBytes,
    int? sampleRows = null)
{
    /// <summary>
    /// Largest source (file bytes) whose raw text is held in memory: raw text takes about 1.6 times the bytes of its CSV
    /// file, so a larger source would fill most of the default 1.5 GB memory limit and spill to the temp folder.
    /// </summary>
    public const long DefaultInMemoryLoadBytes = 256L << 20;

    private string Limit => sampleRows is { } rows ? $" LIMIT {rows}" : "";

    private readonly Dictionary<string, RawTable> _loaded = new(StringComparer.Ordinal);
    private int _loads;

    /// <summary>The raw table for a source, loading it on first use.</summary>
    /// <exception cref="ConfigurationException">A file cannot be read as configured; the message names the source.</exception>
    public RawTable Load(ResolvedSource source)
    {
        if (_loaded.TryGetValue(source.RawKey, out var existing))
            return existing;
        // Numbered by load, not by the loads still held: a released load frees its tables but not its number.
        var n = ++_loads;
        var stored = sampleRows is null && source.Format != SourceFormat.Xlsx && source.Files.Sum(f => new FileInfo(f).Length) > inMemoryLoadBytes;
        var rawName = stored ? staging.StoredTable($"raw_{n}") : staging.Table($"raw_{n}");
        var raw = new RawTable(rawName, source.Headers, staging.Table($"raw_{n}_files"), staging.Table($"raw_{n}_rejects"), 0, 0);
        connection.Execute($"CREATE {(stored ? "" : "TEMP ")}TABLE {rawName} (_file INTEGER, {string.Join(", ", source.Headers.Select(h => Sql.Id(h) + " VARCHAR"))})");
        connection.Execute($"CREATE TEMP TABLE {Sql.Id(staging.Name($"raw_{n}_files"))} (file_index INTEGER, path VARCHAR, first_rowid BIGINT, rows BIGINT)");
        connection.Execute($"CREATE TEMP TABLE {Sql.Id(staging.Name($"raw_{n}_rejects"))} (file_index INTEGER, data_row BIGINT, error VARCHAR, raw_line VARCHAR)");

        long loaded = 0;
        for (var i = 0; i < source.Files.Count; i++)
        {
            var file = source.Files[i];
            try
            {
                switch (source.Format)
                {
                    case SourceFormat.Csv when file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase):
                        // Checked before the load, not beside it: DuckDB's reader can spin on damaged deflate data without
                        // end (a run stayed in ingest at full CPU for over ten minutes, deaf to SIGTERM, and no interrupt
                        // reaches it there). Decompressing first costs about 0.16 s per 120 MB of CSV.
                        GzipTrailer.RequireComplete(file);
                        LoadCsv(source, raw, i, file, n);
                        break;
                    case SourceFormat.Csv:
                        LoadCsv(source, raw, i, file, n);
                        break;
                    case SourceFormat.Parquet:
                        // A page damaged past the footer reads as DuckDB's "Snappy decompression failure", exit code 1.
                        try
                        {
                            connection.Execute($"INSERT INTO {raw.Name} SELECT {i}, * FROM ({ParquetSource.SelectAsText(connection, file, source.Culture)}){Limit}");
                        }
                        catch (DuckDBException e) when (ParquetSource.IsUndecodable(e))
                        {
                            throw new InvalidDataException($"{Path.GetFileName(file)}: {ParquetSource.Damaged}", e);
                        }
                        break;
                    case SourceFormat.Xlsx:
                        var uncalculated = ExcelSource.AppendRows(connection, "temp", "main", staging.Name($"raw_{n}"), i, file, source.Sheet, source.HeaderLine(i), source.Headers.Count, source.Culture, sampleRows);
                        // A mapped column's formula without a result would be read as empty, a value lost without a word;
                        // one in a column the run does not read is no matter.
                        foreach (var (index, formula) in uncalculated.OrderBy(u => u.Key))
                            if (source.Columns.FirstOrDefault(m => m.Value == source.Headers[index]) is { Key: { } column })
                                throw new InvalidDataException($"{Path.GetFileName(file)}: {formula.Refusal(column)}");
                        break;
                }
            }
            catch (InvalidDataException e)
            {
                throw new ConfigurationException($"sources.{source.Table.Name}: {e.Message}");
            }
            var rows = connection.ScalarLong($"SELECT count(*) FROM {raw.Name} WHERE _file = {i}");
            connection.Execute($"INSERT INTO {raw.FilesTable} VALUES ({i}, {Sql.Str(file)}, {loaded}, {rows})");
            loaded += rows;
        }
        var rejected = connection.ScalarLong($"SELECT count(*) FROM {raw.RejectsTable}");
        raw = raw with { RowsLoaded = loaded, RowsRejected = rejected };
        _loaded[source.RawKey] = raw;
        return raw;
    }

    /// <summary>Drops a source's raw tables unless a source still to be ingested reads the same file, so a large load does not crowd out the next one.</summary>
    public void Release(ResolvedSource source, IEnumerable<ResolvedSource> pending)
    {
        if (pending.Any(p => p.RawKey == source.RawKey) || !_loaded.Remove(source.RawKey, out var raw))
            return;
        connection.Execute($"DROP TABLE IF EXISTS {raw.Name}; DROP TABLE IF EXISTS {raw.FilesTable}; DROP TABLE IF EXISTS {raw.RejectsTable}");
    }

    // DuckDB tells gzip by a lower-case ".gz" only: ORDER_LINES.CSV.GZ was read as text and failed as "mixed line endings".
    private static string Compression(string file) => file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? "'gzip'" : "'auto'";

    private void LoadCsv(ResolvedSource source, RawTable raw, int fileIndex, string file, int n)
    {
        var rejects = $"rejects_{n}_{fileIndex}";
        var columns = "{" + string.Join(", ", source.Headers.Select(h => $"{Sql.Str(h)}: 'VARCHAR'")) + "}";
        var header = source.HeaderLine(fileIndex);
        // 8-bit exports are Windows-1252 text, which DuckDB cannot read: they are handed to it as UTF-8 (WindowsText).
        var (read, encoding) = source.Encoding == "latin-1" ? (WindowsText.TranscodeToUtf8(file), "utf-8") : (file, source.Encoding);
        if (HeaderOnOneLine.Copy(read, encoding, header, source.HeaderSpan(fileIndex)) is { } oneLine)
        {
            if (read != file)
                File.Delete(read);
            (read, encoding) = (oneLine, "utf-8");
        }
        try
        {
            connection.Execute($"""
                INSERT INTO {raw.Name} SELECT {fileIndex}, * FROM read_csv({Sql.Str(read)}, columns = {columns}, header = false, skip = {header},
                    delim = {Sql.Str(source.Delimiter)}, quote = '"', escape = '"', encoding = {Sql.Str(encoding)}, compression = {Compression(read)},
                    auto_detect = false, strict_mode = true, ignore_errors = true, store_rejects = true,
                    rejects_table = {Sql.Str(rejects)}, rejects_scan = {Sql.Str(rejects + "_scan")}, max_line_size = 10000000){Limit}
                """);
        }
        catch (DuckDBException e)
        {
            // DuckDB's reader fixes the line ending from the first lines; a file that mixes CRLF and LF (rows appended by
            // another tool) stops it with an internal-sounding message, so the error says what to change.
            var reason = e.Message.Contains("state machine reached an invalid state", StringComparison.Ordinal)
                ? "its lines end in more than one way (CRLF and LF mixed, or a stray carriage return), which the CSV reader cannot follow; save the file with one kind of line ending (e.g. dos2unix) and run again"
                : e.Message.Split('\n')[0];
            throw new InvalidDataException($"{Path.GetFileName(file)}: {reason}", e);
        }
        finally
        {
            if (read != file)
                File.Delete(read);
        }
        // One record can raise several errors; it is one rejected row. Data rows start after the header's physical line. A
        // sample keeps the records rejected among its first lines. DuckDB gives a CRLF file's line with the line break
        // before it, which the quarantine file should not carry.
        connection.Execute($"""
            INSERT INTO {raw.RejectsTable}
            SELECT {fileIndex}, line - {header}, string_agg(DISTINCT error_type, '; '), trim(any_value(csv_line), chr(13) || chr(10))
            FROM {Sql.Id(rejects)} {(sampleRows is { } sample ? $"WHERE line - {header} <= {sample} " : "")}GROUP BY line ORDER BY line
            """);
        connection.Execute($"DROP TABLE IF EXISTS {Sql.Id(rejects)}; DROP TABLE IF EXISTS {Sql.Id(rejects + "_scan")}");
        RequireNoRunawayQuote(source, raw, fileIndex, file);
        RequireNoQuoteClosedFarOn(source, raw, fileIndex, file);
    }

    /// <summary>Most line breaks one rejected record may hold before it is taken for a quote opened and never closed.</summary>
    public const int RunawayQuoteLines = 100;

    // DuckDB keeps the first 10,000 bytes of a rejected record's text (trimming its line breaks at the ends may take a few
    // off): a text this long may have been cut.
    private const int CutRejectedTextBytes = 9_900;

    // A stray quote (a field starting with " that was never meant to be quoted) makes the reader take every line after it
    // as one field up to the next quote, often the end of the file: the file would report one malformed row where hundreds
    // of rows were lost to it, so the run stops and names the row instead. A cut text shows only its first lines (500 rows
    // of 250 bytes show 40), so such records, and the count the message gives, are taken from the file itself.
    private void RequireNoRunawayQuote(ResolvedSource source, RawTable raw, int fileIndex, string file)
    {
        var breaks = LineFeeds("raw_line");
        var suspects = connection.Query(
            $"SELECT data_row, {breaks} FROM {raw.RejectsTable} WHERE file_index = {fileIndex} AND ({breaks} > {RunawayQuoteLines} OR strlen(raw_line) >= {CutRejectedTextBytes}) ORDER BY data_row",
            r => (Row: DuckDbConnectionExtensions.ToLong(r.GetValue(0)), Lines: DuckDbConnectionExtensions.ToLong(r.GetValue(1))));
        if (suspects.Count == 0)
            return;
        using var records = new ExportRecords(file, source.Encoding, source.Delimiter[0], source.HeaderLine(fileIndex));
        foreach (var (row, shown) in suspects)
        {
            // A row the walk does not find (it split the file otherwise than DuckDB) keeps the count DuckDB's text shows.
            var lines = records.LineBreaksIn(row) ?? shown;
            if (lines > RunawayQuoteLines)
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                    $"{Path.GetFileName(file)}: data row {row} opens a quote still open {lines:N0} lines later, so the rows after it would be read as one malformed row; ") +
                    StrayQuoteFix);
        }
    }

    // The line feeds in a text, SQL: byte lengths (strlen) are read from the text's header where length() counts
    // characters, and a line feed is one byte.
    private static string LineFeeds(string text) => $"strlen({text}) - strlen(replace({text}, chr(10), ''))";

    private const string StrayQuoteFix = "remove or close the stray '\"' in that row (a field holding a quote must be quoted, with the quote doubled) and export again.";

    // A stray quote closed further on just before a delimiter ends a record DuckDB takes for valid: the rows between become
    // one field of one loaded row, and nothing is rejected for the check above to see. One pass over the file's loaded rows
    // looks for a field holding more line feeds than the runaway limit, testing only texts long enough to hold them.
    private void RequireNoQuoteClosedFarOn(ResolvedSource source, RawTable raw, int fileIndex, string file)
    {
        var breaks = source.Headers.Select(h => LineFeeds(Sql.Id(h))).ToList();
        var longer = string.Join(" OR ", source.Headers.Zip(breaks, (h, b) => $"(strlen({Sql.Id(h)}) > {RunawayQuoteLines} AND {b} > {RunawayQuoteLines})"));
        var found = connection.Query(
            $"SELECT rowid, {string.Join(" + ", breaks.Select(b => $"coalesce({b}, 0)"))} FROM {raw.Name} WHERE _file = {fileIndex} AND ({longer}) ORDER BY rowid LIMIT 1",
            r => (RowId: DuckDbConnectionExtensions.ToLong(r.GetValue(0)), Lines: DuckDbConnectionExtensions.ToLong(r.GetValue(1))));
        if (found.Count == 0)
            return;
        // The row's place among the file's loaded rows, then among all its data rows: each rejected row before it is one more.
        var row = connection.ScalarLong($"SELECT count(*) + 1 FROM {raw.Name} WHERE _file = {fileIndex} AND rowid < {found[0].RowId}");
        foreach (var rejected in connection.Query($"SELECT data_row FROM {raw.RejectsTable} WHERE file_index = {fileIndex} ORDER BY data_row", r => DuckDbConnectionExtensions.ToLong(r.GetValue(0))))
        {
            if (rejected > row)
                break;
            row++;
        }
        using var records = new ExportRecords(file, source.Encoding, source.Delimiter[0], source.HeaderLine(fileIndex));
        // The file's count is the record's; a walk that split the file otherwise than DuckDB keeps the count the fields show.
        var lines = Math.Max(records.LineBreaksIn(row) ?? 0, found[0].Lines);
        throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
            $"{Path.GetFileName(file)}: data row {row} opens a quote that is closed {lines:N0} lines later, so the rows between were read as one value; ") +
            StrayQuoteFix);
    }
}
