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
        ArgumentNullException.ThrowIfNull(labels);
        return Means(points, [labels], indices)[0];
    }

    /// <summary>Silhouette of each point at <paramref name="indices"/>, in the same order.</summary>
    /// <exception cref="ArgumentException">As for <see cref="Mean(FeatureMatrix, IReadOnlyList{int}, IReadOnlyList{int})"/>.</exception>
    public static double[] Scores(FeatureMatrix points, IReadOnlyList<int> labels, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ScoresOf(points, [labels], indices)[0];
    }

    /// <summary>
    /// The mean silhouette of each labelling of the same points over the points at <paramref name="indices"/>, as
    /// <see cref="Mean(FeatureMatrix, IReadOnlyList{int}, IReadOnlyList{int})"/> gives it for one: every distance
    /// between two indexed points is computed once for all labellings (e.g. every candidate k of one sample).
    /// </summary>
    /// <exception cref="ArgumentException">As for <see cref="Mean(FeatureMatrix, IReadOnlyList{int}, IReadOnlyList{int})"/>, for any labelling.</exception>
    public static double[] Means(FeatureMatrix points, IReadOnlyList<IReadOnlyList<int>> labellings, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(labellings);
        return ScoresOf(points, labellings, indices).Select(scores =>
        {
            var sum = 0.0;
            foreach (var score in scores)
            {
                sum += score;
            }

            return sum / scores.Length;
        }).ToArray();
    }

    private static double[][] ScoresOf(FeatureMatrix points, IReadOnlyList<IReadOnlyList<int>> labellings, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(indices);
        var m = indices.Count;
        var count = labellings.Count;
        var local = new int[count][];
        var sizes = new int[count][];
        for (var l = 0; l < count; l++)
        {
            (local[l], sizes[l]) = SampleLabels(points, labellings[l], indices);
        }

        // Totals per labelling side by side, each as wide as the most clusters any labelling has.
        var width = sizes.Max(s => s.Length);
        // The indexed points copied next to each other: the inner loop then reads m consecutive rows that stay in cache,
        // instead of rows scattered over the whole matrix. The same values, so the same distances to the last bit.
        var d = points.Dimensions;
        var x = new double[m * d];
        for (var t = 0; t < m; t++)
        {
            points.Row(indices[t]).CopyTo(x.AsSpan(t * d, d));
        }

        var scores = new double[count][];
        for (var l = 0; l < count; l++)
        {
            scores[l] = new double[m];
        }

        // Each point's score depends only on read-only inputs, so the parallel loop is deterministic.
        Parallel.For(0, m, () => new double[count * width], (t, _, totals) =>
        {
            Array.Clear(totals);
            var offset = t * d;
            for (var u = 0; u < m; u++)
            {
                var distance = Math.Sqrt(LloydKernel.SquaredDistance(x, offset, x, u * d, d));
                for (var l = 0; l < count; l++)
                {
                    totals[(l * width) + local[l][u]] += distance;
                }
            }

            for (var l = 0; l < count; l++)
            {
                scores[l][t] = Score(totals.AsSpan(l * width, sizes[l].Length), sizes[l], local[l][t]);
            }

            return totals;
        }, _ => { });

        return scores;
    }

    // The labels of the indexed points and each cluster's size among them, after checking the labelling.
    private static (int[] Local, int[] Sizes) SampleLabels(FeatureMatrix points, IReadOnlyList<int> labels, IReadOnlyList<int> indices)
    {
        ArgumentNullException.ThrowIfNull(labels);
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

        return (local, sizes);
    }

    // One point's silhouette from its summed distances to each cluster's members (itself included, at distance 0).
    private static double Score(ReadOnlySpan<double> totals, int[] sizes, int own)
    {
        if (sizes[own] == 1)
        {
            return 0.0;
        }

        var a = totals[own] / (sizes[own] - 1);
        var b = double.PositiveInfinity;
        for (var h = 0; h < sizes.Length; h++)
        {
            if (h != own && sizes[h] > 0)
            {
                b = Math.Min(b, totals[h] / sizes[h]);
            }
        }

        var larger = Math.Max(a, b);
        return larger > 0 ? (b - a) / larger : 0.0;
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
