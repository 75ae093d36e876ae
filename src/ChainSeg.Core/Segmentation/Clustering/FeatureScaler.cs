using System.Globalization;

namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>
/// Turns metric rows into standardised clustering features and back. Per dimension, in order:
/// (1) a missing value (NaN) is replaced by the dimension's median of the observed values, in original
/// units, fitted once so that new rows are imputed the same way; (2) log-scaled dimensions become
/// sign(x)·ln(1 + |x|), which keeps zero at zero, keeps negatives (returns, credit notes) negative and
/// compresses the long right tail of revenue-like metrics; (3) z = (y − mean) / σ with the population σ.
/// A dimension with zero variance maps to z = 0 for every row, so it cannot pull the clustering.
/// </summary>
public sealed class FeatureScaler
{
    private readonly double[] _medians;
    private readonly double[] _means;
    private readonly double[] _deviations;
    private readonly bool[] _logScaled;
    private readonly int[] _missing;
    private readonly int _rows;

    private FeatureScaler(
        IReadOnlyList<string> dimensions, double[] medians, double[] means, double[] deviations, bool[] logScaled, int[] missing, int rows)
    {
        _rows = rows;
        Dimensions = dimensions;
        _medians = medians;
        _means = means;
        _deviations = deviations;
        _logScaled = logScaled;
        _missing = missing;
    }

    /// <summary>Dimension names in feature order.</summary>
    public IReadOnlyList<string> Dimensions { get; }

    /// <summary>Median of the observed values per dimension, in original units: the imputed value for missing entries.</summary>
    public IReadOnlyList<double> Medians => _medians;

    /// <summary>Mean per dimension after the optional log transform.</summary>
    public IReadOnlyList<double> Means => _means;

    /// <summary>Population standard deviation per dimension after the optional log transform (0 for a constant dimension).</summary>
    public IReadOnlyList<double> StandardDeviations => _deviations;

    /// <summary>Whether each dimension is log-scaled.</summary>
    public IReadOnlyList<bool> LogScaled => _logScaled;

    /// <summary>How many values per dimension were missing in the fitted rows and imputed with the median.</summary>
    public IReadOnlyList<int> MissingCounts => _missing;

    /// <summary>Whether no fitted row had a value for each dimension (imputed with a stand-in 0, there being no median).</summary>
    public IReadOnlyList<bool> Unobserved => _missing.Select(missing => missing == _rows).ToArray();

