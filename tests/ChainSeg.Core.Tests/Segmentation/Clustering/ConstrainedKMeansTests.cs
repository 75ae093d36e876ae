using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ConstrainedKMeansTests
{
    [Fact]
    public void Fit_UnequalBlobsWithShareLimits_SizesWithinLimits()
    {
        // Planted sizes 700 / 250 / 50 break a 15 %–50 % rule; the fit must move members to comply.
        var (points, _) = PlantedBlobs.Generate(
            [[0.0, 0.0], [6.0, 0.0], [0.0, 6.0]], [700, 250, 50], spread: 1.0, seed: 2);
        var limits = ClusterSizeLimits.FromShares(0.15, 0.5);

        var result = ConstrainedKMeans.Fit(points, new KMeansOptions { ClusterCount = 3, Seed = 3 }, limits);

        Assert.All(result.Sizes, size => Assert.InRange(size, 150, 500));
        Assert.Equal(1000, result.Sizes.Sum());
        Assert.True(result.Converged);
    }

    [Fact]
    public void Fit_SameSeed_IdenticalResult()
    {
        var (points, _) = PlantedBlobs.Generate(
            [[0.0, 0.0], [5.0, 0.0], [0.0, 5.0]], [600, 300, 100], spread: 1.2, seed: 4);
        var options = new KMeansOptions { ClusterCount = 3, Seed = 5 };
        var limits = ClusterSizeLimits.FromCounts(200, 400);

        var first = ConstrainedKMeans.Fit(points, options, limits);
        var second = ConstrainedKMeans.Fit(points, options, limits);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Inertia, second.Inertia);
    }

    [Fact]
    public void Fit_LooseLimits_SamePartitionAsUnconstrained()
    {
        var (points, truth) = PlantedBlobs.WellSeparated(k: 4, perBlob: 250, d: 4, seed: 6);
        var options = new KMeansOptions { ClusterCount = 4, Seed = 6 };

        var constrained = ConstrainedKMeans.Fit(points, options, ClusterSizeLimits.FromShares(0.1, 0.9));

        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, constrained.Labels), 12);
        Assert.Equal(KMeans.Fit(points, options).Inertia, constrained.Inertia, 6);
    }

    [Fact]
    public void Fit_Result_InertiaIsSumOfSquaredDistancesToReportedCentroids()
    {
        var (points, _) = PlantedBlobs.Generate([[0.0], [3.0]], [160, 40], spread: 1.0, seed: 8);

        var result = ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 2, Seed = 1 }, ClusterSizeLimits.FromCounts(80, 120));

        var inertia = Enumerable.Range(0, points.Count)
            .Sum(i => Math.Pow(points.Row(i)[0] - result.Centroids[result.Labels[i]][0], 2));
        Assert.Equal(inertia, result.Inertia, 9);
        Assert.All(result.Sizes, size => Assert.InRange(size, 80, 120));
    }

    [Fact]
    public void Fit_MinimumTooLarge_ThrowsNamingNumbers()
    {
        var (points, _) = PlantedBlobs.WellSeparated(k: 2, perBlob: 50, d: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 4 }, ClusterSizeLimits.FromShares(0.3, 1.0)));

        // 4 clusters of 100 points fit ⌊100/4⌋ = 25 members each, a share of 0.25.

        Assert.Equal(
            "Cluster size limits cannot be met: 4 clusters × minimum 30 (share 0.3) = 120 members, but there are only 100 points; lower the minimum to 25 (share 0.25 or less) or the number of clusters.",
            error.Message);
    }

    [Fact]
    public void Fit_MaximumTooSmall_ThrowsNamingNumbers()
    {
        var (points, _) = PlantedBlobs.WellSeparated(k: 2, perBlob: 50, d: 2, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 3 }, ClusterSizeLimits.FromCounts(0, 30)));

        // 3 clusters hold 100 points with ⌈100/3⌉ = 34 members at most each.

        Assert.Equal(
            "Cluster size limits cannot be met: 3 clusters × maximum 30 = 90 members, fewer than the 100 points; raise the maximum to 34 or the number of clusters.",
            error.Message);
    }

    [Fact]
    public void Fit_KAboveDistinctPoints_Throws()
    {
        var points = FeatureMatrix.FromRows([[1.0], [1.0], [2.0], [2.0]]);

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 3 }, ClusterSizeLimits.FromCounts(1, 2)));

        Assert.Contains("2 distinct points", error.Message, StringComparison.Ordinal);
    }
    [Fact]
    public void Fit_KAboveDistinctPointsAndLimitsUnmet_NamesTheDistinctPointsNotMoreClusters()
    {
        // 2 distinct points, k = 3, at most 1 member: more clusters can be no remedy, and even a maximum of 2 leaves k above 2.
        var points = FeatureMatrix.FromRows([[1.0], [1.0], [2.0], [2.0]]);

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 3 }, ClusterSizeLimits.FromCounts(0, 1)));

        Assert.Equal("k = 3 clusters exceeds the 2 distinct points among 4; choose k ≤ 2. (Parameter 'points')", error.Message);
    }

    [Fact]
    public void Fit_KAtTheDistinctPointsAndMaximumUnmet_SaysKCannotGoHigher()
    {
        // k = 2 is already every distinct point: ⌈4/2⌉ = 2 members are needed, and raising k cannot help.
        var points = FeatureMatrix.FromRows([[1.0], [1.0], [2.0], [2.0]]);

        var error = Assert.Throws<ArgumentException>(() => ConstrainedKMeans.Fit(
            points, new KMeansOptions { ClusterCount = 2 }, ClusterSizeLimits.FromCounts(0, 1)));

        Assert.Equal(
            "Cluster size limits cannot be met: 2 clusters × maximum 1 = 2 members, fewer than the 4 points; raise the maximum to 2: the 4 points hold only 2 distinct profiles, so k cannot go above 2.",
            error.Message);
    }
}
