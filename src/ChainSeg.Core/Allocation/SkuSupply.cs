namespace ChainSeg.Core.Allocation;

/// <summary>Units of a SKU available to promise at one stock point (a location, or the whole network when the location is null).</summary>
public sealed record SkuSupply
{
    /// <summary>Creates a supply record.</summary>
    /// <param name="sku">The SKU.</param>
    /// <param name="quantity">Available units, ≥ 0.</param>
    /// <param name="locationId">Location holding the units; null for supply not split by location.</param>
    /// <exception cref="ArgumentException">sku is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">quantity is negative or not finite.</exception>
    public SkuSupply(string sku, double quantity, string? locationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        Sku = sku;
        Quantity = Arguments.NonNegative(quantity, nameof(quantity), $"Supply of SKU '{sku}'");
        LocationId = string.IsNullOrWhiteSpace(locationId) ? null : locationId;
    }

    /// <summary>The SKU.</summary>
    public string Sku { get; }

    /// <summary>Available units.</summary>
    public double Quantity { get; }

    /// <summary>Location holding the units; null when supply is not split by location.</summary>
    public string? LocationId { get; }
}
