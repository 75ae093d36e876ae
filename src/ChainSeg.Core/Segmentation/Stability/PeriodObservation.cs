namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// What margin hysteresis sees of one customer in one period: a value against cut-offs (<see cref="BandedObservation"/>),
/// distances to cluster centroids (<see cref="DistanceObservation"/>), or a segment that is a fact rather than a position
/// (<see cref="FixedObservation"/>).
/// </summary>
public abstract record PeriodObservation;
