namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Lloyd's k-means with k-means++ seeding. Several seeded initialisations run one after another (each one
/// parallel inside, with a fixed reduction order) and the lowest inertia wins, ties to the earlier run, so a
/// seed always reproduces the same labels and inertia. An empty cluster is re-seeded with the point farthest
/// from its centroid.
/// </summary>
public static class KMeans
{
    /// <summary>Fits k clusters to the points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="ArgumentException">k exceeds the number of distinct points (the message names both).</exception>
    public static KMeansResult Fit(FeatureMatrix points, KMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var k = options.ClusterCount;
        EnsureDistinctPoints(points, k);

        var threshold = options.Tolerance * MeanVariance(points);
        var seeds = InitSeeds(options);
        KMeansResult? best = null;
        foreach (var seed in seeds)
        {
            var candidate = FitOnce(points, k, new Random(seed), options.MaxIterations, threshold);
            if (best is null || candidate.Inertia < best.Inertia)
            {
                best = candidate;
            }
        }

        return best!;
    }

    /// <summary>Rejects k above the number of distinct points, naming both numbers.</summary>
    /// <exception cref="ArgumentException">Fewer distinct points than k.</exception>
    internal static void EnsureDistinctPoints(FeatureMatrix points, int k)
    {
        var distinct = points.CountDistinct(k);
        if (distinct < k)
        {
            throw new ArgumentException(
                $"k = {k} clusters exceeds the {distinct} distinct {Agreement.For(distinct, "point")} among {points.Count}; choose k ≤ {distinct}.",
                nameof(points));
        }
    }

    /// <summary>One seed per initialisation, drawn from the master seed so that adding inits keeps the earlier ones.</summary>
    internal static int[] InitSeeds(KMeansOptions options)
    {
        var master = new Random(options.Seed);
        var seeds = new int[options.InitCount];
        for (var r = 0; r < seeds.Length; r++)
        {
            seeds[r] = master.Next();
        }

        return seeds;
    }

    /// <summary>Mean over dimensions of the population variance: the scale the tolerance is relative to.</summary>
    internal static double MeanVariance(FeatureMatrix points)
    {
        // Two row-major passes (means, then squared deviations) read the flat array in memory order.
        var x = points.Values;
        var n = points.Count;
        var d = points.Dimensions;
        var means = new double[d];
        for (var i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            for (var j = 0; j < d; j++)
            {
                means[j] += row[j];
            }
        }

        for (var j = 0; j < d; j++)
        {
            means[j] /= n;
        }

        var squares = 0.0;
        for (var i = 0; i < n; i++)
        {
            var row = x.Slice(i * d, d);
            for (var j = 0; j < d; j++)
            {
                var delta = row[j] - means[j];
                squares += delta * delta;
            }
        }

        return squares / n / d;
    }

    internal static KMeansResult ToResult(double[] centroids, int k, int d, int[] labels, int[] sizes, double inertia, int iterations, bool converged)
    {
        var rows = new double[k][];
        for (var h = 0; h < k; h++)
        {
            rows[h] = centroids.AsSpan(h * d, d).ToArray();
        }

        return new KMeansResult(rows, (int[])labels.Clone(), (int[])sizes.Clone(), inertia, iterations, converged);
    }

    private static KMeansResult FitOnce(FeatureMatrix points, int k, Random random, int maxIterations, double threshold) =>
        Lloyd(points, KMeansPlusPlusSeeding.Seed(points, k, random), new LloydKernel(points, k), maxIterations, threshold);

    /// <summary>Lloyd iterations from the given centroids (updated in place) until the tolerance or the cap.</summary>
    internal static KMeansResult Lloyd(FeatureMatrix points, double[] centroids, LloydKernel kernel, int maxIterations, double threshold)
    {
        var k = centroids.Length / points.Dimensions;
        var converged = false;
        var iterations = 0;
        var inertia = 0.0;
        while (iterations < maxIterations)
        {
            iterations++;
            (inertia, var changed) = kernel.AssignNearest(centroids);
            var moved = kernel.RelocateEmptyClusters();
            if (changed == 0 && moved == 0)
            {
                // Labels are already the nearest-centroid labels of centroids that are their means: a fixed point.
                converged = true;
                break;
            }

            var shift = kernel.UpdateCentroids(centroids);
            if (shift <= threshold)
            {
                converged = true;
                (inertia, _) = kernel.AssignNearest(centroids);
                break;
            }
        }

        if (!converged)
        {
            // Labels must match the reported centroids, so finish with an assignment to the last update.
            (inertia, _) = kernel.AssignNearest(centroids);
        }

        return ToResult(centroids, k, points.Dimensions, kernel.Labels, kernel.Counts, inertia, iterations, converged);
    }
}
