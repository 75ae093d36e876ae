namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Constrained k-means (Bradley, Bennett &amp; Demiriz 2000): k-means++ seeding, then alternate the
/// optimal size-bounded assignment (<see cref="SizeConstrainedAssignment"/>, a min-cost flow) with moving each
/// centroid to its members' mean, until the assignment stops changing. Neither step raises the summed squared
/// distance, so the loop ends at a local optimum that respects the bounds. Several seeded initialisations run
/// in turn; the lowest inertia wins.
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

        KMeansResult? best = null;
        foreach (var seed in KMeans.InitSeeds(options))
        {
            var candidate = FitOnce(points, k, min, max, new Random(seed), options.MaxIterations);
            if (best is null || candidate.Inertia < best.Inertia)
            {
                best = candidate;
            }
        }

        return best!;
    }

    private static KMeansResult FitOnce(FeatureMatrix points, int k, int min, int max, Random random, int maxIterations)
    {
        var n = points.Count;
        var centroids = KMeansPlusPlusSeeding.Seed(points, k, random);
        var kernel = new LloydKernel(points, k);
        var distances = new double[n * k];
        var previous = new int[n];
        Array.Fill(previous, -1);
        var iterations = 0;
        var converged = false;
        var inertia = 0.0;
        while (iterations < maxIterations)
        {
            iterations++;
            kernel.AllDistances(centroids, distances);
            var labels = SizeConstrainedAssignment.Assign(distances, n, k, min, max);
            inertia = kernel.Accumulate(labels, centroids);
            if (labels.AsSpan().SequenceEqual(previous))
            {
                // Centroids are the means of exactly these labels: the alternation has reached its fixed point.
                converged = true;
                break;
            }

            labels.CopyTo(previous, 0);

            // Only possible with a minimum of 0; the farthest point keeps the empty cluster alive within the bounds.
            kernel.RelocateEmptyClusters();
            kernel.UpdateCentroids(centroids);
        }

        if (!converged)
        {
            inertia = kernel.Accumulate(kernel.Labels.ToArray(), centroids);
        }

        return KMeans.ToResult(centroids, k, points.Dimensions, kernel.Labels, kernel.Counts, inertia, iterations, converged);
    }
}
