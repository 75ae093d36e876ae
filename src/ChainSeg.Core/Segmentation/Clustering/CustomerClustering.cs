namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// The clustering segmentation method end to end: scale the chosen metrics, choose k by silhouette, fit
/// (size-constrained when limits are set), order, name and tier the clusters, and explain every assignment.
/// The range of k is capped at the distinct standardised points (after imputation), as k-means cannot make more clusters.
/// Clusters are numbered by the value dimension's centroid, highest first, when one is configured, otherwise
/// by size, largest first; equal values rank by size too (a value dimension no customer has, or one constant, ties every
/// cluster), and only clusters alike in both go by the earlier fitted one, so cluster numbers do not depend on seeding order.
/// </summary>
public static class CustomerClustering
{
    /// <summary>Clusters customers from their metric rows.</summary>
    /// <param name="customerIds">One id per row.</param>
    /// <param name="columns">Metric column names.</param>
    /// <param name="rows">Metric values per customer in column order; NaN marks a missing value.</param>
    /// <param name="settings">The model settings.</param>
    /// <exception cref="ArgumentException">Ids and rows disagree, ids repeat, the value dimension is not a clustering dimension, tiers lack a value dimension, or scaling, k or size limits fail (see <see cref="FeatureScaler"/>, <see cref="ClusterCountSelection"/>).</exception>
    /// <exception cref="ArgumentOutOfRangeException">A numeric setting is outside its range.</exception>
    public static ClusteringOutcome Run(
        IReadOnlyList<string> customerIds, IReadOnlyList<string> columns, IReadOnlyList<double[]> rows, ClusteringSettings settings)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(settings);
        if (customerIds.Count != rows.Count)
        {
            throw new ArgumentException($"Expected one customer id per row; got {customerIds.Count} ids for {rows.Count} rows.", nameof(customerIds));
        }

        // A set tells whether any id repeats without grouping every id (a list per customer at 200 k customers); only then
        // are they grouped, to name the first repeated one.
        var seen = new HashSet<string>(customerIds.Count, StringComparer.Ordinal);
        if (!customerIds.All(seen.Add))
        {
            var duplicate = customerIds.GroupBy(id => id, StringComparer.Ordinal).First(g => g.Count() > 1);
            throw new ArgumentException($"Customer '{duplicate.Key}' appears {duplicate.Count()} times; ids must be unique.", nameof(customerIds));
        }

        var valueDimension = ValueDimensionIndex(settings);
        var scaler = FeatureScaler.Fit(columns, rows, settings.Features);
        var points = scaler.Transform(columns, rows);
        // k is capped at the distinct points k-means sees: a missing value imputed with the median can make two customers
        // one profile, which their raw rows do not show. The selection caps the maximum itself, and names the cap when the
        // size limits then fit no k.
        var distinct = points.CountDistinct(settings.MaxClusters);
        var minimum = Math.Min(settings.MinClusters, distinct);
        var options = new KMeansOptions
        {
            ClusterCount = minimum,
            Seed = settings.Seed,
            InitCount = settings.InitCount,
            MaxIterations = settings.MaxIterations,
            Tolerance = settings.Tolerance,
        };
        var selection = ClusterCountSelection.Choose(
            points, minimum, settings.MaxClusters, options, settings.SizeLimits, settings.SilhouetteSampleSize);
        var fit = Renumber(selection.Fit, valueDimension);
        selection = selection with { Fit = fit };

        var dimensions = scaler.Dimensions;
        var names = ClusterNaming.Name(dimensions, fit.Centroids);
        IReadOnlyList<int>? tiers = settings.ServiceTiers.Count > 0
            ? ServiceTierMapping.Assign(fit.Centroids.Select(c => c[valueDimension]).ToArray(), settings.ServiceTiers.Count)
            : null;

        // A value every cluster has alike (no customer has it, or every one the same) ranks nothing: Renumber ranked by size.
        var rankedBy = valueDimension >= 0 && fit.ClusterCount > 1 && fit.Centroids.All(c => c[valueDimension] == fit.Centroids[0][valueDimension])
            ? $"size ({settings.ValueDimension} alike in every cluster)"
            : settings.ValueDimension;
        var profiles = new ClusterProfile[fit.ClusterCount];
        for (var h = 0; h < profiles.Length; h++)
        {
            int? tier = tiers?[h];
            profiles[h] = new ClusterProfile(
                h,
                names[h],
                fit.Sizes[h],
                (double)fit.Sizes[h] / points.Count,
                fit.Centroids[h],
                scaler.ToOriginalUnits(fit.Centroids[h]),
                tier,
                tier is { } t ? settings.ServiceTiers[t - 1] : null)
            {
                // Clusters are numbered by their value centroid (Renumber), so the number is the rank the tier follows.
                TierReason = tier is { } u
                    ? $"tier {settings.ServiceTiers[u - 1]} of {string.Join("/", settings.ServiceTiers)}: rank {h + 1} of {fit.ClusterCount} {Agreement.For(fit.ClusterCount, "cluster")} by {rankedBy}"
                    : null,
            };
        }

        var explainer = new ClusterExplainer(dimensions, fit.Centroids, profiles.Select(p => p.Label).ToList(), settings.DriverCount)
        {
            Unobserved = scaler.Unobserved,
        };
        var imputed = scaler.Imputed(columns, rows);
        var d = dimensions.Count;
        var assignments = new CustomerCluster[points.Count];
        // Each explanation depends only on its own row, so they are written on every core with the same result.
        Parallel.For(0, assignments.Length, i =>
        {
            var label = fit.Labels[i];
            assignments[i] = new CustomerCluster(
                customerIds[i], label, names[label], profiles[label].TierName, explainer.Explain(points.Row(i), label, imputed.AsSpan(i * d, d)));
        });

        return new ClusteringOutcome(scaler, selection, profiles, assignments) { SizeLimits = settings.SizeLimits, DistinctPoints = distinct };
    }

    private static int ValueDimensionIndex(ClusteringSettings settings)
    {
        if (settings.ValueDimension is null)
        {
            if (settings.ServiceTiers.Count > 0)
            {
                throw new ArgumentException(
                    "Mapping clusters onto service tiers needs a value dimension (e.g. revenue) to rank them by.", nameof(settings));
            }

            return -1;
        }

        var index = settings.Features.Dimensions.ToList().IndexOf(settings.ValueDimension);
        if (index < 0)
        {
            throw new ArgumentException(
                $"Value dimension '{settings.ValueDimension}' is not among the clustering dimensions [{string.Join(", ", settings.Features.Dimensions)}].",
                nameof(settings));
        }

        return index;
    }

    private static KMeansResult Renumber(KMeansResult fit, int valueDimension)
    {
        var order = Enumerable.Range(0, fit.ClusterCount);
        var ranked = valueDimension >= 0
            ? order.OrderByDescending(h => fit.Centroids[h][valueDimension]).ThenByDescending(h => fit.Sizes[h]).ThenBy(h => h).ToArray()
            : order.OrderByDescending(h => fit.Sizes[h]).ThenBy(h => h).ToArray();
        var newIndex = new int[ranked.Length];
        for (var rank = 0; rank < ranked.Length; rank++)
        {
            newIndex[ranked[rank]] = rank;
        }

        return fit with
        {
            Centroids = ranked.Select(h => fit.Centroids[h]).ToArray(),
            Sizes = ranked.Select(h => fit.Sizes[h]).ToArray(),
            Labels = fit.Labels.Select(label => newIndex[label]).ToArray(),
        };
    }
}
