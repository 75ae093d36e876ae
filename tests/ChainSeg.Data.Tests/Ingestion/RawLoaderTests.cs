using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Ingestion;

public sealed class RawLoaderTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");
    private readonly RawLoader _loader;

    public RawLoaderTests()
    {
        _connection.Open();
        _loader = new RawLoader(_connection, new StagingArea(_connection, "t_"));
    }

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
        var customers = Source("customers", "shared.csv", "customer_id\nC1\nC2\n");
        var orders = customers with { Table = CanonicalSchema.Table("order_lines") };

        var raw = _loader.Load(customers);
        _loader.Release(customers, [orders]);

        Assert.Same(raw, _loader.Load(orders));
        Assert.Equal(2, _connection.ScalarLong($"SELECT count(*) FROM {raw.Name}"));
    }

    [Fact]
    public void Load_AfterAnEarlierLoadWasReleased_LeavesTheLoadsStillHeldIntact()
    {
        var products = Source("products", "products.csv", "sku\nA\n");
        var customers = Source("customers", "customers.csv", "customer_id\nC1\nC2\n");
        var pendingCustomers = customers with { Table = CanonicalSchema.Table("forecasts") };
        var lines = Source("order_lines", "lines.csv", "order_id\nO1\nO2\nO3\n");

        _loader.Load(products);
        var held = _loader.Load(customers);
        _loader.Release(products, [pendingCustomers, lines]);
        var next = _loader.Load(lines);

        // The third load must not take the name of the second one, which a later table still reads.
        Assert.NotEqual(held.Name, next.Name);
        Assert.Equal(2, _connection.ScalarLong($"SELECT count(*) FROM {held.Name}"));
        Assert.Equal(3, _connection.ScalarLong($"SELECT count(*) FROM {next.Name}"));
        Assert.Equal(0, _connection.ScalarLong("SELECT count(*) FROM duckdb_tables() WHERE table_name = 't_raw_1'"));
    }

    public void Dispose()
    {
        _connection.Dispose();
        _folder.Dispose();
    }
}
