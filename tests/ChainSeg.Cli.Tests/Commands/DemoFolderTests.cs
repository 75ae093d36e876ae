namespace ChainSeg.Cli.Tests.Commands;

/// <summary>demo generates its company into DIR/data: what is already there decides whether it may.</summary>
public sealed class DemoFolderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Demo_OutWhoseDataFolderHoldsOwnExports_RefusesAndLeavesThemAlone()
    {
        // A project folder with the user's exports in data/: demo wrote its synthetic company over order_lines.csv and
        // chainseg.yaml without a word, and made the synthetic run current in the folder's store.
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "project", "data")).FullName;
        const string Lines = "order_id,customer_id,sku,order_date,quantity,unit_price\nMY-1,REAL1,X,2025-01-01,2,5\n";
        const string Config = "window: 12 months\n";
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), Lines);
        File.WriteAllText(Path.Combine(data, "chainseg.yaml"), Config);

        var run = CliRun.Invoke("demo", "--out", Path.Combine(_folder.Path, "project"), "--customers", "10", "--order-lines", "200", "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {Path.Combine(_folder.Path, "project")}: its data folder holds chainseg.yaml, order_lines.csv, which demo would overwrite (no truth/ there: demo did not generate it); give demo an empty or new folder.",
            run.Error.Trim());
        Assert.Equal((Lines, Config), (File.ReadAllText(Path.Combine(data, "order_lines.csv")), File.ReadAllText(Path.Combine(data, "chainseg.yaml"))));
        Assert.False(File.Exists(Path.Combine(_folder.Path, "project", "chainseg.duckdb")));
    }

    // A chainseg.duckdb in --out that is no DuckDB file was refused, once the company was generated, with "Pass another
    // --store", an option demo does not have: it names --out, before anything is written.
    [Fact]
    public void Demo_StoreFileInOutNotADuckDbDatabase_NamesOutNotStore()
    {
        var project = Directory.CreateDirectory(Path.Combine(_folder.Path, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "chainseg.duckdb"), "not a database\n");

        var run = CliRun.Invoke("demo", "--out", project, "--customers", "10", "--order-lines", "200", "-q");

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: --out {project}: its chainseg.duckdb, where demo keeps its store, is not a DuckDB database; move the file away, or pass another --out.", run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(project, "data")));
    }

    // A data folder of other CSV files was refused as holding "assignments.csv, …, which demo … would overwrite", though demo
    // writes no file of that name: the files it would overwrite are told apart from those it would sit beside, as generate does.
    [Fact]
    public void Demo_DataFolderWithOtherCsvFiles_NamesWhichItWouldOverwrite()
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "project", "data")).FullName;
        foreach (var file in new[] { "assignments.csv", "chainseg.yaml", "orders.csv" })
            File.WriteAllText(Path.Combine(data, file), "mine\n");

        var run = CliRun.Invoke("demo", "--out", Path.Combine(_folder.Path, "project"), "--customers", "10", "--order-lines", "200", "-q");

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {Path.Combine(_folder.Path, "project")}: its data folder holds chainseg.yaml, which demo would overwrite, and assignments.csv, orders.csv, which it would put its company beside (no truth/ there: demo did not generate it); give demo an empty or new folder.",
            run.Error.Trim());
    }

    // A folder of exports (a generated company, or one's own) given as demo's --out: demo put its company in data/ and
    // published its run's outputs and store among the exports, exit 0, where run refuses an --out that is its data folder.
    [Fact]
    public void Demo_OutHoldingExports_RefusesBeforeWritingAnything()
    {
        var exports = Directory.CreateDirectory(Path.Combine(_folder.Path, "exports")).FullName;
        foreach (var file in new[] { "Order Lines.csv", "chainseg.yaml", "notes.txt" })
            File.WriteAllText(Path.Combine(exports, file), "mine\n");

        var run = CliRun.Invoke("demo", "--out", exports, "--customers", "10", "--order-lines", "200", "-q");

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: --out {exports} holds exports (Order Lines.csv, chainseg.yaml): demo would publish its outputs among them, where a run or inspect of the folder reads them as exports; give demo an empty or new folder.",
            run.Error.Trim());
        Assert.Equal(["Order Lines.csv", "chainseg.yaml", "notes.txt"], Directory.EnumerateFileSystemEntries(exports).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Demo_AgainIntoItsOwnFolder_RegeneratesAndRuns()
    {
        // The previous demo's company (with its truth/) is demo's own to replace.
        var output = Path.Combine(_folder.Path, "demo");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("demo", "--out", output, "--customers", "10", "--order-lines", "200", "-q").ExitCode);

        var again = CliRun.Invoke("demo", "--out", output, "--customers", "12", "--order-lines", "200", "-q");

        Assert.Equal((ChainSegApp.Ok, ""), (again.ExitCode, again.Error));
        Assert.Equal(12, File.ReadLines(Path.Combine(output, "data", "truth", "customer_archetypes.csv")).Count() - 1);
    }

    public void Dispose() => _folder.Dispose();
}
