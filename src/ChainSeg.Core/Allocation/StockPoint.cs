namespace ChainSeg.Core.Allocation;

/// <summary>Where supply is held and drawn: a SKU, optionally at a location.</summary>
internal readonly record struct StockPoint(string Sku, string? LocationId) : IComparable<StockPoint>
{
    /// <summary>The stock point in messages and reasons, e.g. "SKU 'A-100' at 'DC1'".</summary>
    public string Label => LocationId is null ? $"SKU '{Sku}'" : $"SKU '{Sku}' at '{LocationId}'";

    /// <summary>Orders by SKU, then location (no location first), ordinally, so runs are repeatable.</summary>
    public int CompareTo(StockPoint other)
    {
        var bySku = string.CompareOrdinal(Sku, other.Sku);
        if (bySku != 0)
        {
            return bySku;
        }

        return (LocationId, other.LocationId) switch
        {
            (null, null) => 0,
            (null, _) => -1,
            (_, null) => 1,
            _ => string.CompareOrdinal(LocationId, other.LocationId),
        };
    }
}
