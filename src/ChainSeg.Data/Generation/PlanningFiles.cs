using MathNet.Numerics.Distributions;

namespace ChainSeg.Data.Generation;

/// <summary>
/// Writes the planning tables derived from what was sold: monthly SKU forecasts, stock per SKU and DC,
/// and the activity cost pools sized to the run's volumes.
/// </summary>
internal static class PlanningFiles
{
    // Cost per driver unit, in EUR, before a +-10 % draw; pools are annual and the horizon is two years.
    private static readonly (string Activity, string Driver, double Rate)[] Pools =
    [
        ("order_processing", "orders", 6.5),
        ("picking", "lines", 1.1),
        ("packing", "units", 0.04),
        ("shipping", "shipments", 4.0),
        ("returns_handling", "returns", 18),
        ("expediting", "expedites", 35),
        ("customer_service", "orders", 2.0),
        ("warehousing", "weight_kg", 0.02),
    ];

    private const double HorizonYears = 2;

    /// <summary>
    /// One forecast per sold SKU and month. Forecasts lean towards the SKU's mean month, and their
    /// multiplicative error grows with the SKU's month-to-month variability and for innovative SKUs,
    /// so erratic demand is forecast worse, as it is in practice.
    /// </summary>
    public static long WriteForecasts(string directory, ProductCatalog catalog, DemandLedger demand, int seed)
    {
        var random = new Random(StableHash.StreamSeed(seed, RandomStream.Forecasts));
        using var writer = new CsvTableWriter(Path.Combine(directory, "forecasts.csv"), "forecasts", CanonicalHeaders.Forecasts);
        var months = new double[BusinessCalendar.Months];
        for (var product = 0; product < catalog.Count; product++)
        {
            for (var month = 0; month < months.Length; month++)
            {
                months[month] = demand.UnitsIn(product, month);
            }

            var mean = months.Average();
            if (mean <= 0)
            {
                continue;
            }

            var variation = Math.Sqrt(months.Sum(m => (m - mean) * (m - mean)) / months.Length) / mean;
            var sigma = 0.08 + (0.35 * Math.Min(variation, 2)) + (catalog.CategoryOf(product).Innovative ? 0.15 : 0);
            var sku = ProductCatalog.Sku(product + 1);
            for (var month = 0; month < months.Length; month++)
            {
                var error = LogNormal.Sample(random, -sigma * sigma / 2, sigma);
                writer.Write(sku);
                writer.Write(BusinessCalendar.FirstOfMonth(month));
                writer.Write((long)Math.Round(((0.6 * months[month]) + (0.4 * mean)) * error));
                writer.Write("");
                writer.Write("");
                writer.EndRow();
            }
        }

        return writer.Rows;
    }

    /// <summary>Stock per SKU at each DC: days of cover around its own demand; lead times longer upstream.</summary>
    public static long WriteInventory(string directory, ProductCatalog catalog, DemandLedger demand, int seed)
    {
        var random = new Random(StableHash.StreamSeed(seed, RandomStream.Inventory));
        var businessDays = BusinessCalendar.Horizon.BusinessDays;
        using var writer = new CsvTableWriter(Path.Combine(directory, "inventory.csv"), "inventory", CanonicalHeaders.Inventory);
        for (var product = 0; product < catalog.Count; product++)
        {
            var sku = ProductCatalog.Sku(product + 1);
            var innovative = catalog.CategoryOf(product).Innovative;
            for (var dc = 0; dc < SupplyNetwork.DistributionCentres.Length; dc++)
            {
                // The central DC also replenishes the regions, so its cover is on all demand.
                var units = dc == 0 ? Enumerable.Range(0, SupplyNetwork.DistributionCentres.Length).Sum(d => demand.UnitsAt(product, d)) : demand.UnitsAt(product, dc);
                var daily = (double)units / businessDays;
                var onHand = daily > 0 ? (long)Math.Round(daily * (5 + (35 * random.NextDouble()))) : random.Next(11);
                var leadTime = dc == 0 ? 10 + random.Next(21) + (innovative ? 10 : 0) : 2 + random.Next(4);
                writer.Write(sku);
                writer.Write(SupplyNetwork.DistributionCentres[dc]);
                writer.Write(onHand);
                writer.Write(leadTime);
                writer.Write(leadTime * (0.15 + (0.25 * random.NextDouble())), "0.00");
                writer.WriteCents(catalog.UnitCostCents(product));
                writer.Write(0.2 + (0.1 * random.NextDouble()), "0.000");
                writer.EndRow();
            }
        }

        return writer.Rows;
    }

    public static long WriteCostPools(string directory, ActivityVolumes volumes, int seed)
    {
        var random = new Random(StableHash.StreamSeed(seed, RandomStream.CostPools));
        using var writer = new CsvTableWriter(Path.Combine(directory, "cost_pools.csv"), "cost_pools", CanonicalHeaders.CostPools);
        foreach (var (activity, driver, rate) in Pools)
        {
            var volume = driver switch
            {
                "orders" => volumes.Orders,
                "lines" => volumes.Lines,
                "units" => volumes.Units,
                "shipments" => volumes.Shipments,
                "returns" => volumes.Returns,
                "expedites" => volumes.Expedites,
                _ => volumes.WeightKg,
            };
            // A pool is never empty: even without returns in a tiny company the activity has a floor cost.
            var annual = rate * Math.Max(1, volume) / HorizonYears * (0.9 + (0.2 * random.NextDouble()));
            writer.Write(activity);
            writer.Write(driver);
            writer.WriteCents((long)Math.Round(annual * 100));
            writer.EndRow();
        }

        return writer.Rows;
    }
}
