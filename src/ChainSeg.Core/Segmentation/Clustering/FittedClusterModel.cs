namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// A fitted clustering model kept to score other customers or other dates: same scaler, same centroids, same names.
/// Re-fitting every period would make cluster labels incomparable; scoring against one fit keeps them meaningful.
/// </summary>
public sealed class FittedClusterModel
{
    private readonly FeatureScaler _scaler;
    private readonly IReadOnlyList<ClusterProfile> _clusters;
    private readonly ClusterExplainer _explainer;

    /// <summary>Keeps the scaler and centroids of a clustering run.</summary>
    public FittedClusterModel(ClusteringOutcome outcome, int driverCount = 2)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        _scaler = outcome.Scaler;
        _clusters = outcome.Clusters;
        CountScores = outcome.Selection.Scores;
        SizeLimits = outcome.SizeLimits;
        _centroids = _clusters.Select(c => c.CentroidSigma.ToArray()).ToArray();
        _explainer = new ClusterExplainer(_scaler.Dimensions, _centroids, _clusters.Select(c => c.Label).ToList(), driverCount)
        {
            Unobserved = _scaler.Unobserved,
        };
    }

    // The centroids as arrays, read for every customer of every period scored.
    private readonly double[][] _centroids;

    /// <summary>The clustering dimensions, in centroid order.</summary>
    public IReadOnlyList<string> Dimensions => _scaler.Dimensions;

    /// <summary>Which dimensions were log-scaled, in <see cref="Dimensions"/> order.</summary>
    public IReadOnlyList<bool> LogScaled => _scaler.LogScaled;

    /// <summary>The clusters of the fit: name, size, centroid in σ and in original units, tier.</summary>
    public IReadOnlyList<ClusterProfile> Profiles => _clusters;

    /// <summary>How each candidate k scored when k was chosen (silhouette, inertia, feasibility); the fit has <see cref="Profiles"/>.Count clusters.</summary>
    public IReadOnlyList<ClusterCountScore> CountScores { get; }

    /// <summary>The cluster size limits the fit met, or null; every date scored meets them too.</summary>
    public ClusterSizeLimits? SizeLimits { get; }

    /// <summary>Segment of each cluster in cluster order: its service tier when tiers are configured, else its name.</summary>
    public IReadOnlyList<string> ClusterSegments => _clusters.Select(c => c.TierName ?? c.Name).ToList();

    /// <summary>
    /// Assigns each row to its nearest centroid, or, when the fit had size limits, by the size-limited assignment to the
    /// same centroids (<see cref="SizeConstrainedAssignment"/>): the fit's own date was assigned so, and scoring the other
    /// dates by nearest centroid alone broke the limits and showed churn where nothing changed.
    /// </summary>
    /// <param name="customerIds">One id per row.</param>
    /// <param name="columns">Column names of <paramref name="rows"/>; must include every model dimension.</param>
    /// <param name="rows">Metric values in original units.</param>
    /// <exception cref="ArgumentException">Ids and rows differ in number.</exception>
    public IReadOnlyList<CustomerCluster> Assign(IReadOnlyList<string> customerIds, IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        if (customerIds.Count != rows.Count)
            throw new ArgumentException($"Expected one customer id per row; got {customerIds.Count} ids for {rows.Count} rows.", nameof(customerIds));
        var points = _scaler.Transform(columns, rows);
        var labels = Labels(points);
        var imputed = _scaler.Imputed(columns, rows);
        var d = points.Dimensions;
        var result = new CustomerCluster[points.Count];
        // Each explanation depends only on its own row, so the loop runs on every core with the same result.
        Parallel.For(0, points.Count, i =>
        {
            var label = labels[i];
            result[i] = new CustomerCluster(customerIds[i], label, _clusters[label].Name, _clusters[label].TierName, _explainer.Explain(points.Row(i), label, imputed.AsSpan(i * d, d)));
        });
        return result;
    }

    /// <summary>The cluster <see cref="Assign"/> puts each row in, without explanations (for callers that read only segments).</summary>
    /// <param name="columns">Column names of <paramref name="rows"/>; must include every model dimension.</param>
    /// <param name="rows">Metric values in original units.</param>
    public IReadOnlyList<int> Clusters(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows) => Labels(_scaler.Transform(columns, rows));

    /// <summary>
    /// The member bounds of each segment for <paramref name="customers"/> customers: the size limits (eased as
    /// <see cref="ClusterSizeLimits.Eased"/>) times the segment's clusters (tiers may hold several); null without limits.
    /// </summary>
    public IReadOnlyDictionary<string, (int Minimum, int Maximum)>? SegmentBounds(int customers)
    {
        if (SizeLimits is null || customers == 0)
            return null;
        var (min, max) = SizeLimits.Eased(customers, _centroids.Length);
        return ClusterSegments.GroupBy(s => s, StringComparer.Ordinal).ToDictionary(g => g.Key, g => (g.Count() * min, g.Count() * max), StringComparer.Ordinal);
    }

    // Nearest centroid on every core first: when that meets the size limits it is the size-limited assignment too (see
    // SizeConstrainedAssignment), and the n × k distance matrix the flow needs is never built (three past periods of
    // 200 k customers spent 0.3 s more in collections on it).
    private int[] Labels(FeatureMatrix points)
    {
        var labels = new int[points.Count];
        Parallel.For(0, points.Count, i => labels[i] = Nearest(points.Row(i)));
        if (SizeLimits is null)
            return labels;
        var (min, max) = SizeLimits.Eased(points.Count, _centroids.Length);
        var sizes = new int[_centroids.Length];
        foreach (var label in labels)
            sizes[label]++;
        return sizes.All(size => size >= min && size <= max) ? labels : SizeConstrainedAssignment.Assign(points, _centroids, min, max);
    }

    // The nearest centroid, the first one on ties; no array per point, as every customer of every period is scored.
    private int Nearest(ReadOnlySpan<double> point)
    {
        var best = 0;
        var bestDistance = SquaredDistance(point, 0);
        for (var c = 1; c < _centroids.Length; c++)
        {
            var distance = SquaredDistance(point, c);
            if (distance < bestDistance)
                (best, bestDistance) = (c, distance);
        }
        return best;
    }

    /// <summary>Euclidean distance (σ units) from each row to every centroid, cluster order; for centroid-margin hysteresis.</summary>
    /// <param name="columns">Column names of <paramref name="rows"/>; must include every model dimension.</param>
    /// <param name="rows">Metric values in original units.</param>
    public IReadOnlyList<double[]> Distances(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        var points = _scaler.Transform(columns, rows);
        var result = new double[points.Count][];
        for (var i = 0; i < points.Count; i++)
            result[i] = SquaredDistances(points.Row(i)).Select(Math.Sqrt).ToArray();
        return result;
    }

    private double[] SquaredDistances(ReadOnlySpan<double> point)
    {
        var distances = new double[_centroids.Length];
        for (var c = 0; c < distances.Length; c++)
            distances[c] = SquaredDistance(point, c);
        return distances;
    }

    private double SquaredDistance(ReadOnlySpan<double> point, int cluster)
    {
        var centroid = _centroids[cluster];
        var distance = 0.0;
        for (var d = 0; d < point.Length; d++)
            distance += (point[d] - centroid[d]) * (point[d] - centroid[d]);
        return distance;
    }
}
