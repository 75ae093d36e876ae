using System.Globalization;

namespace ChainSeg.Core.Segmentation;

/// <summary>
/// ABC analysis by cumulative share of a value metric (revenue, margin, units, …).
/// </summary>
/// <remarks>
/// The rule, precisely:
/// <list type="number">
/// <item>Only customers with a positive value take part in the ranking and the total. A customer whose value is
/// zero, negative (returns exceed sales) or missing is C, and its reason says which.</item>
/// <item>Positive customers are ordered by value descending, then by id (ordinal), so the order never depends on input order.</item>
/// <item>Customers with equal values form a tie group. A group's cumulative share is the value of every customer in this and
/// all higher groups divided by the positive total, so everyone in a tie gets the same share and the same class.</item>
/// <item>A group is A when its cumulative share is ≤ A, B when ≤ B, otherwise C. The first group is always A, even when it alone
/// exceeds the A cut-off: a customer carrying most of the value must never fall below the customers that carry less.
/// So a single customer with positive value is A.</item>
/// <item>Shares are compared with a tolerance of 1e-12, so a group that reaches exactly 80 % is not pushed to B by
/// rounding in the running sum.</item>
/// <item>If no customer has positive value, everyone is C and a <c>no_positive_value</c> warning is returned
/// (<c>metric_without_values</c> when no customer has a value at all).</item>
/// </list>
/// </remarks>
public sealed class AbcClassifier
{
    internal const double ShareTolerance = 1e-12;

    /// <summary>Creates a classifier with the given cut-offs (the 80 % / 95 % defaults when null).</summary>
    public AbcClassifier(AbcCutoffs? cutoffs = null)
    {
        Cutoffs = cutoffs ?? AbcCutoffs.Default;
        _aText = ReasonFormat.CutoffPercent(Cutoffs.A);
        _bText = ReasonFormat.CutoffPercent(Cutoffs.B);
    }

    // Formatted once: reasons are written per customer.
    private readonly string _aText;
    private readonly string _bText;

    // The segment names, so a customer's class is not boxed to be named (Enum.ToString) once per customer and period.
    private static readonly string[] ClassNames = Enum.GetNames<AbcClass>();

    /// <summary>The segment an ABC class is assigned as ("A", "B" or "C").</summary>
    public static string SegmentName(AbcClass abcClass) => ClassNames[(int)abcClass];

    /// <summary>The cut-offs in use.</summary>
    public AbcCutoffs Cutoffs { get; }

    /// <summary>Why a metric is empty for every customer where the data says so (gross_margin: the costs it needs), named in metric_without_values.</summary>
    public IReadOnlyDictionary<string, string>? MissingInputs { get; init; }

    /// <summary>Classifies every customer of the set on one value metric.</summary>
    /// <param name="metrics">The customers and their metrics.</param>
    /// <param name="valueMetric">The metric to rank by, e.g. <c>revenue</c>; it also names the class in the reason.</param>
    /// <param name="explain">False leaves every reason empty, for callers that read only the classes (e.g. of past periods).</param>
    /// <returns>Assignments with segment "A", "B" or "C" in the set's row order, details, and warnings.</returns>
    /// <exception cref="KeyNotFoundException">The metric is not in the set; the message lists the known metrics.</exception>
    public SegmentationResult<AbcDetail> Classify(CustomerMetricSet metrics, string valueMetric, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(valueMetric);
        var values = metrics.ColumnValues(valueMetric);
        var ids = metrics.CustomerIds;
        var ranked = Rank(values, ids);

        var assignments = new SegmentAssignment[values.Length];
        var details = new AbcDetail[values.Length];
        foreach (var (start, end, share, abcClass) in Groups(ranked, values))
        {
            var reason = explain ? RankedReason(abcClass, valueMetric, share, isFirstGroup: start == 0, tieSize: end - start + 1, values[ranked[start]]) : "";
            for (var k = start; k <= end; k++)
            {
                var row = ranked[k];
                assignments[row] = new SegmentAssignment(ids[row], SegmentName(abcClass), reason);
                details[row] = new AbcDetail(ids[row], abcClass, values[row], start + 1, share);
            }
        }

        for (var row = 0; row < values.Length; row++)
        {
            if (assignments[row] is not null)
                continue;
            var reason = !explain ? ""
                : double.IsNaN(values[row]) ? $"C by {valueMetric}: value missing"
                : $"C by {valueMetric}: value {ReasonFormat.Figure(valueMetric, values[row])} is not positive (excluded from the total)";
            assignments[row] = new SegmentAssignment(ids[row], nameof(AbcClass.C), reason);
            details[row] = new AbcDetail(ids[row], AbcClass.C, values[row], 0, double.NaN);
        }

        var warnings = new List<SegmentationWarning>();
        // No value at all is missing input (gross_margin without product costs), which 'no positive value' would hide.
        if (values.Length > 0 && values.All(double.IsNaN))
        {
            var (opening, hint) = SegmentationWarning.NoValue(valueMetric, MissingInputs, " (see metric_definitions.csv)");
            warnings.Add(new SegmentationWarning("metric_without_values", $"{opening}, so {AllAreC(values.Length)}; load the data it needs{hint} or rank by another value_metric."));
        }
        else if (values.Length > 0 && ranked.Length == 0)
            warnings.Add(new SegmentationWarning("no_positive_value",
                $"No customer has a positive {valueMetric}; {AllAreC(values.Length)}."));
        // Some values missing (gross_margin of a customer with an uncosted line) demotes those customers to C quietly.
        if (values.Count(double.IsNaN) is var missing and > 0 && missing < values.Length)
            warnings.Add(new SegmentationWarning("metric_partly_missing",
                string.Create(CultureInfo.InvariantCulture, $"{missing:N0} of {values.Length:N0} customers {Agreement.For(missing, "has", "have")} no {valueMetric} and {Agreement.For(missing, "is", "are")} C; load the data it needs for them (see metric_definitions.csv).")));

        return new SegmentationResult<AbcDetail>(assignments, details, warnings);
    }

