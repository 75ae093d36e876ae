namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Silhouette coefficients (Rousseeuw 1987) with Euclidean distance: for point i, a = mean distance to the
/// other members of its cluster, b = the smallest mean distance to the members of another cluster, and
/// s = (b − a) / max(a, b); a point alone in its cluster scores 0. The computation is O(n²), so large data
/// is scored on a seeded sample (<see cref="Sample"/>), the approach ARCHITECTURE.md §7 prescribes.
/// </summary>
public static class Silhouette
{
    /// <summary>Sample size used when none is given: 4,000 points keep one score to about 16 M distance evaluations.</summary>
    public const int DefaultSampleSize = 4000;

    /// <summary>Mean silhouette over all given points.</summary>
    /// <exception cref="ArgumentException">Label count differs from the points, a label is negative, or fewer than 2 or more than n − 1 clusters are present.</exception>
    public static double Mean(FeatureMatrix points, IReadOnlyList<int> labels)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        var all = new int[points.Count];
        for (var i = 0; i < all.Length; i++)
        {
            all[i] = i;
        }

        return Mean(points, labels, all);
    }

    /// <summary>Mean silhouette over the points at <paramref name="indices"/>, using only those points as neighbours.</summary>
    /// <exception cref="ArgumentException">Label count differs from the points, a label is negative, or the indexed points hold fewer than 2 or more than m − 1 clusters.</exception>
    public static double Mean(FeatureMatrix points, IReadOnlyList<int> labels, IReadOnlyList<int> indices)
    {
        var scores = Scores(points, labels, indices);
        var sum = 0.0;
        foreach (var score in scores)
        {
            sum += score;
        }

        return sum / scores.Length;
    }

    /// <summary>Silhouette of each point at <paramref name="indices"/>, in the same order.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Mean(FeatureMatrix, IReadOnlyList{int}, IReadOnlyList{int})"/>.</exception>
    public static double[] Scores(FeatureMatrix points, IReadOnlyList<int> labels, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(indices);
        if (labels.Count != points.Count)
        {
            throw new ArgumentException($"Expected {points.Count} labels (one per point); got {labels.Count}.", nameof(labels));
        }

        var m = indices.Count;
        var local = new int[m];
        var clusters = 0;
        for (var t = 0; t < m; t++)
        {
            var label = labels[indices[t]];
            if (label < 0)
            {
                throw new ArgumentException($"Label of point {indices[t]} is {label}; labels must be ≥ 0.", nameof(labels));
            }

            local[t] = label;
            clusters = Math.Max(clusters, label + 1);
        }

        var sizes = new int[clusters];
        foreach (var label in local)
        {
            sizes[label]++;
        }

        var present = sizes.Count(s => s > 0);
        if (present < 2 || present > m - 1)
        {
            throw new ArgumentException(
                $"Silhouette needs between 2 and {m - 1} clusters among the {m} scored points; got {present}.", nameof(labels));
        }

        var x = points.Buffer;
        var d = points.Dimensions;
        var scores = new double[m];

        // Each point's score depends only on read-only inputs, so the parallel loop is deterministic.
        Parallel.For(0, m, () => new double[clusters], (t, _, totals) =>
        {
            Array.Clear(totals);
            var offset = indices[t] * d;
            for (var u = 0; u < m; u++)
            {
                totals[local[u]] += Math.Sqrt(LloydKernel.SquaredDistance(x, offset, x, indices[u] * d, d));
            }

            var own = local[t];
            if (sizes[own] == 1)
            {
                scores[t] = 0.0;
                return totals;
            }

            var a = totals[own] / (sizes[own] - 1);
            var b = double.PositiveInfinity;
            for (var h = 0; h < clusters; h++)
            {
                if (h != own && sizes[h] > 0)
                {
                    b = Math.Min(b, totals[h] / sizes[h]);
                }
            }

            var larger = Math.Max(a, b);
            scores[t] = larger > 0 ? (b - a) / larger : 0.0;
            return totals;
        }, _ => { });

        return scores;
    }

    /// <summary>
    /// A seeded sample of point indices without replacement (partial Fisher–Yates), sorted ascending; all
    /// indices when n ≤ <paramref name="size"/>. The same sample serves every k so their scores compare.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">n or size is not positive.</exception>
    public static int[] Sample(int pointCount, int size, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pointCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(size);
        var indices = new int[pointCount];
        for (var i = 0; i < pointCount; i++)
        {
            indices[i] = i;
        }

        if (pointCount <= size)
        {
            return indices;
        }

        var random = new Random(seed);
        for (var t = 0; t < size; t++)
        {
            var swap = random.Next(t, pointCount);
            (indices[t], indices[swap]) = (indices[swap], indices[t]);
        }

        var sample = indices.AsSpan(0, size).ToArray();
        Array.Sort(sample);
        return sample;
    }
}
