using System.Globalization;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Segmentation.Rules;

/// <summary>
/// Assigns customers with a <see cref="RuleModel"/>: the first rule whose condition holds wins, unmatched customers go
/// to the fallback, segments below <c>min_segment_share</c> merge away, and the DEFINITIONS.md guards are checked.
/// </summary>
/// <remarks>
/// Viability is judged once, on the first-match assignment: a segment other than the fallback whose share (of customers,
/// or of the positive total of the share metric, missing and negative values counting as zero) is below the minimum is
/// not viable, and so is one nobody matches first (0 %). Its customers move to the fallback, or with <see cref="SmallSegmentMerge.NearestViable"/> to the first
/// later rule of a viable segment they also satisfy. Viable segments only gain customers, so one pass is final.
/// </remarks>
public sealed class RuleSegmenter
{
    private readonly RuleExpression[] _rules;
    private readonly IReadOnlyDictionary<string, string>? _sources;

    /// <summary>Parses every rule of the model against the known metric names (once; reused for every run).</summary>
    /// <param name="model">The model.</param>
    /// <param name="knownMetrics">Metric names rules may use, e.g. the columns of <c>customer_metrics.csv</c>.</param>
    /// <param name="textColumns">Text columns rules may compare with quoted texts (region, demand_class).</param>
    /// <param name="sources">The table each metric measured from another source is read from (price_realisation: products), named when no customer has a value.</param>
    /// <exception cref="RuleSyntaxException">A rule does not parse or names an unknown metric.</exception>
    /// <exception cref="ArgumentException">The share metric is not a known metric.</exception>
    public RuleSegmenter(RuleModel model, IReadOnlyCollection<string> knownMetrics, IReadOnlyCollection<string>? textColumns = null,
        IReadOnlyDictionary<string, string>? sources = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(knownMetrics);
        if (model.ShareMetric is { } shareMetric && !knownMetrics.Contains(shareMetric, StringComparer.Ordinal))
            throw new ArgumentException($"Share metric: {CustomerMetricSet.UnknownMetricMessage(shareMetric, knownMetrics)}.", nameof(model));
        Model = model;
        _sources = sources;
        var texts = textColumns?.ToDictionary(c => c, _ => RuleExpression.TextColumn, StringComparer.Ordinal);
        _rules = model.Rules.Select(r => RuleExpression.Parse(r.Segment, r.When, knownMetrics, texts)).ToArray();
    }

    /// <summary>The model.</summary>
    public RuleModel Model { get; }

    /// <summary>Why a metric is empty for every customer where the data says so (gross_margin: the costs it needs), named in metric_without_values.</summary>
    public IReadOnlyDictionary<string, string>? MissingInputs { get; init; }

    /// <summary>The parsed rules in match order.</summary>
    public IReadOnlyList<RuleExpression> Rules => _rules;

    /// <summary>Assigns every customer of the table.</summary>
    /// <param name="metrics">The customers and their metrics.</param>
    /// <param name="explain">False leaves every reason empty, for callers that read only the segments (e.g. of past periods):
    /// a reason spells out every comparison of the rule that decided, which at 200 k customers took most of a past period's time.</param>
    /// <returns>Assignments whose reasons show the values that made the rule true, details, and guard warnings.</returns>
    /// <exception cref="KeyNotFoundException">The table lacks a metric a rule or the share reads.</exception>
    public SegmentationResult<RuleMatchDetail> Assign(CustomerMetricSet metrics, bool explain = true)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var compiled = _rules.Select(r => r.Compile(metrics)).ToArray();
        var weights = Model.ShareMetric is null ? null : metrics.ColumnValues(Model.ShareMetric);
        var ids = metrics.CustomerIds;

        var firstMatch = new int[metrics.Count];
        for (var row = 0; row < metrics.Count; row++)
            firstMatch[row] = FirstSatisfied(compiled, row, from: 0, skip: null);

