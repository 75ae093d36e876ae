using ChainSeg.Data.Metrics;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class MetricSnapshotReaderTests : IDisposable
{
    private readonly DuckDBConnection _connection = new("Data Source=:memory:");

    public MetricSnapshotReaderTests()
    {
        _connection.Open();
        _connection.Execute("CREATE SCHEMA run_x; CREATE TABLE run_x.customer_metrics (customer_id VARCHAR, orders BIGINT, revenue DOUBLE)");
    }

    public void Dispose() => _connection.Dispose();

    private (IReadOnlyList<string> Ids, IReadOnlyList<double> Revenue) Read(params string[] idsAsInserted)
    {
        // Each customer's revenue is its position in DuckDB's own ORDER BY, so misaligned rows show.
        _connection.Execute($"INSERT INTO run_x.customer_metrics SELECT id, 1, 0 FROM unnest([{string.Join(", ", idsAsInserted.Select(Sql.Str))}]) t(id)");
        _connection.Execute("""
            UPDATE run_x.customer_metrics m SET revenue = r.position
            FROM (SELECT customer_id, row_number() OVER (ORDER BY customer_id) AS position FROM run_x.customer_metrics) r
            WHERE r.customer_id = m.customer_id
            """);
        var snapshot = MetricSnapshotReader.Read(_connection, "run_x", new MetricsOptions(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), "month"));
        return (snapshot.Metrics.CustomerIds, snapshot.Metrics.Column("revenue"));
    }

    [Fact]
    public void Read_TableInCustomerOrder_RowsAsWritten()
    {
        var (ids, revenue) = Read("C-1", "C-2", "C-3");

        Assert.Equal(["C-1", "C-2", "C-3"], ids);
        Assert.Equal([1.0, 2.0, 3.0], revenue);
    }

    [Fact]
    public void Read_TableOutOfOrder_RowsInCustomerOrder()
    {
        var (ids, revenue) = Read("C-3", "C-1", "C-2");

        Assert.Equal(["C-1", "C-2", "C-3"], ids);
        Assert.Equal([1.0, 2.0, 3.0], revenue);
    }

    // DuckDB sorts text by code point: U+FF21 (fullwidth A) before U+1F600, whose UTF-16 surrogates sort first by code unit.
    // A table in UTF-16 order is out of DuckDB's order and is read in DuckDB's.
    [Fact]
    public void Read_AstralCharactersInUtf16Order_RowsInCodePointOrder()
    {
        var (ids, revenue) = Read("c\U0001F600", "c\uFF21");

        Assert.Equal(["c\uFF21", "c\U0001F600"], ids);
        Assert.Equal([1.0, 2.0], revenue);
    }
}
