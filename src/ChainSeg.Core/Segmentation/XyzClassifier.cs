namespace ChainSeg.Core.Segmentation;

/// <summary>
/// XYZ analysis on the coefficient of variation (population standard deviation ÷ mean) of demand per period over the window.
/// </summary>
/// <remarks>
/// X when CV ≤ X cut-off, Y when CV ≤ Y cut-off, Z above. Periods without demand count as zero, so a customer that
/// orders every third month is more variable than one that orders monthly. The CV is undefined, and the customer is Z
/// with a reason saying why, when the series has fewer than 2 periods or its mean is not positive (no demand, or returns
/// exceeding sales): without a measurable, positive level there is nothing to plan steadily against.
/// </remarks>
public sealed class XyzClassifier
{
    /// <summary>Creates a classifier with the given cut-offs (the 0.5 / 1.0 defaults when null).</summary>
    public XyzClassifier(XyzCutoffs? cutoffs = null)
    {
        Cutoffs = cutoffs ?? XyzCutoffs.Default;
        _xText = ReasonFormat.TwoDecimals(Cutoffs.X);
        _yText = ReasonFormat.TwoDecimals(Cutoffs.Y);
    }

    // Formatted once: reasons are written per customer.
    private readonly string _xText;
    private readonly string _yText;

    /// <summary>The cut-offs in use.</summary>
    public XyzCutoffs Cutoffs { get; }

    /// <summary>Classifies each series.</summary>
    /// <param name="series">One series per customer; all in the same bucket.</param>
    /// <param name="bucket">The bucket of the series, carried into every detail and reason.</param>
    /// <param name="explain">False leaves every reason empty, for callers that read only the classes (e.g. of past periods).</param>
    /// <returns>Assignments with segment "X", "Y" or "Z" in input order, details, and warnings.</returns>
    /// <exception cref="ArgumentException">A customer appears twice.</exception>
    public SegmentationResult<XyzDetail> Classify(IReadOnlyList<DemandSeries> series, DemandBucket bucket, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(bucket);
        var suffix = $" ({bucket.Adjective})";
        return DemandSeriesInput.ClassifyEach(series, bucket, s =>
        {
            var moments = PopulationMoments.Of(s.Values);
            var (xyz, cv, reason) = Classify(moments, explain ? suffix : null);
            return (new SegmentAssignment(s.CustomerId, xyz.ToString(), reason),
                new XyzDetail(s.CustomerId, xyz, moments.Count, moments.Mean, moments.StandardDeviation, cv, bucket));
        });
    }

    // A null suffix skips the reason text.
    private (XyzClass Class, double Cv, string Reason) Classify(PopulationMoments moments, string? suffix)
    {
        if (moments.Count < 2)
            return (XyzClass.Z, double.NaN, suffix is null ? "" :
                $"Z: {moments.Count} period{(moments.Count == 1 ? "" : "s")}, CV needs at least 2{suffix}");
        if (moments.Mean == 0 && moments.Variance == 0)
            return (XyzClass.Z, double.NaN, suffix is null ? "" : $"Z: no demand in {moments.Count} periods{suffix}");
        if (moments.Mean <= 0)
            return (XyzClass.Z, double.NaN, suffix is null ? "" :
                $"Z: mean demand {ReasonFormat.Number(moments.Mean)} is not positive over {moments.Count} periods{suffix}");

        var cv = moments.StandardDeviation / moments.Mean;
        var cvText = suffix is null ? "" : ReasonFormat.TwoDecimals(cv);
        if (cv <= Cutoffs.X)
            return (XyzClass.X, cv, suffix is null ? "" : $"X: CV {cvText} ≤ {_xText}{suffix}");
        if (cv <= Cutoffs.Y)
            return (XyzClass.Y, cv, suffix is null ? "" :
                $"Y: CV {cvText} > {_xText} and ≤ {_yText}{suffix}");
        return (XyzClass.Z, cv, suffix is null ? "" : $"Z: CV {cvText} > {_yText}{suffix}");
    }
}