        var missing = MetricsWithoutValues(metrics);
        var warnings = missing.Select(m => MissingMetricWarning(m, compiled)).ToList();
        warnings.AddRange(TextsNobodyHas(metrics, missing));
        warnings.AddRange(UnmatchedRules(firstMatch, missing));
        var shares = SharesOfFirstMatch(firstMatch, weights, warnings);
        // A share within a running sum's rounding of the minimum reaches it (0.7 + 0.1 of 2.0 is 40 %, not 39.99…), as ABC
        // compares its cut-offs.
        var nonViable = shares
            .Where(s => s.Key != Model.Fallback && s.Value < Model.MinSegmentShare - AbcClassifier.ShareTolerance)
            .ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        // A rule that lists where its customers merge (its merge_into) sends them to the first viable segment listed; with
        // none viable they stay, as the list names every segment they may be read as: a Shapiro quadrant merged into the
        // fallback 'unplaced' (no price or cost figures) labelled customers with both figures as having none.
        bool Listed(int rule) => Model.Rules[rule].MergeInto.Count > 0;
        var listedTarget = Model.Rules.Select(r => r.MergeInto.FirstOrDefault(t => !nonViable.ContainsKey(t))).ToArray();
        string Small(string segment, int customers) =>
            $"'{segment}' ({customers} {(customers == 1 ? Model.RowName : Model.RowName + "s")}, {ReasonFormat.Percent(nonViable[segment], Model.MinSegmentShare)} of {ShareUnit}) is under min_segment_share {ReasonFormat.CutoffPercent(Model.MinSegmentShare)}";
        // Each customer's reason says it was merged; the model says which of its segments is gone, so a planner sees it
        // without reading every row. A segment nobody matches first is said to be empty by UnmatchedRules instead.
        foreach (var segment in Model.Rules.Select(r => r.Segment).Distinct(StringComparer.Ordinal).Where(nonViable.ContainsKey))
        {
            var customers = firstMatch.Count(m => m >= 0 && Model.Rules[m].Segment == segment && !Listed(m));
            if (customers == 0)
                continue;
            var into = Model.Merge == SmallSegmentMerge.NearestViable
                ? $"the next viable segment each customer matches, else '{Model.Fallback}'"
                : $"the fallback '{Model.Fallback}'";
            warnings.Add(new SegmentationWarning("segment_merged", $"{Small(segment, customers)}; its customers moved to {into}."));
        }
        for (var rule = 0; rule < Model.Rules.Count; rule++)
        {
            var customers = firstMatch.Count(m => m == rule);
            if (!Listed(rule) || !nonViable.ContainsKey(Model.Rules[rule].Segment) || customers == 0)
                continue;
            var (segment, list) = (Model.Rules[rule].Segment, string.Join(", ", Model.Rules[rule].MergeInto));
            warnings.Add(listedTarget[rule] is { } target
                ? new SegmentationWarning("segment_merged", $"{Small(segment, customers)}; its customers moved to '{target}', the first viable segment of its rule's merge_into ({list}).")
                : new SegmentationWarning("segment_not_merged", $"{Small(segment, customers)}, but no segment of its rule's merge_into ({list}) is viable, so its customers stay in it; lower min_segment_share or list a viable segment."));
        }

