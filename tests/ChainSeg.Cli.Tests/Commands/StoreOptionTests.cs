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
