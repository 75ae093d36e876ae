using MathNet.Numerics.Statistics;

namespace ChainSeg.Core.Segmentation;

/// <summary>
/// Immutable table of customers (by id) × named numeric metrics that classifiers and rules read, with the text attributes
/// rules compare (region, demand_class). NaN is a missing value; infinities are rejected because no rule can compare
/// them meaningfully. A missing text is null.
/// </summary>
public sealed class CustomerMetricSet
{
    private readonly string[] _customerIds;
    private Dictionary<string, int>? _customerIndex;
    private readonly Dictionary<string, double[]> _columns;
    private readonly string[] _metricNames;
    private readonly Dictionary<string, string?[]> _texts;

    // A subset made by Rows: its columns are taken from the source's columns at these rows when first read, so a
    // method that reads two metrics of twelve copies two.
    private readonly Dictionary<string, double[]>? _sourceColumns;
    private readonly int[]? _rows;

    /// <summary>Creates the table; the values are copied, so later changes to the inputs do not leak in.</summary>
    /// <param name="customerIds">Distinct, non-empty customer ids (compared ordinally).</param>
    /// <param name="metrics">Distinct metric columns, each with exactly one value per customer.</param>
    /// <exception cref="ArgumentException">An id is empty or repeated, a metric name is empty or repeated, a column has the wrong length or holds an infinity.</exception>
    public CustomerMetricSet(IReadOnlyList<string> customerIds, IEnumerable<MetricColumn> metrics)
        : this(customerIds?.ToArray()!, metrics, [], copy: true)
    {
    }

    /// <summary>Creates the table with text attributes beside the metrics; the values are copied.</summary>
    /// <param name="customerIds">Distinct, non-empty customer ids (compared ordinally).</param>
    /// <param name="metrics">Distinct metric columns, each with exactly one value per customer.</param>
    /// <param name="texts">Distinct text columns, named unlike any metric, each with exactly one value (or null) per customer.</param>
    /// <exception cref="ArgumentException">As the other constructor, or a text column is unnamed, repeated, named as a metric or of the wrong length.</exception>
    public CustomerMetricSet(IReadOnlyList<string> customerIds, IEnumerable<MetricColumn> metrics, IEnumerable<TextColumn> texts)
        : this(customerIds?.ToArray()!, metrics, texts, copy: true)
    {
    }

    /// <summary>
    /// Creates the table on arrays the caller hands over and no longer changes: validated as by the constructor, but the ids
    /// and every <c>double[]</c> column are kept instead of copied (columns of many customers are large objects).
    /// </summary>
    /// <exception cref="ArgumentException">As the constructor.</exception>
    public static CustomerMetricSet Adopt(string[] customerIds, IEnumerable<MetricColumn> metrics, IEnumerable<TextColumn>? texts = null) =>
        new(customerIds, metrics, texts ?? [], copy: false);

