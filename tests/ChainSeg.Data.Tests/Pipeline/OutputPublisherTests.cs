using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Pipeline;

// A hand-made output folder: the previous run's files (one of which, quarantine/customers.csv, the new run does not
// write), the store, a user's file and a file beside the folder that a tampered summary points at.
public sealed class OutputPublisherTests : IDisposable
{
    private const string NewRun = "20250102T000000Z-bbbbbb";
    private readonly TempFolder _folder = new();

    private (string Out, OutputPublisher Publisher) Folder()
    {
        var root = _folder.Sub(Guid.NewGuid().ToString("N"));
        var output = Path.Combine(root, "out");
        Write(root, "outside.txt", "not ours");
        Write(output, "run_summary.json", """{ "outputs": ["a.csv", "quarantine/customers.csv", "run_summary.json", "chainseg.duckdb", "../outside.txt"] }""");
        Write(output, "a.csv", "old a");
        Write(output, "quarantine/customers.csv", "old quarantine");
        Write(output, "chainseg.duckdb", "the store");
        Write(output, "notes.txt", "the user's notes");
        var publisher = new OutputPublisher(output, Path.Combine(output, "chainseg.duckdb"));
        var staging = publisher.StagingFolder(NewRun);
        Write(staging, "a.csv", "new a");
        Write(staging, "quarantine/order_lines.csv", "new quarantine");
        Write(staging, "run_summary.json", """{ "outputs": ["a.csv", "quarantine/order_lines.csv", "run_summary.json"] }""");
        return (output, publisher);
    }

    private static readonly string[] NewOutputs = ["a.csv", "quarantine/order_lines.csv", "run_summary.json"];

    private static void Write(string folder, string relative, string text)
    {
        var path = Path.Combine(folder, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    // Every visible file under the folder with its text; staging and backup folders are hidden (leading dot).
    private static SortedDictionary<string, string> Snapshot(string folder) => new(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(folder, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(p => p.StartsWith('.')))
            .ToDictionary(f => f, f => File.ReadAllText(Path.Combine(folder, f))),
        StringComparer.Ordinal);

    private static bool HasHiddenFolders(string folder) => Directory.GetDirectories(folder).Any(d => Path.GetFileName(d).StartsWith('.'));

    [Fact]
    public void Publish_CommitSucceeds_ReplacesOutputsRemovesStaleOnesAndLeavesOtherFiles()
    {
        var (output, publisher) = Folder();
        var committed = false;

        publisher.Publish(NewRun, NewOutputs, () => committed = true);

        Assert.True(committed);
        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["a.csv"] = "new a", ["chainseg.duckdb"] = "the store", ["notes.txt"] = "the user's notes",
            ["quarantine/order_lines.csv"] = "new quarantine",
            ["run_summary.json"] = """{ "outputs": ["a.csv", "quarantine/order_lines.csv", "run_summary.json"] }""",
        }, Snapshot(output));
        Assert.Equal("not ours", File.ReadAllText(Path.Combine(output, "..", "outside.txt")));
        Assert.False(HasHiddenFolders(output));
    }

    // A summary that lists the store and its log (hand-edited) with the store or --out named through a link: compared
    // as written, the store was a previous output, moved to the backup and deleted with it.
    [Theory]
    [InlineData("--store through a linked folder")]
    [InlineData("--out through a linked folder")]
    [InlineData("--store a link to the store")]
    public void Publish_StoreNamedThroughALink_LeavesTheStoreAndItsLogInPlace(string spelling)
    {
        var (output, _) = Folder();
        var root = Path.GetDirectoryName(output)!;
        var linkedFolder = Path.Combine(root, "linked");
        Directory.CreateSymbolicLink(linkedFolder, output);
        File.CreateSymbolicLink(Path.Combine(root, "store.duckdb"), Path.Combine(output, "chainseg.duckdb"));
        Write(output, "chainseg.duckdb.wal", "the store's log");
        Write(output, "run_summary.json", """{ "outputs": ["a.csv", "run_summary.json", "chainseg.duckdb", "chainseg.duckdb.wal"] }""");
        var publisher = spelling switch
        {
            "--store through a linked folder" => new OutputPublisher(output, Path.Combine(linkedFolder, "chainseg.duckdb")),
            "--out through a linked folder" => new OutputPublisher(linkedFolder, Path.Combine(output, "chainseg.duckdb")),
            _ => new OutputPublisher(output, Path.Combine(root, "store.duckdb")),
        };

        publisher.Publish(NewRun, NewOutputs, () => { });

        Assert.Equal("the store", File.ReadAllText(Path.Combine(output, "chainseg.duckdb")));
        Assert.Equal("the store's log", File.ReadAllText(Path.Combine(output, "chainseg.duckdb.wal")));
        Assert.Equal("new a", File.ReadAllText(Path.Combine(output, "a.csv")));
    }

    [Fact]
    public void Publish_CommitThrows_RestoresEveryPreviousOutputAndRethrows()
    {
        var (output, publisher) = Folder();
        var before = Snapshot(output);
        var seenAtCommit = new SortedDictionary<string, string>();

        var thrown = Assert.Throws<InvalidOperationException>(() => publisher.Publish(NewRun, NewOutputs, () =>
        {
            seenAtCommit = Snapshot(output);
            throw new InvalidOperationException("store is read-only");
        }));

        Assert.Equal("store is read-only", thrown.Message);
        Assert.Equal("new a", seenAtCommit["a.csv"]);
        Assert.DoesNotContain("quarantine/customers.csv", seenAtCommit.Keys);
        Assert.Equal(before, Snapshot(output));
        Assert.False(Directory.Exists(publisher.BackupFolder(NewRun)));
    }

