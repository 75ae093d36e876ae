using ChainSeg.Core.Segmentation;

namespace ChainSeg.Data.Segmentation;

/// <summary>
/// Every customer of a model's periods in ordinal order, and per period (oldest first) each one's assignment (null: none
/// that period), so the periods line up by index instead of by a lookup per customer and period.
/// </summary>
internal sealed record PeriodGrid(string[] Customers, SegmentAssignment?[][] Assignments)
{
    /// <summary>Lines up the periods' assignments (each lists a customer at most once).</summary>
    /// <exception cref="ArgumentException">A period lists a customer twice.</exception>
    public static PeriodGrid Of(IReadOnlyList<IReadOnlyList<SegmentAssignment>> periods) => Merged(periods) ?? Slotted(periods);

    // Snapshots are read in customer order, so each period's assignments usually come sorted: a merge of the sorted
    // lists then lines the periods up without hashing or sorting 200 k ids per model. Null when a list is not in
    // strictly ascending ordinal order (or repeats a customer), for Slotted to handle.
    private static PeriodGrid? Merged(IReadOnlyList<IReadOnlyList<SegmentAssignment>> periods)
    {
        if (periods.Count == 0 || !periods.All(Ascending))
            return null;
        // Most often every period lists the same customers (a snapshot has a row for every customer, active or not).
        if (periods.All(p => SameCustomers(p, periods[0])))
            return new PeriodGrid([.. periods[0].Select(a => a.CustomerId)], [.. periods.Select(p => p.ToArray<SegmentAssignment?>())]);
        var customers = new List<string>(periods.Max(p => p.Count));
        var columns = periods.Select(_ => new List<SegmentAssignment?>(customers.Capacity)).ToArray();
        var next = new int[periods.Count];
        while (true)
        {
            string? least = null;
            for (var p = 0; p < periods.Count; p++)
                if (next[p] < periods[p].Count && (least is null || string.CompareOrdinal(periods[p][next[p]].CustomerId, least) < 0))
                    least = periods[p][next[p]].CustomerId;
            if (least is null)
                break;
            customers.Add(least);
            for (var p = 0; p < periods.Count; p++)
                columns[p].Add(next[p] < periods[p].Count && periods[p][next[p]].CustomerId == least ? periods[p][next[p]++] : null);
        }
        return new PeriodGrid([.. customers], [.. columns.Select(c => c.ToArray())]);
    }

    private static bool Ascending(IReadOnlyList<SegmentAssignment> period)
    {
        for (var j = 1; j < period.Count; j++)
            if (string.CompareOrdinal(period[j - 1].CustomerId, period[j].CustomerId) >= 0)
                return false;
        return true;
    }

    private static bool SameCustomers(IReadOnlyList<SegmentAssignment> period, IReadOnlyList<SegmentAssignment> first)
    {
        if (period.Count != first.Count)
            return false;
        for (var j = 0; j < period.Count; j++)
            if (!string.Equals(period[j].CustomerId, first[j].CustomerId, StringComparison.Ordinal))
                return false;
        return true;
    }

    private static PeriodGrid Slotted(IReadOnlyList<IReadOnlyList<SegmentAssignment>> periods)
    {
        var slots = new Dictionary<string, int>(StringComparer.Ordinal);
        var slotOf = new int[periods.Count][];
        for (var p = 0; p < periods.Count; p++)
        {
            slotOf[p] = new int[periods[p].Count];
            for (var j = 0; j < slotOf[p].Length; j++)
            {
                var id = periods[p][j].CustomerId;
                if (!slots.TryGetValue(id, out var slot))
                    slots.Add(id, slot = slots.Count);
                slotOf[p][j] = slot;
            }
        }
        var customers = slots.Keys.ToArray();
        var order = Enumerable.Range(0, customers.Length).ToArray();
        Array.Sort(customers, order, StringComparer.Ordinal);
        var rank = new int[order.Length];
        for (var r = 0; r < order.Length; r++)
            rank[order[r]] = r;
        var grid = new SegmentAssignment?[periods.Count][];
        for (var p = 0; p < periods.Count; p++)
        {
            grid[p] = new SegmentAssignment?[customers.Length];
            for (var j = 0; j < slotOf[p].Length; j++)
            {
                ref var cell = ref grid[p][rank[slotOf[p][j]]];
                if (cell is not null)
                    throw new ArgumentException($"Customer '{periods[p][j].CustomerId}' has two assignments in period {p + 1}.", nameof(periods));
                cell = periods[p][j];
            }
        }
        return new PeriodGrid(customers, grid);
    }
}
