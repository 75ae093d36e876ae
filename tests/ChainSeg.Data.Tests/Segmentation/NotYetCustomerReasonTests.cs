namespace ChainSeg.Data.Tests.Segmentation;

// At an as_of before a customer's first order line, the customer was no customer yet: its segment stays inactive (the
// absence of one), but its reason says why, with the date it first ordered, rather than that it stopped ordering.
public sealed class NotYetCustomerReasonTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Run_AsOfBeforeACustomersFirstOrder_ReasonSaysNotYetACustomerWithTheFirstOrderLineDateAndWhetherItIsAReturn()
    {
        // A orders before as_of; B first on 2025-05-02 and again on 06-10 (after as_of 2025-03-31); L ordered in 2023 only,
        // before the 12-month window: it is a customer who stopped ordering, inactive as before. R's first lines, on
        // 2025-04-10, are both returns: Online Retail's 17448 read "(first order 2011-07-18)" of cancellation C560372 alone.
        var company = new HandMadeCompany(_folder, "not-yet");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-01-15,10,5
            O2,A,X,2025-03-10,10,5
            O3,B,X,2025-06-10,4,5
            O4,B,X,2025-05-02,2,5
            O5,L,X,2023-02-01,1,5
            C6,R,X,2025-04-10,-2,5
            C7,R,X,2025-04-10,-1,5
            O8,R,X,2025-05-02,3,5
            """);
        company.File("chainseg.yaml", """
            as_of: 2025-03-31
            window: 12 months
            """);

        var output = company.Run();

        var assignments = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Where(a => a["model"] == "abc-xyz")
            .ToDictionary(a => a["customer_id"]);
        Assert.Equal(("inactive", "inactive: not yet a customer at 2025-03-31 (first order line 2025-05-02)"), (assignments["B"]["segment"], assignments["B"]["reason"]));
        Assert.Equal(("inactive", "inactive: no orders between 2024-04-01 and 2025-03-31"), (assignments["L"]["segment"], assignments["L"]["reason"]));
        Assert.Equal("inactive: not yet a customer at 2025-03-31 (first order line 2025-04-10, a return)", assignments["R"]["reason"]);
        Assert.NotEqual("inactive", assignments["A"]["segment"]);
    }
}
