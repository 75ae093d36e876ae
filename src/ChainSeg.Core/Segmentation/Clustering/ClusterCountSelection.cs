namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>The chosen number of clusters, the score of every candidate, and the chosen fit.</summary>
/// <param name="ClusterCount">The chosen k.</param>
/// <param name="Scores">One entry per candidate k in ascending order, for reports.</param>
/// <param name="Fit">The fit for the chosen k.</param>
/// <param name="SampleSize">Number of points the silhouettes were computed on.</param>
public sealed record ClusterCountSelection(int ClusterCount, IReadOnlyList<ClusterCountScore> Scores, KMeansResult Fit, int SampleSize)
{
    /// <summary>
    /// Fits every k in [min, max] and keeps the one with the highest mean silhouette (ties to the smaller k).
    /// Silhouettes are computed on one seeded sample of at most <paramref name="sampleSize"/> points shared by
    /// all k. The range is capped at the number of distinct points; k values whose size limits are infeasible
    /// are reported and skipped. k = 1 has no silhouette; it is chosen only when no other candidate scored.
    /// </summary>
    /// <param name="points">Standardised features.</param>
    /// <param name="minimum">Smallest k considered (≥ 1).</param>
    /// <param name="maximum">Largest k considered (≥ minimum).</param>
    /// <param name="options">Fit settings; its ClusterCount is replaced by each candidate k.</param>
    /// <param name="limits">Optional cluster size limits; when given each k is fitted by <see cref="ConstrainedKMeans"/>.</param>
    /// <param name="sampleSize">Largest silhouette sample.</param>
    /// <exception cref="ArgumentOutOfRangeException">The range or sample size is invalid.</exception>
    /// <exception cref="ArgumentException">Fewer distinct points than the minimum k, or no k in range meets the size limits.</exception>
    public static ClusterCountSelection Choose(
        FeatureMatrix points, int minimum, int maximum, KMeansOptions options, ClusterSizeLimits? limits = null, int sampleSize = Silhouette.DefaultSampleSize)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maximum, minimum);
        ArgumentOutOfRangeException.ThrowIfLessThan(sampleSize, 2);

        var distinct = points.CountDistinct(maximum);
        if (distinct < minimum)
        {
            throw new ArgumentException(
                $"The smallest k = {minimum} exceeds the {distinct} distinct {Agreement.For(distinct, "point")} among {points.Count}; lower the minimum to {distinct} or below.",
                nameof(points));
        }

        var upper = Math.Min(maximum, distinct);
        var sample = Silhouette.Sample(points.Count, sampleSize, options.Seed);
        var fits = new List<(int K, KMeansResult? Fit)>();
        for (var k = minimum; k <= upper; k++)
        {
            var kOptions = options with { ClusterCount = k };
            fits.Add((k, limits is not null && !limits.IsFeasible(points.Count, k) ? null
                : limits is null ? KMeans.Fit(points, kOptions) : ConstrainedKMeans.Fit(points, kOptions, limits)));
        }

        // Every candidate's silhouette in one pass over the sample's distances; a fit with fewer than two clusters (or a
        // cluster per point) in the sample has none.
        var scored = fits.Where(f => f.Fit is not null && HasSilhouette(f.Fit.Labels, sample)).ToList();
        var silhouettes = scored.Count == 0 ? [] : Silhouette.Means(points, scored.Select(f => (IReadOnlyList<int>)f.Fit!.Labels).ToList(), sample);
        var scores = new List<ClusterCountScore>();
        KMeansResult? bestFit = null;
        var bestK = 0;
        var bestScore = double.NaN;
        foreach (var (k, fit) in fits)
        {
            if (fit is null)
            {
                scores.Add(new ClusterCountScore(k, double.NaN, double.NaN, Feasible: false));
                continue;
            }

            var at = scored.FindIndex(f => f.K == k);
            var score = at >= 0 ? silhouettes[at] : double.NaN;
            scores.Add(new ClusterCountScore(k, score, fit.Inertia, Feasible: true));

            // Strictly greater keeps the smaller k on ties; an undefined score only wins when nothing scored.
            var better = bestFit is null
                || (!double.IsNaN(score) && (double.IsNaN(bestScore) || score > bestScore));
            if (better)
            {
                bestFit = fit;
                bestK = k;
                bestScore = score;
            }
        }

        if (bestFit is null)
        {
            // Every candidate was infeasible: the k with the most room explains why (the largest for a maximum, the smallest
            // for a minimum; the smallest alone told "3 clusters" when 6 had been tried), naming the distinct points when
            // they kept k below the maximum asked for (more clusters is then no remedy).
            throw new ArgumentException(limits!.Infeasibility(points.Count, minimum, upper, upper < maximum ? distinct : null)
                ?? $"No k in [{minimum}, {upper}] meets the cluster size limits for {points.Count} {Agreement.For(points.Count, "point")}.");
        }

        return new ClusterCountSelection(bestK, scores, bestFit, sample.Length);
    }

    private static bool HasSilhouette(IReadOnlyList<int> labels, int[] sample)
    {
        var present = new HashSet<int>();
        foreach (var index in sample)
        {
            present.Add(labels[index]);
        }

        return present.Count >= 2 && present.Count <= sample.Length - 1;
    }
}
