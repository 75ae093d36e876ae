namespace ChainSeg.Core.Simulation;

/// <summary>
/// (r, Q) reviewed every period, or (R, r, Q) reviewed every R periods: at a review with the inventory position at or below r,
/// order the smallest multiple of Q that lifts it above r, so the position after ordering lies in (r, r + Q].
/// </summary>
public sealed record RqReplenishment : ReplenishmentPolicy
{
    /// <summary>Reorder point r and order quantity Q, reviewed every <paramref name="reviewPeriod"/> periods (the first at the end of period 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">reorderPoint is not finite, orderQty is not positive and finite, or reviewPeriod is below 1.</exception>
    public RqReplenishment(double reorderPoint, double orderQty, int reviewPeriod = 1)
    {
        ReorderPoint = Arguments.Finite(reorderPoint, nameof(reorderPoint), "Reorder point");
        OrderQty = Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        ReviewPeriod = Arguments.ReviewPeriod(reviewPeriod, nameof(reviewPeriod));
    }

    /// <summary>Periods between reviews, R (1: every period).</summary>
    public int ReviewPeriod { get; }

    /// <summary>Reorder point r.</summary>
    public double ReorderPoint { get; }

    /// <summary>Order quantity Q.</summary>
    public double OrderQty { get; }

    /// <inheritdoc />
    public override double MaximumInventoryPosition => ReorderPoint + OrderQty;

    /// <inheritdoc />
    internal override bool Review(double inventoryPosition, int period, out double orderQty)
    {
        if (period % ReviewPeriod != 0 || inventoryPosition > ReorderPoint)
        {
            orderQty = 0.0;
            return false;
        }

        // A period's demand can carry the position more than Q below r; whole multiples keep Q the unit of ordering.
        orderQty = (Math.Floor((ReorderPoint - inventoryPosition) / OrderQty) + 1.0) * OrderQty;
        return true;
    }
}
