namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>A customer's metric value in one period, with that period's bands (cut-offs may move between periods).</summary>
/// <param name="Value">The metric value.</param>
/// <param name="Bands">The period's bands.</param>
public sealed record BandedObservation(double Value, ThresholdBands Bands) : PeriodObservation;
