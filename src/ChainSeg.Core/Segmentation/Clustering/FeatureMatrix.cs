namespace ChainSeg.Core.Segmentation.Clustering;

/// <summary>Points stored row-major in one flat array, the layout the clustering kernels scan.</summary>
public sealed class FeatureMatrix
{
    private readonly double[] _values;

    /// <summary>Wraps a flat row-major array of <paramref name="count"/> points with <paramref name="dimensions"/> values each.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A size is not positive or the array length is not count × dimensions.</exception>
    /// <exception cref="ArgumentException">A value is NaN or infinite.</exception>
    public FeatureMatrix(double[] values, int count, int dimensions)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dimensions);
        if ((long)count * dimensions != values.Length)
        {
            throw new ArgumentOutOfRangeException(
                nameof(values),
                $"Expected count × dimensions = {(long)count * dimensions} values; got {values.Length}.");
        }

        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException(
                    $"Point {i / dimensions}, dimension {i % dimensions} is {values[i]}; clustering needs finite values (impute missing values first).",
                    nameof(values));
            }
        }

        _values = values;
        Count = count;
        Dimensions = dimensions;
    }

    /// <summary>Number of points.</summary>
    public int Count { get; }

    /// <summary>Number of values per point.</summary>
    public int Dimensions { get; }

    /// <summary>The flat row-major values (point i occupies [i·Dimensions, (i+1)·Dimensions)).</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>Internal access to the backing array for the parallel kernels, which index it directly.</summary>
    internal double[] Buffer => _values;

    /// <summary>Builds a matrix from jagged rows of equal length.</summary>
    /// <exception cref="ArgumentException">Rows are empty, ragged, or hold non-finite values.</exception>
    public static FeatureMatrix FromRows(IReadOnlyList<double[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            throw new ArgumentException("At least one row is required; got none.", nameof(rows));
        }

        var dimensions = rows[0].Length;
        var values = new double[checked(rows.Count * dimensions)];
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].Length != dimensions)
            {
                throw new ArgumentException(
                    $"Row {i} has {rows[i].Length} values; row 0 has {dimensions}. All rows need the same length.",
                    nameof(rows));
            }

            rows[i].CopyTo(values, i * dimensions);
        }

        return new FeatureMatrix(values, rows.Count, dimensions);
    }

    /// <summary>The values of point <paramref name="index"/>.</summary>
    public ReadOnlySpan<double> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return new ReadOnlySpan<double>(_values, index * Dimensions, Dimensions);
    }

    /// <summary>
    /// Counts distinct points, stopping as soon as <paramref name="limit"/> are found, so checking
    /// "at least k distinct points" costs a few rows on real data and one pass in the worst case.
    /// </summary>
    public int CountDistinct(int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var seen = new HashSet<int>(new RowComparer(_values, Dimensions));
        for (var i = 0; i < Count && seen.Count < limit; i++)
        {
            seen.Add(i);
        }

        return seen.Count;
    }

    /// <summary>Compares rows by value; +0 and −0 hash alike because they compare equal.</summary>
    private sealed class RowComparer(double[] values, int dimensions) : IEqualityComparer<int>
    {
        public bool Equals(int x, int y) =>
            new ReadOnlySpan<double>(values, x * dimensions, dimensions)
                .SequenceEqual(new ReadOnlySpan<double>(values, y * dimensions, dimensions));

        public int GetHashCode(int obj)
        {
            var hash = new HashCode();
            for (var j = 0; j < dimensions; j++)
            {
                var v = values[(obj * dimensions) + j];
                hash.Add(v == 0 ? 0d : v);
            }

            return hash.ToHashCode();
        }
    }
}
