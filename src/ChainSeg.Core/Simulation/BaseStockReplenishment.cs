namespace ChainSeg.Core.Simulation;

/// <summary>Periodic-review base stock (R, S), the order-up-to policy: every R periods, order up to S.</summary>
public sealed record BaseStockReplenishment : ReplenishmentPolicy
{
    /// <summary>Order-up-to level S, reviewed every reviewPeriod periods (the first review at the end of period 0).</summary>
    /// <exception cref="ArgumentOutOfRangeException">orderUpToLevel is not finite, or reviewPeriod is below 1.</exception>
    public BaseStockReplenishment(double orderUpToLevel, int reviewPeriod = 1)
    {
        OrderUpToLevel = Arguments.Finite(orderUpToLevel, nameof(orderUpToLevel), "Order-up-to level");
        ReviewPeriod = Arguments.ReviewPeriod(reviewPeriod, nameof(reviewPeriod));
    }

    /// <summary>Order-up-to level S.</summary>
    public double OrderUpToLevel { get; }

    /// <summary>Periods between reviews, R.</summary>
    public int ReviewPeriod { get; }

    /// <inheritdoc />
    public override double MaximumInventoryPosition => OrderUpToLevel;

    /// <inheritdoc />
    internal override bool Review(double inventoryPosition, int period, out double orderQty)
    {
        if (period % ReviewPeriod != 0)
        {
            orderQty = 0.0;
            return false;
        }

        orderQty = Math.Max(OrderUpToLevel - inventoryPosition, 0.0);
        return true;
    }
}
