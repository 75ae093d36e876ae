using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Segmentation;

/// <summary>Checks the segmentation models of a configuration before any data is read.</summary>
public static class ModelValidation
{
    /// <summary>Checks the models before any data is read: names, methods, versions, hysteresis, metric names and rule syntax.</summary>
    /// <returns>The models to run (the defaults when none are configured) and the active model's name.</returns>
    /// <exception cref="ConfigurationException">The first problem found, naming the model and the fix.</exception>
    public static (SegmentationConfig Models, string Active) Validate(ChainSegConfig config)
    {
        var segmentation = DefaultModels.For(config.Segmentation);
        var active = segmentation.Active ?? segmentation.Models.Keys.First();
        // Both are in NFC (NameForms), so an accented name matches whichever way it was typed.
        if (!segmentation.Models.ContainsKey(active))
            throw new ConfigurationException($"segmentation.active '{active}' is not a model{MetricNameSuggestion.Hint(active, segmentation.Models.Keys)}; "
                + $"set active: to one of the models: {string.Join(", ", segmentation.Models.Keys)}.");
        SegmentationStage.PeriodEnds(DateOnly.MaxValue, segmentation.Stability, DateOnly.MinValue);
        foreach (var (name, model) in segmentation.Models)
        {
            CheckModelName(name);
            Validate(name, model, segmentation.Stability);
        }
        return (segmentation, active);
    }

