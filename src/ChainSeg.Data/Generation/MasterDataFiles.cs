using System.Globalization;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Data.Generation;

/// <summary>
/// Writes the master tables (locations, products, customers, id_crosswalk) and the customer truth files.
/// Dirty master rows are extra rows nothing refers to (a customer without id, a product with a negative
/// cost under a SKU no order uses), so quarantining them never cascades.
/// </summary>
internal static class MasterDataFiles
{
    private static readonly PlantedDefect[] CustomerDefects = [PlantedDefect.Missing("customer_id"), PlantedDefect.Malformed];
    private static readonly PlantedDefect[] ProductDefects = [PlantedDefect.Invalid("unit_cost"), PlantedDefect.Missing("sku")];

    // Ids of dirty extra customers: far above any real customer number.
    private const long DirtyCustomerBase = 80_000_000;

    public static long WriteLocations(string directory)
    {
        using var writer = new CsvTableWriter(Path.Combine(directory, "locations.csv"), "locations", CanonicalHeaders.Locations);
        foreach (var location in SupplyNetwork.Locations)
        {
            writer.Write(location.LocationId);
            writer.Write(location.Type);
            writer.Write(location.UpstreamLocationId);
            writer.EndRow();
        }

        return writer.Rows;
    }

    public static long WriteProducts(string directory, ProductCatalog catalog, GeneratorOptions options, DirtyRowLedger ledger)
    {
        var text = new Random(StableHash.StreamSeed(options.Seed, RandomStream.ProductText));
        using var writer = new CsvTableWriter(Path.Combine(directory, "products.csv"), "products", CanonicalHeaders.Products);
        WriteWithPlantedRows(writer, ProductDefects, catalog.Count, options, RandomStream.DirtyProducts, ledger,
            product => WriteProduct(writer, ProductCatalog.Sku(product + 1), catalog, (int)product, catalog.UnitCostCents((int)product), text),
            (defect, extra) =>
            {
                // A look-alike of a real product under a SKU no order uses.
                var model = (int)(extra % catalog.Count);
                var sku = defect == 0 ? ProductCatalog.Sku(catalog.Count + 1 + extra) : "";
                var cost = defect == 0 ? -catalog.UnitCostCents(model) : catalog.UnitCostCents(model);
                WriteProduct(writer, sku, catalog, model, cost, text);
            });
        return writer.Rows;
    }

    public static long WriteCustomers(string directory, CustomerBase customers, GeneratorOptions options, DirtyRowLedger ledger)
    {
        var random = new Random(StableHash.StreamSeed(options.Seed, RandomStream.Addresses));
        using var writer = new CsvTableWriter(Path.Combine(directory, "customers.csv"), "customers", CanonicalHeaders.Customers);
        string[] last = [];
        WriteWithPlantedRows(writer, CustomerDefects, customers.Count, options, RandomStream.DirtyCustomers, ledger,
            customer =>
            {
                last = CustomerFields(customers, (int)customer, options.Seed, random);
                WriteFields(writer, last, 0);
            },
            (defect, extra) =>
            {
                // A copy of the latest customer, without id or with a fresh one and a wrong field count.
                var copy = (string[])last.Clone();
                copy[0] = defect == 0 ? "" : CustomerIdentity.Master(DirtyCustomerBase + extra);
                copy[2] = "";
                WriteFields(writer, copy, defect == 0 ? 0 : (extra % 2 == 0 ? -1 : 1));
            });
        return writer.Rows;
    }

