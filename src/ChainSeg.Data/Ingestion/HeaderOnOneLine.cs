using System.Text;

namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A CSV whose header holds line breaks (wrapped header cells), copied as UTF-8 with the header on one line. Excel ends
/// rows in CRLF and writes a cell's Alt+Enter break as a bare LF: DuckDB's reader takes the line ending from the file's
/// first line break, and with such a header first it read no row at all.
/// </summary>
internal static class HeaderOnOneLine
{
    /// <summary>
    /// The copy's path (to delete after reading), or null when the header, on physical line <paramref name="headerLine"/>,
    /// is on one line (<paramref name="headerSpan"/>, the lines it spans, as the resolver read them).
    /// </summary>
    public static string? Copy(string file, string encoding, int headerLine, int headerSpan)
    {
        if (headerSpan <= 1)
            return null;
        var target = Path.Combine(Path.GetTempPath(), $"chainseg-{Guid.NewGuid():N}.csv");
        using var reader = SourceResolver.OpenCsvText(file, encoding);
        using var writer = new StreamWriter(target, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        // Lines above the header as written (the run skips them), then the header with its quoted breaks as spaces (the
        // run names columns by the header it read itself), then the rows as written.
        for (var line = 1; line < headerLine; line++)
            CopyLine(reader, writer, quoted: false);
        CopyLine(reader, writer, quoted: true);
        var buffer = new char[1 << 16];
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
            writer.Write(buffer, 0, read);
        return target;
    }

    // Copies one line with its ending (LF, CRLF or a lone CR); with quoted, a line break inside quotes does not end it and
    // is written as a space.
    private static void CopyLine(StreamReader reader, StreamWriter writer, bool quoted)
    {
        var inQuotes = false;
        int c;
        while ((c = reader.Read()) >= 0)
        {
            if (quoted && c == '"')
                inQuotes = !inQuotes;
            if (inQuotes && c is '\r' or '\n')
            {
                writer.Write(' ');
                continue;
            }
            writer.Write((char)c);
            if (c == '\n' || (c == '\r' && reader.Peek() != '\n'))
                return;
        }
    }
}
