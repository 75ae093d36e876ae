namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>A customer's distances to every cluster centroid in one period, and each cluster's segment.</summary>
/// <param name="RawSegment">The segment the method assigned this period (the nearest centroid's, unless size limits moved the customer).</param>
/// <param name="Distances">Distance to each centroid (σ units), cluster order.</param>
/// <param name="Segments">Segment of each cluster, cluster order; several clusters may share a service tier.</param>
public sealed record DistanceObservation(string RawSegment, IReadOnlyList<double> Distances, IReadOnlyList<string> Segments) : PeriodObservation;
