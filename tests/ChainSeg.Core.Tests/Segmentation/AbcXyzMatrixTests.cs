using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class AbcXyzMatrixTests
{
    // Revenue 80 / 15 / 5 of 100 → A (0.80), B (0.95), C (1.00).
    // Demand: a steady (CV 0.2 → X), b [0, 20, 0, 20] (CV 1.0 → Y), c one spike (CV 1.73 → Z), d no revenue → C, steady → X.
    private static (SegmentationResult<AbcDetail> Abc, SegmentationResult<XyzDetail> Xyz) Example()
    {
        var metrics = new CustomerMetricSet(["a", "b", "c", "d"], [new MetricColumn("revenue", [80.0, 15.0, 5.0, 0.0])]);
        var abc = new AbcClassifier().Classify(metrics, "revenue");
        var xyz = new XyzClassifier().Classify(
            [
                new DemandSeries("d", [5, 5]),
                new DemandSeries("c", [0, 0, 0, 30]),
                new DemandSeries("b", [0, 20, 0, 20]),
                new DemandSeries("a", [8, 12, 8, 12]),
            ],
            DemandBucket.Month);
        return (abc, xyz);
    }

    [Fact]
    public void Combine_SameCustomersInOtherOrder_CrossesClassesInAbcOrder()
    {
        var (abc, xyz) = Example();

        var result = AbcXyzMatrix.Combine(abc, xyz);

        Assert.Equal(["AX", "BY", "CZ", "CX"], result.Assignments.Select(a => a.Segment));
        Assert.Equal(["a", "b", "c", "d"], result.Assignments.Select(a => a.CustomerId));
    }

    [Fact]
    public void Combine_Reason_JoinsBothReasons()
    {
        var (abc, xyz) = Example();

        var reason = AbcXyzMatrix.Combine(abc, xyz).Assignments[0].Reason;

        Assert.Equal("A by revenue: top 80.0 % cumulative (cut-off 80 %); X: CV 0.20 ≤ 0.50 (monthly)", reason);
    }

    [Fact]
    public void CountCells_Example_CountsEveryCellIncludingEmptyOnes()
    {
        var (abc, xyz) = Example();

        var counts = AbcXyzMatrix.CountCells(AbcXyzMatrix.Combine(abc, xyz).Details);

        Assert.Equal(1, counts[AbcClass.A, XyzClass.X]);
        Assert.Equal(1, counts[AbcClass.C, XyzClass.X]);
        Assert.Equal(0, counts[AbcClass.A, XyzClass.Z]);
        Assert.Equal(4, counts.Total);
        Assert.Equal(9, counts.Cells.Count);
        Assert.Equal(["AX", "AY", "AZ", "BX", "BY", "BZ", "CX", "CY", "CZ"], counts.Cells.Select(c => c.Key));
        Assert.Equal([1, 0, 0, 0, 1, 0, 1, 0, 1], counts.Cells.Select(c => c.Value));
    }

    // Edge cases of both axes in one matrix. Revenue 40 / 20 / 20 / 15 / 5 / -5: the tie b, c ends exactly on 80 % (A, A),
    // d reaches exactly 95 % (B, inclusive), e 100 % (C), f is negative (C, outside the total).
    // Demand: a [8, 12, 8, 12] CV 0.2 (X); b [5, 15] CV exactly 0.5 (X, inclusive); c [0, 20, 0, 20] CV exactly 1.0 with
    // empty months counting as zero (Y); d one order in four months, CV √168.75 / 7.5 = 1.73 (Z); e a single period (Z);
    // f returns exceed sales, mean -2 (Z).
    [Fact]
    public void Combine_TiesOnBothCutoffsOneOrderAndNegativeRevenue_CellsFollowEachAxis()
    {
        var metrics = new CustomerMetricSet(["a", "b", "c", "d", "e", "f"], [new MetricColumn("revenue", [40.0, 20.0, 20.0, 15.0, 5.0, -5.0])]);
        var abc = new AbcClassifier().Classify(metrics, "revenue");
        var xyz = new XyzClassifier().Classify(
            [
                new DemandSeries("a", [8, 12, 8, 12]), new DemandSeries("b", [5, 15]), new DemandSeries("c", [0, 20, 0, 20]),
                new DemandSeries("d", [0, 0, 0, 30]), new DemandSeries("e", [42]), new DemandSeries("f", [-5, 1]),
            ],
            DemandBucket.Month);

        var result = AbcXyzMatrix.Combine(abc, xyz);

        Assert.Equal(["AX", "AX", "AY", "BZ", "CZ", "CZ"], result.Assignments.Select(a => a.Segment));
        Assert.Equal("B by revenue: top 95.0 % cumulative (cut-off 95 %); Z: CV 1.73 > 1.00 (monthly)", result.Assignments[3].Reason);
        Assert.StartsWith("C by revenue: value -5.00 is not positive (excluded from the total); Z: mean demand -2 is not positive", result.Assignments[5].Reason, StringComparison.Ordinal);
        var counts = AbcXyzMatrix.CountCells(result.Details);
        Assert.Equal([2, 1, 0, 0, 0, 1, 0, 0, 2], counts.Cells.Select(c => c.Value));
    }

    [Fact]
    public void Combine_CustomerMissingFromXyz_ThrowsNamingIt()
    {
        var (abc, _) = Example();
        var xyz = new XyzClassifier().Classify([new DemandSeries("a", [1, 1]), new DemandSeries("zz", [1, 1])], DemandBucket.Month);

        var error = Assert.Throws<ArgumentException>(() => AbcXyzMatrix.Combine(abc, xyz));

        Assert.Contains("without XYZ: [b, c, d]", error.Message);
        Assert.Contains("without ABC: [zz]", error.Message);
    }

    [Fact]
    public void Combine_AbcWarnings_AreKept()
    {
        var metrics = new CustomerMetricSet(["a"], [new MetricColumn("revenue", [0.0])]);
        var abc = new AbcClassifier().Classify(metrics, "revenue");
        var xyz = new XyzClassifier().Classify([new DemandSeries("a", [1, 1])], DemandBucket.Month);

        var result = AbcXyzMatrix.Combine(abc, xyz);

        Assert.Equal("no_positive_value", Assert.Single(result.Warnings).Kind);
        Assert.Equal("CX", result.Assignments[0].Segment);
    }

    [Fact]
    public void CellName_ClassPair_IsTwoLetters()
    {
        Assert.Equal("BZ", AbcXyzMatrix.CellName(AbcClass.B, XyzClass.Z));
    }
}
