namespace ChainSeg.Core.Simulation;

/// <summary>A stocking point and the blueprint its policy is computed from at each target of a trade-off curve.</summary>
/// <param name="Point">The SKU-location, with the demand and lead time the simulation draws.</param>
/// <param name="Blueprint">How its policy follows from a target.</param>
public sealed record TradeOffItem(StockingPoint Point, PolicyBlueprint Blueprint);
