using System.Text.Json;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Pipeline;

/// <summary>
/// Moves a run's files from its staging folder into the output folder so that the folder holds either the previous
/// run's outputs or the new run's, never a mix: the previous outputs go to a backup folder, the new files move in,
/// the run is committed, and only then is the backup deleted. Any failure before the commit restores the backup.
/// </summary>
/// <remarks>
/// Only ChainSeg outputs are touched: the files the previous <c>run_summary.json</c> lists, the files the new run
/// writes and <c>quarantine/&lt;table&gt;.csv</c>. The store file and anything else in the folder are left alone.
/// A process that dies while publishing leaves its backup behind; <see cref="Recover"/> puts it back on the next run
/// with the same store, and with another store names it in a warning.
/// </remarks>
public sealed class OutputPublisher(string outDirectory, string storePath)
{
    /// <summary>The run summary, which lists the outputs of the run that wrote it.</summary>
    public const string SummaryFile = "run_summary.json";

    private const string BackupPrefix = ".backup-";
    private const string StagingPrefix = ".staging-";

    // Written inside the backup folder once the previous outputs are all in it and before any new file moves in:
    // the files a failed or crashed publish may have placed. Without it, nothing new was placed yet.
    private const string ManifestFile = ".published";

    // Written into the backup and staging folders as they are made: the store of the run they belong to, so a run with
    // another store that finds them can say which --store restores or clears them.
    private const string StoreFile = ".store";

    private readonly string _out = Path.GetFullPath(outDirectory);
    private readonly string _store = Path.GetFullPath(storePath);

    // The store as the file it is (links followed to the end) and as the entry its path names (a link kept as a link):
    // a file in the folder that is either, or its log beside it (DuckDB names the log after the path as given), is the
    // store however --out and --store are written, through a linked folder or with a link to the store.
    private readonly string[] _storeFiles = [RealPath.Of(storePath), Path.Combine(RealPath.Of(Path.GetDirectoryName(Path.GetFullPath(storePath))!), Path.GetFileName(storePath))];

    /// <summary>The staging folder a run writes its files to before publishing.</summary>
    public string StagingFolder(string runId) => Path.Combine(_out, StagingPrefix + runId);

    /// <summary>Whether the folder holds a staging or backup folder of <paramref name="runId"/> (left by this store's run or another's).</summary>
    public bool HasFoldersOf(string runId) => Directory.Exists(StagingFolder(runId)) || Directory.Exists(BackupFolder(runId));

    /// <summary>Creates the staging folder of <paramref name="runId"/>, noting the store that records the run; returns its path.</summary>
    public string CreateStagingFolder(string runId)
    {
        var staging = StagingFolder(runId);
        Directory.CreateDirectory(staging);
        File.WriteAllText(Path.Combine(staging, StoreFile), _store);
        return staging;
    }

    /// <summary>The folder holding the previous outputs while <paramref name="runId"/> publishes.</summary>
    public string BackupFolder(string runId) => Path.Combine(_out, BackupPrefix + runId);

    /// <summary>
    /// Publishes the files of <paramref name="outputs"/> (paths relative to the staging folder) and calls
    /// <paramref name="commit"/> once they are in place; on any failure before the commit returns, the previous
    /// outputs are restored and the exception is rethrown.
    /// </summary>
    /// <exception cref="IOException">Publishing failed and the previous outputs could not be restored (the message names the backup folder).</exception>
    public void Publish(string runId, IReadOnlyList<string> outputs, Action commit)
    {
        var staging = StagingFolder(runId);
        var backup = BackupFolder(runId);
        var placed = outputs.Where(IsOutputPath).ToList();
        if (placed.Count != outputs.Count)
            throw new ArgumentException($"output paths must be relative paths inside the output folder; got: {string.Join(", ", outputs.Except(placed))}.", nameof(outputs));

        Directory.CreateDirectory(backup);
        try
        {
            File.WriteAllText(Path.Combine(backup, StoreFile), _store);
            foreach (var file in KnownOutputs(placed).Where(f => File.Exists(Resolve(_out, f))))
                Move(Resolve(_out, file), Resolve(backup, file));
            // From here on every known output is in the backup, so whatever of the manifest is in the folder is new.
            File.WriteAllLines(Path.Combine(backup, ManifestFile), placed);
            foreach (var file in placed)
                Move(Resolve(staging, file), Resolve(_out, file));
            commit();
        }
        catch (Exception failure)
        {
            try
            {
                Restore(backup);
            }
            catch (Exception restoreFailure) when (restoreFailure is IOException or UnauthorizedAccessException)
            {
                throw new IOException($"publishing failed ({failure.Message}) and the previous outputs could not be restored ({restoreFailure.Message}); they are in {backup}. Move them back into {_out} by hand.", failure);
            }
            throw;
        }
        DeleteQuietly(backup);
        DeleteQuietly(staging);
    }

