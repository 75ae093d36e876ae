using System.Globalization;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Explains cluster assignments. Drivers are the dimensions on which the customer's z-score has the same sign
/// as the assigned centroid's (it deviates from the population mean in the direction that characterises the
/// cluster), ranked by |z|, largest first, ties to the earlier dimension. Dimensions where the customer sits
/// at the mean (within <see cref="MinimumDriverSigma"/>), or opposite to its centroid, are not drivers: they explain
/// nothing about why it is here; nor are those where the centroid sits at the mean (within <see cref="MinimumDriverSigma"/>):
/// the cluster leans neither way there. Nor is a dimension whose value was missing: the median it was imputed with is not the customer's.
/// </summary>
public sealed class ClusterExplainer
{
    /// <summary>
    /// Smallest |z| a driver has, the customer's and its centroid's: anything closer to the mean prints as 0.0σ, which reads
    /// as "at the average", not as a reason ("drivers: revenue 0.0σ" was written for customers of a "typical" cluster).
    /// </summary>
    public const double MinimumDriverSigma = 0.05;

    private readonly IReadOnlyList<string> _dimensions;
    private readonly IReadOnlyList<double[]> _centroids;
    private readonly IReadOnlyList<string> _names;
    private readonly int _driverCount;

    /// <summary>Prepares explanations for a fitted model.</summary>
    /// <param name="dimensions">Dimension names in feature order.</param>
    /// <param name="centroidsInSigma">Centroids in σ units.</param>
    /// <param name="clusterNames">One name per centroid.</param>
    /// <param name="driverCount">How many drivers to report (≥ 1).</param>
    /// <exception cref="ArgumentException">Counts disagree (names vs centroids, centroid length vs dimensions).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="driverCount"/> is below 1.</exception>
    public ClusterExplainer(
        IReadOnlyList<string> dimensions, IReadOnlyList<double[]> centroidsInSigma, IReadOnlyList<string> clusterNames, int driverCount = 2)
    {
        ArgumentNullException.ThrowIfNull(dimensions);
        ArgumentNullException.ThrowIfNull(centroidsInSigma);
        ArgumentNullException.ThrowIfNull(clusterNames);
        ArgumentOutOfRangeException.ThrowIfLessThan(driverCount, 1);
        if (clusterNames.Count != centroidsInSigma.Count || centroidsInSigma.Count == 0)
        {
            throw new ArgumentException(
                $"Expected one name per centroid and at least one centroid; got {clusterNames.Count} names for {centroidsInSigma.Count} centroids.",
                nameof(clusterNames));
        }

        if (centroidsInSigma.Any(c => c.Length != dimensions.Count))
        {
            throw new ArgumentException($"Every centroid needs {dimensions.Count} values, one per dimension.", nameof(centroidsInSigma));
        }

        _dimensions = dimensions;
        _centroids = centroidsInSigma;
        _names = clusterNames;
        _driverCount = driverCount;
    }

    /// <summary>Per dimension, whether no customer the model was fitted on had a value for it; empty when every dimension had some.</summary>
    public IReadOnlyList<bool> Unobserved { get; init; } = [];

    /// <summary>Explains why the customer with standardised values <paramref name="customerSigma"/> is in <paramref name="cluster"/>.</summary>
    /// <param name="customerSigma">The customer's values in σ units, one per dimension.</param>
    /// <param name="cluster">The assigned cluster.</param>
    /// <param name="imputed">Per dimension, whether the value was missing and imputed (never a driver); empty when none was.</param>
    /// <exception cref="ArgumentOutOfRangeException">The cluster index is out of range.</exception>
    /// <exception cref="ArgumentException">The customer does not have one value per dimension, or the mask not one flag per dimension.</exception>
    public ClusterExplanation Explain(ReadOnlySpan<double> customerSigma, int cluster, ReadOnlySpan<bool> imputed = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(cluster);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(cluster, _centroids.Count);
        if (customerSigma.Length != _dimensions.Count)
        {
            throw new ArgumentException(
                $"Expected {_dimensions.Count} values (one per dimension); got {customerSigma.Length}.", nameof(customerSigma));
        }

        if (!imputed.IsEmpty && imputed.Length != _dimensions.Count)
        {
            throw new ArgumentException(
                $"Expected {_dimensions.Count} imputed flags (one per dimension); got {imputed.Length}.", nameof(imputed));
        }

        var nearest = 0;
        var nearestDistance = double.PositiveInfinity;
        for (var h = 0; h < _centroids.Count; h++)
        {
            var distance = Distance(customerSigma, _centroids[h]);
            if (distance < nearestDistance)
            {
                nearestDistance = distance;
                nearest = h;
            }
        }

        var assignedDistance = Distance(customerSigma, _centroids[cluster]);
        if (assignedDistance <= nearestDistance)
        {
            // A tie with a lower-indexed centroid is still "nearest" for the assigned one.
            nearest = cluster;
            nearestDistance = assignedDistance;
        }

        var drivers = Drivers(customerSigma, _centroids[cluster], imputed);
        var text = Describe(cluster, assignedDistance, nearest, nearestDistance, drivers, drivers.Count == 0 ? MissingDimensions(imputed) : null);
        return new ClusterExplanation(cluster, _names[cluster], assignedDistance, nearest, nearestDistance, drivers, text);
    }

