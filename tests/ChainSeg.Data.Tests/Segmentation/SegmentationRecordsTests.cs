using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;
using ChainSeg.Tests.Shared;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationRecordsTests
{
    [Fact]
    public void WriteStability_ChangedShare_IsTheDoubleOfChangedOverCompared()
    {
        // 1,998 customers in both periods, 22 and then 36 of them changing segment: 22 / 1,998 was stored as
        // 0.011011011011011013 and 36 / 1,998 as 0.018018018018018014, not the doubles 0.011011011011011011 and
        // 0.018018018018018018 of the division (the shares went into SQL as 17-digit text, which DuckDB read as a DECIMAL
        // and converted with a rounding of its own). Found by the stability audit on the generated company
        // (abcm, 2025-10-31 → 2025-11-30, month ends).
        const int customers = 1998;
        var a = Enumerable.Range(0, customers).Select(i => i % 3).ToArray();
        var b = Enumerable.Range(0, customers).Select(i => i < 22 ? (a[i] + 1) % 3 : a[i]).ToArray();
        var c = Enumerable.Range(0, customers).Select(i => i < 36 ? (b[i] + 1) % 3 : b[i]).ToArray();
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("""
            CREATE SCHEMA r;
            CREATE TABLE main.assignment_history (run_id VARCHAR, customer_id VARCHAR, model VARCHAR, model_version INTEGER, segment VARCHAR,
                raw_segment VARCHAR, reason VARCHAR, is_active_model BOOLEAN);
            """);
        var records = new SegmentationRecords(connection, "r");
        records.CreateTables("run");
        var ends = new[] { new DateOnly(2025, 9, 30), new DateOnly(2025, 10, 31), new DateOnly(2025, 11, 30) };
        int[][] periods = [a, b, c];

        records.WriteStability("m", ends, new StabilisedPeriods(["x", "y", "z"], periods, periods, [.. periods.Select(p => new int[p.Length])]));

        var summary = connection.Query("SELECT customers_compared, changed_share, adjusted_rand_index FROM r.stability_summary WHERE basis = 'raw' ORDER BY from_period",
            r => (Compared: r.GetInt64(0), Changed: r.GetDouble(1), Ari: r.GetDouble(2)));
        Assert.Equal([(1998L, 22.0 / 1998), (1998L, 36.0 / 1998)], summary.Select(s => (s.Compared, s.Changed)));
        // The index by pair counting over the customers' labels (tests/Shared), up to the order of its floating-point sums.
        string[] Names(int[] codes) => [.. codes.Select(x => "xyz"[x].ToString())];
        Assert.Equal(PairCounting.AdjustedRandIndex(Names(a), Names(b)), summary[0].Ari, 1e-15);
        Assert.Equal(PairCounting.AdjustedRandIndex(Names(b), Names(c)), summary[1].Ari, 1e-15);
    }

    // A definition registered before names were read in NFC kept the segment names as typed (Café as e + combining accent);
    // the same model read now names them in NFC, and the hashes differed, so the next run warned version_not_bumped for a
    // model nobody changed. A stored definition's names are read in NFC too; another name is still another definition.
    [Fact]
    public void DefinitionHashOf_StoredWithDecomposedSegmentNames_IsTheHashOfTheModelInNfc()
    {
        static ChainSeg.Data.Configuration.SegmentationModelConfig Rules(string e) => new()
        {
            Rules = [new() { Segment = $"Caf{e}", When = "revenue >= 5" }],
            Fallback = $"Bl{e}",
        };
        static ChainSeg.Data.Configuration.SegmentationModelConfig Clusters(string e) => new() { Method = "kmeans", Dimensions = ["revenue"], Tiers = [$"Or{e}", "bronze"] };
        var json = new System.Text.Json.JsonSerializerOptions { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
        static string Stored(ChainSeg.Data.Configuration.SegmentationModelConfig model, System.Text.Json.JsonSerializerOptions json) => System.Text.Json.JsonSerializer.Serialize(model, json);

        Assert.Equal(SegmentationRecords.DefinitionHash(Rules("\u00e9")), SegmentationRecords.DefinitionHashOf(Stored(Rules("e\u0301"), json)));
        Assert.Equal(SegmentationRecords.DefinitionHash(Clusters("\u00e9")), SegmentationRecords.DefinitionHashOf(Stored(Clusters("e\u0301"), json)));
        Assert.NotEqual(SegmentationRecords.DefinitionHash(Rules("\u00e9")), SegmentationRecords.DefinitionHashOf(Stored(Rules("e"), json)));
    }
}