    /// <summary>
    /// Cleans up after a process that died while publishing: a backup of a run that never committed is moved back
    /// (replacing the files that run had placed), the backup of a committed run is deleted, and staging folders of runs
    /// that are not running are removed. Folders of runs <paramref name="statusOf"/> does not know are left alone.
    /// </summary>
    /// <param name="statusOf">The registry status of a run id, or null when the store does not know the run.</param>
    /// <returns>A warning ("kind: detail") for each folder left alone because the store does not know its run.</returns>
    public IReadOnlyList<string> Recover(Func<string, string?> statusOf)
    {
        if (!Directory.Exists(_out))
            return [];
        var warnings = new List<string>();
        foreach (var backup in Directory.GetDirectories(_out, BackupPrefix + "*").Order(StringComparer.Ordinal))
        {
            var runId = Path.GetFileName(backup)[BackupPrefix.Length..];
            var status = statusOf(runId);
            if (status == Store.RunStatus.Complete)
                DeleteQuietly(backup);
            else if (status is not null and not Store.RunStatus.Running)
                Restore(backup);
            // Another store's run (a run into this folder with another --store): only that store knows whether the run
            // committed, so whether the folder is to be put back or deleted; left as it is, but said, or the previous
            // outputs sit in a hidden folder unnoticed.
            else if (status is null)
            {
                var noted = StoreNotedIn(backup);
                warnings.Add($"backup_of_another_store: {backup} holds the outputs {_out} had before run {runId} began to publish; "
                    + $"that run is not in the store {_store} (it was made with {OtherStore(noted)}, and died while publishing or is publishing now), so this run leaves the folder alone. "
                    + $"To restore or clear it, run again into {_out} with {OtherStoreOption(noted)}; to keep those outputs without that store, move its files elsewhere by hand "
                    + $"(moved back into {_out} they would replace this run's), then delete the folder.");
            }
        }
        foreach (var staging in Directory.GetDirectories(_out, StagingPrefix + "*").Order(StringComparer.Ordinal))
        {
            var runId = Path.GetFileName(staging)[StagingPrefix.Length..];
            var status = statusOf(runId);
            if (status is not null and not Store.RunStatus.Running)
                DeleteQuietly(staging);
            else if (status is null)
            {
                var noted = StoreNotedIn(staging);
                warnings.Add($"staging_of_another_store: {staging} holds the unpublished files of run {runId}, which is not in the store {_store} "
                    + $"(it was made with {OtherStore(noted)}), so this run leaves the folder alone; none of its files is an output yet. "
                    + $"Delete it once that run is no longer running, or run again into {_out} with {OtherStoreOption(noted)} to clear it.");
            }
        }
        return warnings;
    }

