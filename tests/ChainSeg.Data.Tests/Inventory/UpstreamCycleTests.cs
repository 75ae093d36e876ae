using ChainSeg.Data.Configuration;
using ChainSeg.Data.Inventory;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Inventory;

// locations.upstream_location_id must lead every location to a source; a cycle failed the run in its last stage.
public sealed class UpstreamCycleTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public UpstreamCycleTests()
    {
        _connection.Open();
        _connection.Execute("CREATE SCHEMA run_x; CREATE TABLE run_x.locations (location_id VARCHAR, upstream_location_id VARCHAR)");
    }

    private void Locations(params (string Id, string? Upstream)[] rows)
    {
        _connection.Execute("DELETE FROM run_x.locations");
        foreach (var (id, upstream) in rows)
            _connection.Execute($"INSERT INTO run_x.locations VALUES ('{id}', {(upstream is null ? "NULL" : $"'{upstream}'")})");
    }

    [Fact]
    public void RequireNoUpstreamCycle_TreeAndUnknownUpstream_Pass()
    {
        // Two DCs under a plant, a store under a DC, and a supplier named only as an upstream: every path ends at a source.
        Locations(("PLANT", null), ("DC-1", "PLANT"), ("DC-2", "PLANT"), ("STORE", "DC-1"), ("DC-3", "SUPPLIER-X"));
        MultiEchelonStage.RequireNoUpstreamCycle(_connection, "run_x");
    }

    [Fact]
    public void RequireNoUpstreamCycle_Cycle_NamesItsLocations()
    {
        Locations(("PLANT", "DC-EAST"), ("DC-EAST", "DC-CENTRAL"), ("DC-CENTRAL", "PLANT"), ("STORE", "DC-EAST"));
        var e = Assert.Throws<ConfigurationException>(() => MultiEchelonStage.RequireNoUpstreamCycle(_connection, "run_x"));
        Assert.Equal("locations: upstream_location_id links PLANT → DC-EAST → DC-CENTRAL → PLANT in a cycle, so no stock reaches them from a source; fix the upstream of one of them.", e.Message);
    }

    [Fact]
    public void RequireNoUpstreamCycle_LocationItsOwnUpstream_IsACycle()
    {
        Locations(("DC-1", "DC-1"));
        var e = Assert.Throws<ConfigurationException>(() => MultiEchelonStage.RequireNoUpstreamCycle(_connection, "run_x"));
        Assert.StartsWith("locations: upstream_location_id links DC-1 → DC-1 in a cycle", e.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _connection.Dispose();
}
