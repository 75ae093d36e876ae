namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Adjusted Rand index of two labelings of the same items (Hubert &amp; Arabie 1985): the share of item
/// pairs on which they agree, corrected for chance. 1 for identical partitions (whatever the label names),
/// about 0 for independent ones, negative when they agree less than chance would.
/// ARI = (Σᵢⱼ C(nᵢⱼ,2) − E) / (½[Σᵢ C(aᵢ,2) + Σⱼ C(bⱼ,2)] − E), E = Σᵢ C(aᵢ,2)·Σⱼ C(bⱼ,2) / C(n,2),
/// over the contingency table nᵢⱼ with row sums aᵢ and column sums bⱼ.
/// </summary>
public static class AdjustedRandIndex
{
    /// <summary>ARI of two labelings given item by item in the same order.</summary>
    /// <remarks>The denominator vanishes only when both labelings put all items in one group or all in singletons (or n &lt; 2); the partitions are then identical and the result is 1.</remarks>
    /// <exception cref="ArgumentException">The labelings differ in length.</exception>
    public static double Compute<TLabel>(IReadOnlyList<TLabel> first, IReadOnlyList<TLabel> second)
        where TLabel : notnull
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        if (first.Count != second.Count)
        {
            throw new ArgumentException(
                $"Both labelings must cover the same items; got {first.Count} and {second.Count} labels.", nameof(second));
        }

        var firstIds = new Dictionary<TLabel, int>();
        var secondIds = new Dictionary<TLabel, int>();
        var cells = new Dictionary<(int, int), long>();
        for (var i = 0; i < first.Count; i++)
        {
            var a = Id(firstIds, first[i]);
            var b = Id(secondIds, second[i]);
            cells[(a, b)] = cells.GetValueOrDefault((a, b)) + 1;
        }

        var rows = new long[firstIds.Count];
        var columns = new long[secondIds.Count];
        var together = 0.0;
        foreach (var ((a, b), count) in cells)
        {
            rows[a] += count;
            columns[b] += count;
            together += Pairs(count);
        }

        return Index(together, rows, columns, first.Count);
    }

    /// <summary>ARI from a contingency table: <paramref name="table"/>[i, j] items labelled i by the first labeling and j by the second.</summary>
    /// <remarks>The same value as <see cref="Compute{TLabel}(IReadOnlyList{TLabel}, IReadOnlyList{TLabel})"/> over the items the table counts, without a label per item.</remarks>
    public static double FromContingency(int[,] table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var rows = new long[table.GetLength(0)];
        var columns = new long[table.GetLength(1)];
        var together = 0.0;
        var n = 0L;
        for (var a = 0; a < rows.Length; a++)
        {
            for (var b = 0; b < columns.Length; b++)
            {
                rows[a] += table[a, b];
                columns[b] += table[a, b];
                together += Pairs(table[a, b]);
                n += table[a, b];
            }
        }

        return Index(together, rows, columns, n);
    }

    /// <summary>ARI of two customer → segment maps over the customers present in both (e.g. two runs or two models).</summary>
    /// <exception cref="ArgumentException">The maps share no customer.</exception>
    public static double Compute(IReadOnlyDictionary<string, string> first, IReadOnlyDictionary<string, string> second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var left = new List<string>();
        var right = new List<string>();
        foreach (var customer in first.Keys.Order(StringComparer.Ordinal))
        {
            if (second.TryGetValue(customer, out var segment))
            {
                left.Add(first[customer]);
                right.Add(segment);
            }
        }

        if (left.Count == 0)
        {
            throw new ArgumentException(
                $"The assignments share no customer ({first.Count} and {second.Count} customers); the index is undefined.", nameof(second));
        }

        return Compute<string>(left, right);
    }

    private static int Id<TLabel>(Dictionary<TLabel, int> ids, TLabel label)
        where TLabel : notnull
    {
        if (!ids.TryGetValue(label, out var id))
        {
            id = ids.Count;
            ids[label] = id;
        }

        return id;
    }

    // Every pair count is a whole number below 2^53 (n ≤ 2^26 items), so the sums are exact in any order.
    private static double Index(double together, long[] rows, long[] columns, long n)
    {
        var rowPairs = rows.Sum(Pairs);
        var columnPairs = columns.Sum(Pairs);
        var allPairs = Pairs(n);
        var expected = allPairs > 0 ? rowPairs * columnPairs / allPairs : 0.0;
        var maximum = (rowPairs + columnPairs) / 2.0;
        var denominator = maximum - expected;
        return denominator == 0 ? 1.0 : (together - expected) / denominator;
    }

    private static double Pairs(long count) => count * (count - 1) / 2.0;
}
