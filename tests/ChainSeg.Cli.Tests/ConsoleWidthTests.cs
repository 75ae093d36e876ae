namespace ChainSeg.Cli.Tests;

// `chainseg run > run.txt` drew its tables 80 columns wide, Spectre.Console's width for a standard output that is no
// terminal, and cut words across lines: "missing_required:cust" / "omer_id 1", "fewer_clusters_than_min_segment" / "s".
public sealed class ConsoleWidthTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_OutputRedirectedWithoutColumns_CutsNoWordOfItsTables()
    {
        var data = Path.Combine(_folder.Path, "data");
        Directory.CreateDirectory(data);
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nO1,A,X,2025-01-01,10,10\nO2,B,X,notadate,1,10\nO3,,X,2025-01-02,1,10\n");
        var width = ConsoleWidth.For(outputRedirected: true, columns: null);

        var run = CliRun.InvokeAt(width ?? 80, "run", "--data", data, "--out", Path.Combine(_folder.Path, "out"));

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        var lines = run.Output.Split('\n');
        Assert.Contains(lines, l => l.Contains("│ quarantined │", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("missing_required:customer_id 1", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("│ fewer_clusters_than_min_segments ", StringComparison.Ordinal));
        // A table row is one line: the kmeans warning's detail is not wrapped beneath it.
        Assert.Contains(lines, l => l.Contains("at most 1 cluster instead of min_segments 3.", StringComparison.Ordinal)
            && l.Contains("only 1 distinct customer profile", StringComparison.Ordinal));
    }

    // COLUMNS says how wide a redirected output should be (COLUMNS=120 chainseg run | less); in a terminal, Spectre.Console
    // reads the terminal's own width, which a stale exported COLUMNS would contradict after a resize.
    [Theory]
    [InlineData(true, "120", 120)]
    [InlineData(true, " 120 ", 120)]
    [InlineData(true, "0", ConsoleWidth.Redirected)]
    [InlineData(true, "wide", ConsoleWidth.Redirected)]
    [InlineData(true, "", ConsoleWidth.Redirected)]
    [InlineData(false, "120", null)]
    [InlineData(false, null, null)]
    public void For_RedirectedOutput_ReadsColumnsElseIsWide(bool redirected, string? columns, int? expected) =>
        Assert.Equal(expected, ConsoleWidth.For(redirected, columns));
}
