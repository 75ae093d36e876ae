using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>Size, seed and data-quality settings of one synthetic company; every value is checked when it is set.</summary>
/// <param name="Customers">Number of customer master rows, in [10, 10 000 000].</param>
/// <param name="OrderLines">Exact number of data rows in order_lines.csv (dirty rows included), in [100, 2 000 000 000].</param>
/// <param name="Seed">Seed of every random choice: the same options give byte-identical files.</param>
public sealed record GeneratorOptions(int Customers, long OrderLines, int Seed = 42)
{
    /// <summary>Smallest number of customers the generator accepts.</summary>
    public const int MinCustomers = 10;

    /// <summary>Largest number of customers the generator accepts.</summary>
    public const int MaxCustomers = 10_000_000;

    /// <summary>Smallest number of order lines the generator accepts.</summary>
    public const long MinOrderLines = 100;

    /// <summary>Largest number of order lines the generator accepts.</summary>
    public const long MaxOrderLines = 2_000_000_000;

    /// <summary>Largest share of planted dirty rows per table.</summary>
    public const double MaxDirtyShare = 0.05;

    /// <summary>Smallest explicit product count.</summary>
    public const int MinProducts = 10;

    /// <summary>Largest explicit product count.</summary>
    public const int MaxProducts = 1_000_000;

    /// <summary>Number of customer master rows, in [10, 10 000 000].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [10, 10 000 000].</exception>
    public int Customers { get; init => field = CheckCustomers(value); } = CheckCustomers(Customers);

    /// <summary>Exact number of data rows in order_lines.csv, dirty rows included, in [100, 2 000 000 000].</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [100, 2 000 000 000].</exception>
    public long OrderLines { get; init => field = CheckOrderLines(value); } = CheckOrderLines(OrderLines);

    /// <summary>Share of planted dirty rows per table, in [0, 0.05]; 0 writes a clean company.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [0, 0.05] or not a number.</exception>
    public double DirtyShare
    {
        get;
        init
        {
            if (!(value >= 0 && value <= MaxDirtyShare))
            {
                throw new ArgumentOutOfRangeException(nameof(DirtyShare), value,
                    string.Create(CultureInfo.InvariantCulture, $"Dirty share must be in [0, {MaxDirtyShare}]; got {value}."));
            }

            field = value;
        }
    } = 0.002;

    /// <summary>Number of products; null derives it from the size as clamp(customers / 2, 200, 20 000).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside [10, 1 000 000].</exception>
    public int? Products
    {
        get;
        init
        {
            if (value is { } products && (products < MinProducts || products > MaxProducts))
            {
                throw new ArgumentOutOfRangeException(nameof(Products), value,
                    string.Create(CultureInfo.InvariantCulture, $"Products must be in [{MinProducts}, {MaxProducts}] or left unset; got {products}."));
            }

            field = value;
        }
    }

    /// <summary>The product count actually generated: <see cref="Products"/> or the size-derived default.</summary>
    public int EffectiveProducts => Products ?? Math.Clamp(Customers / 2, 200, 20_000);

    private static int CheckCustomers(int value)
    {
        if (value < MinCustomers || value > MaxCustomers)
        {
            throw new ArgumentOutOfRangeException(nameof(Customers), value,
                string.Create(CultureInfo.InvariantCulture, $"Customers must be in [{MinCustomers}, {MaxCustomers}]; got {value}."));
        }

        return value;
    }

    private static long CheckOrderLines(long value)
    {
        if (value < MinOrderLines || value > MaxOrderLines)
        {
            throw new ArgumentOutOfRangeException(nameof(OrderLines), value,
                string.Create(CultureInfo.InvariantCulture, $"Order lines must be in [{MinOrderLines}, {MaxOrderLines}]; got {value}."));
        }

        return value;
    }
}
