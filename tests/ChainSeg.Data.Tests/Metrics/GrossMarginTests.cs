namespace ChainSeg.Data.Tests.Metrics;

public sealed class GrossMarginTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void GrossMargin_ALineWithoutCost_LeavesTheCustomersAndItsSegmentsMarginEmpty()
    {
        // S3 has no unit_cost: C10's cost of goods summed the costed line alone (60), a 70 % margin on 200 that counted the
        // 100 of S3 as pure margin. Unknown stays unknown, for the customer and for the segment it is in; C20, fully
        // costed, keeps its margin: 300 − 3 × 60 = 120.
        var data = _folder.Sub("margin");
        _folder.File("margin/products.csv", "sku,unit_cost\nS1,60\nS3,\n");
        _folder.File("margin/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O10,C10,S1,2025-03-05,1,100
            O10,C10,S3,2025-03-05,10,10
            O20,C20,S1,2025-03-06,3,100
            """);
        var config = _folder.File("margin/chainseg.yaml", """
            segmentation:
              models:
                split:
                  method: rules
                  rules:
                    - { segment: small, when: "revenue < 250" }
                  fallback: large
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var metrics = output.Metrics().ToDictionary(m => m["customer_id"]);
        Assert.Equal(("", "", "200.0"), (metrics["C10"]["cost_of_goods"], metrics["C10"]["gross_margin"], metrics["C10"]["revenue"]));
        Assert.Equal(("180.0", "120.0", "0.4"), (metrics["C20"]["cost_of_goods"], metrics["C20"]["gross_margin"], metrics["C20"]["gross_margin_pct"]));
        var summary = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")).ToDictionary(r => r["segment"]);
        Assert.Equal(("", ""), (summary["small"]["gross_margin"], summary["small"]["gross_margin_pct"]));
        Assert.Equal(("120.0", "0.4"), (summary["large"]["gross_margin"], summary["large"]["gross_margin_pct"]));
    }

    public void Dispose() => _folder.Dispose();
}
