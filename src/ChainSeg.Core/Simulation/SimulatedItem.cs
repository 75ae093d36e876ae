namespace ChainSeg.Core.Simulation;

/// <summary>A stocking point together with the replenishment policy to simulate.</summary>
/// <param name="Point">The SKU-location.</param>
/// <param name="Policy">Its replenishment policy.</param>
public sealed record SimulatedItem(StockingPoint Point, ReplenishmentPolicy Policy);
