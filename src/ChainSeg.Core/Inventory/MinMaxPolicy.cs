namespace ChainSeg.Core.Inventory;

/// <summary>Min/max levels: order up to max when the inventory position falls to min.</summary>
/// <param name="Min">Reorder level (the reorder point).</param>
/// <param name="Max">Order-up-to level, reorder point + order quantity.</param>
public readonly record struct MinMaxResult(double Min, double Max);

/// <summary>Min/max parameters from a reorder point and an order quantity.</summary>
public static class MinMaxPolicy
{
    /// <summary>min = reorder point, max = reorder point + Q.</summary>
    /// <exception cref="ArgumentOutOfRangeException">reorderPoint is not finite, or orderQty is not positive.</exception>
    public static MinMaxResult FromReorderPoint(double reorderPoint, double orderQty)
    {
        Arguments.Finite(reorderPoint, nameof(reorderPoint), "Reorder point");
        Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        return new MinMaxResult(reorderPoint, reorderPoint + orderQty);
    }
}
