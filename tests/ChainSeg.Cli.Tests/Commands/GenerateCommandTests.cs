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

    // generate and demo took --seed -1 while segmentation's seed refused a negative one: every seed now takes [0, 2147483647].
    [Theory]
    [InlineData("generate")]
    [InlineData("demo")]
    public void Generate_NegativeSeed_OneLineNamingTheRangeAndExitCode2(string command)
    {
        var run = CliRun.Invoke(command, "--customers", "50", "--order-lines", "1000", "--seed", "-1", "--out", Path.Combine(_folder.Path, "out"), "-q");
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal("error: --seed must be in [0, 2147483647]; got -1.", run.Error.Trim());
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

    // An existing folder that takes no files is named in one line before anything is generated or run, not as .NET's
    // "Access to the path … is denied." from the first file written (for run, after the whole pipeline).
    [Theory]
    [InlineData("generate", "--customers", "50", "--order-lines", "1000")]
    [InlineData("demo", "--customers", "50", "--order-lines", "1000")]
    [InlineData("run", "--data", "", "--as-of", "2025-01-01")]
    public void Generate_OutNotWritable_OneLineNamingTheFolderAndExitCode2(string command, string flag1, string value1, string flag2, string value2)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        var run = CliRun.Invoke(command, flag1, value1.Length == 0 ? _folder.Path : value1, flag2, value2, "--out", TempFolder.Unwritable, "-q");
        Assert.Equal(ChainSegApp.UsageError, run.ExitCode);
        Assert.Equal($"error: --out {TempFolder.Unwritable} cannot be written to (permission denied); pass a folder you can write to.", run.Error.Trim());
    }

    [Fact]
    public void Generate_FolderWithExports_RefusesUnlessForced()
    {
        // A folder of real exports with its own chainseg.yaml is not overwritten by a synthetic company by mistake.
        var folder = Path.Combine(_folder.Path, "exports");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "chainseg.yaml"), "window: 12 months\n");
        File.WriteAllText(Path.Combine(folder, "order_lines.csv"), "mine\n");

        var refused = CliRun.Invoke("generate", "--customers", "50", "--order-lines", "1000", "--out", folder, "-q");
        Assert.Equal(ChainSegApp.UsageError, refused.ExitCode);
        Assert.Equal($"error: --out {folder} already holds chainseg.yaml, order_lines.csv, which generate would overwrite; give an empty or new folder, or add --force.", refused.Error.Trim());
        Assert.Equal("window: 12 months\n", File.ReadAllText(Path.Combine(folder, "chainseg.yaml")));

        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "50", "--order-lines", "1000", "--out", folder, "--force", "-q").ExitCode);
        Assert.NotEqual("mine\n", File.ReadAllText(Path.Combine(folder, "order_lines.csv")));
    }

    // A folder of other CSV files (a run's outputs) was refused with "already holds assignments.csv, …, which generate would
    // overwrite", though generate writes no file of those names: the files it would overwrite are told apart from the rest.
    [Theory]
    [InlineData(new[] { "assignments.csv" }, "already holds assignments.csv, which generate would put its company beside;")]
    [InlineData(new[] { "assignments.csv", "chainseg.yaml", "orders.csv" }, "already holds chainseg.yaml, which generate would overwrite, and assignments.csv, orders.csv, which it would put its company beside;")]
    public void Generate_FolderWithOtherCsvFiles_NamesWhichItWouldOverwrite(string[] files, string expected)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_folder.Path, "results")).FullName;
        foreach (var file in files)
            File.WriteAllText(Path.Combine(folder, file), "mine\n");

        var refused = CliRun.Invoke("generate", "--customers", "50", "--order-lines", "1000", "--out", folder, "-q");

        Assert.Equal(ChainSegApp.UsageError, refused.ExitCode);
        Assert.Equal($"error: --out {folder} {expected} give an empty or new folder, or add --force.", refused.Error.Trim());
    }

    // A full disk's line told generate and demo to "point --out (and --store) at another disk", a flag neither has.
    // /dev/full fails every write with ENOSPC, as a full disk does; --force (demo: a data folder with truth/, its own
    // company) writes through the link to it.
    [Theory]
    [InlineData("generate", "")]
    [InlineData("demo", "data")]
    public void Generate_DiskFull_NamesOnlyTheFlagsTheCommandHas(string command, string below)
    {
        if (!OperatingSystem.IsLinux())
            return;
        var output = Path.Combine(_folder.Path, "out");
        Directory.CreateDirectory(Path.Combine(output, below, command == "demo" ? "truth" : ""));
        File.CreateSymbolicLink(Path.Combine(output, below, "locations.csv"), "/dev/full");
        string[] force = command == "generate" ? ["--force"] : [];
        var run = CliRun.Invoke([command, "--customers", "10", "--order-lines", "100", "--out", output, .. force, "-q"]);

        Assert.Equal(ChainSegApp.Failure, run.ExitCode);
        Assert.EndsWith("; the disk is full: free space on it, or point --out at another disk.", run.Error.Trim());
    }

    public void Dispose() => _folder.Dispose();
}
