using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Pipeline;

/// <summary>The folder a command writes its files to (<c>--out</c>).</summary>
public static class OutputFolder
{
    /// <summary>Creates the folder and its parents when missing and checks that files can be written there.</summary>
    /// <exception cref="ConfigurationException">The path is a file, or no folder can be created or written there.</exception>
    public static void Ensure(string path)
    {
        if (File.Exists(path))
            throw new ConfigurationException($"--out {path} is a file; pass a folder (it is created when missing).");
        Prepare(path, $"--out {path}", "pass a folder you can write to");
    }

    /// <summary>Creates the folder of the output file <paramref name="file"/> when missing and checks that the file can be written.</summary>
    /// <exception cref="ConfigurationException">The folder cannot be created or written, or the file cannot be written.</exception>
    public static void EnsureForFile(string file)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file))!;
        Prepare(folder, $"the folder {folder} of --out {file}", "pass a file in a folder you can write to");
        if (!File.Exists(file))
            return;
        try
        {
            // Opened for writing and closed untouched: an existing file stays as it is until the command writes it.
            using var _ = new FileStream(file, FileMode.Open, FileAccess.Write);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"--out {file} cannot be written ({Reason(e)}); pass a file you can write to.");
        }
    }

    /// <summary>
    /// Checks that nothing in <paramref name="folder"/> stands where <paramref name="command"/> writes: a folder where it
    /// writes a file, or a file where it makes a folder. <paramref name="outputs"/> are paths relative to the folder, with
    /// '/' between parts; one ending in '/' is a folder.
    /// </summary>
    /// <exception cref="ConfigurationException">An entry of the wrong kind is in the way (the message names it).</exception>
    public static void RequireRoom(string folder, string command, IEnumerable<string> outputs)
    {
        // Found otherwise only as the command writes there: a run after its whole pipeline, demo after generating a company.
        foreach (var output in outputs)
        {
            var parts = output.Split('/');
            var at = folder;
            for (var i = 0; i < parts.Length && parts[i].Length > 0; i++)
            {
                at = Path.Combine(at, parts[i]);
                var isFile = i == parts.Length - 1;
                var name = string.Join('/', parts.Take(i + 1));
                if (isFile ? Directory.Exists(at) : File.Exists(at))
                    throw new ConfigurationException($"--out {folder}: {at} is a {(isFile ? "folder" : "file")} where {command} writes its {(isFile ? $"file {name}" : $"folder {name}/")}; move it away, or pass another --out.");
                if (!Directory.Exists(at))
                    break;
            }
        }
    }

    /// <summary>
    /// Checks that each folder of <paramref name="outputs"/> (those ending in '/', relative to <paramref name="folder"/>) that
    /// is already there takes files, as <see cref="Ensure"/> checks the folder itself.
    /// </summary>
    /// <exception cref="ConfigurationException">One cannot be written to (the message names it).</exception>
    public static void RequireWritableFolders(string folder, IEnumerable<string> outputs)
    {
        // A read-only quarantine/ was otherwise found only as the run published, after the whole pipeline.
        foreach (var sub in outputs.Where(o => o.EndsWith('/')))
            if (Directory.Exists(Path.Combine(folder, sub)))
                Prepare(Path.Combine(folder, sub), $"--out {folder}: its folder {sub}", "make it writable, or pass another --out");
    }

    /// <summary>The file in the way of making <paramref name="folder"/> (it, or the nearest folder above it that is a file); null when none is.</summary>
    public static string? FileInTheWay(string folder)
    {
        for (var at = folder; at is not null; at = Path.GetDirectoryName(at))
            if (File.Exists(at))
                return at;
        return null;
    }

    // Probed up front with a file created and deleted at once: a folder that exists but takes no files (permissions, a
    // read-only mount) would otherwise fail only at the first output, for a run after the whole pipeline.
    private static void Prepare(string folder, string what, string fix)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{what} cannot be created ({(FileInTheWay(folder) is { } file ? $"{file} is a file" : e.Message.TrimEnd('.'))}); {fix}.");
        }
        try
        {
            using var _ = new FileStream(Path.Combine(folder, $".chainseg-write-check-{Guid.NewGuid():N}"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ConfigurationException($"{what} cannot be written to ({Reason(e)}); {fix}.");
        }
    }

    // .NET's message for a refused path names the path it tried (the probe file's); the permission is what to fix.
    private static string Reason(Exception e) => e is UnauthorizedAccessException ? "permission denied" : e.Message.TrimEnd('.');
}
