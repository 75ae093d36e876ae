using ChainSeg.Cli.Commands;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Cli.Tests.Commands;

public sealed class GsmNetworkFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Read_HandWrittenFile_AcceptsCommentsAndTrailingCommasAndFillsDefaults()
    {
        var network = GsmNetworkFile.Read(Write("""
            // plant feeds one DC
            { "z": 1.65, "nodes": [
              { "id": "plant", "processing_time": 3, "holding_cost": 1, },
              { "id": "dc", "predecessors": ["plant"], "processing_time": 1, "holding_cost": 2, "demand_mean": 40, "demand_sd": 12 },
            ] }
            """));

        Assert.Equal(1.65, network.Z);
        Assert.Empty(network.Nodes[0].Predecessors);
        Assert.Null(network.Nodes[0].ExternalInboundCst);
        Assert.Equal(["plant"], network.Nodes[1].Predecessors);
        Assert.Equal(12.0, network.Nodes[1].DemandSd);
    }

    [Theory]
    [InlineData("null", "holds null")]
    [InlineData("{ \"z\": 1, \"nodes\": null }", "'nodes' must not be null")]
    [InlineData("{ \"z\": 1, \"nodes\": [ { \"id\": \"a\" } ], \"extra\": 1 }", "'extra' is not a network key (keys: z, nodes)")]
    [InlineData("{ \"z\": \"high\", \"nodes\": [] }", "could not be converted to a number")]
    [InlineData("[1, 2]", "could not be converted to network")]
    [InlineData("{ \"z\": 1, \"nodes\": [ { \"id\": \"a\", \"processing_time\": 3e9 } ] }", "3000000000 is too large for a whole number here (at most 2,147,483,647)")]
    [InlineData("{ \"z\": 1, \"nodes\": [ { \"id\": \"a\", \"processing_time\": -3e9 } ] }", "-3000000000 is too small for a whole number here (at least -2,147,483,648)")]
    public void Read_NotANetwork_ThrowsNamingFileAndProblem(string content, string problem)
    {
        var file = Write(content);

        var exception = Assert.Throws<ConfigurationException>(() => GsmNetworkFile.Read(file));

        Assert.Contains(file.ToString(), exception.Message);
        Assert.Contains(problem, exception.Message);
        Assert.DoesNotContain("ChainSeg.Core", exception.Message);
        Assert.DoesNotContain('\n', exception.Message);
    }

    private FileInfo Write(string content)
    {
        var path = Path.Combine(_folder.Path, "network.json");
        File.WriteAllText(path, content);
        return new FileInfo(path);
    }
}
