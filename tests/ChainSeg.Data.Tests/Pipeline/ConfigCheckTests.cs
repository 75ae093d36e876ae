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

        Assert.Equal("order_lines.csv has a header but no rows, so there is nothing to measure; export at least one order line into it, or point sources.order_lines.path at the export that holds them.", e.Message);
    }

    // validate said "settings, files and columns are valid" for a pool-keyed costs: setting when no cost_pools export was
    // there at all, and the run then stopped on it (exit 2) after ingesting every export.
    [Theory]
    [InlineData("costs: { activity_rates: { picking: 0.35 } }",
        "costs.activity_rates sets a rate for 'picking', but the run has no cost_pools; a rate overrides a pool's and charges by its driver, so add the pool to cost_pools (activity, driver, annual_cost) or remove the rate.")]
    [InlineData("costs: { time_equations: { customer_service: { practical_capacity_minutes: 2800000, minutes: { orders: 8 } } } }",
        "costs.time_equations prices 'customer_service', but the run has no cost_pools; a time equation prices a pool's capacity, so add the pool to cost_pools (activity, driver, annual_cost) or remove the equation.")]
    public void Run_PoolSettingWithoutAnyCostPools_RefusedAsTheRunRefusesIt(string costs, string message)
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2024-03-01,2,2.5\n");
        _folder.File("chainseg.yaml", costs + "\n");

        var e = Assert.Throws<ConfigurationException>(() => ConfigCheck.Run(null, _folder.Path));

        Assert.Equal(message, e.Message);
    }

    // max_segments "warns for other methods": abc, abc_xyz and rfm assign their fixed segments whatever it says, so a limit
    // below them is known before any data; validate was silent, and a run warned only when the data filled every segment.
    [Theory]
    [InlineData("{ method: abc, max_segments: 2 }", "max_segments 2 is below the 3 segments method abc assigns (A, B, C); raise max_segments to 3 or remove it, or use a rules or kmeans model, which keep within it.")]
    [InlineData("{ method: abc_xyz, max_segments: 8 }", "max_segments 8 is below the 9 segments method abc_xyz assigns (AX, AY, AZ, BX, BY, BZ, CX, CY, CZ); raise max_segments to 9 or remove it, or use a rules or kmeans model, which keep within it.")]
    [InlineData("{ method: rfm, max_segments: 9 }", "max_segments 9 is below the 10 segments method rfm assigns (Champions, Loyal, Potential loyalists, New customers, Promising, Need attention, About to sleep, Cannot lose them, At risk, Hibernating); raise max_segments to 10 or remove it, or use a rules or kmeans model, which keep within it.")]
    [InlineData("{ method: abc, max_segments: 3 }", null)]
    public void Run_MaxSegmentsBelowTheMethodsSegments_Warns(string model, string? warning)
    {
        _folder.File("order_lines.csv", "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2024-03-01,2,2.5\n");
        _folder.File("chainseg.yaml", $"segmentation:\n  models:\n    v: {model}\n");

        var report = ConfigCheck.Run(null, _folder.Path);

        Assert.Equal(warning is null ? [] : [$"max_segments_below_method: model 'v': {warning}"], report.ModelWarnings);
    }

    // as_of after tomorrow segments a future no order has reached; tomorrow passes, as an order dated tomorrow does
    // (TableIngestor's NotInFuture: the same first future day, DateFormat.FutureFrom).
    [Theory]
    [InlineData("2025-01-11", null)]
    [InlineData("2025-01-12", "as_of 2025-01-12 is in the future (today is 2025-01-10), so no order has reached it; give a date up to tomorrow, or leave as_of out for the latest order date.")]
    public void Settings_AsOfAfterTomorrow_RefusedNamingToday(string asOf, string? error)
    {
        var clock = new FixedClock(new DateTimeOffset(2025, 1, 10, 23, 30, 0, TimeSpan.Zero));

        var thrown = Record.Exception(() => ConfigCheck.Settings(ConfigLoader.Parse($"as_of: {asOf}\n"), clock));

        Assert.Equal(error, thrown?.Message);
        Assert.True(thrown is null or ConfigurationException);
    }

    public void Dispose() => _folder.Dispose();
}
