namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>Which metric columns a clustering uses, and which of them are log-scaled before standardising.</summary>
/// <param name="Dimensions">Metric column names used as clustering dimensions, in report order.</param>
/// <param name="LogScaled">Subset of <paramref name="Dimensions"/> transformed by sign(x)·ln(1 + |x|) first.</param>
public sealed record FeatureSpec(IReadOnlyList<string> Dimensions, IReadOnlyCollection<string> LogScaled);
