namespace ChainSeg.Core.Allocation;

/// <summary>How a resource's capacity is used in a capacity allocation, and what one more unit of it is worth.</summary>
/// <param name="Resource">Resource name.</param>
/// <param name="Capacity">Capacity available.</param>
/// <param name="Used">Capacity used by the allocated volumes.</param>
/// <param name="Slack">Capacity left unused.</param>
/// <param name="ShadowPrice">Dual value: extra total contribution per extra unit of capacity (0 when slack).</param>
/// <param name="Binding">True when the resource is used to its capacity.</param>
public sealed record ResourceCapacityUse(string Resource, double Capacity, double Used, double Slack, double ShadowPrice, bool Binding);
