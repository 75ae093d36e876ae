namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Constrained k-means (Bradley, Bennett &amp; Demiriz 2000): alternate the optimal size-bounded assignment
/// (<see cref="SizeConstrainedAssignment"/>, a min-cost flow) with moving each centroid to its members' mean.
/// Neither step raises the summed squared distance, so the loop ends at a local optimum that respects the
/// bounds; it stops when the assignment no longer changes or the centroids move less than the tolerance.
/// The paper starts from arbitrary centroids; here each initialisation is k-means++ seeds refined by
/// unconstrained Lloyd iterations (cheap), which puts the flow iterations near the constrained optimum
/// and cuts their number several-fold. Several seeded initialisations run in turn; the lowest inertia wins.
/// </summary>
public static class ConstrainedKMeans
{
    /// <summary>Fits k clusters whose sizes stay within <paramref name="limits"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An option is outside its range.</exception>
    /// <exception cref="ArgumentException">k exceeds the distinct points, or the bounds are infeasible (k·min &gt; n or k·max &lt; n); messages name the numbers.</exception>
    public static KMeansResult Fit(FeatureMatrix points, KMeansOptions options, ClusterSizeLimits limits)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(limits);
        options.Validate();
        var k = options.ClusterCount;
        var (min, max) = limits.Resolve(points.Count, k);
        KMeans.EnsureDistinctPoints(points, k);

        var threshold = options.Tolerance * KMeans.MeanVariance(points);
        KMeansResult? best = null;
        foreach (var seed in KMeans.InitSeeds(options))
        {
            var candidate = FitOnce(points, k, min, max, new Random(seed), options.MaxIterations, threshold);
            if (best is null || candidate.Inertia < best.Inertia)
            {
                best = candidate;
            }
        }

        return best!;
    }

    private static KMeansResult FitOnce(FeatureMatrix points, int k, int min, int max, Random random, int maxIterations, double threshold)
    {
        var n = points.Count;
        var centroids = KMeansPlusPlusSeeding.Seed(points, k, random);
        var kernel = new LloydKernel(points, k);
        var warm = KMeans.Lloyd(points, centroids, kernel, maxIterations, threshold);
        if (warm.Sizes.All(size => size >= min && size <= max))
        {
            // The unconstrained optimum already meets the bounds, and a bounded assignment cannot beat it.
            return warm;
        }

        var distances = new double[n * k];
        var prices = new double[k];
        var previous = kernel.Labels.ToArray();
        var iterations = 0;
        var settled = false;
        var tolerant = false;
        var inertia = 0.0;
        while (iterations < maxIterations)
        {
            iterations++;
            kernel.AllDistances(centroids, distances);
            var labels = SizeConstrainedAssignment.Assign(distances, n, k, min, max, prices);
            inertia = kernel.Accumulate(labels, centroids);
            if (labels.AsSpan().SequenceEqual(previous))
            {
                // Centroids are the means of exactly these labels: the alternation has reached its fixed point.
                settled = true;
                break;
            }

            labels.CopyTo(previous, 0);

            // Only possible with a minimum of 0; the farthest point keeps the empty cluster alive within the bounds.
            kernel.RelocateEmptyClusters();
            if (kernel.UpdateCentroids(centroids) <= threshold)
            {
                tolerant = true;
                break;
            }
        }

        var converged = settled || tolerant;
        if (!settled)
        {
            // Labels must be the bounded assignment to the reported centroids.
            kernel.AllDistances(centroids, distances);
            inertia = kernel.Accumulate(SizeConstrainedAssignment.Assign(distances, n, k, min, max, prices), centroids);
        }

        return KMeans.ToResult(centroids, k, points.Dimensions, kernel.Labels, kernel.Counts, inertia, iterations, converged);
    }
}
