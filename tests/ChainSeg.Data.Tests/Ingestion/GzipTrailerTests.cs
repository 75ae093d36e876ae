using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Ingestion;

// A .csv.gz cut short (an interrupted copy) still decompresses to its first rows without complaint from DuckDB or
// GZipStream; the trailer's recorded length (RFC 1952 §2.3.1, ISIZE) tells the cut apart from a complete file.
public sealed class GzipTrailerTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // 20,000 order lines of one customer, gzip-compressed: several deflate blocks, so half the file holds whole rows.
    private string WriteOrderLines(string folder)
    {
        var text = new StringBuilder("order_id,line_no,customer_id,sku,order_date,quantity,unit_price\n");
        for (var i = 1; i <= 20_000; i++)
            text.Append($"SO-{i},1,C-00001,SKU-{i % 97},2025-01-{i % 28 + 1:00},{i % 9 + 1},4.00\n");
        var path = Path.Combine(folder, "order_lines.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
            gzip.Write(Encoding.UTF8.GetBytes(text.ToString()));
        return path;
    }

    private static void Truncate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
    }

    // Overwrites 400 bytes in the middle of the compressed data: the file still starts as gzip, but its deflate data breaks
    // there (GZipStream: "The archive entry was compressed using an unsupported compression method").
    private static void Damage(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var noise = new Random(1);
        for (var i = bytes.Length / 2; i < bytes.Length / 2 + 400; i++)
            bytes[i] = (byte)noise.Next(256);
        File.WriteAllBytes(path, bytes);
    }

    [Fact]
    public void RequireComplete_WholeFile_Passes() =>
        GzipTrailer.RequireComplete(WriteOrderLines(_folder.Sub("whole")));

    [Fact]
    public void RequireComplete_HalfTheFile_NamesItTruncated()
    {
        var path = WriteOrderLines(_folder.Sub("half"));
        Truncate(path);
        var error = Assert.Throws<InvalidDataException>(() => GzipTrailer.RequireComplete(path));
        Assert.StartsWith("order_lines.csv.gz is truncated or damaged: it decompresses to ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireComplete_HalfTheFileUnderGermanCulture_WritesTheLengthsInvariantly()
    {
        // The lengths were written in the host's culture: under de-DE "decompresses to 451.584 bytes".
        var path = WriteOrderLines(_folder.Sub("half-de"));
        Truncate(path);
        // The cut file's last four bytes are what its "trailer" records.
        var recorded = BinaryPrimitives.ReadUInt32LittleEndian(File.ReadAllBytes(path).AsSpan()[^4..]);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var error = Assert.Throws<InvalidDataException>(() => GzipTrailer.RequireComplete(path));

            Assert.Matches($@"^order_lines\.csv\.gz is truncated or damaged: it decompresses to \d{{1,3}}(,\d{{3}})+ bytes where its gzip trailer records {recorded.ToString("N0", CultureInfo.InvariantCulture)} \(mod 2\^32\);",
                error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Run_TruncatedOrderLines_StopsWithAConfigErrorInsteadOfReadingThePartBeforeTheCut()
    {
        var data = _folder.Sub("run");
        Truncate(WriteOrderLines(data));
        var error = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, Path.Combine(data, "out"))));
        Assert.StartsWith("sources.order_lines: order_lines.csv.gz is truncated or damaged", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "out", "customer_metrics.csv")));
    }

    [Fact]
    public void RequireComplete_DamagedDeflateData_NamesTheFileAndTheFix()
    {
        var path = WriteOrderLines(_folder.Sub("damaged"));
        Damage(path);
        var error = Assert.Throws<InvalidDataException>(() => GzipTrailer.RequireComplete(path));
        Assert.StartsWith("order_lines.csv.gz is damaged: its compressed data cannot be read (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("); export or copy it again.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DamagedOrderLines_StopsWithAConfigErrorInsteadOfSpinning()
    {
        // DuckDB's CSV reader spun on such a file: a run on the demo company's order lines (realistic text, unlike the
        // repetitive lines above) with 400 bytes overwritten stayed in ingest at full CPU for over ten minutes, growing to
        // 1.4 GB, and its SIGTERM waited for the next stage. The trailer check, which ran beside the load and could not stop
        // it, now runs before it. The run is given a minute, some thirty times its need.
        var generated = _folder.Sub("generated");
        CompanyGenerator.Generate(new GeneratorOptions(1_000, 60_000, Seed: 42), generated);
        var data = _folder.Sub("damaged-run");
        var path = Path.Combine(data, "order_lines.csv.gz");
        using (var gzip = new GZipStream(File.Create(path), CompressionLevel.Optimal))
            gzip.Write(File.ReadAllBytes(Path.Combine(generated, "order_lines.csv")));
        Damage(path);

        var run = Task.Run(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, Path.Combine(data, "out"))));

        Assert.True(((IAsyncResult)run).AsyncWaitHandle.WaitOne(TimeSpan.FromMinutes(1)), "the run did not end within a minute");
        var error = Assert.IsType<ConfigurationException>(run.Exception?.InnerException);
        Assert.StartsWith("sources.order_lines: order_lines.csv.gz is damaged: its compressed data cannot be read (", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(data, "out", "customer_metrics.csv")));
    }

    public void Dispose() => _folder.Dispose();
}
