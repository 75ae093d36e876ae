namespace ChainSeg.Core.Segmentation;

/// <summary>How RFM scores are computed: number of score levels, the metrics read, and the segment map.</summary>
public sealed record RfmOptions
{
    /// <summary>Creates options.</summary>
    /// <param name="levels">Score levels per dimension, 3 to 5 (5 = quintiles, as in Hughes 1994).</param>
    /// <param name="recencyMetric">Metric holding days since the last order (smaller = more recent).</param>
    /// <param name="frequencyMetric">Metric holding the number of orders in the window.</param>
    /// <param name="monetaryMetric">Metric holding the value bought in the window.</param>
    /// <param name="segmentMap">Names for (R, F) pairs; <see cref="RfmSegmentMap.Standard"/> when null.</param>
    /// <exception cref="ArgumentOutOfRangeException">Levels outside 3–5.</exception>
    /// <exception cref="ArgumentException">A metric name is empty.</exception>
    public RfmOptions(
        int levels = 5,
        string recencyMetric = "recency_days",
        string frequencyMetric = "orders",
        string monetaryMetric = "revenue",
        RfmSegmentMap? segmentMap = null)
    {
        if (levels is < 3 or > 5)
            throw new ArgumentOutOfRangeException(nameof(levels), levels, $"RFM score levels must be in [3, 5]; got {levels}.");
        ArgumentException.ThrowIfNullOrWhiteSpace(recencyMetric);
        ArgumentException.ThrowIfNullOrWhiteSpace(frequencyMetric);
        ArgumentException.ThrowIfNullOrWhiteSpace(monetaryMetric);
        Levels = levels;
        RecencyMetric = recencyMetric;
        FrequencyMetric = frequencyMetric;
        MonetaryMetric = monetaryMetric;
        SegmentMap = segmentMap ?? RfmSegmentMap.Standard;
    }

    /// <summary>Score levels per dimension (3–5).</summary>
    public int Levels { get; }

    /// <summary>Metric holding days since the last order.</summary>
    public string RecencyMetric { get; }

    /// <summary>Metric holding the number of orders.</summary>
    public string FrequencyMetric { get; }

    /// <summary>Metric holding the value bought.</summary>
    public string MonetaryMetric { get; }

    /// <summary>Names for (R, F) pairs on the 1–5 scale.</summary>
    public RfmSegmentMap SegmentMap { get; }

    /// <summary>Quintiles on recency_days, orders and revenue with the standard segment map.</summary>
    public static RfmOptions Default { get; } = new();
}
