using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentSummaryOtifCountTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Theory]
    [InlineData("order")]
    [InlineData("line")]
    public void SegmentSummary_OtifRate_PoolsTheCustomersOtifCountsPastTenThousandTimedOrders(string level)
    {
        // One segment. X: 20,001 one-line orders, each shipped in full, 12,344 delivered on the promise and 7,657 a day late
        // (late_days 0): 12,344 of 20,001 OTIF, 0.617169, written 0.6172. Y: one order delivered late, 0 of 1. One line an
        // order, its shipments carrying the SKU, so the counts are the same per order and per line. The segment is 12,344
        // OTIF of 20,002 timed: 0.617138, 0.6171. Reading X's count back from its written rate gave round(0.6172 × 20,001) =
        // round(12,344.6172) = 12,345, so 12,345 ÷ 20,002 = 0.617188, 0.6172: four decimals recover a count below 10,000
        // timed orders only. (12,345 of 20,001 would come back exact, and a customer alone in its segment never shows the
        // unit it is off by at four decimals: Y tips the pooled rate across the rounding edge.)
        const int xOrders = 20_001, xOtif = 12_344;
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var shipments = new StringBuilder("shipment_id,order_id,sku,promised_date,delivered_date,quantity_shipped\n");
        var start = new DateOnly(2025, 1, 1);
        for (var i = 0; i < xOrders; i++)
        {
            var ordered = start.AddDays(i % 150);
            var promised = ordered.AddDays(5);
            var delivered = i < xOtif ? promised : promised.AddDays(1);
            lines.Append(CultureInfo.InvariantCulture, $"X-{i},X,A,{Iso(ordered)},1,10\n");
            shipments.Append(CultureInfo.InvariantCulture, $"H-{i},X-{i},A,{Iso(promised)},{Iso(delivered)},1\n");
        }
        lines.Append("Y-1,Y,A,2025-05-01,1,10\n");
        shipments.Append("H-Y,Y-1,A,2025-05-06,2025-05-08,1\n");
        var data = _folder.Sub("data");
        _folder.File("data/order_lines.csv", lines.ToString());
        _folder.File("data/shipments.csv", shipments.ToString());
        _folder.File("data/chainseg.yaml", $"metrics:\n  otif: {{ level: {level} }}\nsegmentation:\n  models:\n    everyone:\n      method: rules\n      rules:\n"
            + "        - { segment: never, when: \"revenue < 0\" }\n      fallback: all\n");

        var output = PipelineOutput.Run(data, _folder.Sub("out"));

        var segment = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")), s => s["model"] == "everyone");
        Assert.Equal(("all", "0.6171"), (segment["segment"], segment["otif_rate"]));
        var metrics = output.MetricsByCustomer();
        Assert.Equal(("20001", "12344", "0.6172"), (metrics["X"]["orders_timed"], metrics["X"]["orders_otif"], metrics["X"]["otif_rate"]));
        Assert.Equal(("1", "0", "0.0"), (metrics["Y"]["orders_timed"], metrics["Y"]["orders_otif"], metrics["Y"]["otif_rate"]));
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public void Dispose() => _folder.Dispose();
}
