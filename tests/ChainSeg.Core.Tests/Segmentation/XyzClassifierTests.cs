using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class XyzClassifierTests
{
    private static SegmentationResult<XyzDetail> Classify(params double[][] series) =>
        new XyzClassifier().Classify(
            series.Select((s, i) => new DemandSeries($"c{i + 1}", s)).ToArray(), DemandBucket.Month);

    // [8, 12, 8, 12]: mean 10, population SD √((4+4+4+4)/4) = 2, CV 0.2 ≤ 0.5.
    [Fact]
    public void Classify_SteadyDemand_IsXWithCvInReason()
    {
        var result = Classify([8, 12, 8, 12]);

        Assert.Equal("X", result.Assignments[0].Segment);
        Assert.Equal("X: CV 0.20 ≤ 0.50 (monthly)", result.Assignments[0].Reason);
        Assert.Equal(0.2, result.Details[0].CoefficientOfVariation, 12);
        Assert.Equal(10, result.Details[0].Mean, 12);
    }

    // [0, 20, 0, 20.2]: mean 10.05, population SD √((2 × 10.05² + 9.95² + 10.15²) / 4) = 10.05025, CV 1.0000248 > 1.0: Z,
    // which at two decimals read "Z: CV 1.00 > 1.00"; five decimals tell the CV from the cut-off.
    [Fact]
    public void Classify_CvJustAboveTheYCutoff_ShowsTheDigitsThatTellThemApart()
    {
        var result = Classify([0, 20, 0, 20.2]);

        Assert.Equal("Z", result.Assignments[0].Segment);
        Assert.Equal("Z: CV 1.00002 > 1.00 (monthly)", result.Assignments[0].Reason);
    }

    // [5, 15]: mean 10, SD 5, CV exactly 0.5 — on the X cut-off, which is inclusive.
    [Fact]
    public void Classify_CvExactlyOnXCutoff_IsX()
    {
        Assert.Equal("X", Classify([5, 15]).Assignments[0].Segment);
    }

    // [0, 20, 0, 20]: mean 10, SD 10, CV exactly 1.0 — on the Y cut-off: Y. The zero months count.
    [Fact]
    public void Classify_EmptyMonthsCountAsZero_CvOnYCutoffIsY()
    {
        var result = Classify([0, 20, 0, 20]);

        Assert.Equal("Y", result.Assignments[0].Segment);
        Assert.Equal("Y: CV 1.00 > 0.50 and ≤ 1.00 (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_SparseSeriesFromObservedPeriods_SameAsDenseSeries()
    {
        var sparse = DemandSeries.FromObservedPeriods("c1", 4, [(1, 20.0), (3, 20.0)]);

        var result = new XyzClassifier().Classify([sparse], DemandBucket.Month);

        Assert.Equal(1.0, result.Details[0].CoefficientOfVariation, 12);
    }

    // [0, 0, 0, 30]: mean 7.5, variance (3 × 7.5² + 22.5²) / 4 = 168.75, SD 12.990, CV 1.732 > 1.0.
    [Fact]
    public void Classify_OneSpikeInFourMonths_IsZ()
    {
        var result = Classify([0, 0, 0, 30]);

        Assert.Equal("Z", result.Assignments[0].Segment);
        Assert.Equal(Math.Sqrt(168.75) / 7.5, result.Details[0].CoefficientOfVariation, 12);
        Assert.Equal("Z: CV 1.73 > 1.00 (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_SinglePeriod_IsZBecauseCvNeedsTwo()
    {
        var result = Classify([42]);

        Assert.Equal("Z", result.Assignments[0].Segment);
        Assert.True(double.IsNaN(result.Details[0].CoefficientOfVariation));
        Assert.Equal("Z: 1 period, CV needs at least 2 (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_NoPeriods_IsZ()
    {
        var result = Classify(Array.Empty<double>());

        Assert.Equal("Z: 0 periods, CV needs at least 2 (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_AllPeriodsZero_IsZWithNoDemandReason()
    {
        var result = Classify([0, 0, 0]);

        Assert.Equal("Z", result.Assignments[0].Segment);
        Assert.Equal("Z: no demand in 3 periods (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_ReturnsExceedSales_IsZWithNonPositiveMeanReason()
    {
        var result = Classify([-5, 1]);

        Assert.Equal("Z", result.Assignments[0].Segment);
        Assert.Equal("Z: mean demand -2 is not positive over 2 periods (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_AllCustomersIdentical_AllSameClass()
    {
        var result = Classify([3, 3, 3], [3, 3, 3], [3, 3, 3]);

        Assert.All(result.Assignments, a => Assert.Equal("X", a.Segment));
    }

    // [8, 12]: mean 10, SD 2, CV 0.2, above a cut-off of 0.195. The CV takes the digits that tell it from the cut-off, which
    // printed with two decimals: "CV 0.200 > 0.20", a value said to exceed itself.
    [Fact]
    public void Classify_CutoffOfThreeDecimals_PrintsEveryDigitOfIt()
    {
        var result = new XyzClassifier(new XyzCutoffs(x: 0.195)).Classify([new DemandSeries("c1", [8, 12])], DemandBucket.Month);

        Assert.Equal("Y: CV 0.200 > 0.195 and ≤ 1.00 (monthly)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_WeeklyBucket_IsCarriedInDetailAndReason()
    {
        var result = new XyzClassifier().Classify([new DemandSeries("c1", [8, 12])], DemandBucket.Week);

        Assert.Same(DemandBucket.Week, result.Details[0].Bucket);
        Assert.EndsWith("(weekly)", result.Assignments[0].Reason);
    }

    // [2, 6]: mean 4, SD 2, CV 0.5: X with the defaults, Y with X ≤ 0.4, Z with Y ≤ 0.45.
    [Fact]
    public void Classify_CustomCutoffs_AreUsed()
    {
        DemandSeries[] series = [new("c1", [2, 6])];

        Assert.Equal(XyzClass.Y, new XyzClassifier(new XyzCutoffs(0.4, 0.6)).Classify(series, DemandBucket.Month).Details[0].Class);
        Assert.Equal(XyzClass.Z, new XyzClassifier(new XyzCutoffs(0.4, 0.45)).Classify(series, DemandBucket.Month).Details[0].Class);
    }

    [Fact]
    public void Classify_DuplicateCustomer_Throws()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new XyzClassifier().Classify([new DemandSeries("c1", [1]), new DemandSeries("c1", [2])], DemandBucket.Month));

        Assert.Contains("'c1' has more than one demand series", error.Message);
    }

    // The metrics path: each customer's variability as customer_metrics reports it (periods, mean, SD, CV columns).
    private static CustomerMetricSet Measured(params (int Periods, double Mean, double Sd, double Cv)[] rows) =>
        new(rows.Select((_, i) => $"c{i + 1}").ToList(),
        [
            new MetricColumn("periods", rows.Select(r => (double)r.Periods).ToArray()),
            new MetricColumn("demand_mean", rows.Select(r => r.Mean).ToArray()),
            new MetricColumn("demand_sd", rows.Select(r => r.Sd).ToArray()),
            new MetricColumn("demand_cv", rows.Select(r => r.Cv).ToArray()),
        ]);

    [Fact]
    public void ClassifyMetrics_SameSeriesMeasured_SameClassesAndReasonsAsTheSeries()
    {
        double[][] series = [[8, 12, 8, 12], [5, 15], [0, 20, 0, 20], [0, 0, 0, 30], [42], [], [0, 0, 0], [-5, 1]];
        var fromSeries = Classify(series);
        var measured = series.Select(s => DemandVariability.Of(s)).Select(v => (v.Periods, v.Mean, v.StandardDeviation, v.CoefficientOfVariation)).ToArray();

        var fromMetrics = new XyzClassifier().Classify(Measured(measured), DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month);

        Assert.Equal(fromSeries.Assignments, fromMetrics.Assignments);
        Assert.Equal(["X", "X", "Y", "Z", "Z", "Z", "Z", "Z"], fromMetrics.Assignments.Select(a => a.Segment));
    }

    // The class follows the CV the metrics report (rounded to 4 decimals in customer_metrics.csv): a reported 0.5000 is on
    // the inclusive X cut-off, whatever the unrounded CV was.
    [Fact]
    public void ClassifyMetrics_ReportedCvOnCutoffs_InclusiveAsForSeries()
    {
        var result = new XyzClassifier().Classify(Measured((12, 10, 5, 0.5), (12, 10, 10, 1.0), (12, 10, 10.0001, 1.0001)),
            DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month);

        Assert.Equal(["X", "Y", "Z"], result.Assignments.Select(a => a.Segment));
        // The reason shows the digits that tell the CV from the cut-off (it read "Z: CV 1.00 > 1.00").
        Assert.Equal("Z: CV 1.0001 > 1.00 (monthly)", result.Assignments[2].Reason);
    }

    [Fact]
    public void ClassifyMetrics_OnePeriodWithACv_IsZBecauseCvNeedsTwo()
    {
        var result = new XyzClassifier().Classify(Measured((1, 42, 0, 0)), DemandVariabilityColumns.CustomerMetrics, DemandBucket.Quarter);

        Assert.Equal("Z: 1 period, CV needs at least 2 (quarterly)", result.Assignments[0].Reason);
        Assert.True(double.IsNaN(result.Details[0].CoefficientOfVariation));
    }

    // window: 1 month (or data younger than two periods) gave every customer under 2 periods, so abc_xyz made all of them Z
    // without a word beyond each reason (found by the segmentation config QA pass); the model now says why and what to change.
    [Fact]
    public void ClassifyMetrics_NoCustomerWithTwoPeriods_WarnsThatEveryoneIsZ()
    {
        var result = new XyzClassifier().Classify(Measured((1, 42, 0, 0), (0, 0, 0, double.NaN)), DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month);

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("xyz_without_history", warning.Kind);
        Assert.Equal("no customer has 2 monthly periods or more in the window, which a demand CV needs, so XYZ makes every customer Z; "
            + "lengthen window: (or wait for more history) or set periods: to a shorter bucket.", warning.Message);
    }

    // One customer with a CV is enough for XYZ to tell customers apart: no warning.
    [Fact]
    public void ClassifyMetrics_OneCustomerWithTwoPeriods_NoWarning()
    {
        var result = new XyzClassifier().Classify(Measured((1, 42, 0, 0), (2, 10, 5, 0.5)), DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month);

        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void ClassifyMetrics_MissingCv_NoDemandOrNonPositiveMean()
    {
        var result = new XyzClassifier().Classify(Measured((3, 0, 0, double.NaN), (2, -2, 3, double.NaN)), DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month);

        Assert.Equal("Z: no demand in 3 periods (monthly)", result.Assignments[0].Reason);
        Assert.Equal("Z: mean demand -2 is not positive over 2 periods (monthly)", result.Assignments[1].Reason);
    }

    [Fact]
    public void ClassifyMetrics_MissingColumn_ThrowsNamingIt()
    {
        var metrics = new CustomerMetricSet(["c1"], [new MetricColumn("periods", [3.0]), new MetricColumn("demand_cv", [0.2])]);

        var error = Assert.Throws<ArgumentException>(() => new XyzClassifier().Classify(metrics, DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month));

        Assert.Contains("missing: demand_mean, demand_sd", error.Message);
    }

    // Classes alone agree with Classify on every branch: under 2 periods, an undefined CV, each cut-off (inclusive) and above.
    [Fact]
    public void Classes_EveryBranch_SameClassesAsClassify()
    {
        var metrics = Measured((1, 10, 0, 0.1), (4, 0, 0, double.NaN), (4, 10, 5, 0.5), (4, 10, 7, 0.7), (4, 10, 10, 1.0), (4, 10, 12, 1.2));
        var classifier = new XyzClassifier();

        var classes = classifier.Classes(metrics, DemandVariabilityColumns.CustomerMetrics);

        Assert.Equal([XyzClass.Z, XyzClass.Z, XyzClass.X, XyzClass.Y, XyzClass.Y, XyzClass.Z], classes);
        Assert.Equal(classifier.Classify(metrics, DemandVariabilityColumns.CustomerMetrics, DemandBucket.Month).Assignments.Select(a => a.Segment),
            classes.Select(c => c.ToString()));
    }

}
