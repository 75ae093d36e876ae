namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// A period whose segment is a fact, not a position against a cut-off: no orders in the window (inactive), or a CV that
/// cannot be measured (Z). The customer takes it at once, and leaves it at once for what the next period's value says.
/// </summary>
/// <param name="Segment">The segment of the period.</param>
public sealed record FixedObservation(string Segment) : PeriodObservation;