        string Under(double share) =>
            $"{ReasonFormat.Percent(share, Model.MinSegmentShare)} of {ShareUnit} < min_segment_share {ReasonFormat.CutoffPercent(Model.MinSegmentShare)}";
        var assignments = new SegmentAssignment[metrics.Count];
        var details = new RuleMatchDetail[metrics.Count];
        for (var row = 0; row < metrics.Count; row++)
        {
            var match = firstMatch[row];
            if (match < 0)
            {
                assignments[row] = new SegmentAssignment(ids[row], Model.Fallback, explain ? Unmatched(compiled, row) : "");
                details[row] = new RuleMatchDetail(ids[row], Model.Fallback, -1, null);
                continue;
            }

            var matched = Model.Rules[match].Segment;
            if (!nonViable.TryGetValue(matched, out var share))
            {
                assignments[row] = new SegmentAssignment(ids[row], matched, explain ? $"{matched}: {compiled[match].Explain(row)}" : "");
                details[row] = new RuleMatchDetail(ids[row], matched, match, null);
                continue;
            }

            if (Listed(match))
            {
                var listed = listedTarget[match];
                details[row] = new RuleMatchDetail(ids[row], listed ?? matched, match, listed is null ? null : matched);
                var list = string.Join(", ", Model.Rules[match].MergeInto);
                assignments[row] = new SegmentAssignment(ids[row], listed ?? matched, !explain ? "" : listed is not null
                    ? $"{listed}: merged from '{matched}' ({Under(share)}) into {listed}, the first viable segment of the rule's merge_into ({list}); {matched}: {compiled[match].Explain(row)}"
                    : $"{matched}: {compiled[match].Explain(row)}; kept though {Under(share)}: no segment of the rule's merge_into ({list}) is viable");
                continue;
            }

            var nearest = Model.Merge == SmallSegmentMerge.NearestViable;
            var target = nearest ? NearestViableRule(compiled, row, match, nonViable) : -1;
            var segment = target >= 0 ? Model.Rules[target].Segment : Model.Fallback;
            details[row] = new RuleMatchDetail(ids[row], segment, match, matched);
            if (!explain)
            {
                assignments[row] = new SegmentAssignment(ids[row], segment, "");
                continue;
            }

            var merged = $"merged from '{matched}' ({Under(share)})";
            // 'Nearest' is the rule order, which the reason names: which rule took the customer, or that none after its own did.
            var reason = target >= 0
                ? $"{Model.Rules[target].Segment}: {merged} into rule {target + 1}, the next rule of a viable segment it satisfies; " +
                  $"{Model.Rules[target].Segment}: {compiled[target].Explain(row)}"
                : $"{Model.Fallback}: {merged}{(nearest ? "; no later rule of a viable segment holds" : "")}; {matched}: {compiled[match].Explain(row)}";
            assignments[row] = new SegmentAssignment(ids[row], segment, reason);
        }

