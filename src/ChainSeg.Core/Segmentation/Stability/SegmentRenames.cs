namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Finds segments renamed between two assignments: a segment of the earlier side and a differently named one of the later
/// side that hold nearly the same customers, each way. k-means names a cluster from its centroid, so a centroid that
/// drifts across a naming edge renames the cluster though its customers stay; a model whose segment is renamed in its
/// definition does the same. The raw changed share counts all those customers as moving.
/// </summary>
public static class SegmentRenames
{
    /// <summary>
    /// Share of a segment's customers, on each side, the pair must hold to count as one segment renamed: 90 %.
    /// </summary>
    // 90 % each way makes the pair's Jaccard overlap at least 0.9 / (2 − 0.9) = 0.82, within what Hennig (2007, CSDA 52,
    // 258–271; fpc::clusterboot's help) calls one stable cluster found again (0.75, "highly stable" from 0.85), while leaving
    // room for the few customers at a cluster's border that any refit moves (the generated company's 92.7 % and 95.1 %).
    public const double MinShare = 0.9;

    /// <summary>The likely renames in <paramref name="transitions"/>, by earlier name: pairs of differently named segments whose customers in both are each at least <paramref name="minShare"/> of either segment's.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minShare"/> is not in (0.5, 1].</exception>
    public static IReadOnlyList<SegmentRename> In(TransitionMatrix transitions, double minShare = MinShare)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        // Above one half a segment holds that share with one other segment at most, so each is paired once and a tie
        // between two candidates cannot arise.
        if (!(minShare > 0.5 && minShare <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(minShare), minShare, "The share must be in (0.5, 1]: above one half, so each segment pairs with one other at most.");
        }

        var segments = transitions.Segments;
        var rows = segments.ToDictionary(s => s, s => segments.Sum(to => transitions.Count(s, to)), StringComparer.Ordinal);
        var columns = segments.ToDictionary(s => s, s => segments.Sum(from => transitions.Count(from, s)), StringComparer.Ordinal);
        var renames = new List<SegmentRename>();
        foreach (var from in segments)
        {
            foreach (var to in segments)
            {
                var customers = transitions.Count(from, to);
                // A row or column nobody is in on both sides has customers = 0 too: no share to judge, so never a rename.
                if (customers == 0 || string.Equals(from, to, StringComparison.Ordinal))
                {
                    continue;
                }

                var (ofFrom, ofTo) = ((double)customers / rows[from], (double)customers / columns[to]);
                if (ofFrom >= minShare && ofTo >= minShare)
                {
                    renames.Add(new SegmentRename(from, to, customers, ofFrom, ofTo));
                }
            }
        }

        return renames;
    }

    /// <summary>Customers in both whose later segment is not the one their earlier segment became: its rename in <paramref name="renames"/>, else itself.</summary>
    // Following each segment to its new name, not subtracting the renamed pairs' counts: where two segments swap names,
    // a customer left under the old name sits in the other cluster, which the diagonal reads as staying.
    public static int ChangedApartFrom(TransitionMatrix transitions, IReadOnlyList<SegmentRename> renames)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        ArgumentNullException.ThrowIfNull(renames);
        var became = renames.ToDictionary(r => r.From, r => r.To, StringComparer.Ordinal);
        var changed = 0;
        foreach (var from in transitions.Segments)
        {
            var now = became.GetValueOrDefault(from, from);
            foreach (var to in transitions.Segments)
            {
                if (!string.Equals(to, now, StringComparison.Ordinal))
                {
                    changed += transitions.Count(from, to);
                }
            }
        }

        return changed;
    }

    /// <summary><see cref="ChangedApartFrom"/> ÷ customers in both; 0 when no customer is in both, as <see cref="TransitionMatrix.ShareChanged"/>.</summary>
    public static double ShareChangedApartFrom(TransitionMatrix transitions, IReadOnlyList<SegmentRename> renames)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        return transitions.CustomersInBoth == 0 ? 0.0 : (double)ChangedApartFrom(transitions, renames) / transitions.CustomersInBoth;
    }
}
