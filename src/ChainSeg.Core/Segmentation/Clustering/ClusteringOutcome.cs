namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>Everything a clustering run produces: scaler, the choice of k, cluster profiles and per-customer assignments.</summary>
/// <param name="Scaler">The fitted scaler, to report centroids in original units or score new customers.</param>
/// <param name="Selection">Silhouette and inertia per candidate k, and the chosen fit (labels in <see cref="ClusterProfile"/> order).</param>
/// <param name="Clusters">One profile per cluster, cluster 0 first.</param>
/// <param name="Assignments">One entry per customer, in input order.</param>
public sealed record ClusteringOutcome(
    FeatureScaler Scaler,
    ClusterCountSelection Selection,
    IReadOnlyList<ClusterProfile> Clusters,
    IReadOnlyList<CustomerCluster> Assignments)
{
    /// <summary>The cluster size limits the fit met, or null; a fitted model scores other dates within them too.</summary>
    public ClusterSizeLimits? SizeLimits { get; init; }

    /// <summary>Distinct points after imputation and scaling, counted up to the largest k asked for: k was capped at them.</summary>
    public int DistinctPoints { get; init; }
}
