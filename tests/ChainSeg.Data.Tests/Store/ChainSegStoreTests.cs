using ChainSeg.Data.Configuration;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Store;

public sealed class ChainSegStoreTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void ConfigOf_RecordedYaml_ParsesWithTheRecordedFolder()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "a.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");
        store.RecordConfig("r1", "policies:\n  default: { csl: 0.9, route: drop_ship }\n", "/data/exports");

        var config = store.ConfigOf("r1");

        Assert.Equal("drop_ship", config.Policies.Default!.Route);
        Assert.Equal("/data/exports", config.BaseDirectory);
    }

    [Fact]
    public void ConfigOf_RunMadeWithTheDefaults_GivesTheDefaults()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "b.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");
        store.RecordConfig("r1", null, "/data");

        Assert.Null(store.ConfigOf("r1").Policies.Default);
    }

    [Fact]
    public void ConfigOf_RunFromBeforeConfigsWereRecorded_AsksForConfig()
    {
        using var store = ChainSegStore.Open(Path.Combine(_folder.Path, "c.duckdb"));
        store.BeginRun("r1", Start, "abc", "{}");

        var error = Assert.Throws<ConfigurationException>(() => store.ConfigOf("r1"));
        Assert.Contains("pass --config", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
