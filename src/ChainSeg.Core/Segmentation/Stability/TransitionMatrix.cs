namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Segment-to-segment movements between two assignments (consecutive periods, two runs or two models).
/// Rows and columns cover every segment seen on either side, in ordinal order. Customers present on both
/// sides fill the matrix; customers only in the later assignment count as entered (by their new segment),
/// customers only in the earlier one as left (by their old segment); neither enters the row shares.
/// </summary>
public sealed class TransitionMatrix
{
    private readonly Dictionary<string, int> _index;
    private readonly int[,] _counts;
    private readonly int[] _entered;
    private readonly int[] _left;

    private TransitionMatrix(IReadOnlyList<string> segments, Dictionary<string, int> index, int[,] counts, int[] entered, int[] left)
    {
        Segments = segments;
        _index = index;
        _counts = counts;
        _entered = entered;
        _left = left;
        for (var a = 0; a < segments.Count; a++)
        {
            for (var b = 0; b < segments.Count; b++)
            {
                CustomersInBoth += counts[a, b];
                Changed += a == b ? 0 : counts[a, b];
            }
        }
    }

    /// <summary>Every segment on either side, ordinal order.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>Customers present in both assignments.</summary>
    public int CustomersInBoth { get; }

    /// <summary>Customers present in both assignments whose segment differs.</summary>
    public int Changed { get; }

    /// <summary>Changed ÷ customers in both; 0 when no customer is in both.</summary>
    public double ShareChanged => CustomersInBoth == 0 ? 0.0 : (double)Changed / CustomersInBoth;

    /// <summary>Adjusted Rand index of the customers present in both assignments; NaN when fewer than two are.</summary>
    public double AdjustedRandIndex => CustomersInBoth >= 2 ? Stability.AdjustedRandIndex.FromContingency(_counts) : double.NaN;

    /// <summary>Customers only in the later assignment.</summary>
    public int TotalEntered => _entered.Sum();

    /// <summary>Customers only in the earlier assignment.</summary>
    public int TotalLeft => _left.Sum();

    /// <summary>Every cell, row by row in segment order (including zeros, so a table prints square); no row share in a row nobody is in.</summary>
    // A segment only the later side has (or whose customers all left) has no customers to share out: 0 in each of its cells
    // read as 'nobody stayed', and the row's shares summed to 0 instead of 1.
    public IReadOnlyList<TransitionCell> Cells =>
        Segments.SelectMany(from => Segments.Select(to => new TransitionCell(from, to, Count(from, to),
            RowTotal(Index(from)) == 0 ? null : RowShare(from, to)))).ToList();

    /// <summary>Builds the matrix from two customer → segment maps.</summary>
    public static TransitionMatrix Between(IReadOnlyDictionary<string, string> before, IReadOnlyDictionary<string, string> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var customers = before.Keys.Union(after.Keys, StringComparer.Ordinal).ToList();
        return Between(customers.Select(c => before.GetValueOrDefault(c)).ToList(), customers.Select(c => after.GetValueOrDefault(c)).ToList());
    }

    /// <summary>Builds the matrix from two periods' segments of the same customers, one per index; null where a customer has none that period.</summary>
    /// <exception cref="ArgumentException">The two lists differ in length.</exception>
    public static TransitionMatrix Between(IReadOnlyList<string?> before, IReadOnlyList<string?> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.Count != after.Count)
        {
            throw new ArgumentException($"Both periods must list the same customers; got {before.Count} and {after.Count}.", nameof(after));
        }

        var codebook = new SegmentCodebook();
        var beforeCodes = new int[before.Count];
        var afterCodes = new int[after.Count];
        for (var i = 0; i < before.Count; i++)
        {
            beforeCodes[i] = codebook.Code(before[i]);
            afterCodes[i] = codebook.Code(after[i]);
        }

