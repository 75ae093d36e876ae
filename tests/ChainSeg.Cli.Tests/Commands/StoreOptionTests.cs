namespace ChainSeg.Cli.Tests.Commands;

// Commands that read a run's results (explain, compare) finding its store from --out when the run kept it elsewhere (--store).
public sealed class StoreOptionTests : IDisposable
{
    private readonly TempFolder _folder = new();

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

    public void Dispose() => _folder.Dispose();
}
