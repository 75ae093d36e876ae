namespace ChainSeg.Core.Policies;

/// <summary>How an order is served and when it is promised, with the rule text that decided it.</summary>
/// <param name="OrderId">Order id.</param>
/// <param name="CustomerId">Customer id.</param>
/// <param name="Segment">The order's segment; null when the customer has none.</param>
/// <param name="IsFallbackPolicy">True when the segment has no policy of its own and the fallback applied.</param>
/// <param name="Route">Fulfilment route.</param>
/// <param name="FulfilmentMode">Decoupling point of the policy.</param>
/// <param name="Priority">Priority tier, 1 = highest.</param>
/// <param name="DayZero">The business day the lead time counts from: the order day, or the next business day after the cut-off or on a closed day.</param>
/// <param name="EarliestDelivery">Day zero plus the lead time in business days.</param>
/// <param name="PromisedDate">Committed delivery date: the earliest delivery, or the requested date (moved to a business day) when that is later.</param>
/// <param name="WindowEnd">Last on-time day: promised date plus the delivery window in business days.</param>
/// <param name="Surcharge">Surcharge amount in the order's currency; null when it is a percentage of an unknown order value.</param>
/// <param name="Rule">The rule that decided, e.g. "strategic: ordered 2025-03-03 15:20, cut-off 14:00 passed → day 0 = 2025-03-04; …".</param>
public sealed record RoutingDecision(
    string OrderId,
    string CustomerId,
    string? Segment,
    bool IsFallbackPolicy,
    ServiceRoute Route,
    FulfilmentMode FulfilmentMode,
    int Priority,
    DateOnly DayZero,
    DateOnly EarliestDelivery,
    DateOnly PromisedDate,
    DateOnly WindowEnd,
    decimal? Surcharge,
    string Rule);