        return Between(codebook.Names, beforeCodes, afterCodes);
    }

    /// <summary>
    /// Builds the matrix from two periods' segment codes of the same customers, one per index: code c stands for
    /// <paramref name="names"/>[c], a negative code for no segment that period.
    /// </summary>
    /// <exception cref="ArgumentException">The two spans differ in length, or a code has no name.</exception>
    public static TransitionMatrix Between(IReadOnlyList<string> names, ReadOnlySpan<int> before, ReadOnlySpan<int> after)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (before.Length != after.Length)
        {
            throw new ArgumentException($"Both periods must list the same customers; got {before.Length} and {after.Length}.", nameof(after));
        }

        // Rows and columns are the names used on either side, in ordinal order; index maps a code to its row.
        var used = new bool[names.Count];
        MarkUsed(names.Count, before, used);
        MarkUsed(names.Count, after, used);
        var segments = Enumerable.Range(0, names.Count).Where(c => used[c]).Select(c => names[c]).Order(StringComparer.Ordinal).ToList();
        var row = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var segment in segments)
        {
            if (!row.TryAdd(segment, row.Count))
            {
                throw new ArgumentException($"Segment '{segment}' has two codes; give each name once.", nameof(names));
            }
        }

        var index = new int[names.Count];
        for (var c = 0; c < names.Count; c++)
        {
            index[c] = used[c] ? row[names[c]] : -1;
        }

        var counts = new int[segments.Count, segments.Count];
        var entered = new int[segments.Count];
        var left = new int[segments.Count];
        for (var i = 0; i < before.Length; i++)
        {
            var (from, to) = (before[i], after[i]);
            if (from >= 0 && to >= 0)
            {
                counts[index[from], index[to]]++;
            }
            else if (from >= 0)
            {
                left[index[from]]++;
            }
            else if (to >= 0)
            {
                entered[index[to]]++;
            }
        }

        return new TransitionMatrix(segments, row, counts, entered, left);
    }

    /// <summary>Builds the matrix from counted pairs, as a grouped count gives them: customers in From before and To after; a null From counts them as entered, a null To as left. Pairs listed twice add up.</summary>
    /// <exception cref="ArgumentException">A count is negative, or a pair has neither side.</exception>
    // A store counts two assignments of many customers in one grouped query; passing each customer through C# to
    // count them again cost a read of every row.
    public static TransitionMatrix FromCounts(IEnumerable<(string? From, string? To, int Customers)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        var pairs = counts.ToList();
        foreach (var (from, to, customers) in pairs)
        {
            if (customers < 0)
            {
                throw new ArgumentException($"Pair '{from}' → '{to}' counts {customers} customers; a count is 0 or more.", nameof(counts));
            }

            if (from is null && to is null)
            {
                throw new ArgumentException("A pair needs a segment on one side at least; a customer in neither assignment is no transition.", nameof(counts));
            }
        }

        var segments = pairs.SelectMany(p => new[] { p.From, p.To }).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var row = segments.Select((segment, i) => (segment, i)).ToDictionary(x => x.segment, x => x.i, StringComparer.Ordinal);
        var matrix = new int[segments.Count, segments.Count];
        var entered = new int[segments.Count];
        var left = new int[segments.Count];
        foreach (var (from, to, customers) in pairs)
        {
            if (from is not null && to is not null)
            {
                matrix[row[from], row[to]] += customers;
            }
            else if (from is not null)
            {
                left[row[from]] += customers;
            }
            else
            {
                entered[row[to!]] += customers;
            }
        }

        return new TransitionMatrix(segments, row, matrix, entered, left);
    }

    private static void MarkUsed(int names, ReadOnlySpan<int> codes, bool[] used)
    {
        foreach (var code in codes)
        {
            if (code >= names)
            {
                throw new ArgumentException($"Segment code {code} has no name; {names} names given.", nameof(names));
            }

            if (code >= 0)
            {
                used[code] = true;
            }
        }
    }

    /// <summary>Customers in <paramref name="from"/> before and <paramref name="to"/> after.</summary>
    /// <exception cref="ArgumentException">A segment is not in <see cref="Segments"/>.</exception>
    public int Count(string from, string to) => _counts[Index(from), Index(to)];

    /// <summary>Share of the customers in <paramref name="from"/> (present on both sides) that moved to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">A segment is not in <see cref="Segments"/>.</exception>
    public double RowShare(string from, string to)
    {
        var row = Index(from);
        var total = RowTotal(row);
        return total == 0 ? 0.0 : (double)_counts[row, Index(to)] / total;
    }

    private int RowTotal(int row)
    {
        var total = 0;
        for (var b = 0; b < Segments.Count; b++)
        {
            total += _counts[row, b];
        }

        return total;
    }

    /// <summary>Customers only in the later assignment, in <paramref name="segment"/>.</summary>
    /// <exception cref="ArgumentException">The segment is not in <see cref="Segments"/>.</exception>
    public int Entered(string segment) => _entered[Index(segment)];

    /// <summary>Customers only in the earlier assignment, who were in <paramref name="segment"/>.</summary>
    /// <exception cref="ArgumentException">The segment is not in <see cref="Segments"/>.</exception>
    public int Left(string segment) => _left[Index(segment)];

    private int Index(string segment) =>
        _index.TryGetValue(segment, out var i)
            ? i
            : throw new ArgumentException($"Segment '{segment}' appears in neither assignment; known: [{string.Join(", ", Segments)}].", nameof(segment));
}
