using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Pipeline;

public sealed class RunPipelineTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // costed: a products file giving SKU X a unit cost, for a test that reads the run's warnings: without a cost to judge
    // margins by, a run also warns no_product_axis (ProductAxisStageTests).
    private string DataFolder(string orders, bool costed = false)
    {
        var data = _folder.Sub("data-" + Guid.NewGuid().ToString("N"));
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\n" + orders);
        if (costed)
            File.WriteAllText(Path.Combine(data, "products.csv"), "sku,unit_cost\nX,4\n");
        return data;
    }

    [Fact]
    public void Execute_CancelledHalfWay_LeavesPreviousRunCurrentAndItsOutputsIntact()
    {
        var output = _folder.Sub("out");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var metricsBefore = File.ReadAllText(Path.Combine(output, "customer_metrics.csv"));

        // The second run is stopped once ingestion is done and metrics start: the state of a crash half-way.
        using var cancellation = new CancellationTokenSource();
        var progress = new InlineProgress(p => { if (p.Stage == "metrics") cancellation.Cancel(); });
        Assert.ThrowsAny<OperationCanceledException>(() => new RunPipeline(TimeProvider.System).Execute(
            new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output), progress, cancellation.Token));

        using var store = ChainSegStore.Open(first.StorePath);
        Assert.Equal(first.RunId, store.CurrentRun()!.RunId);
        var failed = Assert.Single(store.Runs(), r => r.Status == RunStatus.Failed);
        Assert.Equal("cancelled", failed.Error);
        Assert.Equal(metricsBefore, File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith(".staging", StringComparison.Ordinal));
        Assert.Equal(0, store.Connection.ScalarLong($"SELECT count(*) FROM information_schema.schemata WHERE schema_name = '{ChainSegStore.SchemaOf(failed.RunId)}'"));
    }

    [Fact]
    public void Execute_CancelledWhilePublishing_RestoresPreviousOutputsAndKeepsPreviousRunCurrent()
    {
        // Ctrl-C during the commit stage, after its start was checked, was acknowledged ("stopping at the next stage") and
        // the run then published and exited 0: it is honoured up to the store's commit, the previous outputs put back.
        var output = _folder.Sub("out-cancel-commit");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var before = OutputFiles(output);
        using var cancellation = new CancellationTokenSource();
        var stopped = new RunPipeline(TimeProvider.System) { BeforeCommit = _ => cancellation.Cancel() };

        Assert.ThrowsAny<OperationCanceledException>(() => stopped.Execute(
            new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output), cancellationToken: cancellation.Token));

        Assert.Equal(before, OutputFiles(output));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith('.'));
        using var store = ChainSegStore.Open(first.StorePath);
        Assert.Equal(first.RunId, store.CurrentRun()!.RunId);
        Assert.Equal("cancelled", Assert.Single(store.Runs(), r => r.Status == RunStatus.Failed).Error);
    }

    [Fact]
    public void Execute_TwoGoodRuns_SecondBecomesCurrentAndFirstStaysInRegistry()
    {
        var output = _folder.Sub("out2");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var second = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output));

        using var store = ChainSegStore.Open(second.StorePath);
        Assert.NotEqual(first.RunId, second.RunId);
        Assert.Equal(second.RunId, store.CurrentRun()!.RunId);
        Assert.Equal([RunStatus.Complete, RunStatus.Complete], store.Runs().Select(r => r.Status));
        Assert.Contains("C2", File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
        Assert.Contains("sha256", File.ReadAllText(Path.Combine(output, "run_summary.json")));
    }

    [Fact]
    public void Execute_CommitFails_RestoresPreviousOutputsAndKeepsPreviousRunCurrent()
    {
        var output = _folder.Sub("out-commit");
        var firstData = DataFolder("SO-1,C1,X,2025-01-01,1,10\n");
        File.WriteAllText(Path.Combine(firstData, "customers.csv"), "customer_id,name\nC1,One\n,Nameless\n");
        var first = new RunPipeline(TimeProvider.System).Execute(new RunRequest(firstData, output));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "kept by the user");
        var before = OutputFiles(output);
        Assert.Contains("quarantine/customers.csv", before.Keys);

        // The second run has no customers file, so it writes no quarantine/customers.csv; its commit fails.
        var failing = new RunPipeline(TimeProvider.System) { BeforeCommit = _ => throw new IOException("store disk full") };
        var thrown = Assert.Throws<IOException>(() => failing.Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output)));

        Assert.Equal("store disk full", thrown.Message);
        Assert.Equal(before, OutputFiles(output));
        Assert.DoesNotContain(Directory.GetDirectories(output), d => Path.GetFileName(d).StartsWith('.'));
        using var store = ChainSegStore.Open(first.StorePath);
        Assert.Equal(first.RunId, store.CurrentRun()!.RunId);
        Assert.Equal("store disk full", Assert.Single(store.Runs(), r => r.Status == RunStatus.Failed).Error);
    }

    [Fact]
    public void Execute_OutFolderRefusedDuringTheRun_NamesOutNotTheStagingFolderAndKeepsPreviousOutputs()
    {
        // --out made read-only after the start-up probe: .NET's "Access to the path '…/.staging-<run>' is denied" named a
        // hidden folder and no fix (exit 1). Root ignores permissions, so the refusal is raised where the commit starts.
        var output = _folder.Sub("out-refused");
        new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output));
        var before = OutputFiles(output);
        var failing = new RunPipeline(TimeProvider.System) { BeforeCommit = _ => throw new UnauthorizedAccessException($"Access to the path '{output}/.staging-x' is denied.") };

        var thrown = Assert.Throws<ConfigurationException>(() => failing.Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output)));

        Assert.Equal($"cannot write the outputs to {Path.GetFullPath(output)}: permission denied (it changed during the run); make it writable and run again. The previous outputs are untouched.", thrown.Message);
        Assert.Equal(before, OutputFiles(output));
    }

    // A quarantine/ under --out that takes no files failed only when the run published, after the whole pipeline, as
    // "permission denied (it changed during the run)", though it was so from the start: it is probed with --out.
    [Fact]
    public void Execute_ReadOnlyQuarantineFolder_RefusedAtTheStartNamingIt()
    {
        var output = _folder.Sub("out-quarantine-read-only");
        using var readOnly = ReadOnlyFolder.Make(Directory.CreateDirectory(Path.Combine(output, "quarantine")).FullName);

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C1,X,2025-01-01,1,10\n"), output)));

        Assert.Equal($"--out {output}: its folder quarantine/ cannot be written to (permission denied); make it writable, or pass another --out.", thrown.Message);
        Assert.False(File.Exists(Path.Combine(output, "chainseg.duckdb")));
    }

    [Fact]
    public void Execute_NewRunWithoutATable_RemovesTheStaleQuarantineFileAndKeepsOtherFiles()
    {
        var output = _folder.Sub("out-stale");
        var firstData = DataFolder("SO-1,C1,X,2025-01-01,1,10\n");
        File.WriteAllText(Path.Combine(firstData, "customers.csv"), "customer_id,name\nC1,One\n");
        new RunPipeline(TimeProvider.System).Execute(new RunRequest(firstData, output));
        File.WriteAllText(Path.Combine(output, "notes.txt"), "kept by the user");
        Assert.True(File.Exists(Path.Combine(output, "quarantine", "customers.csv")));

        var second = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output));

        Assert.False(File.Exists(Path.Combine(output, "quarantine", "customers.csv")));
        Assert.True(File.Exists(Path.Combine(output, "quarantine", "order_lines.csv")));
        Assert.Equal("kept by the user", File.ReadAllText(Path.Combine(output, "notes.txt")));
        Assert.True(File.Exists(second.StorePath));
        // Every ChainSeg file in the folder is one the current run lists.
        var listed = second.Outputs.Append("notes.txt").Append(Path.GetFileName(second.StorePath)).ToHashSet(StringComparer.Ordinal);
        Assert.All(OutputFiles(output).Keys.Where(f => !f.StartsWith(Path.GetFileName(second.StorePath), StringComparison.Ordinal)), f => Assert.Contains(f, listed));
    }

    // --data OUT/quarantine with --out OUT: the exports carry the names of the quarantine files, so publishing moved them
    // to the backup as previous outputs, put the quarantined rows in their place and deleted the backup: every input
    // gone, exit 0. Refused before the run, which leaves no store behind.
    [Fact]
    public void Execute_DataFolderIsTheQuarantineFolderOfOut_RefusedBeforeTheRunAndTheInputsKept()
    {
        var output = _folder.Sub("out-over-data");
        var data = Path.Combine(output, "quarantine");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,10\n");
        File.WriteAllText(Path.Combine(data, "customers.csv"), "customer_id,name\nC1,One\n,Nameless\n");
        var before = Snapshot(data);

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output)));

        Assert.Equal($"--out {output} would replace the input {Path.Combine(data, "customers.csv")} with the run's quarantine/customers.csv when it publishes; "
            + $"pass an --out apart from the data folder {data} (neither it nor a folder that holds it).", thrown.Message);
        Assert.Equal(before, Snapshot(data));
        Assert.False(File.Exists(Path.Combine(output, StoreLocation.DefaultFileName)));
    }

    // An export mapped under sources: whose name is an output's (assignments.csv), with --out the data folder: the first
    // run replaced it with its own assignments. Named through a linked folder, it is the same file.
    [Fact]
    public void Execute_InputNamedAsAnOutputInOut_RefusedNamingTheInputAndTheOutput()
    {
        var data = _folder.Sub("data-as-out");
        File.WriteAllText(Path.Combine(data, "assignments.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,10\n");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), "sources:\n  order_lines:\n    path: assignments.csv\n");
        var linked = Path.Combine(_folder.Path, "linked-data-as-out");
        Directory.CreateSymbolicLink(linked, data);
        var before = Snapshot(data);

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, linked)));

        Assert.StartsWith($"--out {linked} would replace the input {Path.Combine(data, "assignments.csv")} with the run's assignments.csv when it publishes;", thrown.Message, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot(data));
    }

    // A store in --out whose log an output's name would be (assignments.csv beside a store OUT/assignments) was kept safe,
    // but only at publishing: the run did all its work and then failed with the publisher's internal message; a store
    // named as the output itself was refused as "the name of a data file", naming no output. Refused before the run,
    // naming the output, and no store is made; through a linked folder it is the same file.
    [Theory]
    [InlineData("assignments.csv", "assignments.csv")]
    [InlineData("quarantine/customers.csv", "quarantine/customers.csv")]
    [InlineData("assignments", "assignments.csv")]
    [InlineData("quarantine/customers", "quarantine/customers.csv")]
    [InlineData("linked/run_summary", "run_summary.json")]
    public void Execute_StoreNamedAsAnOutputInOut_RefusedBeforeTheRunAndNoStoreMade(string store, string collides)
    {
        var data = DataFolder("SO-1,C1,X,2025-01-01,1,10\n");
        var output = _folder.Sub("out-store-" + Guid.NewGuid().ToString("N"));
        Directory.CreateSymbolicLink(Path.Combine(output, "linked"), output);
        var storePath = Path.Combine(output, store);

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output, Store: "duckdb:" + storePath)));

        Assert.Equal($"--store {storePath} collides with the run's output {collides} in --out {output}; "
            + $"name the store otherwise (e.g. {StoreLocation.DefaultFileName}) or place it outside --out.", thrown.Message);
        Assert.False(File.Exists(storePath));
        Assert.Equal(["linked"], Directory.GetFileSystemEntries(output).Select(Path.GetFileName));
    }

    // --out the data folder itself published beside the exports: the outputs then sat among them, a later run's
    // sources pattern (cost*.csv, inventory*.csv) or `chainseg inspect` of the folder read them as exports. Refused before
    // the run, naming both folders, however --out names it (through a link), and nothing is written.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_OutIsTheDataFolder_RefusedNamingBothAndNothingWritten(bool linked)
    {
        var data = DataFolder("SO-1,C1,X,2025-01-01,1,10\n");
        var output = data;
        if (linked)
        {
            output = Path.Combine(_folder.Path, "linked-" + Path.GetFileName(data));
            Directory.CreateSymbolicLink(output, data);
        }
        var before = Snapshot(data);

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output)));

        Assert.Equal($"--out {output} is the data folder {data}: the outputs would sit among the exports, where a later run could read them as exports; "
            + $"pass an --out apart from it (e.g. {Path.Combine(Path.GetDirectoryName(data)!, "chainseg-results")}).", thrown.Message);
        Assert.Equal(before, Snapshot(data));
    }

    // The folder of an export mapped under sources: is a data folder too, with or without --data.
    [Fact]
    public void Execute_OutIsTheFolderOfAMappedExport_Refused()
    {
        var project = _folder.Sub("project-" + Guid.NewGuid().ToString("N"));
        var exports = Directory.CreateDirectory(Path.Combine(project, "exports")).FullName;
        File.WriteAllText(Path.Combine(exports, "orders-2025.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,10\n");
        var config = Path.Combine(project, "chainseg.yaml");
        File.WriteAllText(config, "sources:\n  order_lines:\n    path: exports/orders-*.csv\n");

        var thrown = Assert.Throws<ConfigurationException>(() => new RunPipeline(TimeProvider.System).Execute(new RunRequest(null, exports, config)));

        Assert.StartsWith($"--out {exports} is the data folder {exports}:", thrown.Message, StringComparison.Ordinal);
    }

    // Beside the data folder, in it (exports are read from the folder itself, never its sub-folders) or above it, the
    // outputs do not mix with the exports.
    [Theory]
    [InlineData("results")]
    [InlineData("../results")]
    [InlineData("..")]
    public void Execute_OutApartFromTheDataFolder_Runs(string relative)
    {
        var data = ProjectDataFolder();
        var output = Path.GetFullPath(Path.Combine(data, relative));

        var result = new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output));

        Assert.Contains("assignments.csv", result.Outputs);
    }

    // DATA beside data: the same folder where the file system ignores case (macOS, Windows), and refused there; another
    // folder where it tells them apart, and the run goes on.
    [Fact]
    public void Execute_OutDiffersFromTheDataFolderInCaseAlone_RefusedWhereTheFileSystemIgnoresCase()
    {
        var data = ProjectDataFolder();
        var output = Path.Combine(Path.GetDirectoryName(data)!, "DATA");
        var ignoresCase = Directory.Exists(output);

        var run = () => new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output));

        if (ignoresCase)
            Assert.StartsWith($"--out {output} is the data folder {data}:", Assert.Throws<ConfigurationException>(run).Message, StringComparison.Ordinal);
        else
            Assert.Contains("assignments.csv", run().Outputs);
    }

    private string ProjectDataFolder()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder.Sub("project-" + Guid.NewGuid().ToString("N")), "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,1,10\n");
        return data;
    }

    // ChainSeg.Data wrote dates into its outputs in the host's culture: under th-TH (Buddhist calendar) the inactive
    // customers' reason in assignments.csv read "no orders between 2567-… and 2568-…". A run under another culture
    // writes every output file as the invariant run does (run_summary.json aside: it holds the stages' timings).
    [Theory]
    [InlineData("th-TH")]
    [InlineData("ar-SA")]
    [InlineData("de-DE")]
    public void Execute_UnderAnotherCulture_WritesTheFilesOfTheInvariantCulture(string culture)
    {
        var data = _folder.Sub("culture-data-" + culture);
        CompanyGenerator.Generate(new GeneratorOptions(60, 3_000, Seed: 7), data);
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var invariant = _folder.Sub("culture-invariant-" + culture);
        var local = _folder.Sub("culture-local-" + culture);
        new RunPipeline(clock).Execute(new RunRequest(data, invariant));

        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo(culture);
            new RunPipeline(clock).Execute(new RunRequest(data, local));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }

        var expected = OutputFiles(invariant);
        var written = OutputFiles(local);
        Assert.Matches(@"inactive: no orders between 20\d\d-\d\d-\d\d and 20\d\d-\d\d-\d\d", written["assignments.csv"]);
        Assert.Equal(expected.Keys, written.Keys);
        Assert.All(expected.Keys.Where(f => f != OutputPublisher.SummaryFile), f => Assert.Equal(expected[f], written[f]));
    }

    // Run ids were unique in their store only: a run of another store into the same --out, started in the same second with
    // the same configuration, took the id of the backup a dead run had left there, failed to publish on it ("already
    // exists") and put that run's backed-up files into the folder. The id now skips folders --out holds.
    [Fact]
    public void Execute_OutHoldsTheBackupOfAnotherStoresRunWithTheSameId_TakesAnotherIdAndLeavesTheBackup()
    {
        var clock = new FixedClock(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        var data = DataFolder("SO-1,C1,X,2025-01-01,1,10\n", costed: true);
        var taken = new RunPipeline(clock).Execute(new RunRequest(data, _folder.Sub("out-first"), Store: "duckdb:" + Path.Combine(_folder.Path, "a.duckdb"))).RunId;
        var output = _folder.Sub("out-same-second");
        var backup = Path.Combine(output, ".backup-" + taken);
        Directory.CreateDirectory(backup);
        File.WriteAllText(Path.Combine(backup, "customer_metrics.csv"), "the other run's previous outputs");
        File.WriteAllText(Path.Combine(backup, ".published"), "customer_metrics.csv\n");

        var result = new RunPipeline(clock).Execute(new RunRequest(data, output, Store: "duckdb:" + Path.Combine(_folder.Path, "b.duckdb")));

        Assert.Equal(taken + "-2", result.RunId);
        Assert.Equal("the other run's previous outputs", File.ReadAllText(Path.Combine(backup, "customer_metrics.csv")));
        Assert.StartsWith($"backup_of_another_store: {backup} ", Assert.Single(result.Warnings), StringComparison.Ordinal);
        Assert.NotEqual("the other run's previous outputs", File.ReadAllText(Path.Combine(output, "customer_metrics.csv")));
    }

    // A run killed while publishing leaves the folder's previous outputs in .backup-RUNID. The next run puts them back, but
    // only when its store knows RUNID: a run into the same --out with another --store left the folder there without a word,
    // and the user never learnt where the previous outputs were. It says so now, naming the folder and the fix (the store
    // that made the backup notes itself in it, so the fix names that --store), and still leaves it alone; the store that
    // knows the run then restores it.
    [Fact]
    public void Execute_BackupOfARunAnotherStoreRecorded_WarnsNamingTheFolderAndTheFixAndLeavesItAlone()
    {
        var output = _folder.Sub("out-backup");
        var first = Path.Combine(_folder.Path, "first-store", "runs.duckdb");
        var firstData = DataFolder("SO-1,C1,X,2025-01-01,1,10\n", costed: true);
        new RunPipeline(TimeProvider.System).Execute(new RunRequest(firstData, output, Store: "duckdb:" + first));
        var previous = OutputFiles(output);
        // The folder as a run of the first store left it when it died at its commit: the new files in place, the previous
        // ones in its backup folder with the manifest of what it had placed.
        var crashed = Path.Combine(_folder.Path, "crashed");
        string? crashedRun = null;
        var dying = new RunPipeline(TimeProvider.System)
        {
            BeforeCommit = id =>
            {
                crashedRun = id;
                OutputPublisherTests.CopyFolder(output, crashed);
                throw new IOException("power cut");
            },
        };
        Assert.Throws<IOException>(() => dying.Execute(new RunRequest(DataFolder("SO-1,C2,X,2025-01-01,1,99\n"), output, Store: "duckdb:" + first)));
        var backup = Path.Combine(crashed, ".backup-" + crashedRun);
        var backedUp = Snapshot(backup);
        Assert.Contains(".published", backedUp.Keys);

        var other = Path.Combine(_folder.Path, "other-store", "runs.duckdb");
        var result = new RunPipeline(TimeProvider.System).Execute(new RunRequest(DataFolder("SO-1,C3,X,2025-01-01,1,7\n", costed: true), crashed, Store: "duckdb:" + other));

        var expected = $"backup_of_another_store: {backup} holds the outputs {crashed} had before run {crashedRun} began to publish; that run is not in the store {other} "
            + $"(it was made with the store {first}, and died while publishing or is publishing now), so this run leaves the folder alone. "
            + $"To restore or clear it, run again into {crashed} with --store duckdb:{first}; to keep those outputs without that store, move its files elsewhere by hand "
            + $"(moved back into {crashed} they would replace this run's), then delete the folder.";
        // Its staging folder, emptied by the publish but for the note of its store, is named too.
        var staging = $"staging_of_another_store: {Path.Combine(crashed, ".staging-" + crashedRun)} holds the unpublished files of run {crashedRun}, which is not in the store {other} "
            + $"(it was made with the store {first}), so this run leaves the folder alone; none of its files is an output yet. "
            + $"Delete it once that run is no longer running, or run again into {crashed} with --store duckdb:{first} to clear it.";
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(crashed, OutputPublisher.SummaryFile))))
            Assert.Equal([expected, staging], summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()));
        Assert.Equal([expected, staging], result.Warnings);
        Assert.Equal(backedUp, Snapshot(backup));

        // The advice holds: the store that recorded the run puts the previous outputs back, and the run publishes over them.
        var again = new RunPipeline(TimeProvider.System).Execute(new RunRequest(firstData, crashed, Store: "duckdb:" + first));
        Assert.False(Directory.Exists(backup));
        Assert.DoesNotContain(Directory.GetDirectories(crashed), d => Path.GetFileName(d).StartsWith('.'));
        Assert.Equal(previous["customer_metrics.csv"], File.ReadAllText(Path.Combine(crashed, "customer_metrics.csv")));
        using (var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(crashed, OutputPublisher.SummaryFile))))
            Assert.Equal(0, summary.RootElement.GetProperty("warnings").GetArrayLength());
    }

    // Every file under a folder (hidden ones included) with its text.
    private static SortedDictionary<string, string> Snapshot(string folder) => new(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllText), StringComparer.Ordinal);

    // Every visible file of the output folder except the store (whose bytes change with every run), with its text.
    private static SortedDictionary<string, string> OutputFiles(string output) => new(
        Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f).Replace('\\', '/'))
            .Where(f => !f.Split('/').Any(p => p.StartsWith('.')) && !f.StartsWith(StoreLocation.DefaultFileName, StringComparison.Ordinal))
            .ToDictionary(f => f, f => f.EndsWith(".xlsx", StringComparison.Ordinal) ? WorkbookText(Path.Combine(output, f)) : File.ReadAllText(Path.Combine(output, f))),
        StringComparer.Ordinal);

    // A workbook's cells, each with its type and value in the invariant culture: its zip bytes hold the time it was saved.
    private static string WorkbookText(string path)
    {
        using var workbook = new ClosedXML.Excel.XLWorkbook(path);
        return string.Join("\n", workbook.Worksheets.SelectMany(s => s.CellsUsed().Select(c =>
            $"{s.Name}!{c.Address}={c.DataType}:{Convert.ToString(c.Value, CultureInfo.InvariantCulture)}:{c.Style.NumberFormat.Format}")));
    }

    // Runs were ordered by their start on the machine's clock, so a run whose clock was behind the previous runs' (a machine
    // that booted with a reset clock, a virtual machine restored from a snapshot) counted as the oldest: the 4th such run
    // dropped its own tables as it became current (explain: "older than the 3 runs whose tables the store keeps"; route and
    // allocate had no tables to read), and 'previous' named a run before the one it replaced. Runs go in the order they ran.
    [Fact]
    public void Execute_ClockBehindEarlierRuns_KeepsTheLatestRunsTablesAndPreviousIsTheRunBefore()
    {
        var output = _folder.Sub("out-clock");
        var data = DataFolder("SO-1,C1,X,2025-01-01,1,10\n");
        var start = new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
        // Each run's clock a day behind the one before: run 4 is the latest run, run 1 the oldest.
        var ids = Enumerable.Range(0, 4).Select(n => new RunPipeline(new FixedClock(start.AddDays(-n))).Execute(new RunRequest(data, output)).RunId).ToList();

        using var store = ChainSegStore.Open(Path.Combine(output, StoreLocation.DefaultFileName));
        Assert.Equal(ids[3], store.CurrentRun()!.RunId);
        Assert.Equal([ids[3], ids[2], ids[1], ids[0]], store.Runs().Select(r => r.RunId));
        Assert.Equal([false, false, false, true], store.Runs().Select(r => r.DataDropped));
        var comparison = new SegmentationHistory(store).Compare("previous", "current");
        Assert.Equal((ids[2], ids[3]), (comparison.From.Split(':')[0], comparison.To.Split(':')[0]));
    }

    [Fact]
    public void Open_StoreLeftRunning_MarksTheRunInterrupted()
    {
        var path = Path.Combine(_folder.Path, "crashed.duckdb");
        using (var store = ChainSegStore.Open(path))
            store.BeginRun("20250101T000000Z-abcdef", new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc), "abcdef", "{}");

        using var reopened = ChainSegStore.Open(path);
        var run = Assert.Single(reopened.Runs());
        Assert.Equal(RunStatus.Interrupted, run.Status);
        Assert.Null(reopened.CurrentRun());
        Assert.Equal(ChainSegStore.CurrentSchemaVersion, (int)reopened.Connection.ScalarLong("SELECT max(version) FROM schema_version"));
    }

    public void Dispose() => _folder.Dispose();

    private sealed class InlineProgress(Action<StageProgress> handler) : IProgress<StageProgress>
    {
        public void Report(StageProgress value) => handler(value);
    }
}
