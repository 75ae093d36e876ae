namespace ChainSeg.Core.Segmentation;

// Checks shared by the classifiers that read demand series.
internal static class DemandSeriesInput
{
    public static void RequireDistinctCustomers(IReadOnlyList<DemandSeries> series)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in series)
        {
            ArgumentNullException.ThrowIfNull(s, nameof(series));
            if (!seen.Add(s.CustomerId))
                throw new ArgumentException($"Customer '{s.CustomerId}' has more than one demand series; give one per customer.", nameof(series));
        }
    }
}
