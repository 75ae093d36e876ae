namespace ChainSeg.Core.Allocation;

/// <summary>An open order line competing for short supply: who ordered how much of which SKU, and from which stock point.</summary>
public sealed record OpenOrderLine
{
    /// <summary>Creates an open order line.</summary>
    /// <param name="lineId">Unique line key, e.g. "SO-1001/2".</param>
    /// <param name="customerId">Ordering customer.</param>
    /// <param name="segment">The customer's segment; it selects the shortage rule.</param>
    /// <param name="sku">Ordered SKU.</param>
    /// <param name="quantity">Open quantity, &gt; 0.</param>
    /// <param name="unitMargin">Contribution margin per unit, when known (reported, and a tie-break for whole units).</param>
    /// <param name="requestedDate">Requested delivery date, when known (earlier dates win ties for whole units).</param>
    /// <param name="locationId">Ship-from location; null draws on the SKU's supply that has no location.</param>
    /// <exception cref="ArgumentException">An identifier is null, empty or white space.</exception>
    /// <exception cref="ArgumentOutOfRangeException">quantity is not a finite number &gt; 0, or unitMargin is not finite.</exception>
    public OpenOrderLine(
        string lineId,
        string customerId,
        string segment,
        string sku,
        double quantity,
        double? unitMargin = null,
        DateOnly? requestedDate = null,
        string? locationId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(lineId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        LineId = lineId;
        CustomerId = customerId;
        Segment = segment;
        Sku = sku;
        Quantity = Arguments.Positive(quantity, nameof(quantity), $"Quantity of order line '{lineId}'");
        UnitMargin = unitMargin is { } margin ? Arguments.Finite(margin, nameof(unitMargin), $"Unit margin of order line '{lineId}'") : null;
        RequestedDate = requestedDate;
        LocationId = string.IsNullOrWhiteSpace(locationId) ? null : locationId;
    }

    /// <summary>Unique line key.</summary>
    public string LineId { get; }

    /// <summary>Ordering customer.</summary>
    public string CustomerId { get; }

    /// <summary>The customer's segment.</summary>
    public string Segment { get; }

    /// <summary>Ordered SKU.</summary>
    public string Sku { get; }

    /// <summary>Open quantity.</summary>
    public double Quantity { get; }

    /// <summary>Contribution margin per unit, when known.</summary>
    public double? UnitMargin { get; }

    /// <summary>Requested delivery date, when known.</summary>
    public DateOnly? RequestedDate { get; }

    /// <summary>Ship-from location; null when supply is not split by location.</summary>
    public string? LocationId { get; }
}
