namespace ChainSeg.Core.Segmentation;

/// <summary>One named metric with a value per customer, aligned with the customer list of a <see cref="CustomerMetricSet"/>; NaN marks a missing value.</summary>
/// <param name="Name">Metric name as in <c>customer_metrics.csv</c>, e.g. <c>revenue</c>.</param>
/// <param name="Values">One value per customer, in the order of the customer ids.</param>
public sealed record MetricColumn(string Name, IReadOnlyList<double> Values)
{
    /// <summary>Builds a column from nullable values, where <c>null</c> (no value in the export) becomes NaN.</summary>
    public static MetricColumn FromNullable(string name, IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new MetricColumn(name, values.Select(v => v ?? double.NaN).ToArray());
    }
}
