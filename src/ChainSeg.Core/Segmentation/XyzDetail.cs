namespace ChainSeg.Core.Segmentation;

/// <summary>How one customer was placed in XYZ analysis.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Class">The variability class.</param>
/// <param name="Periods">Number of periods in the series (empty periods included).</param>
/// <param name="Mean">Mean demand per period (NaN without periods).</param>
/// <param name="StandardDeviation">Population standard deviation of demand per period (NaN without periods).</param>
/// <param name="CoefficientOfVariation">Standard deviation ÷ mean; NaN when it is undefined (under 2 periods, or mean ≤ 0).</param>
/// <param name="Bucket">The period bucket the CV was measured on.</param>
public sealed record XyzDetail(
    string CustomerId, XyzClass Class, int Periods, double Mean, double StandardDeviation, double CoefficientOfVariation, DemandBucket Bucket);