    private static string AllAreC(int customers) => customers == 1 ? "the only customer is C" : $"all {customers} customers are C";

    /// <summary>
    /// Each customer's class alone, in the set's row order: the classes <see cref="Classify"/> assigns, without reasons,
    /// details or warnings, for callers that read only the classes (e.g. of past periods, at a fraction of the allocations).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The metric is not in the set; the message lists the known metrics.</exception>
    public AbcClass[] Classes(CustomerMetricSet metrics, string valueMetric)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(valueMetric);
        var values = metrics.ColumnValues(valueMetric);
        var ranked = Rank(values, metrics.CustomerIds);
        var classes = new AbcClass[values.Length];
        Array.Fill(classes, AbcClass.C);
        foreach (var (start, end, _, abcClass) in Groups(ranked, values))
        {
            for (var k = start; k <= end; k++)
                classes[ranked[k]] = abcClass;
        }

        return classes;
    }

    // The rows with a positive value, by value descending, then by id: ids are unique, so the order is total and any sort
    // gives it. Sorted by the negated values as plain keys (no comparison delegate per step), then each run of equal values by id.
    private static int[] Rank(double[] values, IReadOnlyList<string> ids)
    {
        var ranked = Enumerable.Range(0, values.Length).Where(i => values[i] > 0).ToArray();
        var keys = Array.ConvertAll(ranked, i => -values[i]);
        Array.Sort(keys, ranked);
        for (var start = 0; start < ranked.Length;)
        {
            var end = start + 1;
            while (end < ranked.Length && keys[end] == keys[start])
                end++;
            if (end - start > 1)
                ranked.AsSpan(start, end - start).Sort((x, y) => string.CompareOrdinal(ids[x], ids[y]));
            start = end;
        }

        return ranked;
    }

    // The tie groups of the ranking (positions start..end), each with its cumulative share and class.
    private IEnumerable<(int Start, int End, double Share, AbcClass Class)> Groups(int[] ranked, double[] values)
    {
        // Summing in ranked order makes the last cumulative sum equal the total exactly, so the tail reads 100.0 %.
        var total = 0.0;
        foreach (var i in ranked)
            total += values[i];

        var cumulative = 0.0;
        for (var start = 0; start < ranked.Length;)
        {
            var end = start;
            while (end + 1 < ranked.Length && values[ranked[end + 1]] == values[ranked[start]])
                end++;
            for (var k = start; k <= end; k++)
                cumulative += values[ranked[k]];

            var share = cumulative / total;
            var abcClass = start == 0 || share <= Cutoffs.A + ShareTolerance ? AbcClass.A
                : share <= Cutoffs.B + ShareTolerance ? AbcClass.B
                : AbcClass.C;
            yield return (start, end, share, abcClass);
            start = end + 1;
        }
    }

    private string RankedReason(AbcClass abcClass, string metric, double share, bool isFirstGroup, int tieSize, double value)
    {
        var cutoffText = abcClass switch
        {
            AbcClass.A when share > Cutoffs.A + ShareTolerance && isFirstGroup =>
                $"largest {metric} is always A; cut-off {_aText}",
            AbcClass.A => $"cut-off {_aText}",
            AbcClass.B => $"cut-off {_bText}",
            _ => $"beyond cut-off {_bText}",
        };
        var tie = tieSize > 1
            ? $"; tied with {tieSize - 1} other{(tieSize > 2 ? "s" : "")} at {ReasonFormat.Figure(metric, value)}"
            : "";
        return $"{abcClass} by {metric}: top {ReasonFormat.Percent(share, abcClass == AbcClass.A ? Cutoffs.A : ReasonFormat.Nearer(share, Cutoffs.A, Cutoffs.B))} cumulative ({cutoffText}){tie}";
    }
}