    [Theory]
    [InlineData(RunStatus.Interrupted)]
    [InlineData(RunStatus.Failed)]
    [InlineData(RunStatus.Complete)]
    public void Recover_ProcessDiedAtCommit_KeepsTheOutputsOfTheRunTheStoreHasCurrent(string status)
    {
        // The folder as a process that died at the commit left it: copied while the commit is under way.
        var (output, publisher) = Folder();
        var previous = Snapshot(output);
        var crashed = Path.Combine(_folder.Path, "crashed-" + status);
        Assert.Throws<InvalidOperationException>(() => publisher.Publish(NewRun, NewOutputs, () =>
        {
            CopyFolder(output, crashed);
            throw new InvalidOperationException("power cut");
        }));
        var published = Snapshot(crashed);
        Assert.Equal("new a", published["a.csv"]);

        new OutputPublisher(crashed, Path.Combine(crashed, "chainseg.duckdb")).Recover(id => id == NewRun ? status : null);

        Assert.Equal(status == RunStatus.Complete ? published : previous, Snapshot(crashed));
        Assert.False(HasHiddenFolders(crashed));
    }

    [Fact]
    public void Recover_InterruptedHalfWayThroughPuttingTheBackupBack_KeepsWhatItHadAlreadyPutBack()
    {
        // The folder as a process that died at the commit left it (new files in place, the previous ones in the backup).
        var (output, publisher) = Folder();
        var previous = Snapshot(output);
        Assert.Throws<InvalidOperationException>(() => publisher.Publish(NewRun, NewOutputs, () =>
        {
            CopyFolder(output, Path.Combine(_folder.Path, "crashed"));
            throw new InvalidOperationException("power cut");
        }));
        var crashed = Path.Combine(_folder.Path, "crashed");
        var recovering = new OutputPublisher(crashed, Path.Combine(crashed, "chainseg.duckdb"));
        // The next run's recovery stops after putting back the top-level files (a.csv, run_summary.json), as a second
        // crash would: quarantine/customers.csv, which comes after them, cannot be moved while a folder holds its name.
        var blocker = Directory.CreateDirectory(Path.Combine(crashed, "quarantine", "customers.csv"));
        Assert.ThrowsAny<IOException>(() => recovering.Recover(_ => RunStatus.Interrupted));
        Assert.Equal("old a", File.ReadAllText(Path.Combine(crashed, "a.csv")));
        blocker.Delete();

        recovering.Recover(_ => RunStatus.Interrupted);

        // The manifest of the new run's files deleted a.csv and run_summary.json again: the previous ones, already put back.
        Assert.Equal(previous, Snapshot(crashed));
        Assert.False(HasHiddenFolders(crashed));
    }

    [Fact]
    public void Recover_FoldersOfRunsTheStoreDoesNotKnow_AreLeftAlone()
    {
        var (output, publisher) = Folder();
        Directory.CreateDirectory(publisher.BackupFolder("someone-else"));

        var warnings = publisher.Recover(_ => null);

        Assert.True(Directory.Exists(publisher.BackupFolder("someone-else")));
        Assert.True(Directory.Exists(publisher.StagingFolder(NewRun)));
        // Said, naming each folder: the previous outputs in a hidden folder went unnoticed.
        Assert.Equal(2, warnings.Count);
        Assert.StartsWith($"backup_of_another_store: {publisher.BackupFolder("someone-else")} holds the outputs {output} had before run someone-else began to publish;", warnings[0], StringComparison.Ordinal);
        Assert.StartsWith($"staging_of_another_store: {publisher.StagingFolder(NewRun)} holds the unpublished files of run {NewRun}, which is not in the store {Path.Combine(output, "chainseg.duckdb")}", warnings[1], StringComparison.Ordinal);
    }

    // The backup and staging folders a run of another store left were named with "run again … with that run's --store",
    // which the user rarely knew: each folder now notes its store, the warnings name it, and the note itself is never
    // put back among the outputs.
    [Fact]
    public void Recover_FoldersARunOfAnotherStoreLeft_NameThatStoreInTheFix()
    {
        var (output, publisher) = Folder();
        var previous = Snapshot(output);
        var store = Path.Combine(output, "chainseg.duckdb");
        publisher.CreateStagingFolder(NewRun);
        var crashed = Path.Combine(_folder.Path, "crashed-other-store");
        Assert.Throws<InvalidOperationException>(() => publisher.Publish(NewRun, NewOutputs, () =>
        {
            CopyFolder(output, crashed);
            throw new InvalidOperationException("power cut");
        }));

        var warnings = new OutputPublisher(crashed, Path.Combine(_folder.Path, "other.duckdb")).Recover(_ => null);

        Assert.Equal(2, warnings.Count);
        Assert.Contains($"(it was made with the store {store}, and died while publishing", warnings[0], StringComparison.Ordinal);
        Assert.Contains($"run again into {crashed} with --store duckdb:{store}; to keep those outputs", warnings[0], StringComparison.Ordinal);
        Assert.Contains($"(it was made with the store {store}), so this run leaves the folder alone", warnings[1], StringComparison.Ordinal);
        Assert.EndsWith($"run again into {crashed} with --store duckdb:{store} to clear it.", warnings[1], StringComparison.Ordinal);

        new OutputPublisher(crashed, store).Recover(_ => RunStatus.Interrupted);

        Assert.Equal(previous, Snapshot(crashed));
        Assert.False(HasHiddenFolders(crashed));
        Assert.DoesNotContain(Directory.GetFiles(crashed), f => Path.GetFileName(f).StartsWith('.'));
    }

    /// <summary>Copies every file under <paramref name="from"/>, hidden ones included: the folder as a process that dies now leaves it.</summary>
    internal static void CopyFolder(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    public void Dispose() => _folder.Dispose();
}
