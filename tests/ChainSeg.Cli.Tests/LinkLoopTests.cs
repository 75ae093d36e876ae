using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests;

/// <summary>A path given that is a loop of symbolic links (ln -s a b; ln -s b a) is a usage error in one line naming the loop.</summary>
public sealed class LinkLoopTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string Loop => Path.Combine(_folder.Path, "a");

    private static string Fix(string loop) => $"{loop} is a loop of symbolic links, which leads to no file or folder; point the link at one, or pass another path.";

    public LinkLoopTests()
    {
        File.CreateSymbolicLink(Path.Combine(_folder.Path, "b"), Loop);
        File.CreateSymbolicLink(Loop, Path.Combine(_folder.Path, "b"));
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
    }

    // A loop reads as a file to File.Exists: --data and --out said "is a file", the others failed where they opened it with
    // .NET's "Too many levels of symbolic links : '…'" and "run again with --verbose for the stack trace" (exit 1).
    [Theory]
    [InlineData("--data", "", "run", "--data", "{loop}", "--out", "{folder}/out")]
    [InlineData("--config", "", "run", "--config", "{loop}", "--out", "{folder}/out")]
    [InlineData("--out", "", "run", "--data", "{folder}/data", "--out", "{loop}")]
    [InlineData("--out", "/sub", "run", "--data", "{folder}/data", "--out", "{loop}/sub")]
    [InlineData("--store", "", "run", "--data", "{folder}/data", "--out", "{folder}/out", "--store", "duckdb:{loop}")]
    [InlineData("--store", "", "explain", "--store", "duckdb:{loop}", "C1")]
    [InlineData("--results", "", "simulate", "--results", "{loop}", "--out", "{folder}/out")]
    [InlineData("--supply", "", "allocate", "--supply", "{loop}", "--orders", "{folder}/data/order_lines.csv", "--out", "{folder}/out")]
    [InlineData("--orders", "", "route", "--orders", "{loop}", "--out", "{folder}/routes.csv")]
    public void Command_PathIsALinkLoop_UsageErrorNamingTheFlagAndTheLoop(string flag, string below, params string[] args)
    {
        var run = CliRun.Invoke([.. args.Select(a => a.Replace("{loop}", Loop).Replace("{folder}", _folder.Path)), "-q"]);

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: {flag} {Loop}{below}: {Fix(Loop)}", run.Error.Trim());
    }

    // A path no flag names (inspect's FILE, a sources path in chainseg.yaml) fails where it is opened: said the same way.
    [Fact]
    public void Inspect_FileIsALinkLoop_UsageErrorNamingTheLoop()
    {
        var run = CliRun.Invoke("inspect", Loop);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: {Fix(Loop)}", run.Error.Trim());
    }

    // A sources path that is a loop, or runs through one, was the bare loop message with no word of the sources key it came
    // from (a path below a looping folder read as "file not found"), where every other sources error names sources.<table>.
    [Theory]
    [InlineData("a", "a")]
    [InlineData("a/orders.csv", "a")]
    [InlineData("loops/*.csv", "loops/x.csv")]
    public void Validate_SourcesPathIsALinkLoop_UsageErrorNamingTheSourcesKey(string path, string loop)
    {
        var loops = Directory.CreateDirectory(Path.Combine(_folder.Path, "loops")).FullName;
        File.CreateSymbolicLink(Path.Combine(loops, "y.csv"), Path.Combine(loops, "x.csv"));
        File.CreateSymbolicLink(Path.Combine(loops, "x.csv"), Path.Combine(loops, "y.csv"));
        var config = Path.Combine(_folder.Path, "chainseg.yaml");
        File.WriteAllText(config, $"sources:\n  order_lines:\n    path: \"{path}\"\n");

        var run = CliRun.Invoke("validate", "--config", config);

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: sources.order_lines: {Fix(Path.Combine(_folder.Path, loop))}", run.Error.Trim());
    }

    [Fact]
    public void Report_TooManyLevelsOfSymbolicLinks_UsageErrorNamingTheLoop()
    {
        var error = new StringWriter();
        var code = ChainSegApp.Report(new IOException("Too many levels of symbolic links : '/data/exports/orders.csv'"), new CliContext(new TestConsole(), error, TimeProvider.System));

        Assert.Equal((ChainSegApp.UsageError, $"error: {Fix("/data/exports/orders.csv")}"), (code, error.ToString().Trim()));
    }

    public void Dispose() => _folder.Dispose();
}