    /// <summary>Fits medians, means and deviations on the rows of a metric table.</summary>
    /// <param name="columns">Column names of <paramref name="rows"/>.</param>
    /// <param name="rows">One row per customer, values in column order; NaN marks a missing value.</param>
    /// <param name="spec">The chosen dimensions and which of them are log-scaled.</param>
    /// <exception cref="ArgumentException">No rows or dimensions, an unknown or repeated dimension, a ragged row or an infinite value.</exception>
    public static FeatureScaler Fit(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows, FeatureSpec spec)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(spec);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is required to fit the scaler; got none.", nameof(rows));
        }

        var indices = ResolveColumns(columns, spec.Dimensions);
        foreach (var name in spec.LogScaled)
        {
            if (!spec.Dimensions.Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException(
                    $"Log-scaled dimension '{name}' is not among the clustering dimensions [{string.Join(", ", spec.Dimensions)}].",
                    nameof(spec));
            }
        }

        var d = indices.Length;
        var medians = new double[d];
        var means = new double[d];
        var deviations = new double[d];
        var logScaled = new bool[d];
        var missing = new int[d];
        var observed = new List<double>(rows.Count);
        for (var j = 0; j < d; j++)
        {
            logScaled[j] = spec.LogScaled.Contains(spec.Dimensions[j]);
            observed.Clear();
            for (var i = 0; i < rows.Count; i++)
            {
                var value = ReadValue(rows, i, indices[j], columns.Count, spec.Dimensions[j]);
                if (double.IsNaN(value))
                {
                    missing[j]++;
                }
                else
                {
                    observed.Add(value);
                }
            }

            medians[j] = Median(observed);

            // Mean and σ are taken over the imputed column, the same values the clustering sees. Summing
            // offsets from the first value keeps a constant column's mean exact (no 0.1 → 0.10000000000000002).
            var origin = Forward(Impute(rows[0][indices[j]], medians[j]), logScaled[j]);
            var offsets = 0.0;
            for (var i = 0; i < rows.Count; i++)
            {
                offsets += Forward(Impute(rows[i][indices[j]], medians[j]), logScaled[j]) - origin;
            }

            means[j] = origin + (offsets / rows.Count);
            var squares = 0.0;
            for (var i = 0; i < rows.Count; i++)
            {
                var delta = Forward(Impute(rows[i][indices[j]], medians[j]), logScaled[j]) - means[j];
                squares += delta * delta;
            }

            var deviation = Math.Sqrt(squares / rows.Count);

            // Rounding leaves a tiny σ on a constant column; treat anything at that noise level as zero.
            deviations[j] = deviation <= 1e-12 * Math.Max(1.0, Math.Abs(means[j])) ? 0.0 : deviation;
        }

        return new FeatureScaler(spec.Dimensions.ToArray(), medians, means, deviations, logScaled, missing, rows.Count);
    }

    /// <summary>Standardises rows of a metric table (imputing, log-scaling and z-scoring each chosen dimension).</summary>
    /// <exception cref="ArgumentException">A dimension is missing from <paramref name="columns"/>, a row is ragged or a value is infinite.</exception>
    public FeatureMatrix Transform(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is required; got none.", nameof(rows));
        }

        var indices = ResolveColumns(columns, Dimensions);
        var d = indices.Length;
        var values = new double[checked(rows.Count * d)];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < d; j++)
            {
                values[(i * d) + j] = ToSigma(j, ReadValue(rows, i, indices[j], columns.Count, Dimensions[j]));
            }
        }

        return new FeatureMatrix(values, rows.Count, d);
    }

    /// <summary>
    /// Which values of the rows are missing and imputed with the median, row-major in <see cref="Dimensions"/> order (row i
    /// at [i·Dimensions.Count, (i+1)·Dimensions.Count)), for explanations that must not cite an imputed value.
    /// </summary>
    /// <exception cref="ArgumentException">A dimension is missing from <paramref name="columns"/>.</exception>
    public bool[] Imputed(IReadOnlyList<string> columns, IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var indices = ResolveColumns(columns, Dimensions);
        var d = indices.Length;
        var imputed = new bool[checked(rows.Count * d)];
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < d; j++)
            {
                imputed[(i * d) + j] = double.IsNaN(rows[i][indices[j]]);
            }
        }

        return imputed;
    }

    /// <summary>Converts one dimension's original value (NaN = missing) to σ units.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dimension"/> is outside [0, Dimensions.Count).</exception>
    public double ToSigma(int dimension, double value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(dimension);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(dimension, Dimensions.Count);
        if (_deviations[dimension] == 0)
        {
            return 0.0;
        }

        return (Forward(Impute(value, _medians[dimension]), _logScaled[dimension]) - _means[dimension]) / _deviations[dimension];
    }

    /// <summary>
    /// Converts a point in σ units (e.g. a centroid) back to original units. For a log-scaled dimension the
    /// result is the back-transformed mean of the logs, a geometric-style centre rather than the arithmetic
    /// mean of the members; a constant dimension returns its constant, and a dimension no fitted row had a value for NaN.
    /// </summary>
    /// <exception cref="ArgumentException">The point does not have one value per dimension.</exception>
    public double[] ToOriginalUnits(ReadOnlySpan<double> sigma)
    {
        if (sigma.Length != Dimensions.Count)
        {
            throw new ArgumentException(
                $"Expected {Dimensions.Count} values (one per dimension); got {sigma.Length}.", nameof(sigma));
        }

        var result = new double[sigma.Length];
        for (var j = 0; j < sigma.Length; j++)
        {
            // A dimension no fitted row had a value for has no centre: its stand-in constant is no customer's value.
            var transformed = _means[j] + (sigma[j] * _deviations[j]);
            result[j] = _missing[j] == _rows ? double.NaN : _logScaled[j] ? SignedExpm1(transformed) : transformed;
        }

        return result;
    }

    private static int[] ResolveColumns(IReadOnlyList<string> columns, IReadOnlyList<string> dimensions)
    {
        if (dimensions.Count == 0)
        {
            throw new ArgumentException("At least one clustering dimension is required; got none.", nameof(dimensions));
        }

        var indices = new int[dimensions.Count];
        for (var j = 0; j < dimensions.Count; j++)
        {
            var name = dimensions[j];
            if (dimensions.Take(j).Contains(name, StringComparer.Ordinal))
            {
                throw new ArgumentException($"Dimension '{name}' is listed twice.", nameof(dimensions));
            }

            indices[j] = IndexOf(columns, name);
            if (indices[j] < 0)
            {
                throw new ArgumentException(
                    $"Dimension '{name}' is not a metric column; available: [{string.Join(", ", columns)}].",
                    nameof(dimensions));
            }
        }

        return indices;
    }

    private static int IndexOf(IReadOnlyList<string> columns, string name)
    {
        for (var c = 0; c < columns.Count; c++)
        {
            if (string.Equals(columns[c], name, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return -1;
    }

    private static double ReadValue(IReadOnlyList<double[]> rows, int row, int column, int columnCount, string dimension)
    {
        if (rows[row].Length != columnCount)
        {
            throw new ArgumentException(
                $"Row {row} has {rows[row].Length} values; the table has {columnCount} columns.", nameof(rows));
        }

        var value = rows[row][column];
        if (double.IsInfinity(value))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"Row {row}, dimension '{dimension}' is {value}; values must be finite or NaN (missing)."),
                nameof(rows));
        }

        return value;
    }

    private static double Impute(double value, double median) => double.IsNaN(value) ? median : value;

    private static double Forward(double value, bool logScaled) =>
        logScaled ? Math.Sign(value) * double.LogP1(Math.Abs(value)) : value;

    private static double SignedExpm1(double value) => Math.Sign(value) * double.ExpM1(Math.Abs(value));

    // An all-missing dimension imputes 0: there is no observed centre, and zero keeps it neutral after z-scoring.
    private static double Median(List<double> observed)
    {
        if (observed.Count == 0)
        {
            return 0.0;
        }

        observed.Sort();
        var middle = observed.Count / 2;
        return observed.Count % 2 == 1 ? observed[middle] : (observed[middle - 1] + observed[middle]) / 2.0;
    }
}
