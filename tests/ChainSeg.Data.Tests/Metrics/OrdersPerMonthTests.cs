using System.Globalization;

namespace ChainSeg.Data.Tests.Metrics;

// orders.frequency (metric_definitions.csv): orders ÷ calendar months from the later of window start and the customer's
// first order line in all history to the end of as_of, at least 1. The expected figures are worked by hand from the lines the test writes.
public sealed class OrdersPerMonthTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void OrdersPerMonth_TwelveMonthWindow_CountsCalendarMonths()
    {
        // window: 12 months ending at as_of 2024-12-31 runs from 2024-01-01, a leap year of 366 days. M orders on the 1st of
        // every month: 12 orders in 12 months is 1.0 a month; 365 days of 30.4375 read 1.0007, and 366 inclusive days would
        // read 0.9979, failing a rule's "orders_per_month >= 1". N starts on 2024-07-16: 5 months to 2024-12-16 and 16 of
        // December's 31 days, 3 ÷ 5.5161 = 0.5439 (0.5435 by days). E starts on 2024-01-31: 11 months to 2024-12-31 (the
        // month's last day) and 1 day of the 31 to 2025-01-31, 2 ÷ 11.0323 = 0.1813. R's 2023 order is before the window,
        // which holds its orders of 2024-03-01 and 2024-09-01: a customer since 2023, 2 ÷ 12 months = 0.1667 (counted from its first
        // order in the window, 2 ÷ 10 = 0.2, a customer of long standing ordering on the 15th of every month read 1.09). Z's one order on as_of is a month at least.
        var company = new HandMadeCompany(_folder, "calendar");
        var lines = string.Join("\n", Enumerable.Range(1, 12).Select(m => $"OM{m},M,X,2024-{m:00}-01,1,1"));
        company.File("order_lines.csv", $"""
            order_id,customer_id,sku,order_date,quantity,unit_price
            {lines}
            ON1,N,X,2024-07-16,1,1
            ON2,N,X,2024-09-10,1,1
            ON3,N,X,2024-11-20,1,1
            OE1,E,X,2024-01-31,1,1
            OE2,E,X,2024-06-30,1,1
            OR1,R,X,2023-06-01,1,1
            OR2,R,X,2024-03-01,1,1
            OR3,R,X,2024-09-01,1,1
            OZ1,Z,X,2024-12-31,1,1
            """);
        company.File("chainseg.yaml", "window: 12 months\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal(new DateOnly(2024, 12, 31), output.Result.AsOf);
        Assert.Equal(("1.0", "0.5439", "0.1813", "0.1667", "1.0"),
            (metrics["M"]["orders_per_month"], metrics["N"]["orders_per_month"], metrics["E"]["orders_per_month"], metrics["R"]["orders_per_month"], metrics["Z"]["orders_per_month"]));
        Assert.Equal(3.0 / (5 + 16.0 / 31), double.Parse(metrics["N"]["orders_per_month"], CultureInfo.InvariantCulture), 4);
    }

    public void Dispose() => _folder.Dispose();
}
