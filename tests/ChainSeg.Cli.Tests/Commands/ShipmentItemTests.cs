using System.Text.Json;

namespace ChainSeg.Cli.Tests.Commands;

// An SAP delivery holding one material on two items (two order items of the same material) repeats shipment_id, order_id
// and sku: the second item was quarantined as duplicate_key, its units went unshipped and the order read as not in full
// (99 of 4,818 orders of a German distributor's export). The delivery's item number, mapped as line_no, keeps both.
public sealed class ShipmentItemTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Run_DeliveryWithOneSkuOnTwoItems_KeepsBothItemsAndTheOrderIsInFull()
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"),
            "order_id,line_no,customer_id,sku,order_date,quantity,unit_price\nO1,10,C1,X,2025-03-03,5,10\nO1,20,C1,X,2025-03-03,3,10\nO2,10,C2,Y,2025-03-04,2,10\n");
        File.WriteAllText(Path.Combine(_folder.Path, "shipments.csv"),
            "shipment_id,line_no,order_id,sku,quantity_ordered,quantity_shipped,ship_date,promised_date,delivered_date\n"
            + "S1,1,O1,X,5,5,2025-03-04,2025-03-06,2025-03-05\nS1,2,O1,X,3,3,2025-03-04,2025-03-06,2025-03-05\nS2,1,O2,Y,2,2,2025-03-05,2025-03-07,2025-03-06\n");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
        using var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "quality.json")));
        Assert.Equal(0, quality.RootElement.GetProperty("tables").GetProperty("shipments").GetProperty("rows_quarantined").GetInt32());
        // By hand: O1 ordered 5 + 3 of X and both items shipped in full, delivered before the promised date.
        var metrics = File.ReadAllLines(Path.Combine(output, "customer_metrics.csv"));
        var header = metrics[0].Split(',');
        var c1 = metrics.Single(l => l.StartsWith("C1,", StringComparison.Ordinal)).Split(',');
        Assert.Equal(("8.0", "1.0", "1.0"), (c1[Array.IndexOf(header, "units_shipped")], c1[Array.IndexOf(header, "in_full_rate")], c1[Array.IndexOf(header, "otif_rate")]));
    }

    public void Dispose() => _folder.Dispose();
}
