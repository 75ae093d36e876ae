using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ClusterCountSelectionTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Choose_PlantedBlobs_ChoosesPlantedK(int planted)
    {
        var (points, _) = PlantedBlobs.WellSeparated(planted, perBlob: 150, d: 3, seed: planted);

        var selection = ClusterCountSelection.Choose(points, 2, 7, new KMeansOptions { ClusterCount = 2, Seed = 1 });

        Assert.Equal(planted, selection.ClusterCount);
        Assert.Equal(planted, selection.Fit.ClusterCount);
        Assert.Equal(Enumerable.Range(2, 6), selection.Scores.Select(s => s.ClusterCount));
        Assert.All(selection.Scores, s => Assert.False(double.IsNaN(s.Silhouette)));
    }

    [Fact]
    public void Choose_SampleSmallerThanData_StillChoosesPlantedK()
    {
        var (points, _) = PlantedBlobs.WellSeparated(k: 4, perBlob: 1500, d: 2, seed: 3);

        var selection = ClusterCountSelection.Choose(
            points, 2, 6, new KMeansOptions { ClusterCount = 2, Seed = 2 }, sampleSize: 500);

        Assert.Equal(4, selection.ClusterCount);
        Assert.Equal(500, selection.SampleSize);
    }

    [Fact]
    public void Choose_RangeAboveDistinctPoints_CappedAtDistinctCount()
    {
        var points = FeatureMatrix.FromRows([[0.0], [0.0], [5.0], [5.0], [9.0], [9.0]]);

        var selection = ClusterCountSelection.Choose(points, 2, 5, new KMeansOptions { ClusterCount = 2 });

        Assert.Equal([2, 3], selection.Scores.Select(s => s.ClusterCount));
        Assert.Equal(3, selection.ClusterCount);
    }

    [Fact]
    public void Choose_MinimumAboveDistinctPoints_Throws()
    {
        var points = FeatureMatrix.FromRows([[0.0], [0.0], [5.0]]);

        var error = Assert.Throws<ArgumentException>(
            () => ClusterCountSelection.Choose(points, 3, 4, new KMeansOptions { ClusterCount = 3 }));

        Assert.Contains("2 distinct points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_MinimumAboveOneDistinctPoint_SaysPointInTheSingular()
    {
        var points = FeatureMatrix.FromRows([[5.0], [5.0], [5.0]]);

        var error = Assert.Throws<ArgumentException>(
            () => ClusterCountSelection.Choose(points, 2, 3, new KMeansOptions { ClusterCount = 2 }));

        Assert.StartsWith("The smallest k = 2 exceeds the 1 distinct point among 3; lower the minimum to 1 or below.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Choose_SomeKInfeasibleForSizeLimits_ReportedAndSkipped()
    {
        var (points, _) = PlantedBlobs.WellSeparated(k: 3, perBlob: 100, d: 3, seed: 2);

        // Minimum 30 % of 300 = 90 per cluster: k = 4 would need 360 points.
        var selection = ClusterCountSelection.Choose(
            points, 2, 4, new KMeansOptions { ClusterCount = 2 }, ClusterSizeLimits.FromShares(0.3, 0.7));

        var four = Assert.Single(selection.Scores, s => s.ClusterCount == 4);
        Assert.False(four.Feasible);
        Assert.True(double.IsNaN(four.Silhouette));
        Assert.Equal(3, selection.ClusterCount);
        Assert.All(selection.Fit.Sizes, size => Assert.InRange(size, 90, 210));
    }

    [Fact]
    public void Choose_NoFeasibleK_ThrowsFromSizeLimits()
    {
        var (points, _) = PlantedBlobs.WellSeparated(k: 2, perBlob: 50, d: 2, seed: 2);

        Assert.Throws<ArgumentException>(() => ClusterCountSelection.Choose(
            points, 3, 4, new KMeansOptions { ClusterCount = 3 }, ClusterSizeLimits.FromShares(0.4, 1.0)));
    }

    [Fact]
    public void Choose_MaximumTooSmallWithKCappedByDistinctPoints_ErrorNamesTheCap()
    {
        // Five points, two distinct: k stops at 2 although 5 was allowed, and 2 × ⌊0.4·5⌋ = 4 < 5. More clusters are no
        // remedy, so the advice is the maximum alone: ⌈5/2⌉ = 3 members, a share of 3/5 = 0.6.
        var points = FeatureMatrix.FromRows([[2.0, 100.0], [2.0, 100.0], [5.0, 300.0], [5.0, 300.0], [5.0, 300.0]]);

        var error = Assert.Throws<ArgumentException>(() => ClusterCountSelection.Choose(
            points, 2, 5, new KMeansOptions { ClusterCount = 2 }, ClusterSizeLimits.FromShares(0, 0.4)));

        Assert.Equal("Cluster size limits cannot be met: 2 clusters × maximum 2 (share 0.4) = 4 members, fewer than the 5 points; " +
            "raise the maximum to 3 (share 0.6 or more): the 5 points hold only 2 distinct profiles, so k cannot go above 2.", error.Message);
    }

    [Fact]
    public void Choose_MaximumTooSmallForEveryK_ErrorNamesTheLargestKTried()
    {
        // ⌊0.1·100⌋ = 10 members per cluster: k = 3 holds 30 and k = 6, the most room tried, 60 of the 100 points. Naming
        // k = 3 alone read as if only 3 clusters had been tried. 6 clusters hold 100 with ⌈100/6⌉ = 17 members, 0.17.
        var (points, _) = PlantedBlobs.WellSeparated(k: 2, perBlob: 50, d: 2, seed: 2);

        var error = Assert.Throws<ArgumentException>(() => ClusterCountSelection.Choose(
            points, 3, 6, new KMeansOptions { ClusterCount = 3 }, ClusterSizeLimits.FromShares(0, 0.1)));

        Assert.Equal("Cluster size limits cannot be met: 6 clusters × maximum 10 (share 0.1) = 60 members, fewer than the 100 points; " +
            "raise the maximum to 17 (share 0.17 or more) or the number of clusters.", error.Message);
    }

    [Fact]
    public void Choose_RangeFallsBetweenMaximumAndMinimum_ErrorNamesBothBounds()
    {
        // Minimum 35, maximum 45 of 100 points: k = 2 holds at most 90, k = 3 needs at least 105. More clusters (what the
        // k = 2 message advised) cannot help; only wider limits can: a minimum of ⌊100/3⌋ = 33 lets 3 clusters (3 × 33 = 99
        // ≤ 100 ≤ 3 × 45), a maximum of ⌈100/2⌉ = 50 lets 2.
        var (points, _) = PlantedBlobs.WellSeparated(k: 2, perBlob: 50, d: 2, seed: 2);

        var error = Assert.Throws<ArgumentException>(() => ClusterCountSelection.Choose(
            points, 2, 4, new KMeansOptions { ClusterCount = 2 }, ClusterSizeLimits.FromShares(0.35, 0.45)));

        Assert.Equal("Cluster size limits cannot be met by any k from 2 to 4: 2 clusters × maximum 45 (share 0.45) = 90 members, fewer than " +
            "the 100 points, and 3 clusters × minimum 35 (share 0.35) = 105, more than them; lower the minimum to 33 (share 0.33 or less) " +
            "or raise the maximum to 50 (share 0.5 or more).", error.Message);
    }

    [Fact]
    public void Choose_OnlyKOne_FitsWithoutSilhouette()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        var selection = ClusterCountSelection.Choose(points, 1, 1, new KMeansOptions { ClusterCount = 1 });

        Assert.Equal(1, selection.ClusterCount);
        Assert.True(double.IsNaN(Assert.Single(selection.Scores).Silhouette));
    }

    [Theory]
    [InlineData(0, 3)]
    [InlineData(4, 3)]
    public void Choose_InvalidRange_Throws(int minimum, int maximum)
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        Assert.Throws<ArgumentOutOfRangeException>(
            () => ClusterCountSelection.Choose(points, minimum, maximum, new KMeansOptions { ClusterCount = 2 }));
    }
}
