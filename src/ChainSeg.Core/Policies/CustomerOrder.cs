namespace ChainSeg.Core.Policies;

/// <summary>An order to route: who ordered, in which segment, when, for when, for how much, and what.</summary>
public sealed record CustomerOrder
{
    /// <summary>Creates an order.</summary>
    /// <param name="orderId">Order id.</param>
    /// <param name="customerId">Customer id.</param>
    /// <param name="segment">The customer's segment; null when the customer has none (the fallback policy applies).</param>
    /// <param name="orderedAt">When the order arrived, in the local time of the site whose cut-off applies (the kind is ignored).</param>
    /// <param name="requestedDate">Delivery date the customer asked for, if any.</param>
    /// <param name="orderValue">Order value in the order's currency, ≥ 0, or null when unknown; percentage surcharges apply to it.</param>
    /// <param name="lines">Order lines.</param>
    /// <exception cref="ArgumentException">orderId or customerId is blank, or a line is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">orderValue is negative.</exception>
    public CustomerOrder(
        string orderId, string customerId, string? segment, DateTime orderedAt, DateOnly? requestedDate, decimal? orderValue, IReadOnlyList<OrderLine> lines)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(customerId);
        ArgumentNullException.ThrowIfNull(lines);
        if (orderValue < 0m)
        {
            throw new ArgumentOutOfRangeException(nameof(orderValue), orderValue, $"Order value must be ≥ 0; got {PolicyText.Money(orderValue.Value)}.");
        }

        if (lines.Any(l => l is null))
        {
            throw new ArgumentException($"Order {orderId} has a null line.", nameof(lines));
        }

        OrderId = orderId;
        CustomerId = customerId;
        Segment = segment;
        OrderedAt = orderedAt;
        RequestedDate = requestedDate;
        OrderValue = orderValue;
        Lines = lines;
    }

    /// <summary>Order id.</summary>
    public string OrderId { get; }

    /// <summary>Customer id.</summary>
    public string CustomerId { get; }

    /// <summary>The customer's segment; null when it has none.</summary>
    public string? Segment { get; }

    /// <summary>When the order arrived, local time of the shipping site.</summary>
    public DateTime OrderedAt { get; }

    /// <summary>Delivery date the customer asked for, if any.</summary>
    public DateOnly? RequestedDate { get; }

    /// <summary>Order value in the order's currency; null when unknown.</summary>
    public decimal? OrderValue { get; }

    /// <summary>Order lines.</summary>
    public IReadOnlyList<OrderLine> Lines { get; }
}
