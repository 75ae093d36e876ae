namespace ChainSeg.Cli.Tests;

/// <summary>A data folder's configuration under another spelling of chainseg.yaml is refused in one line, not passed over for the defaults.</summary>
public sealed class ConfigFileNameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private string DataWith(string configName)
    {
        var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
        File.WriteAllText(Path.Combine(data, configName), "window: 6 months\n");
        return data;
    }

    // chainseg.yml (the other usual YAML extension) and ChainSeg.yaml were passed over: validate said "Default configuration:
    // settings, files and columns are valid" and run segmented on the defaults, exit 0, the file's settings unread.
    [Theory]
    [InlineData("validate", "chainseg.yml")]
    [InlineData("validate", "ChainSeg.yaml")]
    [InlineData("run", "chainseg.yml")]
    [InlineData("run", "CHAINSEG.YML")]
    public void Command_ConfigUnderAnotherSpelling_UsageErrorNamingTheRename(string command, string configName)
    {
        var data = DataWith(configName);
        var output = Path.Combine(_folder.Path, "out");
        string[] args = command == "run" ? ["run", "--data", data, "--out", output, "-q"] : ["validate", "--data", data, "-q"];

        var run = CliRun.Invoke(args);

        Assert.Equal((ChainSegApp.UsageError, ""), (run.ExitCode, run.Output));
        Assert.Equal($"error: {configName} in {data} is not read: a run reads its settings from chainseg.yaml, in lower case; rename it to chainseg.yaml, "
                     + $"or pass it with --config {Path.Combine(data, configName)}.", run.Error.Trim());
        Assert.False(Directory.Exists(output));
    }

    // The file named right is read whatever lies beside it.
    [Fact]
    public void Validate_ChainsegYamlBesideAYml_ReadsTheYaml()
    {
        var data = DataWith("chainseg.yaml");
        File.WriteAllText(Path.Combine(data, "chainseg.yml"), "window: nonsense\n");

        var run = CliRun.Invoke("validate", "--data", data, "-q");

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
    }

    public void Dispose() => _folder.Dispose();
}
