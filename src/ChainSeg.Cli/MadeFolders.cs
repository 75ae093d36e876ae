using System.CommandLine;

namespace ChainSeg.Cli;

/// <summary>
/// The folders a command's <c>--out</c> would make (its folder, or its file's, and any parents missing before the command
/// ran), so that a command refused before it wrote anything there does not leave them behind, empty.
/// </summary>
internal sealed class MadeFolders
{
    private readonly List<string> _missing = [];

    private MadeFolders(string? folder)
    {
        for (var at = folder; at is not null && !Directory.Exists(at) && !File.Exists(at); at = Path.GetDirectoryName(at))
            _missing.Add(at);
    }

    /// <summary>The folders missing now that the parsed command's --out would make; none for a command without --out.</summary>
    public static MadeFolders ForOut(ParseResult parsed) =>
        // Under --help a required --out left out parses without error (help skips that check), and reading it would throw.
        new(parsed.CommandResult.Command.Options.FirstOrDefault(o => o.Name == "--out") is { } option
            && !(option.Required && parsed.GetResult(option) is null or { Implicit: true })
            ? option switch
            {
                Option<DirectoryInfo> folder => parsed.GetValue(folder)?.FullName,
                Option<FileInfo> file => parsed.GetValue(file)?.DirectoryName,
                _ => null,
            }
            : null);

    /// <summary>Removes, deepest first, each of the folders that the command made and left empty; a folder with anything in it stays, with its parents.</summary>
    public void RemoveEmpty()
    {
        foreach (var folder in _missing)
        {
            try
            {
                // Not recursive: a folder anything was written to (by this command or another process) is not empty and stays.
                if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
                    return;
                Directory.Delete(folder, recursive: false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return;
            }
        }
    }
}
