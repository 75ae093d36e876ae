namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Maps clusters onto the service tiers fulfilment can run, by a value dimension: the cluster with the
/// highest value centroid gets tier 1. With at least as many tiers as clusters, rank r (0-based, highest
/// value first) gets tier r + 1; with more clusters than tiers, ranks are split into contiguous blocks,
/// tier = ⌊r · tiers / clusters⌋ + 1, so every tier is used and higher value never lands in a lower tier.
/// </summary>
public static class ServiceTierMapping
{
    /// <summary>The 1-based tier of each cluster, in cluster order; equal values rank by cluster index.</summary>
    /// <param name="clusterValues">Each cluster's centroid on the value dimension (σ or original units; only the order matters).</param>
    /// <param name="tierCount">Number of configured tiers (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">No clusters or fewer than one tier.</exception>
    /// <exception cref="ArgumentException">A value is NaN.</exception>
    public static IReadOnlyList<int> Assign(IReadOnlyList<double> clusterValues, int tierCount)
    {
        ArgumentNullException.ThrowIfNull(clusterValues);
        ArgumentOutOfRangeException.ThrowIfLessThan(tierCount, 1);
        ArgumentOutOfRangeException.ThrowIfZero(clusterValues.Count, nameof(clusterValues));
        if (clusterValues.Any(double.IsNaN))
        {
            throw new ArgumentException("Cluster values must not be NaN.", nameof(clusterValues));
        }

        var k = clusterValues.Count;
        var ranking = Enumerable.Range(0, k).OrderByDescending(h => clusterValues[h]).ThenBy(h => h).ToArray();
        var tiers = new int[k];
        for (var rank = 0; rank < k; rank++)
        {
            tiers[ranking[rank]] = k <= tierCount ? rank + 1 : (rank * tierCount / k) + 1;
        }

        return tiers;
    }
}
