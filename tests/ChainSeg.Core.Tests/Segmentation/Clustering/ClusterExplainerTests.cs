using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ClusterExplainerTests
{
    private static readonly string[] Dimensions = ["revenue", "orders_per_month", "demand_cv"];

    private static readonly double[][] Centroids = [[-1.0, -1.0, 1.0], [0.5, 2.0, -0.7], [2.0, 0.5, -1.0]];

    private static readonly string[] Names = ["small erratic", "frequent steady", "high-volume steady"];

    [Fact]
    public void Explain_NearestCentroid_NamesDistanceAndTopDriversTowardCentroid()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        // Distance to cluster 3 (index 2): √(0.4² + 0 + 0.2²) = √0.2 = 0.447…
        var explanation = explainer.Explain([1.6, 0.5, -0.8], 2);

        Assert.Equal("cluster 3 (high-volume steady): nearest centroid (distance 0.45); drivers: revenue +1.6σ, demand_cv \u22120.8σ", explanation.Text);
        Assert.Equal(Math.Sqrt(0.2), explanation.Distance, 12);
        Assert.Equal(2, explanation.NearestCluster);
        Assert.Equal(["revenue", "demand_cv"], explanation.Drivers.Select(d => d.Dimension));
    }

    [Fact]
    public void Explain_ImputedDimension_NotADriver()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        // demand_cv was missing and took the median (−0.8σ here): it is no fact about the customer, so revenue stands alone.
        var explanation = explainer.Explain([1.6, 0.5, -0.8], 2, [false, false, true]);

        Assert.Equal("cluster 3 (high-volume steady): nearest centroid (distance 0.45); drivers: revenue +1.6σ, orders_per_month +0.5σ", explanation.Text);
    }

    [Fact]
    public void Explain_DimensionOppositeToCentroid_NotADriver()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names, driverCount: 3);

        // Orders are +3σ, but the cluster's centroid is below average on orders: that is no reason to be here.
        var explanation = explainer.Explain([-0.9, 3.0, 0.4], 0);

        Assert.Equal(["revenue", "demand_cv"], explanation.Drivers.Select(d => d.Dimension));
        Assert.Equal(-0.9, explanation.Drivers[0].Sigma);
    }

    [Fact]
    public void Explain_AssignedAwayFromNearest_SaysSizeLimitsPlacedIt()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        // Distance to cluster 2: √(1.5² + 1.5² + 0.3²) = √4.59 = 2.142…
        var explanation = explainer.Explain([2.0, 0.5, -1.0], 1);

        Assert.Equal(2, explanation.NearestCluster);
        Assert.Equal(0.0, explanation.NearestDistance);
        Assert.StartsWith(
            "cluster 2 (frequent steady): placed by cluster size limits (distance 2.14; nearest is cluster 3 at 0.00)",
            explanation.Text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CustomerAtPopulationMean_NoDrivers()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        var explanation = explainer.Explain([0.0, 0.0, 0.0], 1);

        Assert.Empty(explanation.Drivers);
        Assert.EndsWith("drivers: none (no dimension deviates from the average toward this cluster)", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_DeviationThatPrintsAsZero_NotADriver()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        // revenue at +0.04σ prints as 0.0σ: the customer sits at the average there, which is no reason to be in cluster 3.
        var explanation = explainer.Explain([0.04, 0.0, -0.6], 2);

        Assert.Equal(["demand_cv"], explanation.Drivers.Select(d => d.Dimension));
        Assert.EndsWith("drivers: demand_cv \u22120.6σ", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_CentroidAtTheMeanOnADimension_NotADriver()
    {
        // On generate --customers 300 --order-lines 20000 --seed 1 a size-limited cluster ("erratic rare") sat at +0.00003σ
        // on lines_per_order, 0.0 in cluster_profiles.csv, and a member with lines_per_order +1.5σ read it as a driver
        // toward the cluster; the cluster leans neither way there, while its orders_per_month (−1.6σ) went unnamed.
        var explainer = new ClusterExplainer(Dimensions, [[0.7, -1.6, 0.00003], [-0.5, 1.0, -0.2]], ["erratic rare", "frequent"]);

        var explanation = explainer.Explain([0.9, -1.4, 1.5], 0);

        Assert.Equal(["orders_per_month", "revenue"], explanation.Drivers.Select(d => d.Dimension));
        Assert.EndsWith("drivers: orders_per_month \u22121.4σ, revenue +0.9σ", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_EveryValueMissing_SaysTheValuesAreMissingNotAverage()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        // A customer without any value sits at the medians (+0.3σ on demand_cv here, opposite to cluster 2's centroid):
        // "no dimension deviates from the average" would state as a fact what nobody measured.
        var explanation = explainer.Explain([0.0, 0.0, 0.3], 1, [true, true, true]);

        Assert.Empty(explanation.Drivers);
        Assert.EndsWith("drivers: none (no known value deviates from the average toward this cluster; revenue, orders_per_month, demand_cv " +
            "missing, taken as the median)", explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_ClusterOutOfRange_Throws()
    {
        var explainer = new ClusterExplainer(Dimensions, Centroids, Names);

        Assert.Throws<ArgumentOutOfRangeException>(() => explainer.Explain([0.0, 0.0, 0.0], 3));
    }

    [Fact]
    public void Constructor_NameCountMismatch_Throws()
    {
        Assert.Throws<ArgumentException>(() => new ClusterExplainer(Dimensions, Centroids, ["one"]));
    }
}
