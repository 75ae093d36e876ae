namespace ChainSeg.Core.Segmentation;

/// <summary>One named text attribute with a value per customer (region, channel, demand_class), aligned with the customer list of a <see cref="CustomerMetricSet"/>; null marks a missing value.</summary>
/// <param name="Name">Column name as in <c>customer_metrics.csv</c>, e.g. <c>region</c>.</param>
/// <param name="Values">One value per customer, in the order of the customer ids.</param>
public sealed record TextColumn(string Name, IReadOnlyList<string?> Values);
