namespace ChainSeg.Core.Simulation;

/// <summary>
/// Continuous-review (r, Q): when the inventory position is at or below r, order the smallest multiple of Q that lifts it above r,
/// so the position after ordering always lies in (r, r + Q].
/// </summary>
public sealed record RqReplenishment : ReplenishmentPolicy
{
    /// <summary>Reorder point r and order quantity Q.</summary>
    /// <exception cref="ArgumentOutOfRangeException">reorderPoint is not finite, or orderQty is not positive and finite.</exception>
    public RqReplenishment(double reorderPoint, double orderQty)
    {
        ReorderPoint = Arguments.Finite(reorderPoint, nameof(reorderPoint), "Reorder point");
        OrderQty = Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
    }

    /// <summary>Reorder point r.</summary>
    public double ReorderPoint { get; }

    /// <summary>Order quantity Q.</summary>
    public double OrderQty { get; }

    /// <inheritdoc />
    public override double MaximumInventoryPosition => ReorderPoint + OrderQty;

    /// <inheritdoc />
    internal override bool Review(double inventoryPosition, int period, out double orderQty)
    {
        if (inventoryPosition > ReorderPoint)
        {
            orderQty = 0.0;
            return false;
        }

        // A period's demand can carry the position more than Q below r; whole multiples keep Q the unit of ordering.
        orderQty = (Math.Floor((ReorderPoint - inventoryPosition) / OrderQty) + 1.0) * OrderQty;
        return true;
    }
}
