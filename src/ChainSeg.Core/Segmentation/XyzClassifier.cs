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
        _xText = ReasonFormat.CutoffTwoDecimals(Cutoffs.X);
        _yText = ReasonFormat.CutoffTwoDecimals(Cutoffs.Y);
    }

    // Formatted once: reasons are written per customer.
    private readonly string _xText;
    private readonly string _yText;

    // The segment names, so a customer's class is not boxed to be named (Enum.ToString) once per customer and period.
    private static readonly string[] ClassNames = Enum.GetNames<XyzClass>();

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
        var suffix = explain ? $" ({bucket.Adjective})" : null;
        return DemandSeriesInput.ClassifyEach(series, bucket, s => Classify(s.CustomerId, DemandVariability.Of(s.Values), bucket, suffix));
    }

    /// <summary>
    /// Classifies the variability each customer's metrics already report (e.g. customer_metrics' demand_cv), so the class
    /// always agrees with the CV shown beside it; a missing CV (NaN) is undefined.
    /// </summary>
    /// <param name="metrics">One row per customer.</param>
    /// <param name="columns">The columns holding periods, mean, standard deviation and CV.</param>
    /// <param name="bucket">The bucket the variability was measured on, carried into every detail and reason.</param>
    /// <param name="explain">False leaves every reason empty.</param>
    /// <param name="measure">What the series measures when not units (e.g. "revenue"), named in every reason after the bucket.</param>
    /// <returns>Assignments with segment "X", "Y" or "Z" in the metrics' row order, details, and warnings.</returns>
    /// <exception cref="ArgumentException">A column is missing.</exception>
    public SegmentationResult<XyzDetail> Classify(CustomerMetricSet metrics, DemandVariabilityColumns columns, DemandBucket bucket, bool explain = true, string? measure = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(bucket);
        RequireColumns(metrics, columns);
        var (periods, mean, sd, cv) = (metrics.ColumnValues(columns.Periods), metrics.ColumnValues(columns.Mean), metrics.ColumnValues(columns.StandardDeviation),
            metrics.ColumnValues(columns.CoefficientOfVariation));
        var suffix = explain ? $" ({bucket.Adjective}{(measure is null ? "" : " " + measure)})" : null;
        var ids = metrics.CustomerIds;
        var assignments = new SegmentAssignment[metrics.Count];
        var details = new XyzDetail[metrics.Count];
        for (var i = 0; i < assignments.Length; i++)
        {
            var count = double.IsNaN(periods[i]) ? 0 : (int)periods[i];
            (assignments[i], details[i]) = Classify(ids[i], new DemandVariability(count, mean[i], sd[i], count >= 2 ? cv[i] : double.NaN), bucket, suffix);
        }
        return new SegmentationResult<XyzDetail>(assignments, details, WithoutHistory(details, bucket));
    }

    // A window (or a history) shorter than two buckets leaves every customer Z whatever its demand: each reason says so, but
    // only the model can say that XYZ told no one apart and which setting would.
    private static List<SegmentationWarning> WithoutHistory(XyzDetail[] details, DemandBucket bucket) =>
        details.Length > 0 && details.All(d => d.Periods < 2)
            ? [new SegmentationWarning("xyz_without_history", $"no customer has 2 {bucket.Adjective} periods or more in the window, which a demand CV needs, "
                + "so XYZ makes every customer Z; lengthen window: (or wait for more history) or set periods: to a shorter bucket.")]
            : [];

    /// <summary>
    /// Each customer's class alone, in the metrics' row order: the classes
    /// <see cref="Classify(CustomerMetricSet, DemandVariabilityColumns, DemandBucket, bool, string?)"/> assigns, without reasons or
    /// details, for callers that read only the classes (e.g. of past periods).
    /// </summary>
    /// <exception cref="ArgumentException">A column is missing.</exception>
    public XyzClass[] Classes(CustomerMetricSet metrics, DemandVariabilityColumns columns)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(columns);
        RequireColumns(metrics, columns);
        var (periods, cv) = (metrics.ColumnValues(columns.Periods), metrics.ColumnValues(columns.CoefficientOfVariation));
        var classes = new XyzClass[metrics.Count];
        for (var i = 0; i < classes.Length; i++)
        {
            var count = double.IsNaN(periods[i]) ? 0 : (int)periods[i];
            classes[i] = ClassOf(count, count >= 2 ? cv[i] : double.NaN);
        }
        return classes;
    }

    private static void RequireColumns(CustomerMetricSet metrics, DemandVariabilityColumns columns)
    {
        var missing = columns.Names.Where(c => !metrics.HasMetric(c)).ToList();
        if (missing.Count > 0)
            throw new ArgumentException($"XYZ reads the metrics {string.Join(", ", columns.Names)}; missing: {string.Join(", ", missing)}.", nameof(metrics));
    }

    // Z without a measurable CV (under 2 periods, or NaN), else by the cut-offs.
    private XyzClass ClassOf(int periods, double cv) =>
        periods < 2 || double.IsNaN(cv) ? XyzClass.Z : cv <= Cutoffs.X ? XyzClass.X : cv <= Cutoffs.Y ? XyzClass.Y : XyzClass.Z;

    // A null suffix skips the reason text.
    private (SegmentAssignment, XyzDetail) Classify(string customerId, DemandVariability v, DemandBucket bucket, string? suffix)
    {
        var (xyz, reason) = Class(v, suffix);
        return (new SegmentAssignment(customerId, ClassNames[(int)xyz], reason),
            new XyzDetail(customerId, xyz, v.Periods, v.Mean, v.StandardDeviation, v.CoefficientOfVariation, bucket));
    }

    private (XyzClass Class, string Reason) Class(DemandVariability v, string? suffix)
    {
        var xyz = ClassOf(v.Periods, v.CoefficientOfVariation);
        if (suffix is null)
            return (xyz, "");
        if (v.Periods < 2)
            return (xyz, $"Z: {v.Periods} period{(v.Periods == 1 ? "" : "s")}, CV needs at least 2{suffix}");
        var cv = v.CoefficientOfVariation;
        if (double.IsNaN(cv))
            return (xyz, v.Mean == 0 && v.StandardDeviation == 0
                ? $"Z: no demand in {v.Periods} periods{suffix}"
                : $"Z: mean demand {ReasonFormat.Number(v.Mean)} is not positive over {v.Periods} periods{suffix}");
        var cvText = ReasonFormat.TwoDecimals(cv, ReasonFormat.Nearer(cv, Cutoffs.X, Cutoffs.Y));
        return (xyz, xyz switch
        {
            XyzClass.X => $"X: CV {cvText} ≤ {_xText}{suffix}",
            XyzClass.Y => $"Y: CV {cvText} > {_xText} and ≤ {_yText}{suffix}",
            _ => $"Z: CV {cvText} > {_yText}{suffix}",
        });
    }
}
