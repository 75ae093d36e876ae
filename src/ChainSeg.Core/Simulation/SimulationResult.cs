namespace ChainSeg.Core.Simulation;

/// <summary>Results per stocking point (in input order) and per segment (in ordinal order of the name).</summary>
/// <param name="StockingPoints">One row per simulated stocking point.</param>
/// <param name="Segments">One row per segment.</param>
public sealed record SimulationResult(IReadOnlyList<StockingPointResult> StockingPoints, IReadOnlyList<SegmentResult> Segments);
