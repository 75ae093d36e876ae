namespace ChainSeg.Core.Simulation;

/// <summary>
/// A replenishment rule as the simulation applies it at the end of each period, after demand, on the inventory position
/// (on hand − backorders + on order). Continuous-review rules are reviewed every period, as a nightly planning run does.
/// </summary>
public abstract record ReplenishmentPolicy
{
    private protected ReplenishmentPolicy()
    {
    }

    /// <summary>Highest inventory position the rule orders up to; the stock on hand at the start unless the item says otherwise.</summary>
    public abstract double MaximumInventoryPosition { get; }

    /// <summary>
    /// Reviews the inventory position at the end of a period. Returns true when an order is placed; periodic-review rules place
    /// one (possibly of zero units) at every review, which closes a replenishment cycle when it arrives.
    /// </summary>
    internal abstract bool Review(double inventoryPosition, int period, out double orderQty);
}
