namespace ChainSeg.Cli.Tests.Commands;

// Commands that read a run's results (explain, compare) finding its store from --out when the run kept it elsewhere (--store).
public sealed class StoreOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // A folder given as --store without duckdb: was "--store '/x' is not understood; use duckdb:PATH", while duckdb:/x named
    // the folder and the store file in it: the bare path is read as the store it names, as a bare .duckdb path is.
    [Theory]
    [InlineData("explain")]
    [InlineData("compare")]
    [InlineData("simulate")]
    [InlineData("run")]
    public void Command_StoreIsAFolderWithoutDuckdbPrefix_NamesTheStoreFileInIt(string command)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "stores")).FullName;
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var output = Path.Combine(_folder.Path, "out");
        string[] args = command switch
        {
            "explain" => ["explain", "C1", "--store", folder],
            "compare" => ["compare", "previous", "current", "--store", folder],
            "simulate" => ["simulate", "--out", output, "--store", folder],
            _ => ["run", "--data", data, "--out", output, "--store", folder, "-q"],
        };

        var run = CliRun.Invoke(args);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.StartsWith($"error: cannot open store {folder}: it is a folder; pass the store file in it (--store duckdb:", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    [Fact]
    public void Explain_OutOfARunWhoseStoreIsElsewhere_NamesTheStoreTheRunUsed()
    {
        // run --store kept the store outside --out; explain --out looked only for OUT/chainseg.duckdb and said to pass "the
        // folder of a run", which it was.
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var output = Path.Combine(_folder.Path, "out");
        var store = Path.Combine(_folder.Path, "stores", "main.duckdb");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "--store", "duckdb:" + store, "-q").ExitCode);

        var run = CliRun.Invoke("explain", "C1", "--out", output);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: no store at {Path.Combine(output, "chainseg.duckdb")}: the run in {output} used duckdb:{store}; pass --store duckdb:{store}.", run.Error.Trim());
        Assert.StartsWith("C1 in run ", CliRun.Invoke("explain", "C1", "--store", "duckdb:" + store).Output.TrimStart());
    }

    [Fact]
    public void ExplainAndCompare_OutWhoseOutputsCameFromAStoreElsewhere_RefusedNamingBothStores()
    {
        // A run into the folder's own store, then one into the same --out with --store elsewhere: the folder's files are the
        // second run's, yet explain and compare --out read the folder's chainseg.duckdb, whose current run is the first, so
        // explain showed C1 'small' beside an assignments.csv that says 'big'.
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\nSO-2,C2,X,2025-03-04,1,30\n");
        var output = Path.Combine(_folder.Path, "out");
        var own = Path.Combine(output, "chainseg.duckdb");
        var elsewhere = Path.Combine(_folder.Path, "stores", "other.duckdb");
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), TinyConfig.Segmentation(TinyConfig.BigFrom("tiers", 1000)));
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        var first = RunIdIn(output);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), TinyConfig.Segmentation(TinyConfig.BigFrom("tiers", 100, version: 2)));
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "--store", "duckdb:" + elsewhere, "-q").ExitCode);
        var second = RunIdIn(output);
        // C1 bought 300: small under the first run's threshold, big under the second's, as the folder's assignments.csv says.
        Assert.Contains("C1,big,tiers,2,", File.ReadAllText(Path.Combine(output, "assignments.csv")), StringComparison.Ordinal);

        var expected = $"error: the outputs in {output} are of run {second}, kept in store duckdb:{elsewhere}, not in {own} (whose current run is {first}); "
            + $"pass --store duckdb:{elsewhere} to read that run, or --store duckdb:{own} for the runs kept in the folder.";
        foreach (var args in new[] { new[] { "explain", "C1", "--out", output }, ["compare", "previous", "current", "--out", output] })
        {
            var refused = CliRun.Invoke(args);
            Assert.Equal(ChainSegApp.UsageError, refused.ExitCode);
            Assert.Equal(expected, refused.Error.Trim());
        }
        Assert.Contains($"C1 in run {second}", CliRun.Invoke("explain", "C1", "--store", "duckdb:" + elsewhere).Output, StringComparison.Ordinal);
        Assert.Contains($"C1 in run {first}", CliRun.Invoke("explain", "C1", "--store", "duckdb:" + own).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_OutWhoseStoreALaterRunWithAnotherOutMadeCurrent_RefusedNamingTheFolderOfThatRun()
    {
        // run --out other --store OUT/chainseg.duckdb makes a run current in the folder's store whose files went to other:
        // explain --out OUT then explained that run beside OUT's files of the run before.
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var output = Path.Combine(_folder.Path, "out");
        var other = Path.Combine(_folder.Path, "other");
        var store = Path.Combine(output, "chainseg.duckdb");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        var first = RunIdIn(output);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", other, "--store", "duckdb:" + store, "-q").ExitCode);
        var second = RunIdIn(other);

        var refused = CliRun.Invoke("explain", "C1", "--out", output);

        Assert.Equal(ChainSegApp.UsageError, refused.ExitCode);
        Assert.Equal($"error: the outputs in {output} are of run {first}, but the current run of {store} is {second}, whose outputs went to another folder; "
            + $"pass that folder as --out, or --store duckdb:{store} for the runs kept in the store.", refused.Error.Trim());
        Assert.Contains($"C1 in run {second}", CliRun.Invoke("explain", "C1", "--store", "duckdb:" + store).Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ExplainAndCompare_OutOfARunKilledWhilePublishing_ReadTheStoresCurrentRunWhoseOutputsWaitInTheBackup()
    {
        // A run SIGKILLed between moving its files into --out and marking itself current leaves its files there and the
        // previous outputs in .backup-RUNID, which the next run puts back. Until then explain and compare --out refused the
        // store's current run, the previous good one, saying its "outputs went to another folder": they are in the backup.
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var output = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        var good = RunIdIn(output);
        const string killed = "20991231T000000Z-dead00";
        // The folder as the killed run left it: the previous outputs in its backup with the manifest of what it placed, its
        // own files (here the previous ones under its run id) in the folder.
        var backup = Directory.CreateDirectory(Path.Combine(output, ".backup-" + killed)).FullName;
        var outputs = Directory.GetFiles(output, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(output, f))
            .Where(f => !f.StartsWith('.') && !f.StartsWith("chainseg.duckdb", StringComparison.Ordinal))
            .ToList();
        foreach (var file in outputs)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(backup, file))!);
            File.Copy(Path.Combine(output, file), Path.Combine(backup, file));
        }
        File.WriteAllLines(Path.Combine(backup, ".published"), outputs);
        File.WriteAllText(Path.Combine(backup, ".store"), Path.Combine(output, "chainseg.duckdb"));
        var summary = Path.Combine(output, "run_summary.json");
        File.WriteAllText(summary, File.ReadAllText(summary).Replace(good, killed, StringComparison.Ordinal));

        var explained = CliRun.Invoke("explain", "C1", "--out", output);
        var compared = CliRun.Invoke("compare", "previous", "current", "--out", output);

        Assert.Equal("", explained.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, explained.ExitCode);
        Assert.StartsWith($"C1 in run {good}", explained.Output.TrimStart(), StringComparison.Ordinal);
        Assert.Equal("", compared.Error.Trim());
        Assert.Equal(ChainSegApp.Ok, compared.ExitCode);
    }

    // --store duckdb: (the scheme with no path, as "duckdb:$STORE" with STORE unset) ended in an unhandled
    // ArgumentException and its stack trace (exit 134): the check for a loop of links took the empty path as a path.
    [Theory]
    [InlineData("explain", "C1")]
    [InlineData("run", "--data", "{folder}", "--out", "{folder}/out")]
    public void Store_SchemeWithoutAPath_OneLineNotAStackTrace(params string[] args)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var run = CliRun.Invoke([.. args.Select(a => a.Replace("{folder}", _folder.Path)), "--store", "duckdb:", "-q"]);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: --store 'duckdb:' is not understood; use duckdb:PATH (for example duckdb:./chainseg.duckdb).", run.Error.Trim());
    }

    private static string RunIdIn(string output) =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run_summary.json"))).RootElement.GetProperty("run_id").GetString()!;

    [Fact]
    public void Store_Help_NamesThePlainFilePathItAccepts()
    {
        // explain --store ./out/chainseg.duckdb opens that store (StoreLocation.Parse, README "or just the .duckdb file's
        // path"), but the help named duckdb:PATH alone.
        var description = new ChainSeg.Cli.Commands.StoreOption().Store.Description;

        Assert.Contains("duckdb:PATH", description, StringComparison.Ordinal);
        Assert.Contains(".duckdb file", description, StringComparison.Ordinal);
        Assert.StartsWith("C1 in run ", CliRun.Invoke("explain", "C1", "--store", RunWithOneCustomer()).Output.TrimStart());
    }

    private string RunWithOneCustomer()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "plain")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-03-03,10,30\n");
        var output = Path.Combine(_folder.Path, "plain-out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        return Path.Combine(output, "chainseg.duckdb");
    }

    public void Dispose() => _folder.Dispose();
}
