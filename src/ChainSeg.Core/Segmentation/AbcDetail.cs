namespace ChainSeg.Core.Segmentation;

/// <summary>How one customer was placed in ABC analysis.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Class">The value class.</param>
/// <param name="Value">The customer's value on the metric (NaN when missing).</param>
/// <param name="Rank">1-based rank by value (descending, ties share the rank of the first of the tie); 0 when the value is not positive.</param>
/// <param name="CumulativeShare">Share of the positive total held by this customer and everyone ranked at or above it (ties included); NaN when the value is not positive.</param>
public sealed record AbcDetail(string CustomerId, AbcClass Class, double Value, int Rank, double CumulativeShare);