    private static void Validate(string name, SegmentationModelConfig model, StabilityConfig stability)
    {
        var where = $"segmentation.models.{name}";
        var known = MetricDefinitions.NumericNames;
        var nonNumeric = MetricDefinitions.NonNumericNames;
        foreach (var (setting, metric) in MetricSettings(model))
        {
            // demand_class or country is a column of customer_metrics, not a misspelling: say why it cannot be read here.
            // A date's fix is the day count from it (rfm.recency: last_order_date means recency_days), not the list of every number.
            if (nonNumeric.TryGetValue(metric, out var holds))
                throw new ConfigurationException(holds == "date"
                    ? $"{where}.{setting}: metric '{metric}' is a date column of customer_metrics, and this setting reads numbers; read the days instead: {CustomerMetricSet.DaysForDates}."
                    : $"{where}.{setting}: {CustomerMetricSet.NonNumericMetricMessage(metric, holds, "this setting reads", known)}.");
            if (!known.Contains(metric))
                throw new ConfigurationException($"{where}.{setting}: {CustomerMetricSet.UnknownMetricMessage(metric, known)}.");
        }
        foreach (var (rule, number) in model.Rules.Select((r, i) => (r, i + 1)))
        {
            // Named by its position: a rule without a segment has no other name to go by.
            if (string.IsNullOrWhiteSpace(rule.Segment))
                throw new ConfigurationException($"{where}: rule {number} has no segment; name the segment it assigns (segment: NAME) or remove the rule.");
            CheckSegmentName($"{where}: rule {number}'s segment", rule.Segment);
            // A rule written without when: (or with an empty one) would be refused by the parser as "the condition is empty",
            // which does not say the key is missing nor what goes in it.
            if (string.IsNullOrWhiteSpace(rule.When))
                throw new ConfigurationException($"{where}: rule '{rule.Segment}' has no condition; add when: with one on the metrics of customer_metrics.csv "
                    + "(e.g. when: \"revenue >= 20000\") or remove the rule.");
            try
            {
                var parsed = RuleExpression.Parse(rule.Segment, rule.When, known, nonNumeric);
                CheckDemandClasses(where, rule.Segment, parsed);
                CheckSharesWithinRange(where, rule.Segment, parsed);
                CheckPercentOnFractions(where, rule.Segment, parsed);
            }
            catch (RuleSyntaxException e)
            {
                throw new ConfigurationException($"{where}: {e.Message}");
            }
            catch (ArgumentException e)
            {
                throw new ConfigurationException($"{where}: rule '{rule.Segment}': {e.Message.Split(" (Parameter")[0]}");
            }
        }
        // Each share in its range first, named by its key: out of range it was compared with the other limit instead.
        if (model.Size?.MinShare is { } low)
            ShareSetting.Require(low, $"{where}.size.min_share", ValueRange.ClosedUnit, 5, "a share of the customers");
        if (model.Size?.MaxShare is { } high)
            ShareSetting.Require(high, $"{where}.size.max_share", ValueRange.PositiveUnit, 50, "a share of the customers");
        // Core's "must be in [0, 1); got 3. Write a share below 1, e.g. 0.02" left the 0.03 that 3 % stands for to guess.
        ShareSetting.Require(model.MinSegmentShare, $"{where}.min_segment_share", ValueRange.PartialUnit, 2, "the share under which a rule segment merges away, 0 for none");
        if (model.Size is { MinShare: { } min, MaxShare: { } max } && min > max)
            throw new ConfigurationException($"{where}.size: min_share {min} is larger than max_share {max}, so no cluster could meet both; lower min_share to {max} or less, or raise max_share to {min} or more.");
        if (!SegmentationMethods.Names.Contains(model.Method))
            throw new ConfigurationException(SegmentationMethods.UnknownMethod($"segmentation.models.{name}", model.Method));
        if (model.Version < 1)
            throw new ConfigurationException($"segmentation.models.{name}.version must be 1 or more; got {model.Version}.");
        // .NET's Random draws from the seed's absolute value: seed -5 gave exactly the clusters of 5 under another definition hash.
        if (model.Seed < 0)
            throw new ConfigurationException($"{where}.seed must be 0 or more (a negative seed draws as its absolute value, so {model.Seed} would repeat seed {-(long)model.Seed}'s clusters); got {model.Seed}.");
        CheckSegmentName($"{where}.fallback", model.Fallback);
        foreach (var (tier, number) in model.Tiers.Select((t, i) => (t, i + 1)))
        {
            // An empty name would be the segment '' of every cluster of that rank, printed as nothing.
            if (string.IsNullOrWhiteSpace(tier))
                throw new ConfigurationException($"{where}: tier {number} is empty; name it (e.g. silver) or remove it from tiers.");
            CheckSegmentName($"{where}: tier {number}", tier);
        }
        // "inactive" is what every method calls a customer without orders in the window, and hysteresis never holds it.
        if (model.Rules.Select(r => r.Segment).Append(model.Fallback).Concat(model.Tiers).Contains(SegmentationMethods.Inactive, StringComparer.Ordinal))
            throw new ConfigurationException($"{where}: the segment name '{SegmentationMethods.Inactive}' is reserved for customers without orders in the window; choose another.");
        // Left out, the fallback is 'standard'; written empty it would name no segment, which the rule model's own message said
        // without the fix. Checked before the model is built from the settings (another method's fallback is refused below).
        if (model.Method == "rules" && string.IsNullOrWhiteSpace(model.Fallback))
            throw new ConfigurationException($"{where}.fallback is empty, so the customers no rule matches would have no segment; name it (e.g. fallback: standard) or leave fallback out for 'standard'.");
        SegmentationMethods.CheckSettings(name, model);
        // A setting of another method would be read by nobody: a model with fallback and min_segment_share that is not a
        // rules model would silently keep its small segments.
        foreach (var (setting, methods, given) in MethodSettings(model))
            if ((given || model.WrittenKeys.Contains(setting)) && !methods.Contains(model.Method))
                throw new ConfigurationException($"{where}.{setting} applies to method {string.Join(" or ", methods)}, not {Method(model)}; remove it or change the method.");
        // Both say how segments under min_segment_share merge away; without it nothing merges, and a merge_into: nearest
        // that changes nothing would be read as a choice made.
        if (model.MinSegmentShare == 0)
            foreach (var (setting, _, given) in MethodSettings(model).Where(s => s.Setting is "merge_into" or "min_share_of"))
                if (given)
                    throw new ConfigurationException($"{where}.{setting} applies only with min_segment_share above 0 (the share under which a rule segment merges away), which the model does not set; remove {setting} or set min_segment_share.");
        if (model.Method == "kmeans")
        {
            var (fewest, most) = SegmentationMethods.ClusterRange(model, where);
            if (model.Size is { } size)
                CheckSizeLimitsCanBeMet(where, size.MinShare ?? 0, size.MaxShare ?? 1, fewest, most);
            // Tiers go to clusters in order of their centroid's value metric, which only a clustering dimension has.
            if (model.Tiers.Count > 0 && !model.Dimensions.Contains(model.ValueMetric))
                throw new ConfigurationException($"{where}.tiers are given to clusters by their value_metric ({model.ValueMetric}), which is not among the dimensions; add it to dimensions or set value_metric to one of them.");
            // With no more clusters than tiers, the cluster of rank r takes tier r + 1 (ServiceTierMapping): the tiers past
            // the most clusters would hold nobody, and a policy written for them would apply to nobody either.
            if (model.Tiers.Count > most)
                throw new ConfigurationException($"{where}.tiers names {model.Tiers.Count} tiers, but at most {most} {Agreement.For(most, "cluster (max_segments) takes one", "clusters (max_segments) take one each")}, so "
                    + $"{string.Join(", ", model.Tiers.Skip(most))} would never be assigned; drop them or raise max_segments to {model.Tiers.Count}.");
        }
        if (model.Hysteresis is { } h)
        {
            if (h is { Margin: null, Periods: null })
                throw new ConfigurationException($"{where}.hysteresis is empty; give {{ periods: N }} or {{ margin: M }}, or remove it.");
            if (h.Margin is not null && h.Periods is not null)
                throw new ConfigurationException($"{where}.hysteresis sets both periods and margin; keep one: {{ periods: N }} or {{ margin: M }}.");
            if (h.Margin is { } margin)
            {
                ShareSetting.Require(margin, $"{where}.hysteresis.margin", ValueRange.PartialUnit, 10, "how far past a boundary a customer must be to move");
                if (!SegmentationMethods.MarginMethods.Contains(model.Method))
                    throw new ConfigurationException($"{where}.hysteresis.margin has no meaning for method {model.Method} (it widens the cut-offs of {string.Join(", ", SegmentationMethods.MarginMethods)}); use hysteresis: {{ periods: N }}.");
                if (model.Method == "rules")
                    CheckRulesWithinReach(where, model, margin);
            }
            else if (h.Periods is not >= 1)
                throw new ConfigurationException($"{where}.hysteresis.periods must be 1 or more.");
            // A move needs N periods in the new segment after the one that set the old: N + 1 period ends at least, or
            // nobody could ever change segment (hysteresis would freeze the first assignment).
            else if (h.Periods is { } n and >= 2 && n >= stability.Periods)
                throw new ConfigurationException($"{where}.hysteresis.periods {n} needs at least {n + 1L} period ends before anyone can change segment, and segmentation.stability.periods is {stability.Periods}; "
                    + (n < int.MaxValue ? $"raise stability.periods to {n + 1} or lower hysteresis.periods." : $"lower hysteresis.periods to {Math.Max(1, stability.Periods - 1)} or less (stability.periods cannot be {n + 1L})."));
        }
    }

    // demand_class holds one of a few names the metrics write, so a misspelt one ('lumpyy', 'single') is known to match
    // nobody before any data is read. Other text columns hold what the customer master says; the run names texts nobody has.
    private static void CheckDemandClasses(string where, string segment, RuleExpression rule)
    {
        var classes = Enum.GetValues<DemandClass>().Where(c => c != DemandClass.NoDemand).Select(SyntetosBoylanClassifier.SegmentName).ToList();
        var keys = classes.Select(RuleText.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var match in rule.TextMatches.Where(t => t.Metric == "demand_class"))
        {
            // demand_class != '' (the customers with demand in the window) names no class.
            if (match.Values.FirstOrDefault(v => v.Length > 0 && !keys.Contains(RuleText.Key(v))) is { } unknown)
                throw new ConfigurationException($"{where}: rule '{segment}': demand_class is never '{unknown}'{MetricNameSuggestion.Hint(unknown, classes)}; "
                    + $"it is one of {string.Join(", ", classes)} (empty for a customer without demand in the window).");
        }
    }

    // revenue >= 10%, written for the top 10 %, ran as revenue >= 0.1 and took nearly every customer. A percentage is a
    // fraction, which a metric in money, units, counts or days is not: refused, with the percentile it likely meant.
    private static void CheckPercentOnFractions(string where, string segment, RuleExpression rule)
    {
        if (rule.NumericComparisons.FirstOrDefault(c => c.PercentWritten is not null && !SegmentationMethods.TakesPercent(c.Metric)) is not { } slip)
            return;
        var percent = Math.Round(slip.Threshold * 100, 9);   // 0.07 * 100 is 7.000000000000001
        var spelt = ShareThresholds.Spelt(slip);   // "revenue >= 0.1": metric, operator as typed in ASCII, fraction
        var op = spelt.Split(' ')[1];
        var percentile = percent is > 0 and < 100 ? slip.Operator switch
        {
            ComparisonOperator.GreaterOrEqual or ComparisonOperator.Greater => string.Create(CultureInfo.InvariantCulture, $"for the top {percent:R} % of customers write {slip.Metric} {op} p{100 - percent:R}, else"),
            ComparisonOperator.LessOrEqual or ComparisonOperator.Less => string.Create(CultureInfo.InvariantCulture, $"for the bottom {percent:R} % of customers write {slip.Metric} {op} p{percent:R}, else"),
            _ => "",
        } : "";
        throw new ConfigurationException($"{where}: rule '{segment}': {slip.Metric} {op} {slip.PercentWritten} reads as {spelt}, but {slip.Metric} is no share or rate; "
            + $"{(percentile.Length == 0 ? "write" : percentile)} the threshold in {slip.Metric}'s own unit.");
    }

    // otif_rate >= 95, written for 95 %, ran as a rule nobody matches (and otif_rate < 95 as one everybody with a value
    // does), which only a run's empty segment hinted at. A share compared beyond [0, 1] is refused; from 2 to 100 the number
    // was most likely a percentage (1.95 may be 195% as written, so it gets no such advice).
    private static void CheckSharesWithinRange(string where, string segment, RuleExpression rule)
    {
        if (ShareThresholds.FirstOutside(rule, MetricDefinitions.Shares) is not { } outside)
            return;
        var t = outside.Threshold;
        var fix = t is >= 2 and <= 100
            ? string.Create(CultureInfo.InvariantCulture, $"write {t:R}% or {t / 100:R} for {t:R} %")
            : "write a share from 0 to 1 (such as 0.95 or 95%)";
        throw new ConfigurationException($"{where}: rule '{segment}': {outside.Metric} is a share, from 0 to 1, so {ShareThresholds.Spelt(outside)} "
            + $"holds for every customer with a value or for none; {fix}.");
    }

    // A relative margin hardens 'otif_rate >= 95%' by 15 % to 1.0925, which no share reaches: a customer held in the fallback
    // (or another segment) would never move into the rule's segment, however reliable it became. Refused rather than run,
    // as the run would only show it as customers held for good. Other metrics have no upper bound to harden past, and
    // hardening never takes a threshold below zero (MarginReach).
    private static void CheckRulesWithinReach(string where, SegmentationModelConfig model, double margin)
    {
        foreach (var rule in model.Rules)
        {
            var parsed = RuleExpression.Parse(rule.Segment, rule.When, MetricDefinitions.NumericNames, MetricDefinitions.NonNumericNames);
            if (MarginReach.FirstUnreachable(parsed, margin, MetricDefinitions.ShareBounds) is not { } unreachable)
                continue;
            static string Number(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
            var metric = unreachable.Comparison.Metric;
            var fix = unreachable.LargestMargin is { } largest
                ? $"lower hysteresis.margin to {Number(largest)} or less, or the {metric} threshold to {Number(unreachable.LargestThreshold)} or less"
                : $"lower the {metric} threshold to {Number(unreachable.LargestThreshold)} or less, or use hysteresis: {{ periods: N }} (no margin keeps it within reach)";
            throw new ConfigurationException($"{where}.hysteresis.margin {Number(margin)}: rule '{rule.Segment}' ({rule.When}) hardened by "
                + $"{Number(margin * 100)} % needs {unreachable.NeededText}, but {metric} is a share, at most {Number(unreachable.Bound)}, so "
                + (unreachable.IsAlternative
                    ? $"that condition could never let a customer held in another segment into '{rule.Segment}' (only the rule's other branches could); {fix}."
                    : $"a customer held in another segment could never move into '{rule.Segment}'; {fix}."));
        }
    }

    // Size limits no cluster count in [fewest, most] meets whatever the number of customers n: k clusters of at least
    // ⌈min·n⌉ need k·min ≤ 1, of at most ⌊max·n⌋ hold k·max ≥ 1. Refused here, before ingest and metrics, rather than by
    // the fit. Limits on the edge (three thirds) are met for some n and left to the data.
    private static void CheckSizeLimitsCanBeMet(string where, double minShare, double maxShare, int fewest, int most)
    {
        const double slack = 1e-9;
        static string Share(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);
        static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
        var range = $"from {fewest} to {most}";
        if (fewest * minShare > 1 + slack)
            throw new ConfigurationException($"{where}.size: min_share {Share(minShare)} cannot be met by any cluster count {range}: {fewest} {Agreement.For(fewest, "cluster")} of at least "
                + $"{Percent(minShare)} of the customers need {Percent(fewest * minShare)} of them; lower min_share to {Share(Math.Floor(1000.0 / fewest) / 1000)} or less, or min_segments.");
        if (most * maxShare < 1 - slack)
            throw new ConfigurationException($"{where}.size: max_share {Share(maxShare)} cannot be met by any cluster count {range}: {most} {Agreement.For(most, "cluster")} of at most "
                + $"{Percent(maxShare)} of the customers {Agreement.For(most, "holds", "hold")} only {Percent(most * maxShare)} of them; raise max_share to {Share(Math.Ceiling(1000.0 / most) / 1000)} or more, or max_segments.");
        // Each limit alone is met inside the range; both are unless the fewest clusters the maximum needs exceed the most the minimum allows.
        var needed = Math.Ceiling((1 / maxShare) - slack);
        var allowed = minShare > 0 ? Math.Floor((1 / minShare) + slack) : double.PositiveInfinity;
        if (needed > allowed)
            throw new ConfigurationException($"{where}.size: min_share {Share(minShare)} and max_share {Share(maxShare)} leave no cluster count {range}: {(long)allowed} {Agreement.For((long)allowed, "cluster")} of at most "
                + $"{Percent(maxShare)} of the customers {Agreement.For((long)allowed, "holds", "hold")} only {Percent(allowed * maxShare)} of them, and {(long)needed} of at least {Percent(minShare)} need {Percent(needed * minShare)}; "
                + "lower min_share or raise max_share.");
    }

    // A preset is expanded at load, so a model written `method: gattorna` is a rules model by now; its messages name both.
    private static string Method(SegmentationModelConfig model) =>
        model.Preset is { } preset ? $"{model.Method} (method {preset} is a {model.Method} model)" : model.Method;

    // A model's name is how assignments.csv, the archive, explain and compare (RUN:MODEL) tell models apart: an empty one
    // prints as nothing, and " t" beside t would be two models that every table shows as one.
    private static void CheckModelName(string name)
    {
        if (string.IsNullOrWhiteSpace(name))
            throw new ConfigurationException("segmentation.models has a model without a name; name it (for example tiers:) or remove it.");
        var trimmed = name.Trim();
        if (trimmed.Length != name.Length)
            throw new ConfigurationException($"segmentation.models.'{name}': the model name begins or ends with whitespace: it would print as '{trimmed}' yet not be the model '{trimmed}'; write '{trimmed}'.");
    }

    // " core" beside core would be two segments that every table and CSV reader shows as one: refused rather than trimmed,
    // so the name in the configuration is the name in the outputs, as history and policies compare it.
    private static void CheckSegmentName(string setting, string segment)
    {
        var trimmed = segment.Trim();
        if (trimmed.Length > 0 && trimmed.Length != segment.Length)
            throw new ConfigurationException($"{setting} '{segment}' begins or ends with whitespace: it would print as '{trimmed}' yet not be the segment '{trimmed}'; write '{trimmed}'.");
    }

    // The settings that name a metric, each with its name, so an error points at the one to fix (min_share_of, not the model).
    private static IEnumerable<(string Setting, string Metric)> MetricSettings(SegmentationModelConfig model) =>
        model.Dimensions.Select(d => ("dimensions", d))
            .Concat(model.LogScale.Select(d => ("log_scale", d)))
            .Append(("value_metric", model.ValueMetric))
            .Concat(model.MinShareOf is null ? [] : [("min_share_of", model.MinShareOf)])
            .Concat(model.Method == "rfm" ? [("rfm.recency", model.Rfm.Recency), ("rfm.frequency", model.Rfm.Frequency), ("rfm.monetary", model.Rfm.Monetary)] : []);

    // Settings read by some methods only, and whether the model sets them (differs from the default).
    private static IEnumerable<(string Setting, string[] Methods, bool Given)> MethodSettings(SegmentationModelConfig model)
    {
        string[] rules = ["rules"], kmeans = ["kmeans"];
        var defaults = new SegmentationModelConfig();
        yield return ("rules", rules, model.Rules.Count > 0);
        yield return ("fallback", rules, model.Fallback != defaults.Fallback);
        yield return ("min_segment_share", rules, model.MinSegmentShare != defaults.MinSegmentShare);
        yield return ("min_share_of", rules, model.MinShareOf is not null);
        yield return ("merge_into", rules, model.MergeInto != defaults.MergeInto);
        yield return ("dimensions", kmeans, model.Dimensions.Count > 0);
        yield return ("log_scale", kmeans, model.LogScale.Count > 0);
        yield return ("k", kmeans, model.K.MinConfigured || model.K.MaxConfigured);
        yield return ("min_segments", kmeans, model.MinSegments is not null);
        yield return ("size", kmeans, model.Size is not null);
        yield return ("tiers", kmeans, model.Tiers.Count > 0);
        yield return ("seed", kmeans, model.Seed != defaults.Seed);
        yield return ("abc", ["abc", "abc_xyz"], model.Abc.A != defaults.Abc.A || model.Abc.B != defaults.Abc.B);
        yield return ("xyz", ["abc_xyz"], model.Xyz.X != defaults.Xyz.X || model.Xyz.Y != defaults.Xyz.Y);
        yield return ("rfm", ["rfm"], model.Rfm.Levels != defaults.Rfm.Levels || model.Rfm.Recency != defaults.Rfm.Recency
            || model.Rfm.Frequency != defaults.Rfm.Frequency || model.Rfm.Monetary != defaults.Rfm.Monetary);
    }
}
