namespace ChainSeg.Data.Generation;

/// <summary>
/// SplitMix64 finaliser: a pure, platform-independent mix of integers. It derives the seeds of the
/// generator's independent random streams and makes choices that must be recomputable without stored
/// state (a customer's SKU basket, a company name), so memory stays O(customers) at any size.
/// <see cref="HashCode"/> is unusable here: it is randomised per process.
/// </summary>
internal static class StableHash
{
    public static ulong Mix(ulong value)
    {
        value += 0x9E3779B97F4A7C15UL;
        value = (value ^ (value >> 30)) * 0xBF58476D1CE4E5B9UL;
        value = (value ^ (value >> 27)) * 0x94D049BB133111EBUL;
        return value ^ (value >> 31);
    }

    public static ulong Mix(ulong a, ulong b) => Mix(Mix(a) ^ (b * 0xD1B54A32D192ED03UL));

    public static ulong Mix(ulong a, ulong b, ulong c) => Mix(Mix(a, b) ^ (c * 0x8CB92BA72F3D8DD7UL));

    /// <summary>Uniform double in [0, 1) from the top 53 bits of a mixed value.</summary>
    public static double Uniform(ulong a, ulong b, ulong c) => (Mix(a, b, c) >> 11) * (1.0 / (1UL << 53));

    /// <summary>Seed of the named random stream of a generation seed.</summary>
    public static int StreamSeed(int seed, RandomStream stream) =>
        (int)(Mix((ulong)(uint)seed, (ulong)stream) & int.MaxValue);
}

/// <summary>The generator's independent random streams: changing how one is consumed leaves the others intact.</summary>
internal enum RandomStream
{
    Customers = 1,
    Products = 2,
    Schedule = 3,
    Lines = 4,
    Fulfilment = 5,
    DirtyOrderLines = 6,
    Forecasts = 7,
    Inventory = 8,
    CostPools = 9,
    Baskets = 10,
    Names = 11,
    Addresses = 12,
    ProductText = 13,
    DirtyProducts = 14,
    DirtyCustomers = 15,
    DirtyShipments = 16,
    DirtyServiceEvents = 17,
    OrderChanges = 18,
}
