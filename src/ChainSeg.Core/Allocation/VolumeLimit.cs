namespace ChainSeg.Core.Allocation;

/// <summary>What holds a segment's allocated volume where it is in a capacity allocation.</summary>
public enum VolumeLimit
{
    /// <summary>All demand is served.</summary>
    Demand,

    /// <summary>Held at the committed minimum service: capacity earns more elsewhere.</summary>
    MinimumService,

    /// <summary>Between commitment and demand, set by the capacity left.</summary>
    Capacity,
}