    private List<ClusterDriver> Drivers(ReadOnlySpan<double> customer, double[] centroid, ReadOnlySpan<bool> imputed)
    {
        // Selection of the largest |z| (ties to the earlier dimension): the strict > keeps the earlier one, as a stable sort would.
        var drivers = new List<ClusterDriver>(_driverCount);
        Span<bool> taken = stackalloc bool[customer.Length];
        while (drivers.Count < _driverCount)
        {
            var best = -1;
            for (var j = 0; j < customer.Length; j++)
            {
                // A centroid within MinimumDriverSigma of the mean (+0.00003σ, 0.0 in cluster_profiles.csv) took a member's
                // +1.5σ as a pull toward the cluster by its sign alone.
                if (!taken[j] && (imputed.IsEmpty || !imputed[j]) && Math.Abs(customer[j]) >= MinimumDriverSigma && Math.Abs(centroid[j]) >= MinimumDriverSigma
                    && Math.Sign(customer[j]) == Math.Sign(centroid[j])
                    && (best < 0 || Math.Abs(customer[j]) > Math.Abs(customer[best])))
                {
                    best = j;
                }
            }

            if (best < 0)
            {
                break;
            }

            taken[best] = true;
            drivers.Add(new ClusterDriver(_dimensions[best], customer[best]));
        }

        return drivers;
    }

    // The dimensions whose value was missing, for a customer without drivers: "no dimension deviates from the average" was
    // written for a customer with no values at all, whose place is the medians', not its own.
    private List<string> MissingDimensions(ReadOnlySpan<bool> imputed)
    {
        var missing = new List<string>();
        for (var j = 0; j < imputed.Length; j++)
        {
            if (imputed[j])
            {
                missing.Add(_dimensions[j]);
            }
        }

        return missing;
    }

    private string Describe(int cluster, double distance, int nearest, double nearestDistance, List<ClusterDriver> drivers, List<string>? missing)
    {
        var placement = nearest == cluster
            ? $"nearest centroid (distance {ReasonFormat.TwoDecimals(distance)})"
            : $"placed by cluster size limits (distance {ReasonFormat.TwoDecimals(distance)}; nearest is cluster {nearest + 1} at {ReasonFormat.TwoDecimals(nearestDistance)})";
        var because = drivers.Count > 0 ? string.Join(", ", drivers.Select(d => $"{d.Dimension} {FormatSigma(d.Sigma)}"))
            : missing is not { Count: > 0 } ? "none (no dimension deviates from the average toward this cluster)"
            : $"none (no known value deviates from the average toward this cluster; {MissingText(missing)})";
        return $"cluster {cluster + 1} ({_names[cluster]}): {placement}; drivers: {because}";
    }

    // A dimension nobody has a value for was filled with a stand-in, not a median: "otif_rate missing, taken as the median"
    // named a median no customer's value gave, beside the run's warning that no customer has an otif_rate.
    private string MissingText(List<string> missing)
    {
        bool Unknown(string dimension) => Unobserved.Count > 0 && Unobserved[_dimensions.ToList().IndexOf(dimension)];
        var imputed = missing.Where(d => !Unknown(d)).ToList();
        var unknown = missing.Where(Unknown).ToList();
        return string.Join("; ", new[]
        {
            imputed.Count > 0 ? $"{string.Join(", ", imputed)} missing, taken as the median" : null,
            unknown.Count > 0 ? $"{string.Join(", ", unknown)} known for no customer" : null,
        }.OfType<string>());
    }

    private static double Distance(ReadOnlySpan<double> point, double[] centroid)
    {
        var sum = 0.0;
        for (var j = 0; j < point.Length; j++)
        {
            var delta = point[j] - centroid[j];
            sum += delta * delta;
        }

        return Math.Sqrt(sum);
    }

    // A typographic minus (U+2212) reads better in reports than the hyphen-minus.
    private static string FormatSigma(double sigma) =>
        sigma.ToString("+0.0σ;\u22120.0σ;0.0σ", CultureInfo.InvariantCulture);
}
