namespace ChainSeg.Core.Segmentation;

/// <summary>Cumulative-share cut-offs of ABC analysis, with 0 &lt; A &lt; B ≤ 1 (defaults 0.80 and 0.95).</summary>
public sealed record AbcCutoffs
{
    /// <summary>Creates cut-offs as shares of the total positive value.</summary>
    /// <param name="a">Customers whose cumulative share is at most this are A; in (0, b).</param>
    /// <param name="b">Customers whose cumulative share is at most this (and above a) are B; in (a, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException">The cut-offs do not satisfy 0 &lt; a &lt; b ≤ 1.</exception>
    public AbcCutoffs(double a = 0.80, double b = 0.95)
    {
        if (!(a > 0 && a < 1))
            throw new ArgumentOutOfRangeException(nameof(a), a, $"ABC cut-off A must be in (0, 1) and below B; got A = {a}.");
        if (!(b > a && b <= 1))
            throw new ArgumentOutOfRangeException(nameof(b), b, $"ABC cut-off B must be in (A, 1] with A = {a}; got B = {b}.");
        A = a;
        B = b;
    }

    /// <summary>Cumulative share up to which customers are A.</summary>
    public double A { get; }

    /// <summary>Cumulative share up to which customers are B.</summary>
    public double B { get; }

    /// <summary>The common 80 % / 95 % cut-offs.</summary>
    public static AbcCutoffs Default { get; } = new();
}
