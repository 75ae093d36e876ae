using System.Globalization;

namespace ChainSeg.Data.Tests.Metrics;

// route.drop_ship_share (metric_definitions.csv): share of a customer's lines shipped from a supplier or drop-ship location.
// Location types come as exports write them; the expected shares are counted with LINQ over the CSVs the test writes.
public sealed class DropShipShareTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void DropShipShare_LocationTypesInAnyCaseOrSpelling_CountAsSupplierOrDropShip()
    {
        // 'Supplier', 'VENDOR', 'Drop Ship' and 'drop-ship' are the types the definition names, as ERP exports spell them;
        // only the lower-case 'supplier', 'vendor' and 'drop_ship' counted, so S read 0 % and M 25 % where both are 100 %.
        var company = new HandMadeCompany(_folder, "types");
        var locations = company.File("locations.csv", """
            location_id,type
            DC1,dc
            SUP1,Supplier
            VEN1,VENDOR
            DS1,Drop Ship
            DS2,drop-ship
            DS3,drop_ship
            """);
        var lines = company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,location_id
            O1,S,X,2025-03-01,1,1,SUP1
            O2,M,X,2025-03-02,1,1,VEN1
            O2,M,Y,2025-03-02,1,1,DS1
            O2,M,Z,2025-03-02,1,1,DS2
            O2,M,W,2025-03-02,1,1,DS3
            O3,H,X,2025-03-03,1,1,DC1
            O3,H,Y,2025-03-03,1,1,DS1
            O3,H,Z,2025-03-03,-1,1,DS1
            """);

        var metrics = company.Run().MetricsByCustomer();

        // The definition's types with case, spaces and hyphens set aside.
        string[] dropShipTypes = ["supplier", "vendor", "dropship"];
        var dropShip = CsvFile.ReadRecords(locations)
            .Where(l => dropShipTypes.Contains(new string(l["type"].ToLowerInvariant().Where(char.IsLetter).ToArray())))
            .Select(l => l["location_id"]).ToHashSet();
        var positive = CsvFile.ReadRecords(lines).Where(l => double.Parse(l["quantity"], CultureInfo.InvariantCulture) > 0).ToList();
        foreach (var customer in positive.GroupBy(l => l["customer_id"]))
        {
            var share = customer.Count(l => dropShip.Contains(l["location_id"])) / (double)customer.Count();
            Assert.Equal(Math.Round(share, 4), double.Parse(metrics[customer.Key]["drop_ship_share"], CultureInfo.InvariantCulture));
        }
        Assert.Equal(("1.0", "1.0", "0.5"), (metrics["S"]["drop_ship_share"], metrics["M"]["drop_ship_share"], metrics["H"]["drop_ship_share"]));
    }

    public void Dispose() => _folder.Dispose();
}
