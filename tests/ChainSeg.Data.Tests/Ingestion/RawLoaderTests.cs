using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Ingestion;

public sealed class RawLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");
    private readonly RawLoader _loader;

    public RawLoaderTests()
    {
        _connection.Open();
        _loader = new RawLoader(_connection, new StagingArea(_connection, "t_"));
    }

    private ResolvedSource Source(string table, string file, string content)
    {
        var path = _folder.File(file, content);
        var canonical = CanonicalSchema.Table(table);
        var headers = content.Split('\n')[0].TrimEnd('\r').Split(',');
        return new ResolvedSource(canonical, [path], SourceFormat.Csv, headers, headers.ToDictionary(h => h, h => h));
    }

    // An order-lines export in the encoding it declares, gzip-compressed when its name ends in .gz.
    private ResolvedSource EncodedSource(string file, string content, string encoding)
    {
        var path = Path.Combine(_folder.Path, file);
        var text = encoding switch { "utf-16" => Encoding.Unicode, "latin-1" => WindowsText.Encoding1252, _ => new UTF8Encoding(false) };
        using (var stream = file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(File.Create(path), CompressionLevel.Fastest) : (Stream)File.Create(path))
        using (var writer = new StreamWriter(stream, text))
            writer.Write(content);
        var headers = content.Split('\n')[0].Split(',');
        return new ResolvedSource(CanonicalSchema.Table("order_lines"), [path], SourceFormat.Csv, headers, headers.ToDictionary(h => h, h => h)) { Encoding = encoding };
    }

    private const string OrderLinesHeader = "order_id,line_no,customer_id,sku,order_date,quantity,unit_price\n";

    [Fact]
    public void Load_StrayQuoteOpenToTheEndOfTheFile_NamesTheRowInsteadOfOneMalformedRow()
    {
        // Row 3's customer id starts with a quote nobody closes: DuckDB would read the 500 rows after it as one field of one
        // malformed record (read = 3, quarantined = 1), so the load stops and names the row.
        var rows = Enumerable.Range(1, 503).Select(i => i == 3 ? $"SO-{i},1,\"C1,SKU-1,2025-01-02,1,4.00" : $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00");
        var source = Source("order_lines", "order_lines.csv", "order_id,line_no,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", rows) + "\n");
        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));
        // Rows 4 to 503 follow the quote: 500 lines. DuckDB keeps only 10 kB of the rejected record, whose 280 lines were
        // the count given.
        Assert.StartsWith("sources.order_lines: order_lines.csv: data row 3 opens a quote still open 500 lines later,", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("order_lines.csv", "utf-8")]
    [InlineData("order_lines.csv.gz", "utf-8")]
    [InlineData("order_lines.csv", "latin-1")]
    [InlineData("order_lines.csv", "utf-16")]
    public void Load_StrayQuoteOpenForOverAThousandLines_CountsTheLinesInTheFile(string file, string encoding)
    {
        // Rows 4 to 1,503 follow the quote (1,500 lines); the file is read again as it is stored: compressed, or 8-bit, or
        // two bytes a character, with "ü" and "€" taking more bytes in DuckDB's UTF-8 text than in the file.
        var rows = Enumerable.Range(1, 1_503).Select(i => i == 3 ? $"SO-{i},1,\"C-Müller,SKU-1,2025-01-02,1,4.00" : $"SO-{i},1,C-Müller,SKU-€{i},2025-01-02,1,4.00");
        var source = EncodedSource(file, OrderLinesHeader + string.Join("\n", rows) + "\n", encoding);

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

        Assert.StartsWith($"sources.order_lines: {file}: data row 3 opens a quote still open 1,500 lines later,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StrayQuoteClosedHundredsOfLinesLater_CountsTheLinesUpToTheClosingRow()
    {
        // Row 1 is one record over two lines (a quoted line break), so data row 5 starts on the file's seventh line. Its quote
        // closes in row 405, whose stray "x" after the closing quote ends the swallowed record there: 400 lines later.
        var rows = Enumerable.Range(1, 700).Select(i => i switch
        {
            1 => $"SO-{i},1,\"C1\nsecond line\",SKU-1,2025-01-02,1,4.00",
            5 => $"SO-{i},1,\"C1,SKU-1,2025-01-02,1,4.00",
            405 => $"SO-{i},1,C1\"x,SKU-1,2025-01-02,1,4.00",
            _ => $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00",
        });
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader + string.Join("\n", rows) + "\n");

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

        Assert.StartsWith("sources.order_lines: order_lines.csv: data row 5 opens a quote still open 400 lines later,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StrayQuoteAfterAQuotedFieldOpeningWithASpace_CountsTheLinesInTheFile()
    {
        // DuckDB opens a quote after one space at a field's start (", \"C1"), which the file walk took as text: row 2's two
        // lines were two records to it, so it counted the lines of row 399 for the stray quote in row 400, found none, and
        // the 1,200 rows after the quote were lost as one malformed row (read = 399, quarantined = 1).
        var rows = Enumerable.Range(1, 1_600).Select(i => i switch
        {
            2 => $"SO-{i},1, \"C1\nsecond line\",SKU-1,2025-01-02,1,4.00",
            400 => $"SO-{i},1,\"C1,SKU-1,2025-01-02,1,4.00",
            _ => $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00",
        });
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader + string.Join("\n", rows) + "\n");

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

        Assert.StartsWith("sources.order_lines: order_lines.csv: data row 400 opens a quote still open 1,200 lines later,", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public void Load_StrayQuoteClosedBeforeADelimiterHundredsOfLinesLater_NamesTheRowInsteadOfOneValidRow(string lineEnd)
    {
        // Row 3's sku opens a quote that row 600 closes just before its delimiter: DuckDB read rows 3 to 600 as one valid
        // record whose sku held 597 lines (read = 103, quarantined = 0), with nothing rejected for the runaway check to see.
        // Rows 2 and 5 around the named row are a malformed row and a legitimate two-line record, which the row number counts.
        var rows = Enumerable.Range(1, 700).Select(i => i switch
        {
            1 => $"SO-{i},1,C1,\"SKU-1{lineEnd}second line\",2025-01-02,1,4.00",
            2 => $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00,extra",
            4 => $"SO-{i},1,C1,\"X,2025-01-02,1,4.00",
            601 => $"SO-{i},1,C1,Y\",2025-01-02,1,4.00",
            _ => $"SO-{i},1,C1,SKU-{i},2025-01-02,1,4.00",
        });
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader.Replace("\n", lineEnd, StringComparison.Ordinal) + string.Join(lineEnd, rows) + lineEnd);

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

        Assert.Equal("sources.order_lines: order_lines.csv: data row 4 opens a quote that is closed 597 lines later, so the rows between were read as one value; " +
            "remove or close the stray '\"' in that row (a field holding a quote must be quoted, with the quote doubled) and export again.", error.Message);
    }

    [Fact]
    public void Load_QuotedFieldOverAHundredLines_IsOneRecordAndNoError()
    {
        // A quoted note of 101 lines (100 line breaks, the most the runaway limit allows) beside long one-line fields.
        var note = string.Join("\n", Enumerable.Range(1, RawLoader.RunawayQuoteLines + 1).Select(i => $"line {i}"));
        var rows = Enumerable.Range(1, 300).Select(i => i == 3 ? $"SO-{i},1,C1,\"{note}\",2025-01-02,1,4.00" : $"SO-{i},1,C1,SKU-{new string('z', 200)},2025-01-02,1,4.00");
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader + string.Join("\n", rows) + "\n");

        var raw = _loader.Load(source);

        Assert.Equal((300L, 0L), (raw.RowsLoaded, raw.RowsRejected));
        Assert.Equal(RawLoader.RunawayQuoteLines, _connection.ScalarLong($"SELECT length(sku) - length(replace(sku, chr(10), '')) FROM {raw.Name} WHERE order_id = 'SO-3'"));
    }

    [Fact]
    public void Load_StrayQuoteOverLongRows_IsRefusedThoughTheRejectedTextShowsFewLines()
    {
        // Rows of some 250 bytes: the 10 kB DuckDB keeps of the rejected record hold about 40 of the 500 lines after the
        // quote, which read as below the runaway limit, and the 500 rows were lost as one malformed row.
        var note = new string('z', 200);
        var rows = Enumerable.Range(1, 503).Select(i => i == 3 ? $"SO-{i},1,\"C1,SKU-1,2025-01-02,1,4.00" : $"SO-{i},1,C1,SKU-{note},2025-01-02,1,4.00");
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader + string.Join("\n", rows) + "\n");

        var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

        Assert.StartsWith("sources.order_lines: order_lines.csv: data row 3 opens a quote still open 500 lines later,", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_StrayQuoteUnderGermanCulture_CountsTheLinesInvariantly()
    {
        // The count was written in the host's culture: under de-DE "still open 1.200 lines later", as if 1.2 lines. The lines
        // after the quote are one letter each: DuckDB keeps some 10 kB of a rejected record's text (280 order lines), and a
        // count below 1,000 has no separator to write.
        var rows = Enumerable.Range(1, 1_203).Select(i => i switch { < 3 => $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00", 3 => $"SO-{i},1,\"C1,SKU-1,2025-01-02,1,4.00", _ => "x" });
        var source = Source("order_lines", "order_lines.csv", "order_id,line_no,customer_id,sku,order_date,quantity,unit_price\n" + string.Join("\n", rows) + "\n");
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var error = Assert.Throws<ChainSeg.Data.Configuration.ConfigurationException>(() => _loader.Load(source));

            Assert.StartsWith("sources.order_lines: order_lines.csv: data row 3 opens a quote still open 1,200 lines later,", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Load_RejectedRowLongerThanDuckDbKeeps_IsOneMalformedRowAndNoError()
    {
        // A 30 kB row with a column too many: its text is cut like a runaway quote's, but the file shows it on one line.
        var rows = Enumerable.Range(1, 10).Select(i => i == 3 ? $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00,{new string('z', 30_000)}" : $"SO-{i},1,C1,SKU-1,2025-01-02,1,4.00");
        var source = Source("order_lines", "order_lines.csv", OrderLinesHeader + string.Join("\n", rows) + "\n");

        var raw = _loader.Load(source);

        Assert.Equal((9L, 1L), (raw.RowsLoaded, raw.RowsRejected));
    }

    [Fact]
    public void Load_QuotedFieldOverAFewLines_IsOneRecordAndNoError()
    {
        // A quoted description with line breaks inside is legitimate CSV (RFC 4180 §2.6), far below the runaway limit.
        var source = Source("order_lines", "order_lines.csv",
            "order_id,line_no,customer_id,sku,order_date,quantity,unit_price\nSO-1,1,\"C1\nsecond line\nthird\",SKU-1,2025-01-02,1,4.00\nSO-2,1,C1,SKU-1,2025-01-02,1,4.00\n");
        var raw = _loader.Load(source);
        Assert.Equal(2, _connection.ScalarLong($"SELECT count(*) FROM {raw.Name}"));
    }

    [Fact]
    public void Release_SharedFileStillPending_KeepsTheLoad()
    {
        var customers = Source("customers", "shared.csv", "customer_id\nC1\nC2\n");
        var orders = customers with { Table = CanonicalSchema.Table("order_lines") };

        var raw = _loader.Load(customers);
        _loader.Release(customers, [orders]);

        Assert.Same(raw, _loader.Load(orders));
        Assert.Equal(2, _connection.ScalarLong($"SELECT count(*) FROM {raw.Name}"));
    }

    [Fact]
    public void Load_AfterAnEarlierLoadWasReleased_LeavesTheLoadsStillHeldIntact()
    {
        var products = Source("products", "products.csv", "sku\nA\n");
        var customers = Source("customers", "customers.csv", "customer_id\nC1\nC2\n");
        var pendingCustomers = customers with { Table = CanonicalSchema.Table("forecasts") };
        var lines = Source("order_lines", "lines.csv", "order_id\nO1\nO2\nO3\n");

        _loader.Load(products);
        var held = _loader.Load(customers);
        _loader.Release(products, [pendingCustomers, lines]);
        var next = _loader.Load(lines);

        // The third load must not take the name of the second one, which a later table still reads.
        Assert.NotEqual(held.Name, next.Name);
        Assert.Equal(2, _connection.ScalarLong($"SELECT count(*) FROM {held.Name}"));
        Assert.Equal(3, _connection.ScalarLong($"SELECT count(*) FROM {next.Name}"));
        Assert.Equal(0, _connection.ScalarLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_raw_1'"));
    }

    [Fact]
    public void Load_SourceAboveTheMemorySize_IsStagedInTheStoreInFileOrderAndClearedWithTheArea()
    {
        var staging = new StagingArea(_connection, "s_");
        var loader = new RawLoader(_connection, staging, inMemoryLoadBytes: 0);
        var lines = Source("order_lines", "big.csv", "order_id,line_no\nO3,1\nO1,2\nO2,1,extra\nO1,1\n");

        var raw = loader.Load(lines);

        // Not a temporary table, yet the rows keep the file's order (malformed line 4 aside) and their count.
        Assert.Equal(0, _connection.ScalarLong("SELECT count(*) FROM duckdb_tables() WHERE temporary AND table_name = 's_raw_1'"));
        Assert.Equal(1, _connection.ScalarLong("SELECT count(*) FROM duckdb_tables() WHERE NOT temporary AND table_name = 's_raw_1'"));
        var rows = _connection.Query($"SELECT order_id || '/' || line_no FROM {raw.Name} ORDER BY rowid", r => r.GetString(0));
        Assert.Equal(["O3/1", "O1/2", "O1/1"], rows);
        Assert.Equal((3L, 1L), (raw.RowsLoaded, raw.RowsRejected));

        staging.Clear();
        Assert.Equal(0, _connection.ScalarLong("SELECT count(*) FROM duckdb_schemas() WHERE schema_name = 's'"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }
}
