namespace ChainSeg.Data.Tests.Metrics;

// Hand-made order lines whose monthly series can be read off by eye.
public sealed class DemandSeriesTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Variability_AsOfEarlyInAMonth_LeavesTheUnfinishedMonthOutOfTheSeries()
    {
        // as_of is 2025-07-01 (the last line), one day into July. S buys 10 units in each of April, May and June: counting
        // July as a whole month of no demand gave periods 4 and CV 0.577 (class Y) to a perfectly steady customer; the
        // series stops at June (CV 0). T's only line is in the unfinished month: no series, no demand class, but its order
        // still counts.
        var data = _folder.Sub("stub");
        _folder.File("stub/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,S,X,2025-04-20,10,1
            O2,S,X,2025-05-20,10,1
            O3,S,X,2025-06-20,10,1
            O4,T,X,2025-07-01,1,1
            """);

        var metrics = PipelineOutput.Run(data, Path.Combine(data, "out")).Metrics().ToDictionary(m => m["customer_id"]);

        Assert.Equal(("3", "0.0", "smooth"), (metrics["S"]["periods"], metrics["S"]["demand_cv"], metrics["S"]["demand_class"]));
        Assert.Equal(("0", "", "", "1"), (metrics["T"]["periods"], metrics["T"]["demand_cv"], metrics["T"]["demand_class"], metrics["T"]["orders"]));
    }

    [Fact]
    public void Variability_OnePeriodWithDemand_IsSingleDemandWithoutAdiOrCv2()
    {
        // Syntetos & Boylan (2005) measure ADI as the mean interval between demands: one period with demand has none. U
        // orders once in April and nothing after (periods April–June, as_of 2025-06-30): ADI and CV² are empty and the class
        // is single_demand, where ADI was set to the number of periods (3, "intermittent") or 1 ("smooth").
        var data = _folder.Sub("single");
        _folder.File("single/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,U,X,2025-04-10,5,1
            O2,V,X,2025-05-10,5,1
            O3,V,X,2025-06-30,5,1
            """);

        var metrics = PipelineOutput.Run(data, Path.Combine(data, "out")).Metrics().ToDictionary(m => m["customer_id"]);

        Assert.Equal(("3", "", "", "single_demand"), (metrics["U"]["periods"], metrics["U"]["adi"], metrics["U"]["cv2"], metrics["U"]["demand_class"]));
        Assert.Equal(("2", "1.0", "0.0", "smooth"), (metrics["V"]["periods"], metrics["V"]["adi"], metrics["V"]["cv2"], metrics["V"]["demand_class"]));
    }

    [Fact]
    public void Variability_WindowCuttingAMonth_LeavesItsShortFirstMonthOut()
    {
        // window: 70 days with as_of 2025-06-30 starts on 2025-04-22: April holds 9 of its 30 days in the window, and W's line
        // on the 25th would open the series as a month of 5 units beside full months of 10. The series is May–June.
        var data = _folder.Sub("window");
        _folder.File("window/order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O0,W,X,2025-04-25,5,1
            O1,W,X,2025-05-20,10,1
            O2,W,X,2025-06-30,10,1
            """);
        var config = _folder.File("window/chainseg.yaml", "window: 70 days\n");

        var metrics = Assert.Single(PipelineOutput.Run(data, Path.Combine(data, "out"), config).Metrics());

        Assert.Equal(("2", "0.0", "3"), (metrics["periods"], metrics["demand_cv"], metrics["orders"]));
    }

    public void Dispose() => _folder.Dispose();
}
