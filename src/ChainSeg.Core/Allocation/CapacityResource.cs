namespace ChainSeg.Core.Allocation;

/// <summary>A capacity shared by the segments in a peak period, e.g. picking hours or production hours.</summary>
public sealed record CapacityResource
{
    /// <summary>Creates a resource.</summary>
    /// <param name="name">Resource name, e.g. "picking_hours"; segments refer to it by this name.</param>
    /// <param name="capacity">Capacity available in the period, ≥ 0.</param>
    /// <exception cref="ArgumentException">name is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">capacity is negative or not finite.</exception>
    public CapacityResource(string name, double capacity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        Capacity = Arguments.NonNegative(capacity, nameof(capacity), $"Capacity of resource '{name}'");
    }

    /// <summary>Resource name.</summary>
    public string Name { get; }

    /// <summary>Capacity available in the period.</summary>
    public double Capacity { get; }
}
