namespace ChainSeg.Core.Allocation;

/// <summary>What decided an order line's allocation under shortage rules.</summary>
public enum AllocationRule
{
    /// <summary>The stock point's supply covers all its open lines: filled in full.</summary>
    SupplyCoversDemand,

    /// <summary>The SKU is short, but supply reached the line's tier in full (higher priority than the short tiers).</summary>
    TierServedInFull,

    /// <summary>The line's tier got what was left and shared it: every line of the tier at the same fill ratio.</summary>
    TierFairShare,

    /// <summary>The line's segment was held at its guaranteed minimum fill, above its tier's fair share.</summary>
    MinimumFill,

    /// <summary>Minimum fills and higher tiers took all supply; nothing was left for the line's tier.</summary>
    NothingLeft,
}
