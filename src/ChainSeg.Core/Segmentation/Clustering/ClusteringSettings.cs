namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>A clustering model's settings, as configured under <c>method: kmeans</c> in chainseg.yaml.</summary>
public sealed record ClusteringSettings
{
    /// <summary>Dimensions and log scaling (<c>dimensions</c>, <c>log_scale</c>).</summary>
    public required FeatureSpec Features { get; init; }

    /// <summary>Smallest number of clusters considered (<c>k.min</c>).</summary>
    public int MinClusters { get; init; } = 3;

    /// <summary>Largest number of clusters considered (<c>k.max</c>, typically the service tiers fulfilment can run).</summary>
    public int MaxClusters { get; init; } = 6;

    /// <summary>Optional minimum and maximum cluster sizes (<c>size</c>); null fits plain k-means.</summary>
    public ClusterSizeLimits? SizeLimits { get; init; }

    /// <summary>Seed of every random draw (<c>seed</c>).</summary>
    public int Seed { get; init; } = 42;

    /// <summary>k-means++ initialisations per k; the lowest inertia is kept.</summary>
    public int InitCount { get; init; } = 4;

    /// <summary>Iteration cap per initialisation.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>Convergence tolerance relative to the mean feature variance.</summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Largest number of points the silhouette is computed on.</summary>
    public int SilhouetteSampleSize { get; init; } = Silhouette.DefaultSampleSize;

    /// <summary>Service tier names, best first; empty for no tier mapping.</summary>
    public IReadOnlyList<string> ServiceTiers { get; init; } = [];

    /// <summary>Dimension that orders clusters (cluster 1 = highest centroid) and maps them onto tiers, e.g. revenue.</summary>
    public string? ValueDimension { get; init; }

    /// <summary>How many drivers each explanation names.</summary>
    public int DriverCount { get; init; } = 2;
}
