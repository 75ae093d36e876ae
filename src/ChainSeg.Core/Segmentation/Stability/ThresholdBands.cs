namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Segments defined by cut-offs on one metric, e.g. ABC on revenue or XYZ on CV: band 0 lies below the first
/// threshold, band i between thresholds i−1 and i, the last band above the last threshold.
/// </summary>
public sealed record ThresholdBands
{
    /// <summary>Defines the bands.</summary>
    /// <param name="metric">Metric name, used in reasons.</param>
    /// <param name="thresholds">Cut-offs, strictly ascending.</param>
    /// <param name="segments">Segment per band, lowest band first (one more than thresholds), all distinct.</param>
    /// <param name="upperInclusive">True when a value equal to a threshold belongs to the band above (revenue ≥ cut-off → A);
    /// false when it belongs to the band below (CV ≤ 0.5 → X).</param>
    /// <exception cref="ArgumentException">Thresholds not strictly ascending or not finite, wrong segment count, or repeated segments.</exception>
    public ThresholdBands(string metric, IReadOnlyList<double> thresholds, IReadOnlyList<string> segments, bool upperInclusive = true)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(thresholds);
        ArgumentNullException.ThrowIfNull(segments);
        for (var i = 0; i < thresholds.Count; i++)
        {
            if (!double.IsFinite(thresholds[i]) || (i > 0 && thresholds[i] <= thresholds[i - 1]))
            {
                throw new ArgumentException(
                    $"Thresholds must be finite and strictly ascending; got [{string.Join(", ", thresholds)}].", nameof(thresholds));
            }
        }

        if (segments.Count != thresholds.Count + 1)
        {
            throw new ArgumentException(
                $"{thresholds.Count} thresholds make {thresholds.Count + 1} bands; got {segments.Count} segments.", nameof(segments));
        }

        if (segments.Distinct(StringComparer.Ordinal).Count() != segments.Count)
        {
            throw new ArgumentException($"Segments must be distinct; got [{string.Join(", ", segments)}].", nameof(segments));
        }

        Metric = metric;
        Thresholds = thresholds.ToArray();
        Segments = segments.ToArray();
        UpperInclusive = upperInclusive;
    }

    /// <summary>Metric name.</summary>
    public string Metric { get; }

    /// <summary>Cut-offs, ascending.</summary>
    public IReadOnlyList<double> Thresholds { get; }

    /// <summary>Segment per band, lowest first.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Whether a value on a threshold belongs to the band above.</summary>
    public bool UpperInclusive { get; }

    /// <summary>The band index a value falls in.</summary>
    public int BandOf(double value)
    {
        var band = 0;
        while (band < Thresholds.Count && IsAbove(value, Thresholds[band]))
        {
            band++;
        }

        return band;
    }

    /// <summary>The segment a value falls in.</summary>
    public string SegmentOf(double value) => Segments[BandOf(value)];

    /// <summary>Whether <paramref name="value"/> lies in the band above <paramref name="threshold"/>.</summary>
    internal bool IsAbove(double value, double threshold) => UpperInclusive ? value >= threshold : value > threshold;
}
