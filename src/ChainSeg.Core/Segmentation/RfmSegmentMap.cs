namespace ChainSeg.Core.Segmentation;

/// <summary>
/// Names RFM customers from their recency and frequency scores on the 1–5 scale; the first region that contains the
/// pair wins, and every one of the 25 pairs must be covered.
/// </summary>
public sealed class RfmSegmentMap
{
    /// <summary>Creates a map from ordered regions.</summary>
    /// <exception cref="ArgumentException">No region is given, or some (R, F) pair is not covered; the message names the first such pair.</exception>
    public RfmSegmentMap(IReadOnlyList<RfmSegmentRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.Count == 0)
            throw new ArgumentException("RFM segment map needs at least one region.", nameof(rules));
        for (var r = 1; r <= 5; r++)
        {
            for (var f = 1; f <= 5; f++)
            {
                if (!rules.Any(rule => rule.Contains(r, f)))
                    throw new ArgumentException(
                        $"RFM segment map leaves R {r}, F {f} uncovered; every (R, F) pair on the 1–5 scale needs a segment.", nameof(rules));
            }
        }

        Rules = rules.ToArray();
        // The first matching region of each pair, looked up once: a run names every customer of every period.
        _names = new string[6, 6];
        for (var r = 1; r <= 5; r++)
            for (var f = 1; f <= 5; f++)
                _names[r, f] = Rules.First(rule => rule.Contains(r, f)).Name;
    }

    private readonly string[,] _names;

    /// <summary>The regions in match order.</summary>
    public IReadOnlyList<RfmSegmentRule> Rules { get; }

    /// <summary>The name of the first region containing the pair (scores on the 1–5 scale).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A score is outside 1–5.</exception>
    public string SegmentOf(int recency, int frequency)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(recency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(recency, 5);
        ArgumentOutOfRangeException.ThrowIfLessThan(frequency, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frequency, 5);
        return _names[recency, frequency];
    }

    /// <summary>
    /// The ten-segment recency × frequency grid widespread in practitioner RFM material (there is no single academic
    /// standard; M is reported but does not move the name). It partitions the 25 pairs:
    /// Champions R5 F4–5; Loyal R3–4 F4–5; Potential loyalists R4–5 F2–3; New customers R5 F1; Promising R4 F1;
    /// Need attention R3 F3; About to sleep R3 F1–2; Cannot lose them R1–2 F5; At risk R1–2 F3–4; Hibernating R1–2 F1–2.
    /// </summary>
    public static RfmSegmentMap Standard { get; } = new(
    [
        new("Champions", 5, 5, 4, 5),
        new("Loyal", 3, 4, 4, 5),
        new("Potential loyalists", 4, 5, 2, 3),
        new("New customers", 5, 5, 1, 1),
        new("Promising", 4, 4, 1, 1),
        new("Need attention", 3, 3, 3, 3),
        new("About to sleep", 3, 3, 1, 2),
        new("Cannot lose them", 1, 2, 5, 5),
        new("At risk", 1, 2, 3, 4),
        new("Hibernating", 1, 2, 1, 2),
    ]);
}
