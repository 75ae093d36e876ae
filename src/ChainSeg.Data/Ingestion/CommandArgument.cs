namespace ChainSeg.Data.Ingestion;

/// <summary>Paths written into a command a message tells the user to run, so that the command runs as printed.</summary>
public static class CommandArgument
{
    /// <summary>The path bare when a shell reads it as one word, else in single quotes (a quote inside written '\'').</summary>
    public static string Quoted(string path) =>
        path.Length > 0 && path.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+:,@%=".Contains(c))
            ? path
            : "'" + path.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
