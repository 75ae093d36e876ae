namespace ChainSeg.Data.Tests.Segmentation;

// A k-means customer whose margin hysteresis would hold it, released to its raw segment at as_of because holding it would
// leave a cluster under its size minimum: README promises its reason says "placed by cluster size limits".
public sealed class SizeLimitReleaseReasonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void MarginHysteresis_HoldWouldDrainAClusterBelowItsMinimum_AsOfReasonSaysPlacedBySizeLimits()
    {
        // At 2025-09-30 (window Jul–Sep) A 100 and B 110 are low, C 1,000 high. At as_of 2025-11-15 (window Aug 16 – Nov 15)
        // the new N 120 joins A 100 in low and B 600 takes the high cluster with C 1,000: two clusters of at least 2 of the 4
        // customers (min_share 0.5) centred at 110 and 800. B is 490 from low and 200 from high, not 70 % closer (needs
        // < 147), so the margin would hold it in low; high would then hold C alone, 1 < 2, and B is released to high.
        var data = _folder.Sub("release");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-07-10,1,100
            O2,B,X,2025-07-10,1,110
            O3,C,X,2025-07-10,1,1000
            O4,A,X,2025-11-15,1,100
            O5,B,X,2025-11-15,1,600
            O6,C,X,2025-11-15,1,1000
            O7,N,X,2025-11-15,1,120
            """);
        var config = _folder.File("release/chainseg.yaml", """
            window: 3 months
            segmentation:
              active: value
              stability: { periods: 2, bucket: quarter }
              models:
                value:
                  method: kmeans
                  dimensions: [revenue]
                  min_segments: 2
                  max_segments: 2
                  size: { min_share: 0.5 }
                  tiers: [high, low]
                  hysteresis: { margin: 0.7 }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var periods = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "period_assignments.csv"))
            .Where(r => r["customer_id"] == "B").OrderBy(r => r["period_end"], StringComparer.Ordinal).Select(r => (r["period_end"], r["segment"]));
        Assert.Equal([("2025-09-30", "low"), ("2025-11-15", "high")], periods);
        var b = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")), r => r["customer_id"] == "B");
        Assert.Equal(("high", "high"), (b["segment"], b["raw_segment"]));
        // Its raw cluster is its nearest centroid: only the release note tells why the margin did not hold it in low.
        Assert.StartsWith("placed by cluster size limits: released from low, where hysteresis would hold it; cluster 1 (", b["reason"], StringComparison.Ordinal);
        Assert.Contains("nearest centroid (distance ", b["reason"], StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
