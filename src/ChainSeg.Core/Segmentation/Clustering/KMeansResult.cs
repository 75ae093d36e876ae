namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>A fitted clustering: centroids in the feature space, one label per point, and its objective.</summary>
/// <param name="Centroids">One centroid per cluster, in the units of the fitted features (σ for standardised features).</param>
/// <param name="Labels">Cluster index in [0, k) per point, in input order.</param>
/// <param name="Sizes">Number of points per cluster.</param>
/// <param name="Inertia">Sum of squared Euclidean distances from each point to its cluster's centroid.</param>
/// <param name="Iterations">Iterations the kept initialisation ran.</param>
/// <param name="Converged">Whether the kept initialisation met the tolerance (or stopped changing) before the iteration cap.</param>
public sealed record KMeansResult(
    IReadOnlyList<double[]> Centroids,
    IReadOnlyList<int> Labels,
    IReadOnlyList<int> Sizes,
    double Inertia,
    int Iterations,
    bool Converged)
{
    /// <summary>Number of clusters.</summary>
    public int ClusterCount => Centroids.Count;
}
