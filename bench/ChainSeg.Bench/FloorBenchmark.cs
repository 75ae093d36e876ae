using DuckDB.NET.Data;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;

namespace ChainSeg.Bench;

/// <summary>
/// What DuckDB itself needs on this machine for the steps every ingest + metrics run must take on a generated company's
/// two large files, with none of ChainSeg's checks: read the CSV, keep it as a typed table in a store file, and group its
/// lines per customer and per order. The figures are the floor the pipeline's stages are measured against.
/// </summary>
public static class FloorBenchmark
{
    // The two large generated files, read in their header's order with each column typed as ChainSeg stores it.
    private static readonly string[] Tables = ["order_lines", "shipments"];

    private static string Columns(string file, string table) =>
        "{" + string.Join(", ", File.ReadLines(file).First().Split(',')
            .Select(h => $"{Sql.Str(h)}: {Sql.Str(TableIngestor.SqlType(CanonicalSchema.Table(table).Column(h).Kind))}")) + "}";

    /// <summary>Entry point: <c>floor --data DIR [--work FILE]</c>, DIR being a folder <c>chainseg generate</c> wrote.</summary>
    public static int Run(string[] args)
    {
        string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var data = Arg("--data") ?? throw new ArgumentException("--data DIR (a generated company) is required.");
        var work = Arg("--work") ?? Path.Combine(Path.GetTempPath(), "chainseg-floor.duckdb");
        File.Delete(work);
        File.Delete(work + ".wal");
        using (var connection = new DuckDBConnection($"Data Source={work}"))
        {
            connection.Open();
            // As the store runs: the same memory limit, so a step that spills here spills there.
            connection.Execute("SET memory_limit = '1536MB'");
            double total = 0;
            foreach (var table in Tables)
            {
                var file = Path.Combine(data, table + ".csv");
                var read = $"read_csv({Sql.Str(file)}, columns = {Columns(file, table)}, header = false, skip = 1, delim = ',', quote = '\"', escape = '\"', auto_detect = false, ignore_errors = true)";
                var key = table == "order_lines" ? "customer_id" : "order_id";
                Step($"{table}: parse the CSV, no table", $"SELECT count(*), count({key}) FROM {read}");
                total += Step($"{table}: parse into a typed table in the store", $"CREATE TABLE {table} AS SELECT * FROM {read}");
                connection.Execute("CHECKPOINT");
            }
            total += Step("order_lines: lines per customer (one GROUP BY)", "CREATE TEMP TABLE per_customer AS SELECT customer_id, sum(quantity), sum(net_amount), count(*) FROM order_lines GROUP BY customer_id");
            total += Step("order_lines: lines per customer and order", "CREATE TEMP TABLE per_order AS SELECT customer_id, order_id, sum(quantity) FROM order_lines GROUP BY customer_id, order_id");
            total += Step("shipments: shipments per order", "CREATE TEMP TABLE shipped AS SELECT order_id, sum(quantity_shipped), max(delivered_date) FROM shipments GROUP BY order_id");
            Console.WriteLine($"  floor of ingest + metrics (store both tables, three groupings): {total:F2} s wall");

            double Step(string name, string sql)
            {
                var (wall, cpu) = CpuClock.Time(() => connection.Execute(sql));
                Console.WriteLine($"  {name,-52} {wall,7:F2} s wall {cpu,7:F2} s cpu");
                return wall;
            }
        }
        File.Delete(work);
        return 0;
    }
}
