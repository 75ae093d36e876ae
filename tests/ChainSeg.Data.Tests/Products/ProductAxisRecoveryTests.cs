using System.Globalization;
using ChainSeg.Core.Products;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Tests.Pipeline;

namespace ChainSeg.Data.Tests.Products;

// The generator plants the truth: its innovative families (Smart Sensors, Wearable Tech, Designer Lighting) have higher
// margins, life cycles that rise and fade, and forecasts with larger errors. The check reads products.csv's category and
// the generator's family flag, never the product's own figures.
public sealed class ProductAxisRecoveryTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    // Measured on this company (400 customers, 30,000 lines, seed 11; 183 SKUs with 20 lines or more): 29 of 33 innovative
    // SKUs (88 %) and 147 of 150 functional ones (98 %) recovered under the default cut-offs (40 % gross margin); with
    // Fisher's 20 % read as gross margin, 30 of 33 and 119 of 150: the generator's functional gross margins run 20–40 %
    // before discounts, so the margin voted innovative for every functional SKU and erratic low-volume ones tipped with
    // their forecast error. The bounds leave a few SKUs of slack either side; a classifier that called everything by the
    // base rate would score 0 on one side.
    [Fact]
    public void Run_GeneratedCompany_RecoversThePlantedFamiliesOfSkusWithEnoughSales()
    {
        var innovativeFamilies = ProductCatalog.Categories.Where(c => c.Innovative).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var planted = CsvFile.ReadRecords(Path.Combine(run.Data, "products.csv")).GroupBy(p => p["sku"])
            .ToDictionary(g => g.Key, g => innovativeFamilies.Contains(g.First()["category"]));
        var classes = CsvFile.ReadRecords(Path.Combine(run.Output.Result.OutDirectory, "product_classes.csv"))
            .Where(r => int.Parse(r["lines"], CultureInfo.InvariantCulture) >= 20).ToList();

        var innovative = classes.Where(r => planted[r["sku"]]).ToList();
        var functional = classes.Where(r => !planted[r["sku"]]).ToList();
        var innovativeRecall = innovative.Count(r => r["product_class"] == FisherProductClass.Innovative) / (double)innovative.Count;
        var functionalRecall = functional.Count(r => r["product_class"] == FisherProductClass.Functional) / (double)functional.Count;

        Assert.True(innovative.Count >= 20 && functional.Count >= 100, $"{innovative.Count} innovative and {functional.Count} functional SKUs with 20 lines or more");
        Assert.True(innovativeRecall >= 0.8, $"innovative SKUs recovered: {innovativeRecall:P1}");
        Assert.True(functionalRecall >= 0.9, $"functional SKUs recovered: {functionalRecall:P1}");
    }
}
