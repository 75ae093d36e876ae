namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>Why a customer is in its cluster, in numbers and as one line a planner can read.</summary>
/// <param name="Cluster">Assigned cluster index (0-based; shown 1-based in <paramref name="Text"/>).</param>
/// <param name="ClusterName">Name of the assigned cluster.</param>
/// <param name="Distance">Euclidean distance in σ units from the customer to the assigned centroid.</param>
/// <param name="NearestCluster">Index of the nearest centroid; differs from <paramref name="Cluster"/> only when size limits moved the customer.</param>
/// <param name="NearestDistance">Distance to the nearest centroid.</param>
/// <param name="Drivers">Strongest dimensions pulling toward the assigned centroid, strongest first.</param>
/// <param name="Text">e.g. "cluster 3 (high-volume steady): nearest centroid (distance 0.84); drivers: orders_per_month +2.1σ, demand_cv −0.8σ".</param>
public sealed record ClusterExplanation(
    int Cluster,
    string ClusterName,
    double Distance,
    int NearestCluster,
    double NearestDistance,
    IReadOnlyList<ClusterDriver> Drivers,
    string Text);
