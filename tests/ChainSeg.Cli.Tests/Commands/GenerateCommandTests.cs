namespace ChainSeg.Cli.Tests.Commands;

public sealed class GenerateCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // Valid ranges from GeneratorOptions: customers in [10, 10 000 000], order lines in [100, 2 000 000 000].
    [Theory]
    [InlineData("generate", "--customers", "5", "--order-lines", "1000", "error: --customers must be in [10, 10000000]; got 5.")]
    [InlineData("generate", "--customers", "50", "--order-lines", "99", "error: --order-lines must be in [100, 2000000000]; got 99.")]
    [InlineData("demo", "--customers", "50", "--order-lines", "10", "error: --order-lines must be in [100, 2000000000]; got 10.")]
    public void Generate_SizeOutOfRange_OneLineNamingTheRangeAndExitCode2(string command, string flag1, string value1, string flag2, string value2, string expected)
    {
        var run = CliRun.Invoke(command, flag1, value1, flag2, value2, "--out", Path.Combine(_folder.Path, "out"), "-q");
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal(expected, run.Error.Trim());
        Assert.False(Directory.Exists(Path.Combine(_folder.Path, "out")));
    }

    // --out must be a folder: a file there (or on the way to it) is named in one line, before anything is generated.
    [Theory]
    [InlineData("generate", "")]
    [InlineData("generate", "sub")]
    [InlineData("demo", "")]
    public void Generate_OutIsAFile_OneLineNamingTheFlagAndExitCode2(string command, string below)
    {
        var file = Path.Combine(_folder.Path, "exports.csv");
        File.WriteAllText(file, "not a folder\n");
        var target = below.Length == 0 ? file : Path.Combine(file, below);
        var run = CliRun.Invoke(command, "--customers", "50", "--order-lines", "1000", "--out", target, "-q");
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith(below.Length == 0 ? $"error: --out {file} is a file; pass a folder" : $"error: --out {target} cannot be created (", line);
        Assert.Equal("not a folder\n", File.ReadAllText(file));
    }

    public void Dispose() => _folder.Dispose();
}
