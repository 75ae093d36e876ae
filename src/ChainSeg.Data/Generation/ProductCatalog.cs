using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>A product family. Innovative families (Fisher 1997) have high margins and short, volatile life cycles.</summary>
internal sealed record ProductCategory(
    string Name,
    bool Innovative,
    double Weight,
    double PriceLow,
    double PriceHigh,
    double MarginLow,
    double MarginHigh,
    double KgLow,
    double KgHigh,
    double DensityKgPerM3,
    string[] Nouns,
    string[] Variants);

/// <summary>
/// The product master: prices, costs, weights, global popularity (Zipf over a shuffled ranking) and,
/// for innovative products, a life cycle that makes their demand rise and fade within the horizon.
/// </summary>
internal sealed class ProductCatalog
{
    public static readonly ProductCategory[] Categories =
    [
        new("Fasteners", false, 0.16, 0.3, 6, 0.25, 0.35, 0.01, 0.5, 4000,
            ["Hex bolt", "Wood screw", "Wall plug", "Washer", "Threaded rod", "Blind rivet"],
            ["M6", "M8", "M10", "M12", "stainless, A2", "zinc plated", "1/4\""]),
        new("Packaging", false, 0.14, 0.8, 25, 0.20, 0.30, 0.05, 3, 150,
            ["Carton box", "Stretch film", "Packing tape", "Pallet wrap", "Bubble wrap", "Mailer bag"],
            ["small", "medium", "large", "brown, 50 m", "clear, 66 m", "500 x 400 x 300 mm"]),
        new("Cleaning Supplies", false, 0.12, 2, 40, 0.25, 0.35, 0.3, 11, 1000,
            ["Surface cleaner", "Degreaser", "Hand soap", "Paper towels", "Floor detergent"],
            ["1 l", "5 l", "10 l", "refill, 6-pack", "citrus"]),
        new("Safety Equipment", false, 0.13, 4, 120, 0.30, 0.40, 0.05, 2, 300,
            ["Safety gloves", "Safety goggles", "Hard hat", "Hi-vis vest", "Ear defenders", "Safety boots"],
            ["size M", "size L", "size XL", "EN 388, nitrile", "class 2", "S3"]),
        new("Hand Tools", false, 0.12, 6, 90, 0.30, 0.40, 0.1, 3, 1500,
            ["Screwdriver set", "Hammer", "Pliers", "Spirit level", "Utility knife", "Socket set"],
            ["6-piece", "300 g", "180 mm", "600 mm", "1/2\" drive", "insulated, 1000 V"]),
        new("Electrical", false, 0.13, 3, 150, 0.25, 0.35, 0.05, 8, 800,
            ["Cable", "Circuit breaker", "Junction box", "LED tube", "Extension lead", "Conduit"],
            ["3 x 1.5 mm², 50 m", "B16", "IP65", "1200 mm", "5 m", "3/4\""]),
        new("Smart Sensors", true, 0.08, 40, 400, 0.50, 0.65, 0.05, 0.8, 400,
            ["Wireless temperature sensor", "Smart energy meter", "IoT gateway", "Vibration sensor", "Air quality monitor"],
            ["Gen 2", "Gen 3", "LoRaWAN", "Zigbee", "Pro"]),
        new("Wearable Tech", true, 0.06, 60, 600, 0.55, 0.70, 0.1, 2.5, 350,
            ["Smart safety helmet", "Connected badge", "Fall detector", "Exoskeleton vest", "Head-up display"],
            ["2024 edition", "2025 edition", "Lite", "Plus"]),
        new("Designer Lighting", true, 0.06, 30, 350, 0.45, 0.60, 0.5, 9, 120,
            ["Pendant lamp", "Track light", "Floor lamp", "Wall sconce"],
            ["brass", "matte black", "opal glass", "limited series"]),
    ];

    private const double ZipfExponent = 0.9;
    private readonly int seed;
    private readonly byte[] category;
    private readonly long[] unitCostCents;
    private readonly long[] unitPriceCents;
    private readonly double[] weightKg;
    private readonly double[] popularityCdf;
    private readonly double[] quantityFactor;
    private readonly float[] lifeCyclePeak;
    private readonly float[] lifeCycleWidth;

    private ProductCatalog(int seed, int count)
    {
        this.seed = seed;
        category = new byte[count];
        unitCostCents = new long[count];
        unitPriceCents = new long[count];
        weightKg = new double[count];
        popularityCdf = new double[count];
        quantityFactor = new double[count];
        lifeCyclePeak = new float[count];
        lifeCycleWidth = new float[count];
    }

    public int Count => category.Length;

