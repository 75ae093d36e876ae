namespace ChainSeg.Cli.Tests.Commands;

/// <summary>What stands in the way of a command's outputs in --out is refused before the command's work, in one line naming it.</summary>
public sealed class OutputBlockedTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TinyRuns _runs = new();

    private string Out => Path.Combine(_folder.Path, "out");

    private string[] Args(string command, string output)
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        if (command is "simulate" or "allocate" && !File.Exists(Path.Combine(_runs.Out, "run_summary.json")))
            _runs.Run("SO-1,C1,X,2025-01-01,2,5\nSO-2,C2,X,2025-01-02,1,5\n");
        return command switch
        {
            "run" => ["run", "--data", data, "--out", output, "-q"],
            "simulate" => ["simulate", "--results", _runs.Out, "--days", "10", "--out", output, "-q"],
            "allocate" => ["allocate", "--results", _runs.Out, "--capacity", "--out", output, "-q"],
            "generate" => ["generate", "--customers", "50", "--order-lines", "1000", "--force", "--out", output, "-q"],
            _ => ["demo", "--customers", "50", "--order-lines", "1000", "--out", output, "-q"],
        };
    }

    // Each was found only as the command wrote there, after its work: run after its whole pipeline ("The file
    // '…/assignments.csv' already exists", exit 1), simulate after simulating (DuckDB's "Is a directory"), allocate after
    // its plan ("Access to the path … is denied"), generate --force after the order lines, demo after generating and running.
    [Theory]
    [InlineData("run", "assignments.csv", false)]
    [InlineData("simulate", "simulation.csv", false)]
    [InlineData("allocate", "capacity_plan.csv", false)]
    [InlineData("generate", "forecasts.csv", false)]
    [InlineData("generate", "truth", true)]
    [InlineData("demo", "chainseg.duckdb", false)]
    [InlineData("demo", "allocation", true)]
    public void Command_EntryOfTheWrongKindWhereItWrites_UsageErrorBeforeItsWork(string command, string entry, bool isFile)
    {
        var blocking = Path.Combine(Out, entry);
        if (isFile)
            File.WriteAllText(Path.Combine(Directory.CreateDirectory(Out).FullName, entry), "in the way\n");
        else
            Directory.CreateDirectory(blocking);

        var run = CliRun.Invoke(Args(command, Out));

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(isFile
                ? $"error: --out {Out}: {blocking} is a file where {command} writes its folder {entry}/; move it away, or pass another --out."
                : $"error: --out {Out}: {blocking} is a folder where {command} writes its file {entry}; move it away, or pass another --out.",
            run.Error.Trim());
        // Nothing written: no store, no generated company, no other output beside what was in the way.
        Assert.Equal([blocking], Directory.GetFileSystemEntries(Out));
    }

    // .NET's "Could not find a part of the path '…/results/sub'" left the file in the way to guess.
    [Theory]
    [InlineData("run")]
    [InlineData("simulate")]
    [InlineData("allocate")]
    [InlineData("generate")]
    [InlineData("demo")]
    public void Command_OutBelowAFile_UsageErrorNamingTheFile(string command)
    {
        var file = Path.Combine(_folder.Path, "results");
        File.WriteAllText(file, "keep me\n");
        var target = Path.Combine(file, "sub");

        var run = CliRun.Invoke(Args(command, target));

        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {target} cannot be created ({file} is a file); pass a folder you can write to.", run.Error.Trim());
        Assert.Equal("keep me\n", File.ReadAllText(file));
    }

    public void Dispose()
    {
        _runs.Dispose();
        _folder.Dispose();
    }
}
