namespace ChainSeg.Data.Configuration;

/// <summary>The design documents' spellings of metrics customer_metrics names otherwise, read as the product's names.</summary>
public static class MetricAliases
{
    /// <summary>Alias → customer_metrics column: ARCHITECTURE.md §4's k-means example clusters on <c>otif</c>, which is <c>otif_rate</c>.</summary>
    public static IReadOnlyDictionary<string, string> Metrics { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["otif"] = "otif_rate",
    };

    /// <summary>The customer_metrics column <paramref name="name"/> stands for: itself unless it is an alias.</summary>
    public static string Column(string name) => Metrics.GetValueOrDefault(name, name);

    // Rewritten as read, so validation, the stored model definition, its hash and every output name the metric one way.
    internal static void Resolve(SegmentationConfig? segmentation)
    {
        if (segmentation is null)
            return;
        foreach (var model in segmentation.Models.Values)
        {
            model.Dimensions = [.. model.Dimensions.Select(Column)];
            model.LogScale = [.. model.LogScale.Select(Column)];
        }
    }
}
