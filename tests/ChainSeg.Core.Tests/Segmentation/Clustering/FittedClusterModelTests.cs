using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class FittedClusterModelTests
{
    private static readonly string[] Columns = ["avg_order_value", "lines_per_order"];

    // Twelve customers in groups of six, four and two: size limits of 3–4 per cluster force 4/4/4, which nearest-centroid
    // scoring of the same rows (6/4/2) does not reproduce.
    private static (string[] Ids, double[][] Rows) Uneven()
    {
        double[][] rows =
        [
            [100, 1], [105, 1], [110, 1], [115, 1], [120, 1], [125, 1],
            [1000, 3], [1050, 3], [1100, 3], [1150, 3],
            [5000, 6], [5250, 6],
        ];
        return (Enumerable.Range(1, rows.Length).Select(i => $"C{i}").ToArray(), rows);
    }

    // Three clusters of 3 to 4 of the twelve customers.
    private static readonly ClusteringSettings ThreeOfThreeToFour = new()
    {
        Features = new FeatureSpec(Columns, []),
        MinClusters = 3,
        MaxClusters = 3,
        SizeLimits = ClusterSizeLimits.FromShares(0.25, 0.4),
    };

    [Fact]
    public void Clusters_FitWithSizeLimits_ScoresTheFitsRowsAsTheFitDid()
    {
        var (ids, rows) = Uneven();
        var outcome = CustomerClustering.Run(ids, Columns, rows, ThreeOfThreeToFour);
        var fitted = new FittedClusterModel(outcome);

        var scored = fitted.Clusters(Columns, rows);
        var assigned = fitted.Assign(ids, Columns, rows);

        Assert.Equal([4, 4, 4], outcome.Clusters.Select(c => c.Size));
        Assert.Equal(outcome.Assignments.Select(a => a.Cluster), scored);
        Assert.Equal(outcome.Assignments.Select(a => a.Cluster), assigned.Select(a => a.Cluster));
    }

    [Fact]
    public void Clusters_FewerCustomersThanTheLimitsAllow_EasesThemInsteadOfFailing()
    {
        var (ids, rows) = Uneven();
        var fitted = new FittedClusterModel(CustomerClustering.Run(ids, Columns, rows, ThreeOfThreeToFour));

        // Five customers: ⌈0.25·5⌉ = 2 per cluster needs six, so each cluster takes at least ⌊5/3⌋ = 1 and at most 2.
        var scored = fitted.Clusters(Columns, rows[..3].Concat(rows[^2..]).ToArray());

        Assert.All(Enumerable.Range(0, 3), h => Assert.InRange(scored.Count(c => c == h), 1, 2));
    }

    [Fact]
    public void SegmentBounds_TiersHoldingTwoClusters_TwiceTheLimits()
    {
        var (ids, rows) = Uneven();
        var settings = ThreeOfThreeToFour with { ServiceTiers = ["gold", "silver"], ValueDimension = "avg_order_value" };
        var fitted = new FittedClusterModel(CustomerClustering.Run(ids, Columns, rows, settings));

        var bounds = fitted.SegmentBounds(12)!;

        Assert.Equal(3 * 2 + 3, bounds.Values.Sum(b => b.Minimum));
        Assert.Equal(4 * 2 + 4, bounds.Values.Sum(b => b.Maximum));
        Assert.Null(new FittedClusterModel(CustomerClustering.Run(ids, Columns, rows, settings with { SizeLimits = null })).SegmentBounds(12));
    }
}
