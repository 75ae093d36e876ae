using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class LloydKernelTests
{
    [Fact]
    public void RelocateEmptyClusters_EmptyCluster_TakesFarthestPointFromLargerCluster()
    {
        // Centroid 1 sits far from every point, so the assignment leaves it empty.
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0], [10.0]]);
        var kernel = new LloydKernel(points, clusterCount: 2);
        double[] centroids = [3.0, 100.0];

        kernel.AssignNearest(centroids);
        var moved = kernel.RelocateEmptyClusters();

        // Distances to 3: 9, 4, 1, 49; the point at 10 is farthest and moves to the empty cluster.
        Assert.Equal(1, moved);
        Assert.Equal([0, 0, 0, 1], kernel.Labels);
        Assert.Equal([3, 1], kernel.Counts);
        Assert.Equal([3.0, 10.0], kernel.Sums);
    }

    [Fact]
    public void RelocateEmptyClusters_NoEmptyCluster_MovesNothing()
    {
        var points = FeatureMatrix.FromRows([[0.0], [10.0]]);
        var kernel = new LloydKernel(points, clusterCount: 2);

        kernel.AssignNearest([0.0, 10.0]);

        Assert.Equal(0, kernel.RelocateEmptyClusters());
        Assert.Equal([0, 1], kernel.Labels);
    }

    [Fact]
    public void AssignNearest_TiedDistance_LowerClusterIndexWins()
    {
        var points = FeatureMatrix.FromRows([[5.0]]);
        var kernel = new LloydKernel(points, clusterCount: 2);

        kernel.AssignNearest([4.0, 6.0]);

        Assert.Equal(0, kernel.Labels[0]);
    }

    // Hamerly's bounds (Hamerly 2010) skip distances, never change an answer: at every step of a Lloyd run, and after
    // labels set from outside and an empty-cluster relocation, each point's label and distance are those of a brute-force
    // pass over every centroid (ties to the lower index). Overlapping blobs keep many points near the boundaries, and
    // duplicated points sit exactly between two centroids at one step.
    [Fact]
    public void AssignNearest_WithBounds_AlwaysTheBruteForceNearestCentroid()
    {
        const int n = 20_000, d = 3, k = 5;
        var random = new Random(7);
        var values = new double[n * d];
        for (var i = 0; i < n; i++)
            for (var j = 0; j < d; j++)
                values[(i * d) + j] = (i % k == j ? 1.5 : 0.0) + (random.NextDouble() - 0.5) * 2;
        for (var j = 0; j < d; j++)
            values[((n - 1) * d) + j] = values[((n - 2) * d) + j] = 0.5;
        var points = new FeatureMatrix(values, n, d);
        var kernel = new LloydKernel(points, k);
        var centroids = new double[k * d];
        for (var h = 0; h < k; h++)
            for (var j = 0; j < d; j++)
                centroids[(h * d) + j] = values[(h * 997 * d) + j];
        // Step 3 puts two centroids symmetric about the duplicated points (0.5, 0.5, 0.5): a tie the bounds must not settle.
        for (var step = 0; step < 25; step++)
        {
            if (step == 3)
            {
                (centroids[0], centroids[1], centroids[2]) = (0.0, 0.5, 0.5);
                (centroids[3], centroids[4], centroids[5]) = (1.0, 0.5, 0.5);
            }
            if (step == 10)
            {
                // Labels from elsewhere (as a size-constrained assignment gives), then the plain pass again.
                kernel.Accumulate(Enumerable.Range(0, n).Select(i => (i * 7) % k).ToArray(), centroids);
                kernel.UpdateCentroids(centroids);
            }
            var (inertia, _) = kernel.AssignNearest(centroids);
            var expectedInertia = 0.0;
            for (var i = 0; i < n; i++)
            {
                var (best, bestDistance) = (0, double.PositiveInfinity);
                for (var h = 0; h < k; h++)
                {
                    var distance = LloydKernel.SquaredDistance(values, i * d, centroids, h * d, d);
                    if (distance < bestDistance)
                        (best, bestDistance) = (h, distance);
                }
                Assert.True(best == kernel.Labels[i], $"step {step}, point {i}: label {kernel.Labels[i]}, nearest {best}");
                Assert.Equal(bestDistance, kernel.Distances[i]);
                expectedInertia += bestDistance;
            }
            Assert.Equal(expectedInertia, inertia, 6);
            if (step == 3)
                Assert.Equal(0, kernel.Labels[n - 1]);
            kernel.RelocateEmptyClusters();
            kernel.UpdateCentroids(centroids);
        }
    }
}
