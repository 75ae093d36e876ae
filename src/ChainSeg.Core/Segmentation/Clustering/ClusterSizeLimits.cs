using System.Globalization;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Minimum and maximum number of members per cluster, given as counts or as shares of all points.
/// Shares resolve to counts as min = ⌈minShare·n⌉ and max = ⌊maxShare·n⌋, so a share is never undershot or overshot.
/// </summary>
public sealed record ClusterSizeLimits
{
    // Shares such as 0.1 × 30 come out as 3.0000000000000004; this slack keeps them at the intended integer.
    private const double RoundingSlack = 1e-9;

    private ClusterSizeLimits(double minimum, double maximum, bool areShares)
    {
        Minimum = minimum;
        Maximum = maximum;
        AreShares = areShares;
    }

    /// <summary>The lower bound per cluster (a count, or a share in [0, 1]).</summary>
    public double Minimum { get; }

    /// <summary>The upper bound per cluster (a count, or a share in [0, 1]).</summary>
    public double Maximum { get; }

    /// <summary>Whether the bounds are shares of the point count rather than counts.</summary>
    public bool AreShares { get; }

    /// <summary>Bounds as member counts per cluster.</summary>
    /// <exception cref="ArgumentOutOfRangeException">min &lt; 0, max &lt; 1 or min &gt; max.</exception>
    public static ClusterSizeLimits FromCounts(int minimum, int maximum)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minimum);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, 1);
        if (minimum > maximum)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimum), minimum, $"Minimum cluster size {minimum} exceeds the maximum {maximum}.");
        }

        return new ClusterSizeLimits(minimum, maximum, areShares: false);
    }

    /// <summary>Bounds as shares of all points per cluster (e.g. min_share 0.05, max_share 0.5).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A share is outside [0, 1], the maximum is 0, or min &gt; max.</exception>
    public static ClusterSizeLimits FromShares(double minimumShare, double maximumShare)
    {
        if (!(minimumShare >= 0 && minimumShare <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimumShare), minimumShare, $"Minimum share must be in [0, 1]; got {Format(minimumShare)}.");
        }

        if (!(maximumShare > 0 && maximumShare <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(maximumShare), maximumShare, $"Maximum share must be in (0, 1]; got {Format(maximumShare)}.");
        }

        if (minimumShare > maximumShare)
        {
            throw new ArgumentOutOfRangeException(
                nameof(minimumShare), minimumShare, $"Minimum share {Format(minimumShare)} exceeds the maximum share {Format(maximumShare)}.");
        }

        return new ClusterSizeLimits(minimumShare, maximumShare, areShares: true);
    }

    /// <summary>Whether k clusters can hold n points within the bounds (k·min ≤ n ≤ k·max).</summary>
    public bool IsFeasible(int pointCount, int clusterCount)
    {
        var (min, max) = Counts(pointCount);
        return (long)clusterCount * min <= pointCount && (long)clusterCount * max >= pointCount;
    }

    /// <summary>The bounds as member counts for n points and k clusters.</summary>
    /// <param name="pointCount">n, the points to assign.</param>
    /// <param name="clusterCount">k, the clusters.</param>
    /// <param name="distinctCap">The distinct points when they cap k below what was asked for, or null: more clusters are then no remedy, and the message says why.</param>
    /// <exception cref="ArgumentOutOfRangeException">n or k is not positive.</exception>
    /// <exception cref="ArgumentException">The bounds cannot be met: k·min &gt; n or k·max &lt; n (the message names the numbers).</exception>
    public (int Minimum, int Maximum) Resolve(int pointCount, int clusterCount, int? distinctCap = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusterCount);
        var (min, max) = Counts(pointCount);
        if ((long)clusterCount * min > pointCount)
        {
            throw new ArgumentException(MinimumUnmet(pointCount, clusterCount, min));
        }

        if ((long)clusterCount * max < pointCount)
        {
            throw new ArgumentException(MaximumUnmet(pointCount, clusterCount, max, distinctCap));
        }

        return (min, max);
    }

    /// <summary>
    /// Why no k in [<paramref name="smallest"/>, <paramref name="largest"/>] meets the bounds, told by the k with the most
    /// room: the largest when even it cannot hold n within the maximum, the smallest when even it needs more than n for the
    /// minimum, and the two neighbours the range breaks between otherwise. Null when some k in the range meets them.
    /// </summary>
    /// <param name="pointCount">n, the points to assign.</param>
    /// <param name="smallest">The smallest k tried.</param>
    /// <param name="largest">The largest k tried.</param>
    /// <param name="distinctCap">As for <see cref="Resolve"/>: the distinct points when they capped <paramref name="largest"/>, or null.</param>
    /// <exception cref="ArgumentOutOfRangeException">n or the smallest k is not positive, or the largest is below the smallest.</exception>
    internal string? Infeasibility(int pointCount, int smallest, int largest, int? distinctCap = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(smallest);
        ArgumentOutOfRangeException.ThrowIfLessThan(largest, smallest);
        var (min, max) = Counts(pointCount);
        if ((long)largest * max < pointCount)
        {
            return MaximumUnmet(pointCount, largest, max, distinctCap);
        }

        if ((long)smallest * min > pointCount)
        {
            return MinimumUnmet(pointCount, smallest, min);
        }

        // The k short of room for the maximum run up to some k, those needing too many for the minimum start right after it.
        // Either bound eased alone mends it: k + 1 clusters of ⌊n/(k+1)⌋ hold n within the maximum (k + 1 is not short of
        // room), and k clusters of at most ⌈n/k⌉ meet the minimum (k·min ≤ k·max < n).
        var shortOfRoom = (int)Math.Min(largest, (pointCount - 1L) / max);
        if (shortOfRoom < smallest || shortOfRoom == largest || (long)(shortOfRoom + 1) * min <= pointCount)
        {
            return null;
        }

        return $"Cluster size limits cannot be met by any k from {smallest} to {largest}: {Clusters(shortOfRoom)} × maximum {max}{Source(Maximum)} = "
            + $"{Members((long)shortOfRoom * max)}, fewer than the {pointCount} points, and {shortOfRoom + 1} clusters × minimum {min}{Source(Minimum)} = "
            + $"{(long)(shortOfRoom + 1) * min}, more than them; lower the minimum{Target(pointCount / (shortOfRoom + 1), pointCount, down: true)} "
            + $"or raise the maximum{Target(Ceiling(pointCount, shortOfRoom), pointCount, down: false)}.";
    }

    /// <summary>
    /// The bounds as member counts for n points and k clusters, eased to the nearest ones n can meet (the minimum down to
    /// ⌊n/k⌋, the maximum up to ⌈n/k⌉): a fitted model scores other dates, whose customers may be too few for the bounds
    /// the fit met, and scoring them as closely as they allow beats failing the run.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n or k is not positive.</exception>
    public (int Minimum, int Maximum) Eased(int pointCount, int clusterCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clusterCount);
        var (min, max) = Counts(pointCount);
        return (Math.Min(min, pointCount / clusterCount), Math.Max(max, (pointCount + clusterCount - 1) / clusterCount));
    }

    private (int Minimum, int Maximum) Counts(int pointCount)
    {
        if (!AreShares)
        {
            return ((int)Minimum, (int)Math.Min(Maximum, pointCount));
        }

        var min = (int)Math.Ceiling((Minimum * pointCount) - RoundingSlack);
        var max = (int)Math.Floor((Maximum * pointCount) + RoundingSlack);
        return (Math.Max(0, min), Math.Min(max, pointCount));
    }

    private string MinimumUnmet(int pointCount, int clusterCount, int min) =>
        $"Cluster size limits cannot be met: {Clusters(clusterCount)} × minimum {min}{Source(Minimum)} = "
        + $"{Members((long)clusterCount * min)}, but there {Agreement.For(pointCount, "is", "are")} only {pointCount} {Agreement.For(pointCount, "point")}; lower the minimum{Target(pointCount / clusterCount, pointCount, down: true)} or the number of clusters.";

    private string MaximumUnmet(int pointCount, int clusterCount, int max, int? distinctCap) =>
        $"Cluster size limits cannot be met: {Clusters(clusterCount)} × maximum {max}{Source(Maximum)} = "
        + $"{Members((long)clusterCount * max)}, fewer than the {pointCount} points; "
        + (distinctCap is { } cap
            ? $"raise the maximum{Target(Ceiling(pointCount, cap), pointCount, down: false)}: the {pointCount} points hold only {cap} distinct {Agreement.For(cap, "profile")}, so k cannot go above {cap}."
            : $"raise the maximum{Target(Ceiling(pointCount, clusterCount), pointCount, down: false)} or the number of clusters.");

    // The bound k clusters of n points can meet (⌊n/k⌋ for the minimum, ⌈n/k⌉ for the maximum), with the share that resolves
    // to it rounded to 3 decimals toward the side that still meets it, so the fix can be written into size: as it reads.
    private string Target(int count, int pointCount, bool down)
    {
        if (count < 1)
            return string.Empty;
        if (!AreShares)
            return $" to {count}";
        var share = down ? Math.Floor((count * 1000.0 / pointCount) + RoundingSlack) / 1000 : Math.Ceiling((count * 1000.0 / pointCount) - RoundingSlack) / 1000;
        return $" to {count} (share {Format(share)}{(down ? " or less" : share < 1 ? " or more" : string.Empty)})";
    }

    private static int Ceiling(int pointCount, int clusterCount) => (int)((pointCount + (long)clusterCount - 1) / clusterCount);

    private static string Clusters(int count) => $"{count} {Agreement.For(count, "cluster")}";

    private static string Members(long count) => $"{count} {Agreement.For(count, "member")}";

    private string Source(double bound) => AreShares ? $" (share {Format(bound)})" : string.Empty;

    private static string Format(double value) => value.ToString("G6", CultureInfo.InvariantCulture);
}
