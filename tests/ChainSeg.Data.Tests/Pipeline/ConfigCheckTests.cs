using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Pipeline;

public sealed class ConfigCheckTests : IDisposable
{
    private readonly TempFolder _folder = new();

    // A source with its header alone advised "0 of 0 rows (NaN %) have an unparseable delivered_date" for every date and
    // number column, and validate exited 2 on it, though a run reads such a file as a table without rows.
    [Fact]
    public void Run_OptionalSourceWithItsHeaderAlone_GivesNoAdvice()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2024-03-01,2,2.5\n");
        _folder.File("shipments.csv", "shipment_id,order_id,ship_date,promised_date,delivered_date,freight_cost\n");

        var report = ConfigCheck.Run(null, _folder.Path);

        Assert.Equal(0, Assert.Single(report.Sources, s => s.Table == "shipments").Quality.RowsRead);
        Assert.Empty(report.Advice);
    }

    // validate reads every advice as a setting to fix: ids written as spellings of one customer (c-001 and C001) are not
    // one, and the spelling a run keeps depends on the tables beside the sample, so they are left to the run.
    [Fact]
    public void Run_IdsWrittenAsSpellingsOfOneCustomer_GiveNoAdvice()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,c-001,X,2024-03-01,2,2.5\nA2,C001,X,2024-03-02,2,2.5\n");

        var report = ConfigCheck.Run(null, _folder.Path);

        Assert.Equal(2, Assert.Single(report.Sources).Quality.RowsAccepted);
        Assert.Empty(report.Advice);
    }

    // validate passed (or gave the advice above) on order lines with a header alone, which a run refuses after its ingest.
    [Fact]
    public void Run_OrderLinesWithTheirHeaderAlone_RefusedAsTheRunRefusesThem()
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\n");

        var e = Assert.Throws<ConfigurationException>(() => ConfigCheck.Run(null, _folder.Path));

        Assert.Equal("order_lines.csv has no rows, so there is nothing to measure; check that it is the export you meant.", e.Message);
    }

    public void Dispose() => _folder.Dispose();
}