    // Writes the clean rows in order with planted extra rows at slots a DirtySlotPlan spreads over the table.
    private static void WriteWithPlantedRows(CsvTableWriter writer, PlantedDefect[] defects, long cleanRows, GeneratorOptions options,
        RandomStream stream, DirtyRowLedger ledger, Action<long> writeClean, Action<int, long> writeDirty)
    {
        var perDefect = DirtySlotPlan.Counts(options.DirtyShare, cleanRows, defects.Length, minimumPerDefect: 1);
        var plan = new DirtySlotPlan(cleanRows + perDefect.Sum(), perDefect, new Random(StableHash.StreamSeed(options.Seed, stream)), cleanFirstSlot: true);
        long clean = 0;
        long extra = 0;
        while (plan.RemainingSlots > 0)
        {
            var defect = plan.Next();
            if (defect < 0)
            {
                writeClean(clean++);
                continue;
            }

            ledger.Record(writer.Table, writer.NextRow, defects[defect]);
            writeDirty(defect, extra++);
        }
    }

    public static long WriteCrosswalk(string directory, int customerCount)
    {
        using var writer = new CsvTableWriter(Path.Combine(directory, "id_crosswalk.csv"), "id_crosswalk", CanonicalHeaders.IdCrosswalk);
        for (long number = 1; number <= customerCount; number++)
        {
            var master = CustomerIdentity.Master(number);
            WriteFields(writer, [CustomerIdentity.Erp, CustomerIdentity.ErpId(number), master], 0);
            WriteFields(writer, [CustomerIdentity.Tms, CustomerIdentity.TmsId(number), master], 0);
        }

        return writer.Rows;
    }

    public static void WriteTruth(string truthDirectory, CustomerBase customers)
    {
        using (var archetypes = new CsvTableWriter(Path.Combine(truthDirectory, "customer_archetypes.csv"), "customer_archetypes", CanonicalHeaders.CustomerArchetypes))
        {
            for (var customer = 0; customer < customers.Count; customer++)
            {
                WriteFields(archetypes, [CustomerIdentity.Master(customer + 1L), customers.Profile(customer).Traits.Name], 0);
            }
        }

        using var shifts = new CsvTableWriter(Path.Combine(truthDirectory, "planted_shifts.csv"), "planted_shifts", CanonicalHeaders.PlantedShifts);
        foreach (var shift in customers.Shifts)
        {
            WriteFields(shifts, [CustomerIdentity.Master(shift.Customer + 1L), shift.Period, shift.KindName], 0);
        }
    }

    private static string[] CustomerFields(CustomerBase customers, int customer, int seed, Random random)
    {
        var region = customers.Region(customer);
        var address = CustomerGeography.DrawAddress(region, customers.Domestic(customer), random);
        var parent = customers.Parent(customer);
        var name = parent < 0
            ? CompanyNames.For(seed, customer, address.City.Country)
            : CompanyNames.ForBranch(CompanyNames.For(seed, parent, customers.Domestic(parent) ? "DE" : CustomerGeography.Regions[customers.Region(parent)].NeighbourCountry), address.City.Name);
        return
        [
            CustomerIdentity.Master(customer + 1L),
            name,
            parent < 0 ? "" : CustomerIdentity.Master(parent + 1L),
            address.City.Country,
            CustomerGeography.Regions[region].Name,
            address.City.Name,
            address.PostalCode,
            address.Latitude.ToString("0.00000", CultureInfo.InvariantCulture),
            address.Longitude.ToString("0.00000", CultureInfo.InvariantCulture),
            customers.Channel(customer),
            DateFormat.Iso(customers.CreatedAt(customer)),
            CustomerIdentity.Crm,
        ];
    }

    private static void WriteProduct(CsvTableWriter writer, string sku, ProductCatalog catalog, int product, long unitCostCents, Random text)
    {
        writer.Write(sku);
        writer.Write(catalog.Description(product, text));
        writer.Write(catalog.CategoryOf(product).Name);
        writer.WriteCents(unitCostCents);
        writer.WriteCents(catalog.UnitPriceCents(product));
        writer.Write(catalog.WeightKg(product), "0.###");
        writer.Write(catalog.VolumeM3(product), "0.######");
        writer.EndRow();
    }

    private static void WriteFields(CsvTableWriter writer, string[] fields, int fieldCountChange)
    {
        foreach (var field in fields)
        {
            writer.Write(field);
        }

        writer.EndRow(fieldCountChange);
    }
}
