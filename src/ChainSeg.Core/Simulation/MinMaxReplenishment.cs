namespace ChainSeg.Core.Simulation;

/// <summary>Min/max, also written (s, S): when the inventory position is at or below min, order up to max.</summary>
public sealed record MinMaxReplenishment : ReplenishmentPolicy
{
    /// <summary>Reorder level min and order-up-to level max.</summary>
    /// <exception cref="ArgumentOutOfRangeException">min is not finite, or max is not finite and above min.</exception>
    public MinMaxReplenishment(double min, double max)
    {
        Min = Arguments.Finite(min, nameof(min), "Min (reorder level)");
        Max = Arguments.Finite(max, nameof(max), "Max (order-up-to level)");
        if (!(max > min))
        {
            throw new ArgumentOutOfRangeException(nameof(max), max, $"Max must be above min ({Arguments.Format(min)}); got {Arguments.Format(max)}.");
        }
    }

    /// <summary>Reorder level s.</summary>
    public double Min { get; }

    /// <summary>Order-up-to level S.</summary>
    public double Max { get; }

    /// <inheritdoc />
    public override double MaximumInventoryPosition => Max;

    /// <inheritdoc />
    internal override bool Review(double inventoryPosition, int period, out double orderQty)
    {
        orderQty = inventoryPosition <= Min ? Max - inventoryPosition : 0.0;
        return inventoryPosition <= Min;
    }
}
