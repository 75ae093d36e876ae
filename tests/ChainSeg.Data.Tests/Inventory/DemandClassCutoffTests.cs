using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Inventory;

// A SKU-location whose weekly demand sits exactly on the Syntetos–Boylan CV² cut-off must get the class the definition gives
// (CV² < 0.49 is "low"), however the database happens to add up its weeks.
public sealed class DemandClassCutoffTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_WeeklyCv2ExactlyAtCutoff_ClassifiedLumpy()
    {
        // Two demand weeks of 5.1 and 0.9 units, four weeks apart: mean 3, population variance 4.41, CV² = 4.41 / 9 = 0.49
        // exactly, ADI 4 (≥ 1.32). In doubles the variance comes out a hair below, which read "intermittent" before rounding.
        var data = _folder.Sub("data");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,5.1,10\nSO-2,C1,X,2025-02-03,0.9,10\n");
        var output = _folder.Sub("out");

        new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output));

        var row = Assert.Single(CsvFile.ReadRecords(Path.Combine(output, "inventory_policies.csv")), r => r["sku"] == "X");
        Assert.Equal("lumpy", row["demand_class"]);
    }

    [Fact]
    public void Run_OneDemandWeek_ClassifiedSingleDemand()
    {
        // Two lines in one week of a 5-week window: no interval between demand weeks and no size variation exists, so the
        // SKU-location is single_demand as a customer with one demand period is (it read ADI = the window's 5 weeks and
        // CV² 0: "intermittent"). A second SKU demanded in two weeks keeps a Syntetos–Boylan class.
        var data = _folder.Sub("data");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"),
            "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-06,5,10\nSO-2,C1,X,2025-01-08,3,10\n" +
            "SO-3,C1,Y,2025-01-07,4,10\nSO-4,C1,Y,2025-02-03,4,10\n");
        var output = _folder.Sub("out");

        new RunPipeline(TimeProvider.System).Execute(new RunRequest(data, output));

        var policies = CsvFile.ReadRecords(Path.Combine(output, "inventory_policies.csv"));
        Assert.Equal("single_demand", Assert.Single(policies, r => r["sku"] == "X")["demand_class"]);
        Assert.Equal("intermittent", Assert.Single(policies, r => r["sku"] == "Y")["demand_class"]);
    }
}
