using System.Globalization;

namespace ChainSeg.Core.Segmentation;

/// <summary>
/// RFM scoring by quantiles (Hughes 1994): each customer gets a recency, frequency and monetary score from 1 to the
/// number of levels, the cell ("545") and a named segment.
/// </summary>
/// <remarks>
/// Scores, per dimension:
/// <list type="number">
/// <item>Customers with a value are ranked from worst to best (recency: most days since the last order first, so the
/// most recent customer gets the top score; frequency and monetary: smallest first).</item>
/// <item>A customer's quantile is its mid-rank over n: q = (mid-rank − ½) ÷ n, where tied values share the mid-rank of
/// their block; the score is 1 + ⌊levels × q⌋. Without ties every score holds n ÷ levels customers (±1), i.e. Hughes'
/// equal-sized quintiles (pandas <c>qcut</c> on ranks); with ties, equal values always share a score, the score never
/// depends on customer ids or input order, and a large tie block takes the score of its middle (so all-identical
/// customers, or a single one, score in the middle level).</item>
/// <item>A missing value scores 1 in that dimension (no order on record is the weakest position) and is counted in a warning.</item>
/// </list>
/// The segment is named from the recency and frequency scores by <see cref="RfmOptions.SegmentMap"/>. With 3 or 4 levels
/// a score s is read on the 1–5 scale as ⌈5 (2s − 1) ÷ (2 levels)⌉, the 5-point score of its band's midpoint
/// (3 levels: 1, 3, 5; 4 levels: 1, 2, 4, 5).
/// </remarks>
public sealed class RfmScorer
{
    /// <summary>Creates a scorer (the defaults of <see cref="RfmOptions"/> when null).</summary>
    public RfmScorer(RfmOptions? options = null) => Options = options ?? RfmOptions.Default;

    /// <summary>The options in use.</summary>
    public RfmOptions Options { get; }

    /// <summary>Scores every customer of the set.</summary>
    /// <param name="metrics">The customers and their metrics.</param>
    /// <param name="explain">False leaves every reason empty, for callers that read only the segments (e.g. of past periods).</param>
    /// <returns>Assignments with the named segment, details with scores and cell, and warnings about missing values.</returns>
    /// <exception cref="KeyNotFoundException">A configured metric is not in the set; the message lists the known metrics.</exception>
    public SegmentationResult<RfmDetail> Score(CustomerMetricSet metrics, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var recency = metrics.ColumnValues(Options.RecencyMetric);
        var frequency = metrics.ColumnValues(Options.FrequencyMetric);
        var monetary = metrics.ColumnValues(Options.MonetaryMetric);

        var r = QuantileScores(recency, higherIsBetter: false, Options.Levels);
        var f = QuantileScores(frequency, higherIsBetter: true, Options.Levels);
        var m = QuantileScores(monetary, higherIsBetter: true, Options.Levels);

        var ids = metrics.CustomerIds;
        var assignments = new SegmentAssignment[ids.Count];
        var details = new RfmDetail[ids.Count];
        // At most 5³ cells, each named once rather than once per customer.
        var cells = new string?[Options.Levels + 1, Options.Levels + 1, Options.Levels + 1];
        for (var i = 0; i < ids.Count; i++)
        {
            var cell = cells[r[i], f[i], m[i]] ??= $"{r[i]}{f[i]}{m[i]}";
            var segment = Options.SegmentMap.SegmentOf(OnFivePointScale(r[i]), OnFivePointScale(f[i]));
            details[i] = new RfmDetail(ids[i], r[i], f[i], m[i], cell, segment, recency[i], frequency[i], monetary[i]);
            assignments[i] = new SegmentAssignment(ids[i], segment, explain ? Reason(details[i]) : "");
        }

        var warnings = new List<SegmentationWarning>();
        // The fix is named with the warning: a monetary of gross_margin on data without costs scored everyone 1 and said only that.
        foreach (var (name, values, setting) in new[] { (Options.RecencyMetric, recency, "recency"), (Options.FrequencyMetric, frequency, "frequency"), (Options.MonetaryMetric, monetary, "monetary") })
        {
            var missing = values.Count(double.IsNaN);
            if (missing > 0)
                warnings.Add(new SegmentationWarning("missing_value",
                    string.Create(CultureInfo.InvariantCulture, $"{missing:N0} of {values.Length:N0} customers {Agreement.For(missing, "has", "have")} no {name}; {Agreement.For(missing, "that customer scores", "they score")} 1 on it. "
                        + $"Load the data it needs (see metric_definitions.csv) or set rfm.{setting} to another metric.")));
        }

        return new SegmentationResult<RfmDetail>(assignments, details, warnings);
    }

