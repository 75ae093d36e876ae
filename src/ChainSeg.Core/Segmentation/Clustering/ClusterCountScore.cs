namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>How one candidate k scored when choosing the number of clusters.</summary>
/// <param name="ClusterCount">The candidate k.</param>
/// <param name="Silhouette">Mean silhouette on the sample; NaN when undefined (k = 1, fewer than two clusters in the sample, or k infeasible).</param>
/// <param name="Inertia">Inertia of the k fit on all points; NaN when k was not fitted.</param>
/// <param name="Feasible">False when the size limits cannot be met with this k, which is then skipped.</param>
public sealed record ClusterCountScore(int ClusterCount, double Silhouette, double Inertia, bool Feasible);
