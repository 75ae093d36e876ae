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
        // still counts. The data begin on 2025-04-10, so April holds 21 of its 30 days and is kept.
        var company = new HandMadeCompany(_folder, "stub");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,S,X,2025-04-10,10,1
            O2,S,X,2025-05-20,10,1
            O3,S,X,2025-06-20,10,1
            O4,T,X,2025-07-01,1,1
            """);

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("3", "0.0", "smooth"), (metrics["S"]["periods"], metrics["S"]["demand_cv"], metrics["S"]["demand_class"]));
        Assert.Equal(("0", "", "", "1"), (metrics["T"]["periods"], metrics["T"]["demand_cv"], metrics["T"]["demand_class"], metrics["T"]["orders"]));
    }

    [Fact]
    public void Variability_OnePeriodWithDemand_IsSingleDemandWithoutAdiOrCv2()
    {
        // Syntetos & Boylan (2005) measure ADI as the mean interval between demands: one period with demand has none. U
        // orders once in April and nothing after (periods April–June, as_of 2025-06-30): ADI and CV² are empty and the class
        // is single_demand, where ADI was set to the number of periods (3, "intermittent") or 1 ("smooth").
        var company = new HandMadeCompany(_folder, "single");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,U,X,2025-04-10,5,1
            O2,V,X,2025-05-10,5,1
            O3,V,X,2025-06-30,5,1
            """);

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("3", "", "", "single_demand"), (metrics["U"]["periods"], metrics["U"]["adi"], metrics["U"]["cv2"], metrics["U"]["demand_class"]));
        Assert.Equal(("2", "1.0", "0.0", "smooth"), (metrics["V"]["periods"], metrics["V"]["adi"], metrics["V"]["cv2"], metrics["V"]["demand_class"]));
    }

    [Fact]
    public void Variability_WindowCuttingAMonth_LeavesItsShortFirstMonthOut()
    {
        // window: 70 days with as_of 2025-06-30 starts on 2025-04-22: April holds 9 of its 30 days in the window, and W's line
        // on the 25th would open the series as a month of 5 units beside full months of 10. The series is May–June.
        var company = new HandMadeCompany(_folder, "window");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O0,W,X,2025-04-25,5,1
            O1,W,X,2025-05-20,10,1
            O2,W,X,2025-06-30,10,1
            """);
        company.File("chainseg.yaml", "window: 70 days\n");

        var metrics = Assert.Single(company.Run().Metrics());

        Assert.Equal(("2", "0.0", "3"), (metrics["periods"], metrics["demand_cv"], metrics["orders"]));
    }

    [Fact]
    public void Variability_WindowShorterThanABucketAcrossItsStart_IsOnePeriod()
    {
        // window: 3 days ending Tuesday 2024-06-04 holds Sunday of one week and Monday–Tuesday of the next: two stubs made a
        // two-period series (CV 0.44, class X). The window keeps as_of's week alone: one period, no CV, single demand.
        var company = new HandMadeCompany(_folder, "short");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2024-06-02,5,10
            O2,A,X,2024-06-03,9,10
            O3,A,X,2024-06-04,4,10
            O4,B,X,2024-06-01,3,10
            """);
        company.File("chainseg.yaml", "periods: week\nwindow: 3 days\n");

        var a = company.Run().Metrics().Single(m => m["customer_id"] == "A");

        Assert.Equal(("1", "", "single_demand", "13.0"), (a["periods"], a["demand_cv"], a["demand_class"], a["demand_mean"]));
    }

    [Fact]
    public void Variability_SeriesStartsAtTheWindowForACustomerOfLongerStanding_AtTheFirstDemandForANewOne()
    {
        // window: 6 months to 2024-06-27 starts 2023-12-28, a 4-day December stub left out: the series runs January to June.
        // R and S are new: their first line is in the series, R's a return of 2 units in January (a return-only period does
        // not start the series); both run from March, their first period with demand: [8, 0, 6, 0], 4 periods, mean 3.5,
        // σ = √(100/4 − 3.5²) = 3.5707, CV 1.0202. T orders alike but ordered on 2023-12-30 too, in the stub before the series:
        // a customer already, its series is the window's, [0, 0, 8, 0, 6, 0], 6 periods, mean 14/6 = 2.3333, σ = √(100/6 −
        // 2.3333²) = 3.3500, CV 1.4357 (counted from March it read 1.02, the months it did not order in unseen: XYZ is the
        // variability over the window, DEFINITIONS.md).
        var company = new HandMadeCompany(_folder, "returns");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            R2,R,X,2024-01-15,-2,10
            R3,R,X,2024-03-10,8,10
            R4,R,X,2024-05-10,6,10
            S3,S,X,2024-03-10,8,10
            S4,S,X,2024-05-10,6,10
            T1,T,X,2023-12-30,10,10
            T3,T,X,2024-03-10,8,10
            T4,T,X,2024-05-10,6,10
            Z1,Z,X,2023-01-05,1,10
            Z2,Z,X,2024-06-27,1,10
            """);
        company.File("chainseg.yaml", "window: 6 months\n");

        var metrics = company.Run().MetricsByCustomer();

        foreach (var id in new[] { "R", "S" })
            Assert.Equal(("4", "3.5", "1.0202"), (metrics[id]["periods"], metrics[id]["demand_mean"], metrics[id]["demand_cv"]));
        Assert.Equal(("6", "2.3333", "1.4357"), (metrics["T"]["periods"], metrics["T"]["demand_mean"], metrics["T"]["demand_cv"]));
    }

    [Fact]
    public void Variability_LineInTheKeptFirstPeriodBeforeTheWindow_MakesACustomerOfLongerStanding()
    {
        // window: 6 months to 2024-06-14 starts 2023-12-15: December keeps 17 of its 31 days (over half), June's 14 of 30
        // are under half, so the series runs December to May. T ordered on 2023-12-05, in December but before the window: a
        // customer already (its orders_per_month counts the whole window), so its series is the window's, [0, 0, 0, 8, 0, 6],
        // 6 periods, mean 14/6 = 2.3333, σ = √(100/6 − 2.3333²) = 3.3500, CV 1.4357 (Z). It was taken for a new customer
        // (its first line not before December's first day) and counted from March: [8, 0, 6], CV 0.7284 (Y). S, new, is:
        // 3 periods, mean 4.6667, σ = √(100/3 − 4.6667²) = 3.3993, CV 0.7284.
        var company = new HandMadeCompany(_folder, "stub-kept");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            T1,T,X,2023-12-05,10,10
            T3,T,X,2024-03-10,8,10
            T4,T,X,2024-05-10,6,10
            S3,S,X,2024-03-10,8,10
            S4,S,X,2024-05-10,6,10
            Z1,Z,X,2023-01-05,1,10
            Z2,Z,X,2024-06-14,1,10
            """);
        company.File("chainseg.yaml", "window: 6 months\n");

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("6", "2.3333", "1.4357", "0.3333"), (metrics["T"]["periods"], metrics["T"]["demand_mean"], metrics["T"]["demand_cv"], metrics["T"]["orders_per_month"]));
        Assert.Equal(("3", "4.6667", "0.7284"), (metrics["S"]["periods"], metrics["S"]["demand_mean"], metrics["S"]["demand_cv"]));
    }

    [Fact]
    public void Variability_WholeHistoryStartingLateInAQuarter_LeavesTheStubQuarterOut()
    {
        // No window: the data begin on 2023-12-05, so the fourth quarter of 2023 holds 27 of its 92 days of data, under half:
        // a stub, as a window starting there would make it. as_of 2024-12-20 is 81 days into its quarter, which is kept. A
        // buys 30 units every quarter of 2024 and 5 in the stub: [30, 30, 30, 30], CV 0 (with the stub, [5, 30, 30, 30, 30],
        // mean 25, σ = √(500/5) = 10, CV 0.4). B bought in the stub, so is a customer when the series begins, and buys 20 in
        // the third and fourth quarters: [0, 0, 20, 20], mean 10, σ 10, CV 1.0 (with the stub, [4, 0, 0, 20, 20], CV 1.0523).
        var company = new HandMadeCompany(_folder, "whole-history-stub");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            A0,A,X,2023-12-05,5,1
            A1,A,X,2024-02-10,30,1
            A2,A,X,2024-05-10,30,1
            A3,A,X,2024-08-10,30,1
            A4,A,X,2024-11-10,30,1
            B0,B,X,2023-12-10,4,1
            B3,B,X,2024-08-10,20,1
            B4,B,X,2024-11-10,20,1
            Z1,Z,X,2024-12-20,1,1
            """);
        company.File("chainseg.yaml", "periods: quarter\n");

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("4", "30.0", "0.0"), (metrics["A"]["periods"], metrics["A"]["demand_mean"], metrics["A"]["demand_cv"]));
        Assert.Equal(("4", "10.0", "1.0"), (metrics["B"]["periods"], metrics["B"]["demand_mean"], metrics["B"]["demand_cv"]));
    }

    [Fact]
    public void Window_MonthsBackFromADayTheEarlierMonthLacks_StartsTheDayAfter()
    {
        // 12 months to 2024-02-28 end before 2024-02-29, and 12 months before that day is no day of 2023: the window starts
        // 2023-03-01 (AddMonths clamped it to 2023-02-28, a window of 366 days holding both 28 Februaries).
        var company = new HandMadeCompany(_folder, "leap");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2023-02-28,5,10
            O2,A,X,2023-03-01,5,10
            O3,A,X,2024-02-28,5,10
            """);
        company.File("chainseg.yaml", "window: 12 months\n");

        var output = company.Run();

        Assert.Equal("2", Assert.Single(output.Metrics())["orders"]);
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        Assert.Equal("2023-03-01", summary.RootElement.GetProperty("window_start").GetString());
    }

    [Fact]
    public void Variability_LargeNearlyConstantDemand_KeepsItsSmallSpread()
    {
        // 100,000,001 and 99,999,999 units: population SD exactly 1. Σv² = 2·10¹⁶ + 2 is past the doubles' exact integers
        // (2⁵³), so Σv²/n − μ² cancelled to 0 or 2; from the observed periods' own variance it is exact. C has a zero
        // month between two: [1, 0, 1], mean 2/3, SD √(2/9) = 0.4714.
        var company = new HandMadeCompany(_folder, "large");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,L,X,2025-04-10,100000001,1
            O2,L,X,2025-05-10,99999999,1
            O3,C,X,2025-03-11,1,1
            O4,C,X,2025-05-11,1,1
            O5,Z,X,2025-05-31,1,1
            """);

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("2", "100000000.0", "1.0"), (metrics["L"]["periods"], metrics["L"]["demand_mean"], metrics["L"]["demand_sd"]));
        Assert.Equal(("3", "0.6667", "0.4714"), (metrics["C"]["periods"], metrics["C"]["demand_mean"], metrics["C"]["demand_sd"]));
    }

    [Fact]
    public void DemandMeasure_Revenue_NamesTheMeasureInTheIdsOfTheFiguresItChanges()
    {
        // DEFINITIONS.md: every KPI carries a definition id "so two numbers computed differently are never compared
        // silently". P buys 1 unit at 100 in April and 10 units at 10 in May (as_of 2025-05-31). Units: sizes 1 and 10, mean
        // 5.5, var_pop 20.25, CV² 20.25 / 30.25 = 0.6694, ADI 1 → erratic. Revenue: sizes 100 and 100, CV² 0 → smooth. Both
        // runs wrote cv2 and demand_class as demand.cv2[month] and demand.sb[month], as demand_mean and demand_cv name the
        // measure ([month,units], [month,revenue]).
        const string lines = """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,P,X,2025-04-15,1,100
            O2,P,X,2025-05-31,10,10
            """;
        var byUnits = new HandMadeCompany(_folder, "units");
        byUnits.File("order_lines.csv", lines);
        var byRevenue = new HandMadeCompany(_folder, "revenue");
        byRevenue.File("order_lines.csv", lines);
        byRevenue.File("chainseg.yaml", "metrics: { demand_measure: revenue }\n");

        var units = byUnits.Run();
        var revenue = byRevenue.Run();

        Assert.Equal(("0.6694", "erratic"), (units.MetricsByCustomer()["P"]["cv2"], units.MetricsByCustomer()["P"]["demand_class"]));
        Assert.Equal(("0.0", "smooth"), (revenue.MetricsByCustomer()["P"]["cv2"], revenue.MetricsByCustomer()["P"]["demand_class"]));
        var unitIds = Definitions(units);
        var revenueIds = Definitions(revenue);
        foreach (var column in new[] { "demand_cv", "adi", "cv2", "demand_class" })
            Assert.NotEqual(unitIds[column], revenueIds[column]);
        Assert.Equal(("demand.cv2[month,units]", "demand.sb[month,revenue]"), (unitIds["cv2"], revenueIds["demand_class"]));
        // The abc-xyz reason names the measure too: "(monthly)" alone reads as units. Units: sizes 1 and 10 over April and
        // May, CV 4.5 / 5.5 = 0.82 (Y); revenue 100 and 100, CV 0 (X).
        Assert.EndsWith("Y: CV 0.82 > 0.50 and ≤ 1.00 (monthly)", Reason(units, "P"));
        Assert.EndsWith("X: CV 0.00 ≤ 0.50 (monthly revenue)", Reason(revenue, "P"));
    }

    private static string Reason(PipelineOutput output, string customer) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Single(a => a["customer_id"] == customer && a["model"] == "abc-xyz")["reason"];

    private static Dictionary<string, string> Definitions(PipelineOutput output) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(d => d["column"], d => d["definition_id"]);

    public void Dispose() => _folder.Dispose();
}