    private CustomerMetricSet(string[] customerIds, IEnumerable<MetricColumn> metrics, IEnumerable<TextColumn> texts, bool copy)
    {
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(texts);

        _customerIds = customerIds;
        _customerIndex = new Dictionary<string, int>(_customerIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < _customerIds.Length; i++)
        {
            var id = _customerIds[i];
            if (string.IsNullOrWhiteSpace(id))
                throw new ArgumentException($"Customer id at row {i} is empty; every customer needs an id.", nameof(customerIds));
            if (!_customerIndex.TryAdd(id, i))
                throw new ArgumentException($"Customer id '{id}' appears more than once; ids must be unique.", nameof(customerIds));
        }

        _columns = new Dictionary<string, double[]>(StringComparer.Ordinal);
        var names = new List<string>();
        foreach (var metric in metrics)
        {
            ArgumentNullException.ThrowIfNull(metric, nameof(metrics));
            if (string.IsNullOrWhiteSpace(metric.Name))
                throw new ArgumentException("A metric name is empty; every metric needs a name.", nameof(metrics));
            ArgumentNullException.ThrowIfNull(metric.Values, nameof(metrics));
            if (metric.Values.Count != _customerIds.Length)
                throw new ArgumentException(
                    $"Metric '{metric.Name}' has {metric.Values.Count} values for {_customerIds.Length} customers; it needs one value per customer.",
                    nameof(metrics));

            var values = !copy && metric.Values is double[] owned ? owned : metric.Values.ToArray();
            for (var i = 0; i < values.Length; i++)
            {
                if (double.IsInfinity(values[i]))
                    throw new ArgumentException(
                        $"Metric '{metric.Name}' is infinite for customer '{_customerIds[i]}'; use NaN for a missing value.",
                        nameof(metrics));
            }

            if (!_columns.TryAdd(metric.Name, values))
                throw new ArgumentException($"Metric '{metric.Name}' appears more than once; metric names must be unique.", nameof(metrics));
            names.Add(metric.Name);
        }

        _metricNames = names.ToArray();

        _texts = new Dictionary<string, string?[]>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            ArgumentNullException.ThrowIfNull(text, nameof(texts));
            if (string.IsNullOrWhiteSpace(text.Name))
                throw new ArgumentException("A text column name is empty; every column needs a name.", nameof(texts));
            ArgumentNullException.ThrowIfNull(text.Values, nameof(texts));
            if (text.Values.Count != _customerIds.Length)
                throw new ArgumentException(
                    $"Text column '{text.Name}' has {text.Values.Count} values for {_customerIds.Length} customers; it needs one value per customer.", nameof(texts));
            if (_columns.ContainsKey(text.Name) || !_texts.TryAdd(text.Name, !copy && text.Values is string?[] owned ? owned : text.Values.ToArray()))
                throw new ArgumentException($"Column '{text.Name}' appears more than once; column names must be unique.", nameof(texts));
        }
    }

    // A subset of an already validated table: ids stay unique and values finite, so nothing is checked again, and the
    // index by id is built only if asked for.
    private CustomerMetricSet(string[] customerIds, Dictionary<string, double[]> sourceColumns, int[] rows, string[] metricNames, Dictionary<string, string?[]> texts)
    {
        _customerIds = customerIds;
        _columns = new Dictionary<string, double[]>(sourceColumns.Count, StringComparer.Ordinal);
        _sourceColumns = sourceColumns;
        _rows = rows;
        _metricNames = metricNames;
        _texts = texts;
    }

    /// <summary>The table restricted to the given rows, in that order (every metric kept).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A row is outside [0, Count).</exception>
    /// <exception cref="ArgumentException">A row appears twice.</exception>
    public CustomerMetricSet Rows(IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var seen = new bool[Count];
        var ids = new string[rows.Count];
        var taken = new int[rows.Count];
        for (var r = 0; r < ids.Length; r++)
        {
            var row = rows[r];
            ArgumentOutOfRangeException.ThrowIfNegative(row, nameof(rows));
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count, nameof(rows));
            if (seen[row])
                throw new ArgumentException($"Row {row} appears more than once; each row can be taken once.", nameof(rows));
            seen[row] = true;
            ids[r] = _customerIds[row];
            taken[r] = _rows is null ? row : _rows[row];
        }

        // Text columns are few (those rules compare) and taken at once.
        var texts = _texts.ToDictionary(t => t.Key, t => rows.Select(row => t.Value[row]).ToArray(), StringComparer.Ordinal);
        return new CustomerMetricSet(ids, _sourceColumns ?? _columns, taken, _metricNames, texts);
    }

    /// <summary>Number of customers (rows).</summary>
    public int Count => _customerIds.Length;

    /// <summary>Customer ids in row order.</summary>
    public IReadOnlyList<string> CustomerIds => _customerIdList ??= Array.AsReadOnly(_customerIds);

    // Made once: callers index CustomerIds per customer.
    private IReadOnlyList<string>? _customerIdList;

    /// <summary>Metric names in the order they were given.</summary>
    public IReadOnlyList<string> MetricNames => Array.AsReadOnly(_metricNames);

    /// <summary>Whether the table holds a metric of this name (ordinal comparison).</summary>
    public bool HasMetric(string metric) => metric is not null && (_sourceColumns ?? _columns).ContainsKey(metric);

    /// <summary>Text column names, in no particular order.</summary>
    public IReadOnlyCollection<string> TextNames => _texts.Keys;

    /// <summary>Whether the table holds a text column of this name (ordinal comparison).</summary>
    public bool HasText(string column) => column is not null && _texts.ContainsKey(column);

    /// <summary>The values of one text column in row order (null = missing).</summary>
    /// <exception cref="KeyNotFoundException">The column is unknown.</exception>
    public IReadOnlyList<string?> Text(string column) => Array.AsReadOnly(TextValues(column));

    /// <summary>The values of one metric in row order (NaN = missing).</summary>
    /// <exception cref="KeyNotFoundException">The metric is unknown; the message lists the known metrics.</exception>
    public IReadOnlyList<double> Column(string metric) => Array.AsReadOnly(ColumnValues(metric));

    /// <summary>The value of one metric for the customer at a row (NaN = missing).</summary>
    /// <exception cref="KeyNotFoundException">The metric is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The row is outside [0, Count).</exception>
    public double Value(int row, string metric)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, Count);
        return ColumnValues(metric)[row];
    }

    /// <summary>The value of one metric for a customer id (NaN = missing).</summary>
    /// <exception cref="KeyNotFoundException">The customer or the metric is unknown.</exception>
    public double Value(string customerId, string metric) => ColumnValues(metric)[RowOf(customerId)];

    /// <summary>The row of a customer id.</summary>
    /// <exception cref="KeyNotFoundException">The customer id is not in the table.</exception>
    public int RowOf(string customerId)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return CustomerIndex.TryGetValue(customerId, out var row)
            ? row
            : throw new KeyNotFoundException($"Unknown customer '{customerId}'.");
    }

    /// <summary>The row of a customer id, if the table holds it.</summary>
    public bool TryRowOf(string customerId, out int row)
    {
        ArgumentNullException.ThrowIfNull(customerId);
        return CustomerIndex.TryGetValue(customerId, out row);
    }

    private Dictionary<string, int> CustomerIndex => LazyInitializer.EnsureInitialized(ref _customerIndex, () =>
    {
        var index = new Dictionary<string, int>(_customerIds.Length, StringComparer.Ordinal);
        for (var i = 0; i < _customerIds.Length; i++)
            index.Add(_customerIds[i], i);
        return index;
    });

    /// <summary>The message used when a metric is unknown, listing the known ones, so rule errors read the same.</summary>
    internal string UnknownMetricMessage(string metric) => UnknownMetricMessage(metric, [.. _metricNames, .. _texts.Keys.Order(StringComparer.Ordinal)]);

    /// <summary>"unknown metric 'x' (did you mean …); known metrics: …", as every unknown metric name is reported; <paramref name="at"/> places it in its text (" at position 7" in a rule).</summary>
    public static string UnknownMetricMessage(string metric, IEnumerable<string> known, string at = "")
    {
        var names = known.ToList();
        return $"unknown metric '{metric}'{at}{MetricNameSuggestion.Hint(metric, names)}; known metrics: {List(names)}";
    }

    /// <summary>The day counts that stand for the date columns wherever numbers are read, as a fix names them.</summary>
    public const string DaysForDates = "recency_days (since the last order) or tenure_days (since the first)";

    /// <summary>
    /// "metric 'x' is a text column of customer_metrics, and … numeric metrics only: …", as a column that holds no number
    /// (<paramref name="holds"/>: text, date) is reported where a numeric metric is read; <paramref name="reader"/> is what
    /// reads it, <paramref name="at"/> places it as for <see cref="UnknownMetricMessage(string, IEnumerable{string}, string)"/>.
    /// </summary>
    public static string NonNumericMetricMessage(string metric, string holds, string reader, IEnumerable<string> known, string at = "") =>
        $"metric '{metric}'{at} is a {holds} column of customer_metrics, and {reader} numeric metrics only: {List(known)}";

    private static string List(IEnumerable<string> names) => string.Join(", ", names) is { Length: > 0 } list ? list : "(none)";

    /// <summary>
    /// The percentile of a metric among the table's customers with a value (NaN with none): Hyndman &amp; Fan's type 7, linear
    /// between the nearest ranks, as R's default, NumPy's and Excel's PERCENTILE.INC.
    /// </summary>
    /// <param name="metric">The metric.</param>
    /// <param name="fraction">The percentile as a fraction in [0, 1] (the 90th is 0.9).</param>
    /// <exception cref="KeyNotFoundException">The metric is unknown.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The fraction is outside [0, 1].</exception>
    public double Percentile(string metric, double fraction)
    {
        Arguments.ClosedUnit(fraction, nameof(fraction), "Percentile");
        var sorted = SortedValues(metric);
        return sorted.Length == 0 ? double.NaN : SortedArrayStatistics.QuantileCustom(sorted, fraction, QuantileDefinition.R7);
    }

    // A metric's values without the missing ones, sorted once: rules read a percentile of it per comparison, in every rule
    // that names it and again under a margin.
    private double[] SortedValues(string metric)
    {
        var values = ColumnValues(metric);
        lock (_sorted)
        {
            if (!_sorted.TryGetValue(metric, out var sorted))
            {
                sorted = values.Where(v => !double.IsNaN(v)).ToArray();
                Array.Sort(sorted);
                _sorted.Add(metric, sorted);
            }

            return sorted;
        }
    }

    private readonly Dictionary<string, double[]> _sorted = new(StringComparer.Ordinal);

    // The backing array of a text column, as ColumnValues.
    internal string?[] TextValues(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return _texts.TryGetValue(column, out var values)
            ? values
            : throw new KeyNotFoundException($"unknown text column '{column}'; known text columns: {List(_texts.Keys.Order(StringComparer.Ordinal))}.");
    }

    // The backing array, for classifiers in this assembly that read many rows without copying.
    internal double[] ColumnValues(string metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        if (_sourceColumns is null)
            return _columns.TryGetValue(metric, out var values) ? values : throw new KeyNotFoundException(UnknownMetricMessage(metric) + ".");
        if (!_sourceColumns.TryGetValue(metric, out var source))
            throw new KeyNotFoundException(UnknownMetricMessage(metric) + ".");
        lock (_columns)
        {
            if (!_columns.TryGetValue(metric, out var subset))
            {
                subset = new double[_rows!.Length];
                for (var r = 0; r < subset.Length; r++)
                    subset[r] = source[_rows[r]];
                _columns.Add(metric, subset);
            }
            return subset;
        }
    }
}
