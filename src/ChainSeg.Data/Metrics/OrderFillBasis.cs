using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Metrics;

/// <summary>When an order counts as completely filled (DEFINITIONS.md fill.order, set by <c>metrics.fill.order</c>).</summary>
public enum OrderFillBasis
{
    /// <summary>By the shipments of its first ship date, before any backorder (the default).</summary>
    FirstTime,

    /// <summary>By every shipment known by the period end, backorders included.</summary>
    AfterBackorders,
}

/// <summary>Names, definition ids and columns of the <see cref="OrderFillBasis"/> variants.</summary>
public static class OrderFillBases
{
    private static readonly string[] Names = ["first_time", "after_backorders"];

    /// <summary>The variant as configuration and definition ids spell it: first_time or after_backorders.</summary>
    public static string Name(this OrderFillBasis basis) => Names[(int)basis];

    /// <summary>fill_rate_orders' definition id: <c>fill.order[first_time]</c> or <c>fill.order[after_backorders]</c>.</summary>
    public static string DefinitionId(this OrderFillBasis basis) => $"fill.order[{basis.Name()}]";

    /// <summary>The variant not configured beside <paramref name="basis"/>.</summary>
    public static OrderFillBasis Other(this OrderFillBasis basis) => basis == OrderFillBasis.FirstTime ? OrderFillBasis.AfterBackorders : OrderFillBasis.FirstTime;

    /// <summary>The customer_metrics column counting the orders filled under the variant (the other variant's is empty).</summary>
    public static string FilledColumn(this OrderFillBasis basis) => "orders_filled_" + basis.Name();

    /// <summary>The variant <c>metrics.fill.order</c> configures, in any case.</summary>
    /// <exception cref="ConfigurationException">The value is neither first_time nor after_backorders.</exception>
    public static OrderFillBasis From(FillConfig fill)
    {
        var spelt = (fill.Order ?? "").Trim().ToLowerInvariant();
        var index = Array.IndexOf(Names, spelt);
        return index >= 0 ? (OrderFillBasis)index
            : throw new ConfigurationException($"metrics.fill.order '{fill.Order}' is not understood{MetricNameSuggestion.Hint(spelt, Names)}; use first_time (the default: filled by the first ship date's shipments) or after_backorders (by every shipment known by the period end).");
    }
}
