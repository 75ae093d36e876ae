using System.Globalization;

namespace ChainSeg.Core;

/// <summary>An interval of valid values, each end included or not, written as messages name it: [0, 1], (0, 1), [0, 1), (0, 10].</summary>
/// <param name="Low">Lower end.</param>
/// <param name="High">Upper end.</param>
/// <param name="LowIncluded">Whether <paramref name="Low"/> itself is valid.</param>
/// <param name="HighIncluded">Whether <paramref name="High"/> itself is valid.</param>
public readonly record struct ValueRange(double Low, double High, bool LowIncluded, bool HighIncluded)
{
    /// <summary>[0, 1]: a share that may be none or all (a minimum fill, a share of demand).</summary>
    public static ValueRange ClosedUnit { get; } = new(0, 1, LowIncluded: true, HighIncluded: true);

    /// <summary>(0, 1]: a share above none and up to all (ABC's b cut-off, a cluster's maximum share, a year's holding rate).</summary>
    public static ValueRange PositiveUnit { get; } = new(0, 1, LowIncluded: false, HighIncluded: true);

    /// <summary>[0, 1): a part of the whole that may be none but never all (a tolerated shortfall, a hysteresis margin).</summary>
    public static ValueRange PartialUnit { get; } = new(0, 1, LowIncluded: true, HighIncluded: false);

    /// <summary>(0, 1): a probability or service level that is neither impossible nor certain.</summary>
    public static ValueRange OpenUnit { get; } = new(0, 1, LowIncluded: false, HighIncluded: false);

    /// <summary>Whether <paramref name="value"/> lies in the interval; NaN never does.</summary>
    public bool Contains(double value) =>
        (LowIncluded ? value >= Low : value > Low) && (HighIncluded ? value <= High : value < High);

    /// <summary>The interval in brackets, e.g. "[0, 1]" or "(0, 1)".</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{(LowIncluded ? '[' : '(')}{Low}, {High}{(HighIncluded ? ']' : ')')}");
}