        warnings.AddRange(SegmentGuard.Check(assignments, weights, Model.ShareMetric, Model.Guards));
        return new SegmentationResult<RuleMatchDetail>(assignments, details, warnings);
    }

    /// <summary>
    /// What margin hysteresis needs of each customer of one period: which rules hold with thresholds eased and hardened by
    /// the margin (see <see cref="CompiledRule.IsSatisfiedBy(int, double)"/>), beside the assignment <see cref="Assign"/> made.
    /// </summary>
    /// <remarks>
    /// The outcomes are evaluated when read: hysteresis reads them only where a customer's raw segment differs from its held
    /// one, and only the rules up to its segment's, while evaluating every rule eased and hardened for every customer at every
    /// period end was most of what a margin made a rules model cost. The table's columns do not change, so a late read gives
    /// what an early one would have.
    /// </remarks>
    /// <param name="metrics">The table that was assigned.</param>
    /// <param name="result">The result of <see cref="Assign"/> on it.</param>
    /// <param name="margin">Relative margin in [0, 1).</param>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">The result does not belong to the table.</exception>
    public IReadOnlyList<RuleObservation> MarginObservations(CustomerMetricSet metrics, SegmentationResult<RuleMatchDetail> result, double margin)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(result);
        Arguments.InRange(margin, ValueRange.PartialUnit, nameof(margin), "Margin");
        if (result.Details.Count != metrics.Count)
            throw new ArgumentException($"The result has {result.Details.Count} customers, the table {metrics.Count}.", nameof(result));
        var compiled = _rules.Select(r => r.Compile(metrics)).ToArray();
        var segments = Model.Rules.Select(r => r.Segment).ToArray();
        var merged = result.Details.Where(d => d.MergedFrom is not null).Select(d => d.MergedFrom!).ToHashSet(StringComparer.Ordinal);
        var listed = result.Details.Where(d => d.MergedFrom is not null && Model.Rules[d.MatchedRule].MergeInto.Count > 0)
            .GroupBy(d => d.MatchedRule).ToDictionary(g => g.Key, g => g.First().Segment);
        var observations = new RuleObservation[metrics.Count];
        for (var row = 0; row < observations.Length; row++)
        {
            var customer = row;
            observations[row] = new RuleObservation(result.Assignments[row].Segment, segments,
                new RuleOutcomes(compiled, row, margin), new RuleOutcomes(compiled, row, -margin), Model.Fallback, merged)
            {
                MergeInto = Model.Merge,
                ListedMerges = listed,
                RawRule = result.Details[row].MatchedRule,
                Facts = (rule, slack) => compiled[rule].Explain(customer, slack),
            };
        }

        return observations;
    }

    /// <summary>
    /// A <c>margin_out_of_reach</c> warning for each rule whose percentile threshold, as it resolved among these customers,
    /// the margin hardens past its metric's largest value (p90 of otif_rate is 1 when a tenth of the customers are perfect,
    /// and 10 % harder is 1.1), or, for a metric without a bound, past the largest value any of these customers has: no
    /// customer held in another segment can then move into the rule's segment this period.
    /// </summary>
    /// <remarks>A written number out of reach is refused with the configuration (<see cref="MarginReach"/>); a percentile is known only here.</remarks>
    /// <param name="metrics">The customers segmented.</param>
    /// <param name="margin">Relative margin in [0, 1).</param>
    /// <param name="upperBounds">The largest value of each bounded metric (1 for a share).</param>
    /// <exception cref="ArgumentOutOfRangeException">The margin is outside [0, 1).</exception>
    public IEnumerable<SegmentationWarning> PercentilesOutOfReach(CustomerMetricSet metrics, double margin, IReadOnlyDictionary<string, double> upperBounds)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(upperBounds);
        Arguments.InRange(margin, ValueRange.PartialUnit, nameof(margin), "Margin");
        // A metric without a bound of its own (price_realisation: the median 0.94 hardened by 20 % is 1.125) is out of reach
        // past the largest value any of these customers has.
        var bounds = new Dictionary<string, double>(upperBounds, StringComparer.Ordinal);
        foreach (var metric in _rules.SelectMany(r => r.NumericComparisons).Where(c => c.Percentile is not null).Select(c => c.Metric))
            if (!bounds.ContainsKey(metric) && metrics.Percentile(metric, 1) is var largest && !double.IsNaN(largest))
                bounds[metric] = largest;
        foreach (var rule in _rules.Where(r => r.NumericComparisons.Any(c => c.Percentile is not null)))
        {
            // A written number out of reach was refused before the run: only a percentile is reported here.
            if (MarginReach.FirstUnreachable(rule.Compile(metrics), margin, bounds) is not { Comparison.Percentile: { } percentile } unreachable)
                continue;
            var c = unreachable.Comparison;
            var percent = ReasonFormat.CutoffPercent(margin);
            var largest = upperBounds.ContainsKey(c.Metric) ? "its largest value" : "the largest any of them has,";
            yield return new SegmentationWarning("margin_out_of_reach",
                $"rule '{rule.RuleName}' ({rule.Text}): {PercentileThreshold.Spell(percentile)} of {c.Metric} is {RuleThresholdText.Shown(c)} among these {Model.RowName}s, "
                + $"and hysteresis.margin {percent} hardens it to {unreachable.NeededText}, past {largest} {ReasonFormat.Figure(c.Metric, unreachable.Bound)}, so no {Model.RowName} held in another segment "
                + $"can move into '{rule.RuleName}'{(unreachable.IsAlternative ? " through that condition" : "")}; use a lower percentile, a smaller margin or hysteresis: {{ periods: N }}.");
        }
    }

    // One customer's outcome of each rule with a given slack, evaluated each time it is read (hysteresis reads each at most once).
    private sealed class RuleOutcomes(CompiledRule[] compiled, int row, double slack) : IReadOnlyList<bool>
    {
        public int Count => compiled.Length;

        public bool this[int index] => compiled[index].IsSatisfiedBy(row, slack);

        public IEnumerator<bool> GetEnumerator()
        {
            for (var r = 0; r < compiled.Length; r++)
                yield return compiled[r].IsSatisfiedBy(row, slack);
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    // "No rule matched" alone leaves unsaid which threshold the customer missed, or that a metric it lacks (demand_cv of a
    // customer with one period of demand) made a rule unknown: each rule's failing facts say it.
    private string Unmatched(CompiledRule[] compiled, int row) =>
        string.Concat(compiled.Select(c => $"; {c.Expression.RuleName}: {c.Explain(row)}").Prepend($"{Model.Fallback}: no rule matched (fallback)"));

    // Under a roll-up the rows are accounts: a share "of customers" would read as counted over every customer, children too.
    private string ShareUnit => Model.ShareMetric ?? Model.RowName + "s";

    // A rule no customer reaches (as first match) decides nothing, and when no other rule (nor the fallback) fills its segment,
    // a tier someone configured is empty: both are worth saying, but only the second as empty (a segment's second rule
    // shadowed by its first is not). Rules reading a metric without values are reported for that instead.
    private IEnumerable<SegmentationWarning> UnmatchedRules(int[] firstMatch, IReadOnlyCollection<string> missing)
    {
        if (firstMatch.Length == 0)
            yield break;
        var matched = firstMatch.Where(m => m >= 0).ToHashSet();
        var filled = firstMatch.Select(m => m < 0 ? Model.Fallback : Model.Rules[m].Segment).ToHashSet(StringComparer.Ordinal);
        for (var r = 0; r < _rules.Length; r++)
        {
            if (matched.Contains(r) || _rules[r].Metrics.Any(missing.Contains))
                continue;
            var segment = Model.Rules[r].Segment;
            var effect = filled.Contains(segment)
                ? $"; segment '{segment}' has its customers from {(segment == Model.Fallback ? "other rules or the fallback" : "its other rules")}"
                : $", so segment '{segment}' is empty";
            yield return new SegmentationWarning("rule_unmatched",
                $"rule '{_rules[r].RuleName}' ({_rules[r].Text}) is the first match of no customer{effect}.");
        }
    }

    // Metrics the rules read that no customer has a value for (OTIF without shipments in the data, say): every comparison
    // on them is unknown, so the rules reading them match only through another 'or' branch, which the assignments alone
    // would not show.
    private List<string> MetricsWithoutValues(CustomerMetricSet metrics) => metrics.Count == 0
        ? []
        : _rules.SelectMany(r => r.Metrics).Distinct(StringComparer.Ordinal)
            .Where(m => metrics.HasText(m) ? metrics.TextValues(m).All(v => v is null) : metrics.ColumnValues(m).All(double.IsNaN)).ToList();

    // region == 'Europe' where the data says EU matches nobody, silently: the texts of a rule no customer has (as rules
    // compare them, RuleText) are named with the values the column does hold, most customers first. One warning per rule and column, naming
    // ten texts at most: a list of 1,000 account ids most of which had left gave a warning per id, each repeating the rule
    // and the column's values (10 MB of run_summary.json, minutes of console output). The empty text of region != '' (the
    // customers with a region) is none of these.
    private IEnumerable<SegmentationWarning> TextsNobodyHas(CustomerMetricSet metrics, IReadOnlyCollection<string> missing)
    {
        if (metrics.Count == 0)
            yield break;
        const int listed = 10;
        var held = new Dictionary<string, List<(string Value, int Customers)>>(StringComparer.Ordinal);
        foreach (var rule in _rules)
        {
            foreach (var column in rule.TextMatches.Select(t => t.Metric).Where(m => !missing.Contains(m)).Distinct(StringComparer.Ordinal))
            {
                if (!held.TryGetValue(column, out var values))
                    held[column] = values = metrics.TextValues(column).OfType<string>().GroupBy(RuleText.Key, StringComparer.Ordinal)
                        .Select(g => (g.First(), g.Count())).OrderByDescending(v => v.Item2).ThenBy(v => v.Item1, StringComparer.Ordinal).ToList();
                var present = values.Select(v => RuleText.Key(v.Value)).ToHashSet(StringComparer.Ordinal);
                var absent = rule.TextMatches.Where(t => t.Metric == column).SelectMany(t => t.Values).Where(t => t.Length > 0 && !present.Contains(RuleText.Key(t)))
                    .DistinctBy(RuleText.Key, StringComparer.Ordinal).ToList();
                if (absent.Count == 0)
                    continue;
                // A near miss ('C-0022' for C-00022, 'Soth' for South) is named, as a mistyped metric is; not for texts of under
                // four characters, which are two edits from most short codes ('X1' from A1).
                var names = values.Select(v => v.Value).ToList();
                var shown = string.Join(", ", absent.Take(listed).Select(t => $"'{t}'{(t.Length >= 4 ? MetricNameSuggestion.Hint(t, names) : "")}"));
                var texts = absent.Count <= listed ? shown : $"{shown} or any of {absent.Count - listed} more texts of the rule";
                var list = string.Join(", ", values.Take(listed).Select(v => $"'{v.Value}' ({v.Customers})"))
                    + (values.Count > listed ? $" and {values.Count - listed} more" : "");
                yield return new SegmentationWarning("text_without_customers",
                    $"rule '{rule.RuleName}' ({rule.Text}): no {Model.RowName} has {column} {texts}; the {column} values are {list}.");
            }
        }
    }

    // Says what each rule reading the metric then does: a comparison of a missing value is unknown, and so is its 'not', so
    // a rule holds for nobody unless an 'or' branch on other metrics holds.
    private SegmentationWarning MissingMetricWarning(string metric, CompiledRule[] compiled)
    {
        var effects = compiled.Where(c => c.Expression.Metrics.Contains(metric, StringComparer.Ordinal)).Select(c =>
        {
            var holds = Enumerable.Range(0, c.RowCount).Count(c.IsSatisfiedBy);
            var who = holds == 0 ? "nobody" : string.Create(CultureInfo.InvariantCulture, $"{holds:N0} of {c.RowCount:N0} customers, through its other conditions");
            return $"rule '{c.Expression.RuleName}' holds for {who}";
        });
        // Naming the table saves a look into metric_definitions.csv: gattorna's price rule without products read "load the data it needs".
        var (opening, hint) = SegmentationWarning.NoValue(metric, MissingInputs, _sources?.GetValueOrDefault(metric) is { } table ? $" ({table})" : "");
        return new SegmentationWarning("metric_without_values",
            $"{opening}, so its comparisons are unknown for everyone (and do not hold, also under 'not'): {string.Join("; ", effects)}. Load the data it needs{hint} or change the rule.");
    }

    private Dictionary<string, double> SharesOfFirstMatch(int[] firstMatch, double[]? weights, List<SegmentationWarning> warnings)
    {
        var totals = new Dictionary<string, double>(StringComparer.Ordinal);
        if (Model.MinSegmentShare <= 0 || firstMatch.Length == 0)
            return totals;
        // A segment nobody matches first holds 0 %: under any minimum, so no merge may land in it.
        foreach (var segment in Model.Segments)
            totals[segment] = 0;

        var grandTotal = 0.0;
        for (var row = 0; row < firstMatch.Length; row++)
        {
            var weight = weights is null ? 1.0 : SegmentGuard.VolumeWeight(weights[row]);
            var segment = firstMatch[row] < 0 ? Model.Fallback : Model.Rules[firstMatch[row]].Segment;
            totals[segment] = totals.GetValueOrDefault(segment) + weight;
            grandTotal += weight;
        }

        if (grandTotal <= 0)
        {
            warnings.Add(new SegmentationWarning("min_segment_share_skipped",
                $"min_segment_share not applied: total {ShareUnit} is not positive."));
            return [];
        }

        return totals.ToDictionary(t => t.Key, t => t.Value / grandTotal, StringComparer.Ordinal);
    }

    private int NearestViableRule(CompiledRule[] compiled, int row, int matched, Dictionary<string, double> nonViable) =>
        FirstSatisfied(compiled, row, from: matched + 1, skip: nonViable);

    private int FirstSatisfied(CompiledRule[] compiled, int row, int from, Dictionary<string, double>? skip)
    {
        for (var r = from; r < compiled.Length; r++)
        {
            if ((skip is null || !skip.ContainsKey(Model.Rules[r].Segment)) && compiled[r].IsSatisfiedBy(row))
                return r;
        }

        return -1;
    }
}
