using System.Text;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// The 8-bit text of exports configured (or sniffed) as latin-1, read as Windows-1252: what Excel and Windows ERPs write as
/// "ANSI". It agrees with ISO-8859-1 on every printable character and adds €, „, “, ” and – in 0x80–0x9F, which DuckDB's
/// latin-1 reader refused ("File is not latin-1 encoded"), leaving no encoding a user could name for such a file.
/// </summary>
public static class WindowsText
{
    // The provider is registered before the encoding is asked for (a field initializer would run before this body).
    static WindowsText()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        Encoding1252 = Encoding.GetEncoding(1252);
    }

    /// <summary>The Windows-1252 encoding.</summary>
    public static Encoding Encoding1252 { get; }

    /// <summary>Writes <paramref name="file"/> (gzip-compressed or not) as UTF-8 to a new temporary file and returns its path; the caller deletes it.</summary>
    public static string TranscodeToUtf8(string file)
    {
        var target = Path.Combine(Path.GetTempPath(), $"chainseg-{Guid.NewGuid():N}.csv");
        using var reader = new StreamReader(SourceResolver.OpenCsv(file), Encoding1252, detectEncodingFromByteOrderMarks: false);
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        var buffer = new char[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            writer.Write(buffer, 0, read);
        return target;
    }
}