    /// <summary>
    /// Each customer's segment alone, in the set's row order: the segments <see cref="Score"/> names, without scores,
    /// reasons or warnings, for callers that read only the segments (e.g. of past periods).
    /// </summary>
    /// <exception cref="KeyNotFoundException">A configured metric is not in the set; the message lists the known metrics.</exception>
    public string[] Segments(CustomerMetricSet metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var r = QuantileScores(metrics.ColumnValues(Options.RecencyMetric), higherIsBetter: false, Options.Levels);
        var f = QuantileScores(metrics.ColumnValues(Options.FrequencyMetric), higherIsBetter: true, Options.Levels);
        // M does not move the name, but a missing monetary metric fails here as it does in Score.
        metrics.ColumnValues(Options.MonetaryMetric);
        var segments = new string[r.Length];
        for (var i = 0; i < segments.Length; i++)
            segments[i] = Options.SegmentMap.SegmentOf(OnFivePointScale(r[i]), OnFivePointScale(f[i]));
        return segments;
    }

    /// <summary>The segments some pair of scores reaches with these levels, in map order (3 levels never score R 4: no Promising).</summary>
    public IReadOnlyList<string> PossibleSegments
    {
        get
        {
            var scores = Enumerable.Range(1, Options.Levels).Select(OnFivePointScale).ToList();
            var reached = scores.SelectMany(r => scores.Select(f => Options.SegmentMap.SegmentOf(r, f))).ToHashSet(StringComparer.Ordinal);
            return Options.SegmentMap.Rules.Select(rule => rule.Name).Where(reached.Contains).Distinct(StringComparer.Ordinal).ToList();
        }
    }

    private int OnFivePointScale(int score) => (5 * (2 * score - 1) + 2 * Options.Levels - 1) / (2 * Options.Levels);

    private static int[] QuantileScores(double[] values, bool higherIsBetter, int levels)
    {
        var scores = new int[values.Length];
        Array.Fill(scores, 1);
        var worstFirst = Enumerable.Range(0, values.Length).Where(i => !double.IsNaN(values[i])).ToArray();
        // Equal values form one block whatever their order inside it, so an unstable sort gives the same scores.
        var keys = worstFirst.Select(i => higherIsBetter ? values[i] : -values[i]).ToArray();
        Array.Sort(keys, worstFirst);

        long n = worstFirst.Length;
        for (var start = 0; start < worstFirst.Length;)
        {
            var end = start;
            while (end + 1 < worstFirst.Length && values[worstFirst[end + 1]] == values[worstFirst[start]])
                end++;
            // 0-based positions start..end: mid-rank quantile (start + end + 1) / 2n, score 1 + floor(levels × q).
            var score = 1 + (int)(levels * (start + end + 1L) / (2 * n));
            for (var k = start; k <= end; k++)
                scores[worstFirst[k]] = score;
            start = end + 1;
        }

        return scores;
    }

    private string Reason(RfmDetail d)
    {
        var scale = Options.Levels == 5 ? "" : $" on {Options.Levels} levels";
        return $"{d.Segment}: R {d.RecencyScore}, F {d.FrequencyScore}, M {d.MonetaryScore} (cell {d.Cell}{scale}); " +
               $"{Options.RecencyMetric} {ReasonFormat.Number(d.Recency)}, {Options.FrequencyMetric} {ReasonFormat.Number(d.Frequency)}, " +
               $"{Options.MonetaryMetric} {ReasonFormat.Figure(Options.MonetaryMetric, d.Monetary)}";
    }
}
