using Google.OrTools.Graph;

namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Keeps segment sizes within their bounds after hysteresis. Hysteresis holds customers in their previous segment one by
/// one, so together they can overfill it (or drain another) beyond the size limits the raw, size-limited assignment met.
/// The fewest held customers needed take their raw segment instead: a min-cost flow in which each held customer either
/// stays (cost 0) or is released to its raw segment (cost 1). Releasing every held customer gives the raw assignment,
/// so a solution always exists.
/// </summary>
public static class SizeLimitedHysteresis
{
    /// <summary>
    /// Keeps every period's stabilised segments within that period's bounds, oldest period first (see <see cref="Release"/>).
    /// A released customer's hysteresis starts again from its raw segment there: <paramref name="restabilise"/> rewrites its
    /// later periods before the next period's bounds are checked, so raw segments A, B, B, B read A, B, B, B rather than
    /// A, B, A, B, and raw A, B, A under periods: 2 reads A, B, B (held in B) rather than flipping back at once.
    /// </summary>
    /// <param name="raw">Raw segment codes per period, then per customer; negative where the customer has none.</param>
    /// <param name="segments">Stabilised segment codes, aligned with <paramref name="raw"/>; updated in place.</param>
    /// <param name="bounds">A period's fewest and most members per code, or null where it has no limits.</param>
    /// <param name="restabilise">Called with (customer, period) for each release: rewrites that customer's stabilised codes in <paramref name="segments"/> from that period on, the customer taking its raw segment there.</param>
    /// <returns>Per period, the customers released to their raw segment there.</returns>
    public static IReadOnlyList<IReadOnlyList<int>> ReleaseOverPeriods(IReadOnlyList<int[]> raw, IReadOnlyList<int[]> segments,
        Func<int, (int[] Minimum, int[] Maximum)?> bounds, Action<int, int> restabilise)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentNullException.ThrowIfNull(bounds);
        ArgumentNullException.ThrowIfNull(restabilise);
        var released = raw.Select(_ => new List<int>()).ToArray();
        for (var p = 0; p < raw.Count; p++)
        {
            if (bounds(p) is not { } limits)
                continue;
            foreach (var i in Release(raw[p], segments[p], limits.Minimum, limits.Maximum))
            {
                segments[p][i] = raw[p][i];
                released[p].Add(i);
                restabilise(i, p);
            }
        }
        return released;
    }

    /// <summary>The customers whose held segment gives way to their raw one, so every segment ends within its bounds.</summary>
    /// <param name="raw">Raw segment code per customer; negative where the customer has none.</param>
    /// <param name="held">Segment code per customer after hysteresis, aligned with <paramref name="raw"/>.</param>
    /// <param name="minimum">Fewest members per segment code, one entry per code (0 for an unbounded segment).</param>
    /// <param name="maximum">Most members per segment code, aligned with <paramref name="minimum"/> (int.MaxValue for an unbounded segment).</param>
    /// <returns>Indices of the released customers, ascending; empty when the held segments already fit.</returns>
    /// <exception cref="ArgumentException">The arrays disagree in length, or a code has no bounds.</exception>
    public static IReadOnlyList<int> Release(IReadOnlyList<int> raw, IReadOnlyList<int> held, IReadOnlyList<int> minimum, IReadOnlyList<int> maximum)
    {
        ArgumentNullException.ThrowIfNull(raw);
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(minimum);
        ArgumentNullException.ThrowIfNull(maximum);
        if (raw.Count != held.Count || minimum.Count != maximum.Count)
            throw new ArgumentException($"Expected raw and held segments of one length and bounds of one length; got {raw.Count}, {held.Count}, {minimum.Count} and {maximum.Count}.", nameof(held));

        var k = minimum.Count;
        var fixedSizes = new long[k];
        var rawSizes = new long[k];
        var movable = new List<int>();
        for (var i = 0; i < raw.Count; i++)
        {
            if (raw[i] < 0)
                continue;
            if (raw[i] >= k || held[i] >= k)
                throw new ArgumentException($"Customer {i}'s segment code {Math.Max(raw[i], held[i])} has no bounds; there are {k}.", nameof(minimum));
            rawSizes[raw[i]]++;
            if (held[i] >= 0 && held[i] != raw[i])
                movable.Add(i);
            else
                fixedSizes[raw[i]]++;
        }

        // A raw assignment outside the bounds (children inheriting a rolled-up account's segment) widens them to itself,
        // so releasing everyone always fits.
        var lower = new long[k];
        var upper = new long[k];
        var fits = true;
        var sizes = (long[])fixedSizes.Clone();
        foreach (var i in movable)
            sizes[held[i]]++;
        for (var g = 0; g < k; g++)
        {
            var (min, max) = (Math.Min(minimum[g], rawSizes[g]), Math.Max(maximum[g], rawSizes[g]));
            fits &= sizes[g] >= min && sizes[g] <= max;
            lower[g] = Math.Max(0, min - fixedSizes[g]);
            upper[g] = max - fixedSizes[g];
        }

        if (fits)
            return [];

        var m = movable.Count;
        var sink = m + k;
        using var flow = new MinCostFlow(m + k + 1, (2 * m) + k);
        for (var t = 0; t < m; t++)
        {
            // Arcs 2t (stay) and 2t + 1 (release), read back by index.
            flow.AddArcWithCapacityAndUnitCost(t, m + held[movable[t]], 1, 0);
            flow.AddArcWithCapacityAndUnitCost(t, m + raw[movable[t]], 1, 1);
            flow.SetNodeSupply(t, 1);
        }

        for (var g = 0; g < k; g++)
        {
            flow.AddArcWithCapacityAndUnitCost(m + g, sink, upper[g] - lower[g], 0);
            flow.SetNodeSupply(m + g, -lower[g]);
        }

        flow.SetNodeSupply(sink, -(m - lower.Sum()));
        var status = flow.Solve();
        if (status != MinCostFlowBase.Status.OPTIMAL)
            throw new InvalidOperationException($"Min-cost flow for the size limits after hysteresis ended with status {status} ({m} held customers, {k} segments).");
        return Enumerable.Range(0, m).Where(t => flow.Flow((2 * t) + 1) > 0).Select(t => movable[t]).ToList();
    }
}
