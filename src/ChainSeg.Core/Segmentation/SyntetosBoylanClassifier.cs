using System.Runtime.InteropServices;

namespace ChainSeg.Core.Segmentation;

/// <summary>
/// Demand classes of Syntetos, Boylan &amp; Croston (2005), "On the categorization of demand patterns",
/// JORS 56:495–503: smooth, erratic, intermittent, lumpy by the average inter-demand interval (ADI, their p)
/// and the squared coefficient of variation of the demand sizes (CV², their v).
/// </summary>
/// <remarks>
/// Definitions (DEFINITIONS.md "Demand classes"):
/// <list type="bullet">
/// <item>A demand period is a period with positive demand; zero periods and net-negative periods (returns exceeding sales) are not.</item>
/// <item>ADI = mean interval, in periods, between consecutive demand periods = (last − first demand period) ÷ (demand periods − 1).
/// Demand in every period gives ADI 1. Leading and trailing zero periods do not enter: they are censored intervals
/// whose full length is unknown.</item>
/// <item>CV² = population variance ÷ squared mean of the positive demand sizes.</item>
/// <item>smooth: ADI &lt; 1.32 and CV² &lt; 0.49; erratic: ADI &lt; 1.32, CV² ≥ 0.49; intermittent: ADI ≥ 1.32, CV² &lt; 0.49;
/// lumpy: both ≥. A value exactly on a cut-off belongs to the upper side.</item>
/// <item>With no demand period the class is <see cref="DemandClass.NoDemand"/>; with exactly one it is
/// <see cref="DemandClass.SingleDemand"/>: neither an interval nor a size variation exists, and guessing one would
/// put a one-off order among smooth or intermittent demand.</item>
/// </list>
/// </remarks>
public sealed class SyntetosBoylanClassifier
{
    /// <summary>Creates a classifier with the given cut-offs (the published 1.32 / 0.49 when null).</summary>
    public SyntetosBoylanClassifier(DemandClassCutoffs? cutoffs = null)
    {
        Cutoffs = cutoffs ?? DemandClassCutoffs.Default;
        _adiText = ReasonFormat.CutoffTwoDecimals(Cutoffs.Adi);
        _cv2Text = ReasonFormat.CutoffTwoDecimals(Cutoffs.Cv2);
    }

    // Formatted once: reasons are written per customer.
    private readonly string _adiText;
    private readonly string _cv2Text;

    /// <summary>The cut-offs in use.</summary>
    public DemandClassCutoffs Cutoffs { get; }

    /// <summary>Classifies each series.</summary>
    /// <param name="series">One series per customer; all in the same bucket.</param>
    /// <param name="bucket">The bucket of the series, carried into every detail and reason (classes change with the bucket).</param>
    /// <returns>Assignments with segment "smooth", "erratic", "intermittent", "lumpy", "no_demand" or "single_demand", details, and warnings.</returns>
    /// <exception cref="ArgumentException">A customer appears twice.</exception>
    public SegmentationResult<DemandClassDetail> Classify(IReadOnlyList<DemandSeries> series, DemandBucket bucket) =>
        DemandSeriesInput.ClassifyEach(series, bucket, s =>
        {
            var detail = Measure(s, bucket);
            return (new SegmentAssignment(detail.CustomerId, SegmentName(detail.Class), Reason(detail)), detail);
        });

    /// <summary>The segment name of a class as written in outputs: snake_case, e.g. "lumpy", "no_demand".</summary>
    public static string SegmentName(DemandClass demandClass) => demandClass switch
    {
        DemandClass.Smooth => "smooth",
        DemandClass.Erratic => "erratic",
        DemandClass.Intermittent => "intermittent",
        DemandClass.Lumpy => "lumpy",
        DemandClass.NoDemand => "no_demand",
        DemandClass.SingleDemand => "single_demand",
        _ => throw new ArgumentOutOfRangeException(nameof(demandClass), demandClass, "Unknown demand class."),
    };

    private DemandClassDetail Measure(DemandSeries series, DemandBucket bucket)
    {
        var sizes = new List<double>();
        int first = -1, last = -1;
        for (var t = 0; t < series.Periods.Count; t++)
        {
            if (series.Periods[t] <= 0)
                continue;
            sizes.Add(series.Periods[t]);
            if (first < 0)
                first = t;
            last = t;
        }

        var periods = series.Periods.Count;
        if (sizes.Count < 2)
            return new DemandClassDetail(series.CustomerId, ClassOf(sizes.Count, double.NaN, double.NaN), periods, sizes.Count, double.NaN, double.NaN, bucket);

        var adi = (double)(last - first) / (sizes.Count - 1);
        var moments = PopulationMoments.Of(CollectionsMarshal.AsSpan(sizes));
        var cv2 = moments.Variance / (moments.Mean * moments.Mean);
        return new DemandClassDetail(series.CustomerId, ClassOf(sizes.Count, adi, cv2), periods, sizes.Count, adi, cv2, bucket);
    }

    /// <summary>The class of a series with <paramref name="demandPeriods"/> periods of positive demand and the given ADI and CV² (read only from 2 such periods on).</summary>
    public DemandClass ClassOf(long demandPeriods, double adi, double cv2) => demandPeriods switch
    {
        <= 0 => DemandClass.NoDemand,
        1 => DemandClass.SingleDemand,
        _ => (adi < Cutoffs.Adi, cv2 < Cutoffs.Cv2) switch
        {
            (true, true) => DemandClass.Smooth,
            (true, false) => DemandClass.Erratic,
            (false, true) => DemandClass.Intermittent,
            (false, false) => DemandClass.Lumpy,
        },
    };

    private string Reason(DemandClassDetail d)
    {
        var suffix = $" ({d.Bucket.Adjective})";
        var name = SegmentName(d.Class);
        if (d.Class == DemandClass.NoDemand)
            return $"{name}: no period with positive demand in {d.Periods}{suffix}";
        if (d.Class == DemandClass.SingleDemand)
            return $"{name}: 1 period with positive demand in {d.Periods}; ADI and CV² need at least 2{suffix}";

        var adiSide = d.Adi < Cutoffs.Adi ? "<" : "≥";
        var cv2Side = d.Cv2 < Cutoffs.Cv2 ? "<" : "≥";
        return $"{name}: ADI {ReasonFormat.TwoDecimals(d.Adi, Cutoffs.Adi)} {adiSide} {_adiText}, " +
               $"CV² {ReasonFormat.TwoDecimals(d.Cv2, Cutoffs.Cv2)} {cv2Side} {_cv2Text}{suffix}";
    }
}
