using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Ingestion;

/// <summary>Tells a file given as CSV that is not text (a gzip, a workbook, a Parquet file, an image or a store under a .csv name) from an export.</summary>
internal static class BinaryExport
{
    // Enough for a header and the first rows; a NUL there is no text a CSV export holds.
    private const int Probe = 8192;

    /// <summary>Refuses <paramref name="file"/> when the first 8 KiB of <paramref name="content"/> (its bytes, decompressed for .gz) are not text; <paramref name="prefix"/> starts the message.</summary>
    /// <param name="content">The file's bytes, from the start.</param>
    /// <param name="file">The file, named in the message.</param>
    /// <param name="prefix">Where the file was given (<c>sources.order_lines: </c>), or empty.</param>
    /// <param name="otherFormats">Whether the command also reads .csv.gz, .xlsx and .parquet, so a file of those under a .csv name is fixed by renaming it.</param>
    /// <exception cref="ConfigurationException">The bytes are binary; the message names the file, what it looks like and the fix.</exception>
    public static void RequireText(Stream content, string file, string prefix, bool otherFormats)
    {
        var head = new byte[Probe];
        var bytes = head.AsSpan(0, content.ReadAtLeast(head, Probe, throwOnEndOfStream: false));
        if (Kind(bytes) is not ({ } kind, var rename))
            return;
        var name = Path.GetFileName(file);
        // Renaming fixes a .csv only: a .csv.gz whose content is gzip again is a copy gone wrong.
        var fix = otherFormats && rename is not null && name.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)
            ? $"name it {name[..^4]}{rename}, or export it as CSV text"
            : "export it as CSV text";
        throw new ConfigurationException($"{prefix}{name} {kind}, not CSV text: {fix}.");
    }

    // What the bytes are, and the name under which a run reads them (null for none); null when they are text. UTF-16 text is
    // full of NULs, and is told by its byte order mark.
    private static (string Kind, string? Rename)? Kind(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return null;
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B]))
            return ("is gzip-compressed", ".csv.gz");
        if (bytes.StartsWith("PK\u0003\u0004"u8))
            return ("is a zip archive (an .xlsx workbook is one)", ".xlsx");
        if (bytes.StartsWith("PAR1"u8))
            return ("is a Parquet file", ".parquet");
        if (bytes.Contains((byte)0))
            return ($"looks binary (NUL bytes in the first {Probe / 1024} KiB)", null);
        // Text holds tabs and line breaks; a file whose bytes are a tenth other control characters is not text either.
        var control = 0;
        foreach (var b in bytes)
            if (b < 0x20 && b is not ((byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\f'))
                control++;
        return control * 10 > bytes.Length ? ($"looks binary (control bytes in the first {Probe / 1024} KiB)", null) : null;
    }
}