    // The store a backup or staging folder notes (folders of builds before the note name none).
    private static string? StoreNotedIn(string folder)
    {
        var note = Path.Combine(folder, StoreFile);
        try
        {
            return File.Exists(note) && File.ReadAllText(note).Trim() is { Length: > 0 } store ? store : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string OtherStore(string? noted) => noted is null ? "another --store" : $"the store {noted}";

    private static string OtherStoreOption(string? noted) => noted is null ? "that run's --store" : $"--store duckdb:{noted}";

    /// <summary>
    /// The first of <paramref name="inputs"/> that publishing <paramref name="outputs"/> would move away or replace (by any
    /// path to it: links are followed), with the output, relative to the folder, that it is; null when none is.
    /// </summary>
    public (string Input, string Output)? InputReplaced(IEnumerable<string> inputs, IEnumerable<string> outputs)
    {
        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in KnownOutputs(outputs))
            known.TryAdd(RealPath.Of(Resolve(_out, output)), output);
        foreach (var input in inputs)
            if (known.TryGetValue(RealPath.Of(input), out var output))
                return (input, output);
        return null;
    }

    /// <summary>
    /// The first of <paramref name="outputs"/> and the quarantine files (relative to the folder) that is the store or its log
    /// (by any path to it: links are followed), which publishing would refuse to place; null when none is.
    /// </summary>
    public string? OutputNamedAsStore(IEnumerable<string> outputs) =>
        outputs.Concat(QuarantineFiles).FirstOrDefault(o => IsInFolder(o) && IsStore(Resolve(_out, o)));

    // What may hold a ChainSeg output in the folder: the new run's files, those the previous summary lists, and the
    // quarantine file of every canonical table (a run quarantines only the tables it was given).
    private IEnumerable<string> KnownOutputs(IEnumerable<string> published) =>
        published
            .Concat(PreviousOutputs())
            .Concat(QuarantineFiles)
            .Where(IsOutputPath)
            .Distinct(StringComparer.Ordinal);

    private static IEnumerable<string> QuarantineFiles => CanonicalSchema.Tables.Select(t => $"quarantine/{t.Name}.csv");

    private IEnumerable<string> PreviousOutputs() => PublishedIn(_out);

    /// <summary>The outputs (paths relative to <paramref name="folder"/>) that the run summary in the folder lists; none without a readable summary.</summary>
    public static IReadOnlyList<string> PublishedIn(string folder)
    {
        var summary = Path.Combine(folder, SummaryFile);
        if (!File.Exists(summary))
            return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(summary));
            return document.RootElement.TryGetProperty("outputs", out var outputs) && outputs.ValueKind == JsonValueKind.Array
                ? outputs.EnumerateArray().Where(o => o.ValueKind == JsonValueKind.String).Select(o => o.GetString()!).ToList()
                : [];
        }
        catch (JsonException)
        {
            return []; // an unreadable summary lists nothing; the summary file itself is still replaced
        }
    }

    // A relative path that stays inside the output folder, is not hidden (staging and backup folders are) and is not the store.
    private bool IsOutputPath(string relative) => IsInFolder(relative) && !IsStore(Resolve(_out, relative));

    private bool IsInFolder(string relative)
    {
        if (string.IsNullOrWhiteSpace(relative) || Path.IsPathRooted(relative))
            return false;
        var parts = relative.Split('/', '\\');
        if (parts.Any(p => p.Length == 0 || p.StartsWith('.')))
            return false;
        return Resolve(_out, relative).StartsWith(_out + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private bool IsStore(string file)
    {
        var real = RealPath.Of(file);
        return _storeFiles.Any(store => real == store || real.StartsWith(store + ".", StringComparison.Ordinal));
    }

    private void Restore(string backup)
    {
        var manifest = Path.Combine(backup, ManifestFile);
        if (File.Exists(manifest))
        {
            foreach (var file in File.ReadAllLines(manifest).Where(IsOutputPath))
                if (File.Exists(Resolve(_out, file)))
                    File.Delete(Resolve(_out, file));
            // Gone before any previous file moves back: a restore interrupted after that (a crash, a refused move) is
            // resumed by the next, which must not take the previous files it had already put back for the new ones.
            File.Delete(manifest);
        }
        foreach (var file in Directory.GetFiles(backup, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(backup, file);
            if (relative != ManifestFile && relative != StoreFile)
                Move(file, Resolve(_out, relative), overwrite: true);
        }
        Directory.Delete(backup, recursive: true);
    }

    private static string Resolve(string root, string relative) => Path.GetFullPath(Path.Combine(root, relative));

    private static void Move(string from, string to, bool overwrite = false)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(to)!);
        File.Move(from, to, overwrite);
    }

    // After the commit the run is current whatever happens to its leftovers; Recover removes them next time.
    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
                Directory.Delete(folder, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
