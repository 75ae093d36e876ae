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
}
