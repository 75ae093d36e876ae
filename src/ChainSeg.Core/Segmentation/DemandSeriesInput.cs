namespace ChainSeg.Core.Segmentation;

// The loop shared by the classifiers that read one demand series per customer: check the input once, then
// classify each series on its own, keeping input order.
internal static class DemandSeriesInput
{
    public static SegmentationResult<TDetail> ClassifyEach<TDetail>(
        IReadOnlyList<DemandSeries> series,
        DemandBucket bucket,
        Func<DemandSeries, (SegmentAssignment Assignment, TDetail Detail)> classify)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(bucket);
        RequireDistinctCustomers(series);

        var assignments = new SegmentAssignment[series.Count];
        var details = new TDetail[series.Count];
        for (var i = 0; i < series.Count; i++)
            (assignments[i], details[i]) = classify(series[i]);
        return new SegmentationResult<TDetail>(assignments, details, []);
    }

    private static void RequireDistinctCustomers(IReadOnlyList<DemandSeries> series)
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
