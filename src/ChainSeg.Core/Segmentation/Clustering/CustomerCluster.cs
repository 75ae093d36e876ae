namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>A customer's cluster, tier and the reason for it.</summary>
/// <param name="CustomerId">Customer identifier as given.</param>
/// <param name="Cluster">Cluster index (0-based).</param>
/// <param name="ClusterName">Cluster name, the segment label.</param>
/// <param name="TierName">Service tier name, or null when no tiers are configured.</param>
/// <param name="Explanation">Distance, drivers and readable reason.</param>
public sealed record CustomerCluster(string CustomerId, int Cluster, string ClusterName, string? TierName, ClusterExplanation Explanation);
