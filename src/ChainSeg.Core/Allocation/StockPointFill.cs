namespace ChainSeg.Core.Allocation;

/// <summary>Supply against demand at one stock point (SKU, optionally at a location).</summary>
/// <param name="Sku">The SKU.</param>
/// <param name="LocationId">The location, or null when supply is not split by location.</param>
/// <param name="Supply">Units available.</param>
/// <param name="Ordered">Units on open lines.</param>
/// <param name="Allocated">Units allocated.</param>
/// <param name="Short">True when supply was below demand and the shortage rules applied.</param>
public sealed record StockPointFill(string Sku, string? LocationId, double Supply, double Ordered, double Allocated, bool Short);
