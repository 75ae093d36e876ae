namespace ChainSeg.Data.Ingestion;

/// <summary>Text written into chainseg.yaml by inspect, or shown in a message as the YAML to write.</summary>
internal static class YamlText
{
    /// <summary>A quoted YAML scalar: single-quoted, or double-quoted with escapes when the text holds a control character.</summary>
    /// <remarks>A header holding a line break (a wrapped header cell) single-quoted is folded by YAML into a space, and the mapping names a header the file lacks.</remarks>
    public static string Scalar(string text) =>
        text.Any(char.IsControl) ? "\"" + Escaped(text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)) + "\"" : "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    /// <summary>The text on one line: control characters as YAML's escapes (\n, \r, \t, \xNN), for comments and messages.</summary>
    public static string Escaped(string text) => string.Concat(text.Select(c => c switch
    {
        '\n' => "\\n",
        '\r' => "\\r",
        '\t' => "\\t",
        _ when char.IsControl(c) => $"\\x{(int)c:X2}",
        _ => c.ToString(),
    }));
}
