using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

// Definitions from Syntetos, Boylan & Croston (2005), "On the categorization of demand patterns", JORS 56:495-503:
// p = average inter-demand interval, CV² = squared coefficient of variation of the demand sizes (when demand occurs),
// smooth p < 1.32 and CV² < 0.49, erratic p < 1.32 and CV² ≥ 0.49, intermittent p ≥ 1.32 and CV² < 0.49, lumpy both ≥.
// The series below are hand-computed against those definitions; the arithmetic is shown above each test.
public sealed class SyntetosBoylanClassifierTests
{
    private static DemandClassDetail Classify(params double[] periods) =>
        new SyntetosBoylanClassifier().Classify([new DemandSeries("c1", periods)], DemandBucket.Month).Details[0];

    private static string Reason(params double[] periods) =>
        new SyntetosBoylanClassifier().Classify([new DemandSeries("c1", periods)], DemandBucket.Month).Assignments[0].Reason;

    // [4, 6, 4, 6]: demand every period, p = 1; sizes mean 5, variance 1, CV² = 1/25 = 0.04 → smooth.
    [Fact]
    public void Classify_DemandEveryPeriodStableSize_IsSmooth()
    {
        var d = Classify(4, 6, 4, 6);

        Assert.Equal(DemandClass.Smooth, d.Class);
        Assert.Equal(1.0, d.Adi, 12);
        Assert.Equal(0.04, d.Cv2, 12);
    }

    // [1, 9, 1, 9]: p = 1; sizes mean 5, variance 16, CV² = 16/25 = 0.64 ≥ 0.49 → erratic.
    [Fact]
    public void Classify_DemandEveryPeriodVariableSize_IsErratic()
    {
        var d = Classify(1, 9, 1, 9);

        Assert.Equal(DemandClass.Erratic, d.Class);
        Assert.Equal(0.64, d.Cv2, 12);
    }

    // [0, 3, 0, 0, 5, 0, 4, 0]: demand in periods 2, 5, 7 → intervals 3 and 2, p = 2.5;
    // sizes 3, 5, 4: mean 4, variance (1 + 1 + 0)/3 = 2/3, CV² = (2/3)/16 = 0.0417 → intermittent.
    [Fact]
    public void Classify_SparseStableSizes_IsIntermittent()
    {
        var d = Classify(0, 3, 0, 0, 5, 0, 4, 0);

        Assert.Equal(DemandClass.Intermittent, d.Class);
        Assert.Equal(2.5, d.Adi, 12);
        Assert.Equal(2.0 / 3.0 / 16.0, d.Cv2, 12);
        Assert.Equal(3, d.DemandPeriods);
        Assert.Equal(8, d.Periods);
    }

    // [0, 0, 10, 0, 1, 0, 0, 0, 20]: demand in periods 3, 5, 9 → intervals 2 and 4, p = 3;
    // sizes 10, 1, 20: mean 31/3, E[x²] = 501/3, variance = 501/3 − 961/9 = 542/9, CV² = 542/961 = 0.564 → lumpy.
    [Fact]
    public void Classify_SparseVariableSizes_IsLumpy()
    {
        var d = Classify(0, 0, 10, 0, 1, 0, 0, 0, 20);

        Assert.Equal(DemandClass.Lumpy, d.Class);
        Assert.Equal(3.0, d.Adi, 12);
        Assert.Equal(542.0 / 961.0, d.Cv2, 12);
        Assert.Equal("lumpy: ADI 3.00 ≥ 1.32, CV² 0.56 ≥ 0.49 (monthly)", Reason(0, 0, 10, 0, 1, 0, 0, 0, 20));
    }

    // 34 periods, demand in all but periods 2, 6, 10, …, 30 (8 gaps): 26 demand periods spanning 33 intervals,
    // p = 33/25 = 1.32 exactly → on the cut-off, which belongs to the intermittent side. With one gap fewer:
    // 27 demand periods, p = 33/26 = 1.269 → smooth.
    [Fact]
    public void Classify_AdiExactlyOnCutoff_IsIntermittentSide()
    {
        double[] Series(int gaps) => Enumerable.Range(0, 34).Select(t => t % 4 == 1 && t / 4 < gaps ? 0.0 : 5.0).ToArray();

        var onCutoff = Classify(Series(8));
        var below = Classify(Series(7));

        Assert.Equal(1.32, onCutoff.Adi, 12);
        Assert.Equal(DemandClass.Intermittent, onCutoff.Class);
        Assert.Equal(33.0 / 26.0, below.Adi, 12);
        Assert.Equal(DemandClass.Smooth, below.Class);
    }

    // [3, 17, 3, 17]: p = 1; sizes mean 10, variance 49, CV² = 49/100 = 0.49 exactly → erratic side.
    [Fact]
    public void Classify_Cv2ExactlyOnCutoff_IsErraticSide()
    {
        var d = Classify(3, 17, 3, 17);

        Assert.Equal(0.49, d.Cv2);
        Assert.Equal(DemandClass.Erratic, d.Class);
    }

