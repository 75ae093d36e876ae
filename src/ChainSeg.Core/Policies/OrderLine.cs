namespace ChainSeg.Core.Policies;

/// <summary>One line of an order to route: a SKU and a positive quantity.</summary>
public sealed record OrderLine
{
    /// <summary>Creates a line.</summary>
    /// <exception cref="ArgumentException">sku is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">quantity is not a finite number &gt; 0.</exception>
    public OrderLine(string sku, double quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        Sku = sku;
        Quantity = Arguments.Positive(quantity, nameof(quantity), "Order line quantity");
    }

    /// <summary>The SKU ordered.</summary>
    public string Sku { get; }

    /// <summary>Units ordered, &gt; 0 (returns are not routed).</summary>
    public double Quantity { get; }
}
