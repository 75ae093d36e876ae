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
