using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

public sealed class MetricDefinitionsTests
{
    [Fact]
    public void NumericNames_EveryClusteringDimension_HasClusterNamingWords()
    {
        // Any numeric metric may be a k-means dimension; each must name clusters in planner words, not "high avg order value".
        var missing = MetricDefinitions.NumericNames.Where(m => !ClusterNaming.HasTerms(m)).ToList();

        Assert.Empty(missing);
        Assert.Contains("avg_order_value", MetricDefinitions.NumericNames);
        Assert.Equal(("big-ticket", "low-ticket"), ClusterNaming.Terms("avg_order_value"));
        Assert.Equal(("well-served", "poorly-served"), ClusterNaming.Terms("otif_rate"));
    }

    [Fact]
    public void NumericNames_ClusterNamingWords_AreDistinctPerDirection()
    {
        // Two dimensions with the same word would make names ambiguous ("frequent" for both orders and orders_per_month is the one accepted pair).
        var words = MetricDefinitions.NumericNames.SelectMany(m => new[] { ClusterNaming.Terms(m).High, ClusterNaming.Terms(m).Low }).ToList();
        var repeated = words.GroupBy(w => w).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Equal(["frequent"], repeated);
    }
}
