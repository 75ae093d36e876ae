using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class KMeansTests
{
    [Fact]
    public void Fit_SameSeed_IdenticalLabelsCentroidsAndInertia()
    {
        // 20,000 points span five parallel chunks, so this also checks the chunked reduction order.
        var (points, _) = PlantedBlobs.WellSeparated(k: 4, perBlob: 5000, d: 3, seed: 7);
        var options = new KMeansOptions { ClusterCount = 4, Seed = 11 };

        var first = KMeans.Fit(points, options);
        var second = KMeans.Fit(points, options);

        Assert.Equal(first.Labels, second.Labels);
        Assert.Equal(first.Inertia, second.Inertia);
        for (var h = 0; h < 4; h++)
        {
            Assert.Equal(first.Centroids[h], second.Centroids[h]);
        }
    }

    [Fact]
    public void Fit_UnseparatedDataDifferentSeeds_EachRunReproducible()
    {
        // Uniform noise has no planted structure, so seeds may settle in different local optima; each must repeat itself.
        var random = new Random(3);
        var values = Enumerable.Range(0, 3000).Select(_ => random.NextDouble()).ToArray();
        var points = new FeatureMatrix(values, 1500, 2);

        foreach (var seed in new[] { 1, 2, 3 })
        {
            var options = new KMeansOptions { ClusterCount = 7, Seed = seed, InitCount = 1 };
            Assert.Equal(KMeans.Fit(points, options).Labels, KMeans.Fit(points, options).Labels);
        }
    }

    [Theory]
    [InlineData(3, 2, 1)]
    [InlineData(5, 4, 2)]
    [InlineData(6, 8, 3)]
    public void Fit_WellSeparatedPlantedBlobs_RecoversThemExactly(int k, int d, int seed)
    {
        var (points, truth) = PlantedBlobs.WellSeparated(k, perBlob: 400, d, seed);

        var result = KMeans.Fit(points, new KMeansOptions { ClusterCount = k, Seed = seed });

        Assert.Equal(1.0, AdjustedRandIndex.Compute(truth, result.Labels), 12);
        Assert.True(result.Converged);
    }

    [Fact]
    public void Fit_AnyResult_LabelsAreNearestCentroidAndInertiaRecomputes()
    {
        var (points, _) = PlantedBlobs.Generate(
            [[0.0, 0.0], [3.0, 0.0], [0.0, 3.0]], [200, 150, 100], spread: 1.5, seed: 5);

        var result = KMeans.Fit(points, new KMeansOptions { ClusterCount = 3, Seed = 1 });

        var inertia = 0.0;
        for (var i = 0; i < points.Count; i++)
        {
            var distances = result.Centroids.Select(c => SquaredDistance(points.Row(i), c)).ToArray();
            Assert.Equal(distances.Min(), distances[result.Labels[i]]);
            inertia += distances[result.Labels[i]];
        }

        Assert.Equal(inertia, result.Inertia, 9);
        Assert.Equal(points.Count, result.Sizes.Sum());
    }

    [Fact]
    public void Fit_KIsOne_CentroidIsMeanAndInertiaIsTotalSumOfSquares()
    {
        var points = FeatureMatrix.FromRows([[1.0, 2.0], [3.0, 6.0], [5.0, 1.0]]);

        var result = KMeans.Fit(points, new KMeansOptions { ClusterCount = 1 });

        // Mean (3, 3); squared deviations: (4 + 1) + (0 + 9) + (4 + 4) = 22.
        Assert.Equal([3.0, 3.0], result.Centroids[0]);
        Assert.Equal(22.0, result.Inertia, 12);
        Assert.All(result.Labels, label => Assert.Equal(0, label));
    }

    [Fact]
    public void Fit_KAboveDistinctPoints_ThrowsNamingBothNumbers()
    {
        var points = FeatureMatrix.FromRows([[1.0], [1.0], [2.0], [2.0], [3.0], [3.0]]);

        var error = Assert.Throws<ArgumentException>(() => KMeans.Fit(points, new KMeansOptions { ClusterCount = 4 }));

        Assert.Contains("k = 4", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 distinct points", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_KAboveOneDistinctPoint_SaysPointInTheSingular()
    {
        var points = FeatureMatrix.FromRows([[1.0], [1.0], [1.0]]);

        var error = Assert.Throws<ArgumentException>(() => KMeans.Fit(points, new KMeansOptions { ClusterCount = 2 }));

        Assert.StartsWith("k = 2 clusters exceeds the 1 distinct point among 3; choose k ≤ 1.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_KEqualsDistinctPointsWithDuplicates_OneClusterPerValueAndZeroInertia()
    {
        var points = FeatureMatrix.FromRows([[1.0], [5.0], [1.0], [9.0], [5.0], [1.0]]);

        var result = KMeans.Fit(points, new KMeansOptions { ClusterCount = 3, Seed = 4 });

        Assert.Equal(0.0, result.Inertia);
        Assert.Equal(1.0, AdjustedRandIndex.Compute(new[] { 0, 1, 0, 2, 1, 0 }, result.Labels), 12);
    }

    [Fact]
    public void Fit_MoreInits_NeverWorseThanFirstInit()
    {
        var random = new Random(8);
        var values = Enumerable.Range(0, 2000).Select(_ => random.NextDouble()).ToArray();
        var points = new FeatureMatrix(values, 1000, 2);

        var one = KMeans.Fit(points, new KMeansOptions { ClusterCount = 9, Seed = 2, InitCount = 1 });
        var many = KMeans.Fit(points, new KMeansOptions { ClusterCount = 9, Seed = 2, InitCount = 6 });

        // The first init seed is shared, so keeping the best of six can only match or beat it.
        Assert.True(many.Inertia <= one.Inertia);
    }

    [Theory]
    [InlineData(0, 1, 10, 1e-4)]
    [InlineData(2, 0, 10, 1e-4)]
    [InlineData(2, 1, 0, 1e-4)]
    [InlineData(2, 1, 10, -1.0)]
    public void Fit_OptionOutOfRange_Throws(int k, int inits, int iterations, double tolerance)
    {
        var points = FeatureMatrix.FromRows([[1.0], [2.0], [3.0]]);
        var options = new KMeansOptions { ClusterCount = k, InitCount = inits, MaxIterations = iterations, Tolerance = tolerance };

        Assert.Throws<ArgumentOutOfRangeException>(() => KMeans.Fit(points, options));
    }

    [Fact]
    public void Fit_IterationCapOfOne_ReportsNotConvergedWithConsistentLabels()
    {
        var (points, _) = PlantedBlobs.Generate([[0.0], [2.0]], [300, 300], spread: 1.0, seed: 9);

        var result = KMeans.Fit(points, new KMeansOptions { ClusterCount = 2, MaxIterations = 1, InitCount = 1 });

        Assert.False(result.Converged);
        Assert.Equal(1, result.Iterations);
        for (var i = 0; i < points.Count; i++)
        {
            var own = SquaredDistance(points.Row(i), result.Centroids[result.Labels[i]]);
            var other = SquaredDistance(points.Row(i), result.Centroids[1 - result.Labels[i]]);
            Assert.True(own <= other);
        }
    }

    private static double SquaredDistance(ReadOnlySpan<double> point, double[] centroid)
    {
        var sum = 0.0;
        for (var j = 0; j < point.Length; j++)
        {
            sum += (point[j] - centroid[j]) * (point[j] - centroid[j]);
        }

        return sum;
    }
}
