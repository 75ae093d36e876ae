namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentSummaryPriceRealisationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void SegmentSummary_PriceRealisation_IsTheRatioOfTheSegmentsSumsNotOfRoundedRatios()
    {
        // One segment of two customers, list price 100: X buys 300 for 10,003.40 (0.333447, written 0.3334), Y 1 for 34.05
        // (0.3405). The segment realised 10,037.45 of a list value of 30,100: 0.333470, so 0.3335. Weighing the customers'
        // written ratios by list value gave (0.3334 × 30,000 + 0.3405 × 100) ÷ 30,100 = 0.333424, so 0.3334 (the Online
        // Retail audit found AX 0.7228 for 0.722747 so).
        var data = _folder.Sub("data");
        _folder.File("data/products.csv", "sku,unit_price\nA,100\n");
        _folder.File("data/order_lines.csv", "order_id,customer_id,sku,order_date,quantity,net_amount\nSO-1,X,A,2025-03-03,300,10003.40\nSO-2,Y,A,2025-03-04,1,34.05\n");
        _folder.File("data/chainseg.yaml", "segmentation:\n  models:\n    everyone:\n      method: rules\n      rules:\n        - { segment: never, when: \"revenue < 0\" }\n      fallback: all\n");

        var output = PipelineOutput.Run(data, _folder.Sub("out"));

        var metrics = output.MetricsByCustomer();
        Assert.Equal(("0.3334", "30000.0", "10003.4"), (metrics["X"]["price_realisation"], metrics["X"]["list_value"], metrics["X"]["listed_revenue"]));
        Assert.Equal(("0.3405", "100.0", "34.05"), (metrics["Y"]["price_realisation"], metrics["Y"]["list_value"], metrics["Y"]["listed_revenue"]));
        var segment = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")), s => s["model"] == "everyone");
        Assert.Equal(("all", "0.3335"), (segment["segment"], segment["price_realisation"]));
    }

    public void Dispose() => _folder.Dispose();
}
