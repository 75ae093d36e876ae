using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A .gz export's decompressed bytes, whose damage (a file that starts as gzip but whose deflate data is broken) is a
/// one-line error naming the file and the fix: GZipStream's own ("The archive entry was compressed using an unsupported
/// compression method") names neither, and stopped inspect, validate and run as a runtime failure.
/// </summary>
internal sealed class GzipExportStream(Stream compressed, string file) : Stream
{
    private readonly System.IO.Compression.GZipStream _gzip = new(compressed, System.IO.Compression.CompressionMode.Decompress);

    /// <inheritdoc />
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc />
    public override int Read(Span<byte> buffer)
    {
        try
        {
            return _gzip.Read(buffer);
        }
        catch (InvalidDataException e)
        {
            throw new ConfigurationException(GzipTrailer.Damaged(file, e));
        }
    }

    /// <inheritdoc />
    public override bool CanRead => true;

    /// <inheritdoc />
    public override bool CanSeek => false;

    /// <inheritdoc />
    public override bool CanWrite => false;

    /// <inheritdoc />
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc />
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    /// <inheritdoc />
    public override void Flush() { }

    /// <inheritdoc />
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc />
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing)
            _gzip.Dispose();
        base.Dispose(disposing);
    }
}
