namespace ChainSeg.Data.Tests.Metrics;

// Margin and OTIF of hand-made lines and shipments, where the right figure can be read off by eye.
public sealed class MarginAndOtifTests : IDisposable
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

    [Fact]
    public void Otif_ShipmentsWithoutReadableDates_AreUnknownNotLate()
    {
        // O1's shipment has promised and delivered dates in a layout nobody configured (blanked, warned), O2's is on time:
        // O1 counted as late before, as did every order of an export without date columns (OTIF 0 % for all). Its timeliness is
        // unknown: left out of the on-time and OTIF rates, still in full (its quantity was shipped).
        var data = _folder.Sub("otif");
        _folder.File("otif/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,S,X,2025-04-20,10,1
            O2,S,X,2025-05-20,10,1
            O3,U,X,2025-05-21,10,1
            """);
        _folder.File("otif/shipments.csv", """
            shipment_id,order_id,promised_date,delivered_date,quantity_shipped
            H1,O1,25/04/2025,24/04/2025,10
            H2,O2,2025-05-25,2025-05-24,10
            H3,O3,31/05/2025,30/05/2025,10
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"));
        var metrics = output.Metrics().ToDictionary(m => m["customer_id"]);

        // The blanked dates are warnings of a kept row, and the advice names the setting as it does for quarantined ones.
        var advice = output.Tables.GetProperty("shipments").GetProperty("advice").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Contains(advice, a => a.StartsWith("2 of 3 rows (66.7 %) have an unparseable promised_date (left empty);", StringComparison.Ordinal) && a.Contains("sources.shipments.formats", StringComparison.Ordinal));
        Assert.Equal(("1.0", "1.0", "1.0", "2"), (metrics["S"]["otif_rate"], metrics["S"]["on_time_rate"], metrics["S"]["in_full_rate"], metrics["S"]["orders_with_shipments"]));
        Assert.Equal(("", "", "1.0"), (metrics["U"]["otif_rate"], metrics["U"]["on_time_rate"], metrics["U"]["in_full_rate"]));
    }

    [Fact]
    public void Otif_OrderWithAShipmentOfUnknownTimeliness_IsUnknownAndPooledByKnownOrders()
    {
        // O1 ships 5 on time and 5 without a promised date: neither on time nor OTIF is known (it read on time, in full
        // and not OTIF). U's O2 is late, V's O3 on time; in one segment OTIF pools over the 2 orders of known timeliness:
        // 1 of 2, where weighting U's rate by its 2 orders with shipments gave 1 of 3.
        var data = _folder.Sub("otif-mixed");
        _folder.File("otif-mixed/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,U,X,2025-04-20,10,1
            O2,U,X,2025-05-20,10,1
            O3,V,X,2025-05-21,10,1
            """);
        _folder.File("otif-mixed/shipments.csv", """
            shipment_id,order_id,promised_date,delivered_date,quantity_shipped
            H1a,O1,2025-04-25,2025-04-24,5
            H1b,O1,,2025-04-24,5
            H2,O2,2025-05-25,2025-05-28,10
            H3,O3,2025-05-26,2025-05-24,10
            """);
        var config = _folder.File("otif-mixed/chainseg.yaml", """
            segmentation:
              models:
                one: { method: rules, rules: [{ segment: all, when: "revenue > 0" }] }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var u = output.Metrics().Single(m => m["customer_id"] == "U");
        Assert.Equal(("0.0", "0.0", "1.0", "1", "2"), (u["otif_rate"], u["on_time_rate"], u["in_full_rate"], u["orders_timed"], u["orders_with_shipments"]));
        var summary = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")), r => r["model"] == "one");
        Assert.Equal("0.5", summary["otif_rate"]);
    }

    public void Dispose() => _folder.Dispose();
}
