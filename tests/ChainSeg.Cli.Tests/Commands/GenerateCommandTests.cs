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

    public void Dispose() => _folder.Dispose();
}
