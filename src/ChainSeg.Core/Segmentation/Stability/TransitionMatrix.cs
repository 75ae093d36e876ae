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

    private TransitionMatrix(IReadOnlyList<string> segments, int[,] counts, int[] entered, int[] left)
    {
        Segments = segments;
        _index = segments.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
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

    /// <summary>Customers only in the later assignment.</summary>
    public int TotalEntered => _entered.Sum();

    /// <summary>Customers only in the earlier assignment.</summary>
    public int TotalLeft => _left.Sum();

    /// <summary>Every cell, row by row in segment order (including zeros, so a table prints square).</summary>
    public IReadOnlyList<TransitionCell> Cells =>
        Segments.SelectMany(from => Segments.Select(to => new TransitionCell(from, to, Count(from, to), RowShare(from, to)))).ToList();

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

        var segments = before.Concat(after).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var index = segments.Select((s, i) => (s, i)).ToDictionary(p => p.s, p => p.i, StringComparer.Ordinal);
        var counts = new int[segments.Count, segments.Count];
        var entered = new int[segments.Count];
        var left = new int[segments.Count];
        for (var i = 0; i < before.Count; i++)
        {
            var (from, to) = (before[i], after[i]);
            if (from is not null && to is not null)
            {
                counts[index[from], index[to]]++;
            }
            else if (from is not null)
            {
                left[index[from]]++;
            }
            else if (to is not null)
            {
                entered[index[to]]++;
            }
        }

        return new TransitionMatrix(segments, counts, entered, left);
    }

    /// <summary>Customers in <paramref name="from"/> before and <paramref name="to"/> after.</summary>
    /// <exception cref="ArgumentException">A segment is not in <see cref="Segments"/>.</exception>
    public int Count(string from, string to) => _counts[Index(from), Index(to)];

    /// <summary>Share of the customers in <paramref name="from"/> (present on both sides) that moved to <paramref name="to"/>.</summary>
    /// <exception cref="ArgumentException">A segment is not in <see cref="Segments"/>.</exception>
    public double RowShare(string from, string to)
    {
        var row = Index(from);
        var total = 0;
        for (var b = 0; b < Segments.Count; b++)
        {
            total += _counts[row, b];
        }

        return total == 0 ? 0.0 : (double)_counts[row, Index(to)] / total;
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
