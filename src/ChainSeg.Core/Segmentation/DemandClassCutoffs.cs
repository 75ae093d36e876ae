namespace ChainSeg.Core.Segmentation;

/// <summary>Cut-offs of the Syntetos–Boylan demand classes: ADI 1.32 and CV² 0.49 by default.</summary>
public sealed record DemandClassCutoffs
{
    /// <summary>Creates cut-offs.</summary>
    /// <param name="adi">Average inter-demand interval (in periods) from which demand is intermittent; at least 1 (every period) and finite.</param>
    /// <param name="cv2">Squared coefficient of variation of demand sizes from which demand is erratic; positive and finite.</param>
    /// <exception cref="ArgumentOutOfRangeException">A cut-off is outside its range.</exception>
    public DemandClassCutoffs(double adi = 1.32, double cv2 = 0.49)
    {
        if (!(adi >= 1 && double.IsFinite(adi)))
            throw new ArgumentOutOfRangeException(nameof(adi), adi, $"ADI cut-off must be in [1, ∞) periods; got {adi}.");
        if (!(cv2 > 0 && double.IsFinite(cv2)))
            throw new ArgumentOutOfRangeException(nameof(cv2), cv2, $"CV² cut-off must be in (0, ∞); got {cv2}.");
        Adi = adi;
        Cv2 = cv2;
    }

    /// <summary>ADI from which demand counts as intermittent.</summary>
    public double Adi { get; }

    /// <summary>CV² from which demand counts as erratic.</summary>
    public double Cv2 { get; }

    /// <summary>The published cut-offs: ADI 1.32, CV² 0.49 (Syntetos, Boylan &amp; Croston 2005).</summary>
    public static DemandClassCutoffs Default { get; } = new();
}
