namespace ChainSeg.Core.Allocation;

/// <summary>The kind of constraint that binds at a capacity allocation's optimum.</summary>
public enum BindingConstraintKind
{
    /// <summary>A resource is used to its capacity.</summary>
    Capacity,

    /// <summary>A segment is held at its committed minimum service share.</summary>
    MinimumService,

    /// <summary>A segment is served up to its demand.</summary>
    Demand,
}
