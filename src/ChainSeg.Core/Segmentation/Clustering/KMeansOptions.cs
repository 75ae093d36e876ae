namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>Settings of one k-means fit; every run with the same options and data gives the same result.</summary>
public sealed record KMeansOptions
{
    /// <summary>Number of clusters k, at least 1 and at most the number of distinct points.</summary>
    public required int ClusterCount { get; init; }

    /// <summary>Seed of the k-means++ draws; the only source of randomness.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Independent k-means++ initialisations; the fit with the lowest inertia is kept (n_init).</summary>
    public int InitCount { get; init; } = 4;

    /// <summary>Upper bound on Lloyd iterations per initialisation.</summary>
    public int MaxIterations { get; init; } = 300;

    /// <summary>
    /// Convergence tolerance, relative to the data: iterations stop when the summed squared centroid shift
    /// falls to Tolerance × the mean per-dimension variance (the criterion scikit-learn uses), or when no label changes.
    /// </summary>
    public double Tolerance { get; init; } = 1e-4;

    /// <summary>Checks every setting against its valid range.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is outside its range.</exception>
    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ClusterCount, 1, nameof(ClusterCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(InitCount, 1, nameof(InitCount));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxIterations, 1, nameof(MaxIterations));
        if (!(Tolerance >= 0) || double.IsInfinity(Tolerance))
        {
            throw new ArgumentOutOfRangeException(nameof(Tolerance), Tolerance, $"Tolerance must be finite and ≥ 0; got {Tolerance}.");
        }
    }
}
