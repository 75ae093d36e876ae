using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class SilhouetteTests
{
    [Fact]
    public void Mean_TwoPairsOnALine_MatchesHandComputation()
    {
        // Points 0, 1 | 4, 5. For 0: a = 1, b = (4 + 5)/2 = 4.5, s = 3.5/4.5 = 7/9. For 1: a = 1,
        // b = (3 + 4)/2 = 3.5, s = 2.5/3.5 = 5/7. By symmetry 4 and 5 score 5/7 and 7/9.
        // Mean = (7/9 + 5/7)/2 = 94/126 = 0.746031746…
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [4.0], [5.0]]);

        var scores = Silhouette.Scores(points, [0, 0, 1, 1], [0, 1, 2, 3]);

        Assert.Equal(7.0 / 9.0, scores[0], 12);
        Assert.Equal(5.0 / 7.0, scores[1], 12);
        Assert.Equal(94.0 / 126.0, Silhouette.Mean(points, [0, 0, 1, 1]), 12);
    }

    [Fact]
    public void Mean_SingletonCluster_ScoresZeroForIt()
    {
        // Points 0, 1 | 10. For 0: a = 1, b = 10, s = 0.9. For 1: a = 1, b = 9, s = 8/9. The singleton scores 0.
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [10.0]]);

        var mean = Silhouette.Mean(points, [0, 0, 1]);

        Assert.Equal((0.9 + (8.0 / 9.0) + 0.0) / 3.0, mean, 12);
    }

    [Fact]
    public void Mean_TwoDimensions_UsesEuclideanDistance()
    {
        // (0,0),(0,1) | (3,4),(3,5). For (0,0): a = 1, b = (5 + √34)/2. Checked for one point, others by symmetry.
        var points = FeatureMatrix.FromRows([[0.0, 0.0], [0.0, 1.0], [3.0, 4.0], [3.0, 5.0]]);

        var scores = Silhouette.Scores(points, [0, 0, 1, 1], [0, 1, 2, 3]);

        var b = (5.0 + Math.Sqrt(34.0)) / 2.0;
        Assert.Equal((b - 1.0) / b, scores[0], 12);
        Assert.Equal(scores[0], scores[3], 12);
    }

    [Fact]
    public void Means_SeveralLabellings_EachAsComputedAlone()
    {
        // Points 0, 1, 4, 5 (Rousseeuw 1987 by hand). 0,1 | 4,5: 94/126 (above). 0 | 1,4,5: 0 scores 0 (alone);
        // 1: a = (3 + 4)/2, b = 1, s = −5/7; 4: a = 2, b = 4, s = 1/2; 5: a = 2.5, b = 5, s = 1/2; mean 1/14.
        // 0,1 | 4 | 5: 0: a = 1, b = 4, s = 3/4; 1: a = 1, b = 3, s = 2/3; 4 and 5 alone score 0; mean 17/48.
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [4.0], [5.0]]);
        int[][] labellings = [[0, 0, 1, 1], [0, 1, 1, 1], [0, 0, 1, 2]];

        var means = Silhouette.Means(points, labellings, [0, 1, 2, 3]);

        Assert.Equal(94.0 / 126.0, means[0], 12);
        Assert.Equal(1.0 / 14.0, means[1], 12);
        Assert.Equal(17.0 / 48.0, means[2], 12);
        for (var l = 0; l < labellings.Length; l++)
            Assert.Equal(Silhouette.Mean(points, labellings[l]), means[l]);
    }

    [Fact]
    public void Means_OneLabellingWithOneCluster_Throws()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        Assert.Throws<ArgumentException>(() => Silhouette.Means(points, [[0, 0, 1], [0, 0, 0]], [0, 1, 2]));
    }

    [Fact]
    public void Mean_OneCluster_Throws()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        Assert.Throws<ArgumentException>(() => Silhouette.Mean(points, [0, 0, 0]));
    }

    [Fact]
    public void Mean_EveryPointItsOwnCluster_Throws()
    {
        var points = FeatureMatrix.FromRows([[0.0], [1.0], [2.0]]);

        Assert.Throws<ArgumentException>(() => Silhouette.Mean(points, [0, 1, 2]));
    }

    [Fact]
    public void Sample_SameSeed_SameSortedDistinctIndices()
    {
        var first = Silhouette.Sample(100_000, 4000, seed: 9);
        var second = Silhouette.Sample(100_000, 4000, seed: 9);

        Assert.Equal(first, second);
        Assert.Equal(4000, first.Distinct().Count());
        Assert.Equal(first.Order(), first);
        Assert.All(first, i => Assert.InRange(i, 0, 99_999));
    }

    [Fact]
    public void Sample_FewerPointsThanSize_ReturnsAllIndices()
    {
        Assert.Equal([0, 1, 2, 3, 4], Silhouette.Sample(5, 4000, seed: 1));
    }
}
