namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>One cluster of a fitted model, for segment summaries and reports.</summary>
/// <param name="Cluster">Cluster index (0-based; reports show it 1-based).</param>
/// <param name="Name">Unique descriptive name (see <see cref="ClusterNaming"/>).</param>
/// <param name="Size">Number of customers.</param>
/// <param name="Share">Size ÷ all customers.</param>
/// <param name="CentroidSigma">Centroid in σ units per dimension.</param>
/// <param name="CentroidOriginal">Centroid back in original units (log-scaled dimensions: the back-transformed mean of logs; NaN for a dimension no customer had a value for).</param>
/// <param name="Tier">1-based service tier, or null when no tiers are configured.</param>
/// <param name="TierName">Configured name of the tier, or null.</param>
public sealed record ClusterProfile(
    int Cluster,
    string Name,
    int Size,
    double Share,
    IReadOnlyList<double> CentroidSigma,
    IReadOnlyList<double> CentroidOriginal,
    int? Tier,
    string? TierName)
{
    /// <summary>Why the cluster has its tier, e.g. "tier silver of gold/silver/bronze: rank 2 of 4 clusters by revenue"; null without tiers.</summary>
    public string? TierReason { get; init; }

    /// <summary>The name reasons give the cluster: its name, and why it has its tier when it has one.</summary>
    public string Label => TierReason is null ? Name : $"{Name}; {TierReason}";
}
