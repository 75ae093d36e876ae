namespace ChainSeg.Core.Segmentation;

/// <summary>The customer metrics that are amounts of money, in the run's reporting currency; rates, shares, counts and days are not.</summary>
public static class MoneyMetrics
{
    private static readonly HashSet<string> Names = new(StringComparer.Ordinal)
    {
        "revenue", "cost_of_goods", "gross_margin", "list_value", "listed_revenue", "avg_order_value", "returned_value", "cost_to_serve", "net_contribution",
    };

    /// <summary>Whether the customer_metrics column <paramref name="metric"/> is an amount of money (revenue, gross_margin, cost_to_serve, …).</summary>
    public static bool Contains(string metric) => Names.Contains(metric);
}
