namespace ChainSeg.Core.Segmentation;

/// <summary>One named region of the recency × frequency grid on the 1–5 scale, e.g. Champions = R 5, F 4–5.</summary>
public sealed record RfmSegmentRule
{
    /// <summary>Creates a region; bounds are inclusive scores on the 1–5 scale.</summary>
    /// <exception cref="ArgumentException">The name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A bound is outside 1–5 or a minimum exceeds its maximum.</exception>
    public RfmSegmentRule(string name, int minRecency, int maxRecency, int minFrequency, int maxFrequency)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ArgumentException("RFM segment name is empty.", nameof(name));
        RequireRange(minRecency, maxRecency, nameof(minRecency), name);
        RequireRange(minFrequency, maxFrequency, nameof(minFrequency), name);
        Name = name;
        MinRecency = minRecency;
        MaxRecency = maxRecency;
        MinFrequency = minFrequency;
        MaxFrequency = maxFrequency;
    }

    /// <summary>Segment name, e.g. "Champions".</summary>
    public string Name { get; }

    /// <summary>Lowest recency score (1–5) in the region.</summary>
    public int MinRecency { get; }

    /// <summary>Highest recency score (1–5) in the region.</summary>
    public int MaxRecency { get; }

    /// <summary>Lowest frequency score (1–5) in the region.</summary>
    public int MinFrequency { get; }

    /// <summary>Highest frequency score (1–5) in the region.</summary>
    public int MaxFrequency { get; }

    /// <summary>Whether a (recency, frequency) pair on the 1–5 scale lies in the region.</summary>
    public bool Contains(int recency, int frequency) =>
        recency >= MinRecency && recency <= MaxRecency && frequency >= MinFrequency && frequency <= MaxFrequency;

    private static void RequireRange(int min, int max, string parameter, string name)
    {
        if (min < 1 || max > 5 || min > max)
            throw new ArgumentOutOfRangeException(parameter,
                $"RFM segment '{name}': score bounds must satisfy 1 ≤ min ≤ max ≤ 5; got {min}–{max}.");
    }
}
