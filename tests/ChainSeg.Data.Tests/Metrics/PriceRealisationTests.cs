namespace ChainSeg.Data.Tests.Metrics;

// price.realisation (metric_definitions.csv): Σ revenue of a customer's positive lines whose SKU has a list price ÷ Σ
// quantity × that list price (products.unit_price). The expected values are worked out by hand in each test.
public sealed class PriceRealisationTests : IDisposable
{
    private const string Header = "order_id,customer_id,sku,order_date,quantity,unit_price,net_amount";

    private readonly TempFolder _folder = new();

    [Fact]
    public void PriceRealisation_TwoSkusAtDifferentDiscounts_IsWeightedByListValue()
    {
        // W buys 10 × A (list 100) at 90 and 1 × B (list 10) at 5: list value 1,000 + 10, revenue 900 + 5, so 905 ÷ 1,010 =
        // 0.8960, where the mean of the two lines' ratios (0.90, 0.50) would read 0.70. N pays net_amount 80 for 1 × A
        // whose unit_price says 100: revenue is net_amount, as every metric reads it (0.80).
        var realisation = Realisations("weighted", "sku,unit_price\nA,100\nB,10\n", $"""
            {Header}
            O1,W,A,2025-03-01,10,90,
            O1,W,B,2025-03-01,1,5,
            O2,N,A,2025-03-02,1,100,80
            """);

        Assert.Equal(("0.896", "0.8"), (realisation["W"], realisation["N"]));
    }

    [Fact]
    public void PriceRealisation_LinesWithoutAListPriceAndReturns_AreLeftOut()
    {
        // L buys A (list 100) at 75, and U and F, which have no list price (unit_price empty, 0): only A counts, 0.75 (a
        // SKU missing from products never gets this far: ingestion quarantines its lines as unknown_reference:sku).
        // R sells at 80 against list 100 and takes 2 of 4 back at a credit of 50 each: sales lines only, so still 0.80
        // (netting the return read (320 − 100) ÷ 200 = 1.10). E buys only SKUs without a list price: empty.
        var realisation = Realisations("unlisted", "sku,unit_price\nA,100\nU,\nF,0\n", $"""
            {Header}
            O1,L,A,2025-03-01,2,75,
            O1,L,U,2025-03-01,5,40,
            O1,L,F,2025-03-01,5,40,
            O2,R,A,2025-03-02,4,80,
            R2,R,A,2025-03-09,-2,50,
            O3,E,F,2025-03-03,1,10,
            O3,E,U,2025-03-03,1,10,
            """);

        Assert.Equal(("0.75", "0.8", ""), (realisation["L"], realisation["R"], realisation["E"]));
    }

    [Fact]
    public void PriceRealisation_WithoutProducts_IsEmptyAndTheRunSucceeds()
    {
        // No products.csv: there is no list price to realise against, so the column is there and empty for every customer.
        var realisation = Realisations("noproducts", products: null, $"""
            {Header}
            O1,A,X,2025-03-01,2,75,
            O2,B,Y,2025-03-02,1,10,
            """);

        Assert.Equal([("A", ""), ("B", "")], realisation.Select(r => (r.Key, r.Value)).Order());
    }

    // Runs a company of these order lines (and products, when given) and returns each customer's price_realisation as written.
    private Dictionary<string, string> Realisations(string name, string? products, string lines)
    {
        var company = new HandMadeCompany(_folder, name);
        if (products is not null)
            company.File("products.csv", products);
        company.File("order_lines.csv", lines);
        return company.Run().MetricsByCustomer().ToDictionary(m => m.Key, m => m.Value["price_realisation"]);
    }

    public void Dispose() => _folder.Dispose();
}
