namespace ChainSeg.Core.Segmentation;

/// <summary>Coefficient-of-variation cut-offs of XYZ analysis, with 0 &lt; X &lt; Y (defaults 0.5 and 1.0).</summary>
public sealed record XyzCutoffs
{
    /// <summary>Creates CV cut-offs.</summary>
    /// <param name="x">CV up to which demand is X; in (0, y).</param>
    /// <param name="y">CV up to which demand is Y; above x and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cut-offs do not satisfy 0 &lt; x &lt; y &lt; ∞.</exception>
    public XyzCutoffs(double x = 0.5, double y = 1.0)
    {
        if (!(x > 0 && double.IsFinite(x)))
            throw new ArgumentOutOfRangeException(nameof(x), x, $"XYZ cut-off X must be in (0, Y); got X = {x}.");
        if (!(y > x && double.IsFinite(y)))
            throw new ArgumentOutOfRangeException(nameof(y), y, $"XYZ cut-off Y must be finite and above X = {x}; got Y = {y}.");
        X = x;
        Y = y;
    }

    /// <summary>CV up to which demand is X.</summary>
    public double X { get; }

    /// <summary>CV up to which demand is Y.</summary>
    public double Y { get; }

    /// <summary>The common 0.5 / 1.0 cut-offs.</summary>
    public static XyzCutoffs Default { get; } = new();
}
