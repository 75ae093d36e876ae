using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Ingestion;

public sealed class RawLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private ResolvedSource Source(string table, string file, string content)
    {
        var path = _folder.File(file, content);
        var canonical = CanonicalSchema.Table(table);
        var headers = content.Split('\n')[0].Split(',');
        return new ResolvedSource(canonical, [path], SourceFormat.Csv, headers, headers.ToDictionary(h => h, h => h));
    }

    [Fact]
    public void Release_SharedFileStillPending_KeepsTheLoad()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var loader = new RawLoader(connection, new StagingArea(connection, "t_"));
        var customers = Source("customers", "shared.csv", "customer_id\nC1\nC2\n");
        var orders = customers with { Table = CanonicalSchema.Table("order_lines") };

        var raw = loader.Load(customers);
        loader.Release(customers, [orders]);

        Assert.Same(raw, loader.Load(orders));
        Assert.Equal(2, connection.ScalarLong($"SELECT count(*) FROM {raw.Name}"));
    }

    [Fact]
    public void Load_AfterAnEarlierLoadWasReleased_LeavesTheLoadsStillHeldIntact()
    {
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        var loader = new RawLoader(connection, new StagingArea(connection, "t_"));
        var products = Source("products", "products.csv", "sku\nA\n");
        var customers = Source("customers", "customers.csv", "customer_id\nC1\nC2\n");
        var pendingCustomers = customers with { Table = CanonicalSchema.Table("forecasts") };
        var lines = Source("order_lines", "lines.csv", "order_id\nO1\nO2\nO3\n");

        loader.Load(products);
        var held = loader.Load(customers);
        loader.Release(products, [pendingCustomers, lines]);
        var next = loader.Load(lines);

        // The third load must not take the name of the second one, which a later table still reads.
        Assert.NotEqual(held.Name, next.Name);
        Assert.Equal(2, connection.ScalarLong($"SELECT count(*) FROM {held.Name}"));
        Assert.Equal(3, connection.ScalarLong($"SELECT count(*) FROM {next.Name}"));
        Assert.Equal(0, connection.ScalarLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_raw_1'"));
    }

    public void Dispose() => _folder.Dispose();
}
