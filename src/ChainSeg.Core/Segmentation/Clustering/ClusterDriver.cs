namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>A dimension that explains a customer's cluster: the customer's standardised value on it.</summary>
/// <param name="Dimension">Metric name.</param>
/// <param name="Sigma">The customer's z-score on that dimension.</param>
public sealed record ClusterDriver(string Dimension, double Sigma);
