using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// Checks that a .gz export decompresses to the length its gzip trailer records. Neither DuckDB's CSV reader nor .NET's
/// GZipStream reports a file cut short (an interrupted download or copy): both stop at the last complete block, and a
/// run would take the rows before the cut as the whole export.
/// </summary>
public static class GzipTrailer
{
    /// <summary>Decompresses <paramref name="file"/> and compares its length with the trailer's ISIZE (length mod 2³²).</summary>
    /// <exception cref="InvalidDataException">The file is shorter than a gzip trailer, its compressed data is damaged, or it decompresses to another length.</exception>
    public static void RequireComplete(string file)
    {
        uint recorded;
        using (var raw = File.OpenRead(file))
        {
            if (raw.Length < 18)
                throw new InvalidDataException($"{Path.GetFileName(file)} is too short to be a gzip file ({raw.Length} bytes); export it again.");
            raw.Seek(-4, SeekOrigin.End);
            Span<byte> size = stackalloc byte[4];
            raw.ReadExactly(size);
            recorded = BinaryPrimitives.ReadUInt32LittleEndian(size);
        }

        long length = 0;
        using (var gzip = new GZipStream(File.OpenRead(file), CompressionMode.Decompress))
        {
            var buffer = new byte[1 << 16];
            int read;
            try
            {
                while ((read = gzip.Read(buffer)) > 0)
                    length += read;
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException(Damaged(file, e), e);
            }
        }
        if ((uint)length != recorded)
            throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture,
                $"{Path.GetFileName(file)} is truncated or damaged: it decompresses to {length:N0} bytes where its gzip trailer records {recorded:N0} (mod 2^32); ") +
                "export or copy it again (a file of several concatenated gzip parts: gunzip it and read the .csv).");
    }

    /// <summary>The message for a .gz file whose compressed data cannot be decompressed (GZipStream's <paramref name="error"/>).</summary>
    internal static string Damaged(string file, InvalidDataException error) =>
        $"{Path.GetFileName(file)} is damaged: its compressed data cannot be read ({error.Message.TrimEnd('.')}); export or copy it again.";
}