    public static ProductCatalog Create(int seed, int count)
    {
        var random = new Random(StableHash.StreamSeed(seed, RandomStream.Products));
        var catalog = new ProductCatalog(seed, count);
        var weights = Categories.Select(c => c.Weight).ToArray();
        for (var product = 0; product < count; product++)
        {
            var family = Categories[Pick(weights, random.NextDouble())];
            catalog.category[product] = (byte)Array.IndexOf(Categories, family);
            var price = LogUniform(random, family.PriceLow, family.PriceHigh);
            var margin = family.MarginLow + (random.NextDouble() * (family.MarginHigh - family.MarginLow));
            var listPrice = Math.Max(10, (long)Math.Round(price * 100));
            var cost = Math.Max(1, (long)Math.Round(listPrice * (1 - margin)));
            catalog.unitPriceCents[product] = listPrice;
            catalog.unitCostCents[product] = Math.Min(cost, listPrice - 1);
            catalog.weightKg[product] = Math.Max(0.001, Math.Round(LogUniform(random, family.KgLow, family.KgHigh), 3));
            catalog.quantityFactor[product] = Math.Clamp(Math.Sqrt(10 / price), 0.25, 6);
            if (family.Innovative)
            {
                catalog.lifeCyclePeak[product] = (float)(random.NextDouble() * BusinessCalendar.Months);
                catalog.lifeCycleWidth[product] = (float)(4 + (random.NextDouble() * 6));
            }
        }

        // Popularity follows rank, and ranks are shuffled so SKU numbers say nothing about sales.
        var ranks = Enumerable.Range(0, count).ToArray();
        random.Shuffle(ranks);
        var total = 0.0;
        for (var product = 0; product < count; product++)
        {
            var innovativeDamping = Categories[catalog.category[product]].Innovative ? 0.6 : 1.0;
            total += innovativeDamping / Math.Pow(ranks[product] + 1, ZipfExponent);
            catalog.popularityCdf[product] = total;
        }

        for (var product = 0; product < count; product++)
        {
            catalog.popularityCdf[product] /= total;
        }

        return catalog;
    }

    public static string Sku(long number) => string.Create(CultureInfo.InvariantCulture, $"SKU-{number:D5}");

    public ProductCategory CategoryOf(int product) => Categories[category[product]];

    public long UnitCostCents(int product) => unitCostCents[product];

    public long UnitPriceCents(int product) => unitPriceCents[product];

    public double WeightKg(int product) => weightKg[product];

    public double VolumeM3(int product) => Math.Max(0.000001, Math.Round(weightKg[product] / CategoryOf(product).DensityKgPerM3, 6));

    /// <summary>Units of this product per line relative to the customer's mean: cheap items go in larger quantities.</summary>
    public double QuantityFactor(int product) => quantityFactor[product];

    /// <summary>
    /// Product at a position of a customer's basket: a pure function, so baskets cost no memory.
    /// Functional-only baskets (distributors buying by the pallet) redraw innovative products a few times.
    /// </summary>
    public int BasketItem(int customer, int position, bool functionalOnly)
    {
        var product = 0;
        for (ulong draw = 0; draw < 8; draw++)
        {
            var u = StableHash.Uniform((ulong)(uint)seed, (ulong)customer, ((ulong)RandomStream.Baskets << 56) | (draw << 32) | (uint)position);
            var index = Array.BinarySearch(popularityCdf, u);
            product = Math.Min(Count - 1, index >= 0 ? index : ~index);
            if (!functionalOnly || !CategoryOf(product).Innovative)
            {
                break;
            }
        }

        return product;
    }

    /// <summary>Share of its peak demand a product has in a month: 1 for functional products, a bell over the life cycle for innovative ones.</summary>
    public double Availability(int product, int month)
    {
        var width = lifeCycleWidth[product];
        if (width == 0)
        {
            return 1;
        }

        var distance = (month - lifeCyclePeak[product]) / width;
        return Math.Max(0.05, Math.Exp(-distance * distance));
    }

    public string Description(int product, Random random)
    {
        var family = CategoryOf(product);
        return $"{family.Nouns[random.Next(family.Nouns.Length)]} {family.Variants[random.Next(family.Variants.Length)]}";
    }

    private static int Pick(double[] weights, double u)
    {
        for (var i = 0; i < weights.Length - 1; i++)
        {
            u -= weights[i];
            if (u < 0)
            {
                return i;
            }
        }

        return weights.Length - 1;
    }

    private static double LogUniform(Random random, double low, double high) =>
        Math.Exp(Math.Log(low) + (random.NextDouble() * (Math.Log(high) - Math.Log(low))));
}
