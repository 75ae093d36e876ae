namespace ChainSeg.Data.Pipeline;

/// <summary>A path's full form with the symbolic links along it followed, so that two spellings of one file compare equal.</summary>
public static class RealPath
{
    // As many links as Linux follows in one path (MAXSYMLINKS) before it says "Too many levels of symbolic links".
    private const int MaxLinks = 40;

    /// <summary>The full path of <paramref name="path"/> with links in its folders and at its end resolved; parts that do not exist are kept as written.</summary>
    public static string Of(string path) => Of(path, MaxLinks);

    /// <summary>Where <paramref name="path"/> points when it is a link whose target is gone (File.Exists holds for such a link); null otherwise.</summary>
    public static string? DanglingLinkTarget(string path) =>
        new FileInfo(path).LinkTarget is { } target && !File.Exists(Of(path)) ? target : null;

    /// <summary>The link on <paramref name="path"/> (at its end or a folder above it) that is a loop of symbolic links, leading to no file or folder; null when none is.</summary>
    public static string? LinkLoop(string path)
    {
        // Nothing below a loop can be reached, so the nearest part that exists as an entry is the loop when one is on the
        // path (File.Exists holds for a link, a loop's included).
        for (var at = Path.GetFullPath(path); at is not null; at = Path.GetDirectoryName(at))
        {
            if (!File.Exists(at) && !Directory.Exists(at))
                continue;
            try
            {
                new FileInfo(at).ResolveLinkTarget(returnFinalTarget: true);
                return null;
            }
            catch (IOException)
            {
                return at; // ELOOP, "Too many levels of symbolic links"
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }
        return null;
    }

    /// <summary>
    /// Whether two paths name one folder: the same with links followed, or spelled apart in case alone and reached as one
    /// folder by both (as macOS and Windows file systems do by default). The probe is written in <paramref name="writable"/>.
    /// </summary>
    public static bool SameFolder(string writable, string other)
    {
        var (a, b) = (Path.TrimEndingDirectorySeparator(Of(writable)), Path.TrimEndingDirectorySeparator(Of(other)));
        if (string.Equals(a, b, StringComparison.Ordinal))
            return true;
        if (!string.Equals(a, b, StringComparison.OrdinalIgnoreCase) || !Directory.Exists(a) || !Directory.Exists(b))
            return false;
        // .NET shows no inode to compare, and whether a file system ignores case is a property of each folder: a file made
        // through one name and looked for through the other tells.
        var probe = ".chainseg-probe-" + Guid.NewGuid().ToString("N");
        try
        {
            using var made = new FileStream(Path.Combine(a, probe), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
            return File.Exists(Path.Combine(b, probe));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return true; // no probe, no answer: taken as one folder, the side on which nothing mixes
        }
    }

    /// <summary>What a loop of links found on a path is and how to fix it, after the flag or setting that named the path.</summary>
    public static string LoopFix(string loop) =>
        $"{loop} is a loop of symbolic links, which leads to no file or folder; point the link at one, or pass another path.";

    private static string Of(string path, int linksLeft)
    {
        var full = Path.GetFullPath(path);
        if (Path.GetDirectoryName(full) is not { } parent)
            return full;
        var here = Path.Combine(Of(parent, linksLeft), Path.GetFileName(full));
        if (linksLeft == 0)
            return here;
        try
        {
            // FileInfo reads a link to a folder as well as one to a file, and a link whose target is gone.
            var link = new FileInfo(here);
            return link.LinkTarget is null ? here
                : link.ResolveLinkTarget(returnFinalTarget: true) is { } target ? Of(target.FullName, linksLeft - 1) : here;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return here; // a loop of links, or a folder that may not be read: compared as written
        }
    }
}