    // Leading and trailing zeros are censored intervals: [0, 0, 0, 5, 5, 5, 0, 0, 0] has p = 1 → smooth.
    [Fact]
    public void Classify_LeadingAndTrailingZeros_DoNotEnterAdi()
    {
        var d = Classify(0, 0, 0, 5, 5, 5, 0, 0, 0);

        Assert.Equal(1.0, d.Adi, 12);
        Assert.Equal(DemandClass.Smooth, d.Class);
    }

    // Net-negative periods are not demand: [5, -3, 5, -3] → demand in periods 1 and 3, p = 2, CV² = 0 → intermittent.
    [Fact]
    public void Classify_NegativePeriods_AreNotDemand()
    {
        var d = Classify(5, -3, 5, -3);

        Assert.Equal(2.0, d.Adi, 12);
        Assert.Equal(DemandClass.Intermittent, d.Class);
    }

    [Fact]
    public void Classify_NoDemandPeriod_IsNoDemand()
    {
        var d = Classify(0, 0, 0);

        Assert.Equal(DemandClass.NoDemand, d.Class);
        Assert.True(double.IsNaN(d.Adi));
        Assert.Equal("no_demand: no period with positive demand in 3 (monthly)", Reason(0, 0, 0));
    }

    [Fact]
    public void Classify_OneDemandPeriod_IsSingleDemandWithUndefinedAdi()
    {
        var d = Classify(0, 7, 0);

        Assert.Equal(DemandClass.SingleDemand, d.Class);
        Assert.True(double.IsNaN(d.Adi));
        Assert.True(double.IsNaN(d.Cv2));
        Assert.Equal("single_demand: 1 period with positive demand in 3; ADI and CV² need at least 2 (monthly)", Reason(0, 7, 0));
    }

    [Fact]
    public void Classify_EmptySeries_IsNoDemand()
    {
        Assert.Equal(DemandClass.NoDemand, Classify().Class);
    }

    [Fact]
    public void Classify_WeeklyBucket_IsCarried()
    {
        var result = new SyntetosBoylanClassifier().Classify([new DemandSeries("c1", [4, 6])], DemandBucket.Week);

        Assert.Same(DemandBucket.Week, result.Details[0].Bucket);
        Assert.Equal("smooth: ADI 1.00 < 1.32, CV² 0.04 < 0.49 (weekly)", result.Assignments[0].Reason);
    }

    // p = 2.5 and CV² = 0.0417 (the intermittent example) is smooth once the ADI cut-off is 3.
    [Fact]
    public void Classify_CustomCutoffs_AreUsed()
    {
        var result = new SyntetosBoylanClassifier(new DemandClassCutoffs(adi: 3.0))
            .Classify([new DemandSeries("c1", [0, 3, 0, 0, 5, 0, 4, 0])], DemandBucket.Month);

        Assert.Equal("smooth", result.Assignments[0].Segment);
    }

    // [8, 12]: two demand periods a period apart (ADI 1), sizes 8 and 12 (CV² = 4 / 100 = 0.04), at or above a CV²
    // cut-off of 0.035, which printed with two decimals: "CV² 0.040 ≥ 0.04".
    [Fact]
    public void Classify_CutoffOfThreeDecimals_PrintsEveryDigitOfIt()
    {
        var result = new SyntetosBoylanClassifier(new DemandClassCutoffs(cv2: 0.035)).Classify([new DemandSeries("c1", [8, 12])], DemandBucket.Month);

        Assert.Equal("erratic: ADI 1.00 < 1.32, CV² 0.040 ≥ 0.035 (monthly)", result.Assignments[0].Reason);
    }

    // Independent path on seeded random series: list the intervals between demand periods explicitly and average them,
    // and take CV² as E[x²]/E[x]² − 1 (one-pass moments) instead of the classifier's two-pass variance.
    [Fact]
    public void Classify_RandomSeries_MatchesExplicitIntervalsAndMoments()
    {
        var random = new Random(1972);
        var series = Enumerable.Range(0, 200)
            .Select(i => new DemandSeries($"c{i}", Enumerable.Range(0, 24)
                .Select(_ => random.NextDouble() < 0.45 ? 0.0 : random.Next(1, 50)).ToArray()))
            .ToArray();

        var details = new SyntetosBoylanClassifier().Classify(series, DemandBucket.Month).Details;

        for (var i = 0; i < series.Length; i++)
        {
            var demandPeriods = series[i].Periods.Select((v, t) => (v, t)).Where(p => p.v > 0).Select(p => p.t).ToArray();
            if (demandPeriods.Length < 2)
                continue;
            var intervals = demandPeriods.Zip(demandPeriods.Skip(1), (a, b) => b - a).ToArray();
            var sizes = series[i].Periods.Where(v => v > 0).ToArray();
            var meanSquare = sizes.Average(x => x * x);
            var mean = sizes.Average();
            var cv2 = meanSquare / (mean * mean) - 1;

            Assert.Equal(intervals.Average(), details[i].Adi, 10);
            Assert.Equal(cv2, details[i].Cv2, 10);
            var expected = (intervals.Average() < 1.32, cv2 < 0.49) switch
            {
                (true, true) => DemandClass.Smooth,
                (true, false) => DemandClass.Erratic,
                (false, true) => DemandClass.Intermittent,
                _ => DemandClass.Lumpy,
            };
            Assert.Equal(expected, details[i].Class);
        }
    }
}
