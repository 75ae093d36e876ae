using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Segmentation;

/// <summary>Customer metrics at one as-of date, as the segmentation methods read them.</summary>
/// <param name="AsOf">Reference date of the metrics.</param>
/// <param name="WindowStart">First day of the metrics window.</param>
/// <param name="Metrics">Numeric metrics per customer, with the text columns rules compare.</param>
/// <param name="Bucket">Bucket of the periodic demand the variability metrics were measured on.</param>
public sealed record MetricSnapshot(DateOnly AsOf, DateOnly WindowStart, CustomerMetricSet Metrics, DemandBucket Bucket)
{
    /// <summary>True when the rows are accounts (the metrics rolled up to top-level parents), not customers.</summary>
    public bool RowsAreAccounts { get; init; }

    /// <summary>What the demand series measures (metrics.demand_measure): units (default) or revenue.</summary>
    public string DemandMeasure { get; init; } = "units";

    /// <summary>Why a metric is empty for every customer where the data says so (<see cref="CustomerMetrics.MissingInputs"/>), named in metric_without_values.</summary>
    public IReadOnlyDictionary<string, string> MissingInputs { get; init; } = new Dictionary<string, string>();

    /// <summary>Row id → first order line, for rows whose first line comes after as_of (no customer yet then); empty when not read.</summary>
    public IReadOnlyDictionary<string, FirstOrderLine> FirstOrdersAfterAsOf { get; init; } = new Dictionary<string, FirstOrderLine>();
}

/// <summary>A customer's first order line in all history: its date, and whether every line that day was a return (negative quantity).</summary>
/// <param name="Date">The first line's date.</param>
/// <param name="IsReturn">True when no line of that day orders: a return or cancellation came first.</param>
public sealed record FirstOrderLine(DateOnly Date, bool IsReturn);

/// <summary>What one model assigned at one as-of date.</summary>
/// <param name="Assignments">One per customer of the snapshot.</param>
/// <param name="Warnings">Guards and degenerate-input notes.</param>
/// <param name="Clusters">Cluster profiles for k-means models, else empty.</param>
/// <param name="Fitted">The fitted k-means model, to score other dates against the same clusters; null for other methods.</param>
public sealed record ModelOutcome(IReadOnlyList<SegmentAssignment> Assignments, IReadOnlyList<SegmentationWarning> Warnings,
    IReadOnlyList<ClusterProfile> Clusters, FittedClusterModel? Fitted = null)
{
    /// <summary>
    /// What margin hysteresis sees, one map per axis (customer → observation): ABC's value against its cut-offs, XYZ's CV,
    /// or k-means centroid distances; the segment is the axes' segments joined (ABC then XYZ). Empty for other methods.
    /// </summary>
    public IReadOnlyList<IReadOnlyDictionary<string, PeriodObservation>> MarginAxes { get; init; } = [];

    /// <summary>Rule segments merged away (under min_segment_share) at this snapshot: hysteresis holds no one in them.</summary>
    public IReadOnlySet<string> MergedAway { get; init; } = new HashSet<string>();

    /// <summary>Customers whose class was given for a missing value (ABC without its value, XYZ without a CV) under periods hysteresis: no position to hold, so they leave it at once. Empty otherwise (margin hysteresis reads <see cref="MarginAxes"/>).</summary>
    public IReadOnlySet<string> Valueless { get; init; } = new HashSet<string>();
}

/// <summary>Runs a configured model's method on a snapshot, through the pure classifiers of ChainSeg.Core.</summary>
public static class SegmentationMethods
{
    /// <summary>Segment of customers without orders in the window; no method can say anything about them.</summary>
    public const string Inactive = "inactive";

    /// <summary>Methods a model may name.</summary>
    public static readonly IReadOnlyList<string> Names = ["rules", "abc", "abc_xyz", "rfm", "kmeans"];

    // The default model is named abc-xyz and its method abc_xyz, so 'abc-xyz', 'k-means' or 'ABC' are slips to name the fix for.
    // A preset (method: gattorna) is expanded at load, so one left here is misspelt too.
    internal static string UnknownMethod(string where, string method)
    {
        var known = Names.Concat(SegmentationPresets.Names).ToList();
        return $"{where}.method '{method}' is not known{MetricNameSuggestion.Hint(method, known)}; use one of: {string.Join(", ", known)}.";
    }

    /// <summary>
    /// Methods with a boundary a relative margin can widen: ABC's value cut-offs, XYZ's CV cut-offs, rule thresholds,
    /// k-means centroid distances. RFM scores are quantile ranks (a margin on a rank has no planner meaning), so RFM
    /// uses <c>hysteresis: { periods: N }</c>.
    /// </summary>
    public static readonly IReadOnlyList<string> MarginMethods = ["abc", "abc_xyz", "rules", "kmeans"];

    /// <summary>
    /// Every segment a model can assign whatever the data, <see cref="Inactive"/> included, or null where the data names them
    /// (k-means names its clusters from their centroids).
    /// </summary>
    public static IReadOnlyCollection<string>? PossibleSegments(SegmentationModelConfig model) => model.Method switch
    {
        "abc" => [.. Enum.GetValues<AbcClass>().Select(AbcClassifier.SegmentName), Inactive],
        "abc_xyz" => [.. Enum.GetValues<AbcClass>().SelectMany(a => Enum.GetValues<XyzClass>().Select(x => AbcXyzMatrix.CellName(a, x))), Inactive],
        "rfm" => [.. new RfmScorer(new RfmOptions(model.Rfm.Levels)).PossibleSegments, Inactive],
        "rules" => [.. model.Rules.Select(r => r.Segment).Append(model.Fallback).Distinct(StringComparer.Ordinal), Inactive],
        _ => null,
    };

    /// <summary>
    /// A <c>max_segments_below_method</c> warning when max_segments is below the segments ABC, ABC-XYZ or RFM assigns (inactive
    /// aside), or null: those methods assign theirs whatever it says (a rules model defining more is refused, k-means is capped).
    /// </summary>
    public static SegmentationWarning? MaxSegmentsBelowMethod(SegmentationModelConfig model)
    {
        if (model is not { Method: "abc" or "abc_xyz" or "rfm", MaxSegments: { } max } || PossibleSegments(model) is not { } possible)
            return null;
        var segments = possible.Where(s => s != Inactive).ToList();
        return segments.Count <= max ? null : new SegmentationWarning("max_segments_below_method",
            $"max_segments {max} is below the {segments.Count} segments method {model.Method} assigns ({string.Join(", ", segments)}); "
            + $"raise max_segments to {segments.Count} or remove it, or use a rules or kmeans model, which keep within it.");
    }

    /// <summary>
    /// The metrics a model's method reads (orders always, for the inactive customers); null when it may read any, as rules
    /// do. A snapshot read with only these is segmented exactly as one read with every metric.
    /// </summary>
    public static IReadOnlyCollection<string>? MetricsRead(SegmentationModelConfig model) => model.Method switch
    {
        "abc" => ["orders", model.ValueMetric],
        "abc_xyz" => ["orders", model.ValueMetric, .. DemandVariabilityColumns.CustomerMetrics.Names],
        "rfm" => ["orders", model.Rfm.Recency, model.Rfm.Frequency, model.Rfm.Monetary],
        "kmeans" => [.. model.Dimensions.Concat(model.LogScale).Append("orders").Distinct(StringComparer.Ordinal)],
        _ => null,
    };

    /// <summary>The text columns a model's rules compare with quoted texts (region == 'EU'); empty for other methods.</summary>
    /// <remarks>Read for these models alone: texts of 200 k customers at every period end cost reading for nothing.</remarks>
    public static IReadOnlyCollection<string> TextsRead(SegmentationModelConfig model) => model.Method != "rules"
        ? []
        : model.Rules.SelectMany(r => RuleExpression.Parse(r.Segment, r.When, MetricDefinitions.NumericNames, MetricDefinitions.NonNumericNames).TextMatches)
            .Select(t => t.Metric).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Assigns every customer of the snapshot a segment and a reason.</summary>
    /// <param name="name">Model name, for messages.</param>
    /// <param name="model">Model configuration.</param>
    /// <param name="snapshot">Metrics to segment.</param>
    /// <param name="fitted">For k-means: score against this earlier fit instead of fitting again.</param>
    /// <param name="explain">False leaves the reasons of ABC, XYZ, RFM, rules and k-means scoring empty (and ABC, ABC×XYZ and RFM
    /// without a margin hysteresis return their segments alone, without warnings), for periods whose
    /// segments alone are read (stability and hysteresis of past periods).</param>
    /// <exception cref="ConfigurationException">The model's settings do not fit the method or the metrics, or at the run's own date no customer has an order in the window.</exception>
    public static ModelOutcome Run(string name, SegmentationModelConfig model, MetricSnapshot snapshot, FittedClusterModel? fitted = null, bool explain = true)
    {
        var all = snapshot.Metrics;
        var active = ActiveRows(all);
        var metrics = active.Count == all.Count ? all : all.Rows(active);
        var where = $"segmentation.models.{name}";
        if (active.Count == 0 && all.Count > 0)
            return NobodyActive(model, all, active, snapshot, explain);
        ModelOutcome outcome;
        try
        {
            outcome = model.Method switch
            {
                "abc" => Abc(model, metrics, snapshot, where, explain),
                "abc_xyz" => AbcXyz(model, metrics, snapshot, where, explain),
                "rfm" => Rfm(model, metrics, where, explain),
                "rules" => Rules(model, metrics, snapshot, where, explain),
                "kmeans" => Clusters(model, metrics, snapshot.MissingInputs, where, fitted, explain),
                _ => throw new ConfigurationException(UnknownMethod(where, model.Method)),
            };
        }
        catch (RuleSyntaxException e)
        {
            throw new ConfigurationException($"{where}: {e.Message}");
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw Refused(where, e);
        }
        return WithInactive(outcome, all, active, snapshot);
    }

    /// <summary>
    /// Builds what the model's method is configured with (ABC and XYZ cut-offs, RFM levels, rules, cluster sizes) without
    /// any data, so a wrong setting stops a run in its first second rather than after ingest and metrics.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting the method refuses; the message names the model and the fix.</exception>
    public static void CheckSettings(string name, SegmentationModelConfig model)
    {
        var where = $"segmentation.models.{name}";
        try
        {
            switch (model.Method)
            {
                case "abc":
                    CheckAbcCutoffs(model, where);
                    CheckAbcValue(model, where);
                    break;
                case "abc_xyz":
                    CheckAbcCutoffs(model, where);
                    CheckXyzCutoffs(model, where);
                    CheckAbcValue(model, where);
                    break;
                case "rfm":
                    // Core's "RFM score levels must be in [3, 5]" named neither the key nor a value to write.
                    if (model.Rfm.Levels is < 3 or > 5)
                        throw new ConfigurationException($"{where}.rfm.levels must be 3, 4 or 5 (scores per dimension; 5 for quintiles); got {model.Rfm.Levels}.");
                    _ = new RfmOptions(model.Rfm.Levels, model.Rfm.Recency, model.Rfm.Frequency, model.Rfm.Monetary);
                    break;
                case "rules":
                    // A segment's share of Σ avg_order_value over customers is no share of anything, as ABC's total is not.
                    if (model.MinShareOf is { } shareOf && IsPerCustomerRatio(shareOf))
                        throw new ConfigurationException($"{where}.min_share_of {shareOf} is a rate, average or ratio per customer, whose sum over customers means nothing, so no segment holds a share of it; "
                            + "measure shares in an additive value (revenue, gross_margin, units, orders, cost_to_serve), or leave min_share_of out to measure them in customers.");
                    _ = RuleModel(model, where);
                    break;
                case "kmeans":
                    RequireDimensions(model, where);
                    if (Twice(model.Dimensions) is { } dimension)
                        throw new ConfigurationException($"{where}.dimensions lists {dimension} twice; keep one.");
                    if (model.LogScale.FirstOrDefault(d => !model.Dimensions.Contains(d)) is { } stray)
                        throw new ConfigurationException($"{where}.log_scale: {stray} is not among the dimensions; add it to dimensions or drop it from log_scale.");
                    if (Twice(model.Tiers) is { } tier)
                        throw new ConfigurationException($"{where}.tiers lists '{tier}' twice; each service tier needs its own name.");
                    if (model.Size is { } size)
                        _ = ClusterSizeLimits.FromShares(size.MinShare ?? 0, size.MaxShare ?? 1);
                    break;
            }
        }
        catch (ArgumentException e) when (e is not ArgumentNullException)
        {
            throw Refused(where, e);
        }
    }

    // ABC classes customers by their cumulative share of the model's total value: a rate, share, average or ratio per
    // customer sums to nothing over customers (Σ otif_rate, Σ avg_order_value; nor do standard deviations or counts of
    // periods), so its classes would mean nothing, and a
    // margin on a rate can ask for a value above 1 (needs 1.04) no customer reaches.
    private static readonly HashSet<string> PerCustomerRatios = new(StringComparer.Ordinal)
    {
        "avg_order_value", "lines_per_order", "units_per_line", "mean_interorder_days", "recency_days", "tenure_days",
        "demand_cv", "adi", "cv2", "requested_lead_time_days", "demand_sd", "periods", "drop_size", "deliveries_per_order",
    };

    // Ratios per customer read as fractions (as the _rate, _pct and _share metrics) whose names do not say so.
    private static readonly HashSet<string> PerCustomerFractions = new(StringComparer.Ordinal) { "price_realisation" };

    // Shares of the total, each named with the fraction a percent stands for ("A must be in (0, 1); got A = 80" left 0.8
    // to guess); the two in order are AbcCutoffs' to check.
    private static void CheckAbcCutoffs(SegmentationModelConfig model, string where)
    {
        ShareSetting.RequireOpenFraction(model.Abc.A, where + ".abc.a", 80);
        ShareSetting.Require(model.Abc.B, where + ".abc.b", ValueRange.PositiveUnit, 95);
        // Core's "ABC cut-off B must be in (A, 1]" named neither the keys nor a value to write.
        if (!(model.Abc.B > model.Abc.A))
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{where}.abc: b {Written(model, model.Abc.B, "abc.b")} must be above a {Written(model, model.Abc.A, "abc.a")} (A holds the top a of the total, B the customers up to b); raise abc.b (at most 1) or lower abc.a."));
        _ = new AbcCutoffs(model.Abc.A, model.Abc.B);
    }

    // CVs, not shares: X holds demand whose CV is up to x, Y up to y (Core's "XYZ cut-off Y must be finite and above X"
    // named neither the keys nor a value to write).
    private static void CheckXyzCutoffs(SegmentationModelConfig model, string where)
    {
        var (x, y) = (model.Xyz.X, model.Xyz.Y);
        if (!(x > 0 && double.IsFinite(x)))
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{where}.xyz.x must be a coefficient of variation above 0 (such as 0.5); got {x}."));
        // An endless y cannot be raised, as the message below would ask: it is named by its key with a value to write.
        if (!double.IsFinite(y))
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{where}.xyz.y must be a finite coefficient of variation above x {x} (such as 1.0); got {y}."));
        if (!(y > x))
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{where}.xyz: y {Written(model, y, "xyz.y")} must be finite and above x {Written(model, x, "xyz.x")} (X holds demand whose CV is up to x, Y up to y, Z beyond); raise xyz.y or lower xyz.x."));
        _ = new XyzCutoffs(x, y);
    }

    // A cut-off the model left out is refused beside the one it wrote: "above a 0.8" named a value the file never held.
    // A model built in code wrote no keys, and its values are not called defaults.
    private static string Written(SegmentationModelConfig model, double value, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"{value}{(model.WrittenKeys.Count > 0 && !model.WrittenKeys.Contains(key) ? $" ({key}'s default)" : "")}");

    private static bool IsPerCustomerRatio(string metric) => PerCustomerRatios.Contains(metric) || IsFraction(metric);

    private static bool IsFraction(string metric) =>
        PerCustomerFractions.Contains(metric) || metric.EndsWith("_rate", StringComparison.Ordinal) || metric.EndsWith("_pct", StringComparison.Ordinal)
        || metric.EndsWith("_share", StringComparison.Ordinal);

    /// <summary>Whether a rule may compare the metric with a percentage: a fraction, or a CV (dimensionless, often written 50 %).</summary>
    internal static bool TakesPercent(string metric) => IsFraction(metric) || metric is "demand_cv" or "cv2";

    private static void CheckAbcValue(SegmentationModelConfig model, string where)
    {
        var metric = model.ValueMetric;
        if (IsPerCustomerRatio(metric))
        {
            // 0.95 reads as a rate or share; an average or interval in its own unit (avg_order_value, recency_days) gets no
            // number, which would read as 95 cents or a day.
            var example = PerCustomerRatios.Contains(metric) ? $"when: \"{metric} >= X\", X in its own unit" : $"when: \"{metric} >= 0.95\"";
            throw new ConfigurationException($"{where}.value_metric {metric} is a rate, average or ratio per customer, whose sum over customers means nothing, so ABC cannot class by its cumulative share; "
                + $"use an additive value (revenue, gross_margin, units, orders, cost_to_serve), or a rules model (e.g. {example}) to group customers by it.");
        }
    }

    // A method's own check, reported against the model without .NET's " (Parameter 'x')" suffix, its sentence continuing
    // after the model's key in lower case as every configuration message does ("…models.b: cluster size limits …").
    // Core's size-limit messages speak of points, a minimum, a maximum and a number of clusters: the keys that set them are named.
    private static ConfigurationException Refused(string where, ArgumentException e)
    {
        var message = e.Message.Split(" (Parameter")[0];
        if (message.Length > 1 && char.IsUpper(message[0]) && char.IsLower(message[1]))
            message = char.ToLowerInvariant(message[0]) + message[1..];
        return new(message.StartsWith("cluster size limits cannot be met", StringComparison.Ordinal)
            ? $"{where}: {message.TrimEnd('.')} (points are the customers clustered; size.min_share and size.max_share set the minimum and maximum per cluster, min_segments and max_segments the range of cluster counts)."
            : $"{where}: {message}");
    }

    private static string? Twice(IEnumerable<string> names) => names.GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1)?.Key;

    private static void RequireDimensions(SegmentationModelConfig model, string where)
    {
        if (model.Dimensions.Count == 0)
            throw new ConfigurationException($"{where}: method kmeans needs dimensions: (metric names).");
    }

    private static ModelOutcome From<T>(SegmentationResult<T> result) => new(result.Assignments, result.Warnings, []);

    // No customer ordered in the window (a gap in the data). At the run's own date there is nothing to segment, which is
    // said plainly instead of failing inside a method, in terms of window: and as_of rather than the model: every model
    // reads the same window, and the one named was whichever failed first. At an earlier period end every customer is
    // inactive, with as many margin axes as the method has, so hysteresis reads that period like any other.
    private static ModelOutcome NobodyActive(SegmentationModelConfig model, CustomerMetricSet all, IReadOnlyList<int> active, MetricSnapshot snapshot, bool current)
    {
        if (current)
            throw new ConfigurationException($"no customer has an order in the window from {DateFormat.Iso(snapshot.WindowStart)} to as_of {DateFormat.Iso(snapshot.AsOf)}, "
                + "so there is nothing to segment; widen window: or set as_of (or --as-of) to a date with orders in the window before it.");
        var axes = model.Hysteresis?.Margin is null ? 0 : model.Method == "abc_xyz" ? 2 : 1;
        var empty = new ModelOutcome([], [], [])
        {
            MarginAxes = Enumerable.Range(0, axes).Select(_ => (IReadOnlyDictionary<string, PeriodObservation>)new Dictionary<string, PeriodObservation>(StringComparer.Ordinal)).ToList(),
        };
        return WithInactive(empty, all, active, snapshot);
    }

    // A past period's segments alone, when nothing reads its reasons, details or margins: one object per customer instead
    // of the six a classification with details makes (ABC, XYZ and the cell each an assignment and a detail), which at
    // 200 k customers and three past periods was most of what the collector had to trace and promote.
    private static bool SegmentsOnly(SegmentationModelConfig model, bool explain) => !explain && model.Hysteresis?.Margin is null;

    private static ModelOutcome Segments(CustomerMetricSet metrics, Func<int, string> segmentOf)
    {
        var ids = metrics.CustomerIds;
        var assignments = new SegmentAssignment[ids.Count];
        for (var i = 0; i < assignments.Length; i++)
            assignments[i] = new SegmentAssignment(ids[i], segmentOf(i), "");
        return new ModelOutcome(assignments, [], []);
    }

    private static ModelOutcome Abc(SegmentationModelConfig model, CustomerMetricSet metrics, MetricSnapshot snapshot, string where, bool explain)
    {
        var classifier = new AbcClassifier(new AbcCutoffs(model.Abc.A, model.Abc.B)) { MissingInputs = snapshot.MissingInputs };
        var metric = Metric(model.ValueMetric, metrics, where);
        if (SegmentsOnly(model, explain))
        {
            var classes = classifier.Classes(metrics, metric);
            return Segments(metrics, i => AbcClassifier.SegmentName(classes[i])) with { Valueless = Valueless(model, metrics, metric, cv: false) };
        }
        var abc = classifier.Classify(metrics, metric, explain);
        return model.Hysteresis?.Margin is null ? From(abc) with { Valueless = Valueless(model, metrics, metric, cv: false) }
            : From(abc) with { MarginAxes = [AbcAxis(abc, model.ValueMetric)] };
    }

    private static ModelOutcome AbcXyz(SegmentationModelConfig model, CustomerMetricSet metrics, MetricSnapshot snapshot, string where, bool explain)
    {
        var abcClassifier = new AbcClassifier(new AbcCutoffs(model.Abc.A, model.Abc.B)) { MissingInputs = snapshot.MissingInputs };
        var metric = Metric(model.ValueMetric, metrics, where);
        // The variability customer_metrics reports (demand_cv beside the class in every output), not a second measure of it.
        var xyzClassifier = new XyzClassifier(new XyzCutoffs(model.Xyz.X, model.Xyz.Y));
        if (SegmentsOnly(model, explain))
        {
            var (abcClasses, xyzClasses) = (abcClassifier.Classes(metrics, metric), xyzClassifier.Classes(metrics, DemandVariabilityColumns.CustomerMetrics));
            return Segments(metrics, i => AbcXyzMatrix.CellName(abcClasses[i], xyzClasses[i])) with { Valueless = Valueless(model, metrics, metric, cv: true) };
        }
        var abc = abcClassifier.Classify(metrics, metric, explain);
        // A CV of revenue says so: "(monthly)" alone reads as units, the default measure.
        var xyz = xyzClassifier.Classify(metrics, DemandVariabilityColumns.CustomerMetrics, snapshot.Bucket, explain,
            snapshot.DemandMeasure == "units" ? null : snapshot.DemandMeasure);
        var cells = From(AbcXyzMatrix.Combine(abc, xyz, explain));
        return model.Hysteresis?.Margin is null ? cells with { Valueless = Valueless(model, metrics, metric, cv: true) }
            : cells with { MarginAxes = [AbcAxis(abc, model.ValueMetric), XyzAxis(xyz, model.Xyz)] };
    }

    // The customers whose ABC class came for a missing value, or (with cv) whose XYZ class came for want of a CV (fewer
    // than 2 periods, or none measurable), as the classifiers decide them: read by periods hysteresis alone.
    private static HashSet<string> Valueless(SegmentationModelConfig model, CustomerMetricSet metrics, string valueMetric, bool cv)
    {
        var valueless = new HashSet<string>(StringComparer.Ordinal);
        if ((model.Hysteresis?.Periods ?? 1) < 2)
            return valueless;
        var columns = DemandVariabilityColumns.CustomerMetrics;
        var (values, periods, cvs) = (metrics.Column(valueMetric), cv ? metrics.Column(columns.Periods) : null, cv ? metrics.Column(columns.CoefficientOfVariation) : null);
        for (var i = 0; i < metrics.Count; i++)
        {
            if (double.IsNaN(values[i]) || (cv && (double.IsNaN(periods![i]) || periods[i] < 2 || double.IsNaN(cvs![i]))))
                valueless.Add(metrics.CustomerIds[i]);
        }
        return valueless;
    }

    private static ModelOutcome Rfm(SegmentationModelConfig model, CustomerMetricSet metrics, string where, bool explain)
    {
        var scorer = new RfmScorer(new RfmOptions(model.Rfm.Levels, Metric(model.Rfm.Recency, metrics, where),
            Metric(model.Rfm.Frequency, metrics, where), Metric(model.Rfm.Monetary, metrics, where)));
        if (SegmentsOnly(model, explain))
        {
            var segments = scorer.Segments(metrics);
            return Segments(metrics, i => segments[i]);
        }
        return From(scorer.Score(metrics, explain));
    }

    // ABC cuts on cumulative share, which is bounded by 1: a relative margin on the 95 % cut-off (95 % × 1.1 > 100 %) would
    // lock B customers out of C for good. So the margin applies to the same cut translated into the value metric: the
    // smallest value in A and in B this period. Classes are monotone in the value (ties share a class), so the bands
    // reproduce the classifier exactly; non-positive values fall in C.
    private static Dictionary<string, PeriodObservation> AbcAxis(SegmentationResult<AbcDetail> abc, string metric)
    {
        double Lowest(AbcClass c) => abc.Details.Where(d => d.Class == c && d.Value > 0).Select(d => d.Value).DefaultIfEmpty(double.NaN).Min();
        var cuts = new[] { (Cut: Lowest(AbcClass.B), Segment: "B"), (Cut: Lowest(AbcClass.A), Segment: "A") }.Where(c => !double.IsNaN(c.Cut)).ToList();
        var bands = new ThresholdBands(metric, cuts.Select(c => c.Cut).ToList(), cuts.Select(c => c.Segment).Prepend("C").ToList());
        return abc.Details.ToDictionary(d => d.CustomerId,
            d => double.IsNaN(d.Value) ? new FixedObservation("C") : (PeriodObservation)new BandedObservation(d.Value, bands), StringComparer.Ordinal);
    }

    // An undefined CV (under 2 periods, no positive mean) makes the customer Z as a fact, not by a cut-off.
    private static Dictionary<string, PeriodObservation> XyzAxis(SegmentationResult<XyzDetail> xyz, XyzConfig cutoffs)
    {
        var bands = new ThresholdBands("CV", [cutoffs.X, cutoffs.Y], ["X", "Y", "Z"], upperInclusive: false);
        return xyz.Details.ToDictionary(d => d.CustomerId,
            d => double.IsNaN(d.CoefficientOfVariation) ? new FixedObservation("Z") : (PeriodObservation)new BandedObservation(d.CoefficientOfVariation, bands),
            StringComparer.Ordinal);
    }

    // Under a roll-up the rows are accounts, which is what min_segment_share's messages say the share counts.
    private static ModelOutcome Rules(SegmentationModelConfig model, CustomerMetricSet metrics, MetricSnapshot snapshot, string where, bool explain)
    {
        var segmenter = new RuleSegmenter(RuleModel(model, where, model.RollUpHierarchy || snapshot.RowsAreAccounts), metrics.MetricNames, metrics.TextNames,
            MetricDefinitions.SourceTables) { MissingInputs = snapshot.MissingInputs };
        var result = segmenter.Assign(metrics, explain);
        var outcome = From(result) with { MergedAway = result.Details.Where(d => d.MergedFrom is not null).Select(d => d.MergedFrom!).ToHashSet(StringComparer.Ordinal) };
        if (model.Hysteresis?.Margin is not { } margin)
            return outcome;
        var observations = segmenter.MarginObservations(metrics, result, margin);
        return outcome with
        {
            Warnings = [.. outcome.Warnings, .. segmenter.PercentilesOutOfReach(metrics, margin, MetricDefinitions.ShareBounds)],
            MarginAxes = [metrics.CustomerIds.Zip(observations).ToDictionary(x => x.First, x => (PeriodObservation)x.Second, StringComparer.Ordinal)],
        };
    }

    private static RuleModel RuleModel(SegmentationModelConfig model, string where, bool accounts = false)
    {
        // A model with neither method: nor rules: is a rules model by default, which the reader may not know; one with
        // rules: [] wrote the key, and is told its list is empty rather than that no method was given.
        if (model.Rules.Count == 0)
        {
            var otherMethods = $"{string.Join(", ", Names.Where(n => n != "rules").SkipLast(1))} or {Names[^1]}";
            throw new ConfigurationException(model.WrittenKeys.Contains("rules")
                ? $"{where}: rules: is empty, so no rule assigns a segment; add one under it (- segment: core with when: \"revenue >= 20000\"), or drop rules: and set method: to another ({otherMethods})."
                : model.MethodConfigured
                ? $"{where}: method rules needs rules: (a list of segment and when)."
                : $"{where}: no method: is given, so the model uses the default method rules, which needs rules: (a list of segment and when); "
                    + $"add method: ({otherMethods}) or rules:.");
        }
        var merge = model.MergeInto switch
        {
            "fallback" => SmallSegmentMerge.Fallback,
            "nearest" => SmallSegmentMerge.NearestViable,
            _ => throw new ConfigurationException($"{where}.merge_into '{model.MergeInto}' is not known; use fallback or nearest."),
        };
        return new RuleModel(model.Rules.Select(r => new SegmentRule(r.Segment, r.When) { MergeInto = r.MergeInto ?? [] }).ToList(), model.Fallback,
            model.MinSegmentShare, model.MinShareOf, merge, model.MaxSegments) { RowName = accounts ? "account" : "customer" };
    }

    private static ModelOutcome Clusters(SegmentationModelConfig model, CustomerMetricSet metrics, IReadOnlyDictionary<string, string> missingInputs, string where,
        FittedClusterModel? fitted, bool explain)
    {
        RequireDimensions(model, where);
        foreach (var dimension in model.Dimensions.Concat(model.LogScale))
            Metric(dimension, metrics, where);
        var columns = model.Dimensions;
        var values = columns.Select(metrics.Column).ToArray();
        var rows = new double[metrics.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = new double[columns.Count];
            for (var c = 0; c < columns.Count; c++)
                rows[i][c] = values[c][i];
        }
        if (fitted is not null)
        {
            var segments = fitted.ClusterSegments;
            var scored = explain
                ? ToAssignments(fitted.Assign(metrics.CustomerIds, columns, rows))
                : fitted.Clusters(columns, rows).Select((cluster, i) => new SegmentAssignment(metrics.CustomerIds[i], segments[cluster], "")).ToList();
            return new ModelOutcome(scored, [], [], fitted) { MarginAxes = DistanceAxes(model, fitted, scored, columns, rows) };
        }
        var (minK, maxK) = ClusterRange(model, where);
        var settings = new ClusteringSettings
        {
            Features = new FeatureSpec(columns, model.LogScale),
            MinClusters = minK,
            MaxClusters = maxK,
            SizeLimits = model.Size is { } size ? ClusterSizeLimits.FromShares(size.MinShare ?? 0, size.MaxShare ?? 1) : null,
            Seed = model.Seed,
            ServiceTiers = model.Tiers,
            ValueDimension = columns.Contains(model.ValueMetric) ? model.ValueMetric : null,
        };
        var outcome = CustomerClustering.Run(metrics.CustomerIds, columns, rows, settings);
        var fit = new FittedClusterModel(outcome);
        var assignments = ToAssignments(outcome.Assignments);
        // Fewer distinct customers (after missing values are imputed) than min_segments leave fewer clusters than asked:
        // said, not silently lowered.
        var warnings = DimensionsWithoutValues(outcome.Scaler, rows.Length, missingInputs).Concat(DimensionsPartlyMissing(outcome.Scaler, rows.Length))
            .Concat(outcome.DistinctPoints > 1 ? ConstantDimensions(outcome.Scaler, rows.Length) : []).ToList();
        var distinct = outcome.DistinctPoints;
        if (distinct < minK)
            warnings.Add(new SegmentationWarning("fewer_clusters_than_min_segments",
                $"only {distinct} distinct {Agreement.For(distinct, "customer profile")} among {rows.Length} {Agreement.For(rows.Length, "customer")}, so at most {distinct} {Agreement.For(distinct, "cluster")} instead of min_segments {minK}."));
        if (TiersWithoutCluster(model, outcome.Clusters.Count, distinct) is { } unused)
            warnings.Add(unused);
        return new ModelOutcome(assignments, warnings, outcome.Clusters, fit)
        {
            MarginAxes = DistanceAxes(model, fit, assignments, columns, rows),
        };
    }

    // Cluster rank r takes tier r + 1 (ServiceTierMapping), so with fewer clusters than tiers the last tiers hold nobody and
    // a policy for them applies to nobody: validation refuses that when max_segments makes it certain, the run says it when
    // silhouette (or the data's few distinct profiles) chose fewer clusters. Raising min_segments helps only while the
    // customers have as many distinct profiles as tiers.
    private static SegmentationWarning? TiersWithoutCluster(SegmentationModelConfig model, int clusters, int distinctProfiles)
    {
        if (model.Tiers.Count <= clusters)
            return null;
        var unused = model.Tiers.Skip(clusters).ToList();
        var names = string.Join(", ", unused);
        var fix = distinctProfiles >= model.Tiers.Count
            ? $"set min_segments to {model.Tiers.Count} to use every tier, or drop {names} from tiers."
            : $"the customers have only {distinctProfiles} distinct {Agreement.For(distinctProfiles, "profile")}, so no cluster count uses every tier; drop {names} from tiers.";
        return new SegmentationWarning("tier_without_cluster",
            $"{clusters} {Agreement.For(clusters, "cluster")} for {model.Tiers.Count} tiers, so {Agreement.For(unused.Count, "tier")} {names} {Agreement.For(unused.Count, "holds", "hold")} nobody "
            + $"(tiers go to clusters by rank of {model.ValueMetric}, highest first); {fix}");
    }

    // A dimension no customer has a value for (OTIF without shipments in the data, say) is imputed as one constant: it
    // shapes no cluster, which the clusters alone would not show.
    private static IReadOnlyList<SegmentationWarning> DimensionsWithoutValues(FeatureScaler scaler, int customers, IReadOnlyDictionary<string, string> missingInputs) =>
        customers == 0 ? [] : scaler.Dimensions.Where((_, j) => scaler.MissingCounts[j] == customers)
            .Select(d =>
            {
                var (opening, hint) = SegmentationWarning.NoValue(d, missingInputs, MetricDefinitions.SourceTables.GetValueOrDefault(d) is { } table ? $" ({table})" : "");
                return new SegmentationWarning("metric_without_values", $"{opening}, so it is one constant in the clustering and shapes no cluster; load the data it needs{hint} or drop it from dimensions.");
            })
            .ToList();

    // A dimension some customers lack (demand_cv of a customer who ordered in one month only) is filled with the median:
    // those customers are placed where the median puts them, which their reasons do not show, so the run says how many.
    private static IEnumerable<SegmentationWarning> DimensionsPartlyMissing(FeatureScaler scaler, int customers) =>
        scaler.Dimensions.Select((d, j) => (Dimension: d, Missing: scaler.MissingCounts[j], Median: scaler.Medians[j]))
            .Where(x => x.Missing > 0 && x.Missing < customers)
            .Select(x => new SegmentationWarning("metric_partly_missing",
                string.Create(CultureInfo.InvariantCulture, $"{x.Missing:N0} of {customers:N0} customers {Agreement.For(x.Missing, "has", "have")} no {x.Dimension}; k-means placed {Agreement.For(x.Missing, "it", "them")} at its median, {x.Median:0.####}, which {Agreement.For(x.Missing, "its reason never names", "their reasons never name")} as a driver.")));

    // A dimension every customer has alike (lines_per_order 1 where every order has one line) has σ 0: every customer sits at
    // z = 0 on it and it shapes no cluster, as a dimension nobody has a value for, which is warned of above. Not said where the
    // customers have one profile (one customer, or all alike): every dimension is constant then, and dropping each is no fix.
    private static IEnumerable<SegmentationWarning> ConstantDimensions(FeatureScaler scaler, int customers) =>
        scaler.Dimensions.Select((d, j) => (Dimension: d, Missing: scaler.MissingCounts[j], Value: scaler.Medians[j], Deviation: scaler.StandardDeviations[j]))
            .Where(x => x.Deviation == 0 && x.Missing < customers)
            .Select(x => new SegmentationWarning("metric_constant", x.Missing == 0
                ? string.Create(CultureInfo.InvariantCulture, $"every customer has {x.Dimension} {x.Value:0.####}, so it shapes no cluster; drop it from dimensions.")
                : string.Create(CultureInfo.InvariantCulture,
                    $"every customer with a value has {x.Dimension} {x.Value:0.####} (the {x.Missing} without one were placed there too), so it shapes no cluster; drop it from dimensions.")));

    // Centroid distances only when a margin needs them: they cost a pass over every customer and centroid per period.
    private static IReadOnlyList<IReadOnlyDictionary<string, PeriodObservation>> DistanceAxes(SegmentationModelConfig model, FittedClusterModel fit,
        List<SegmentAssignment> assignments, IReadOnlyList<string> columns, double[][] rows)
    {
        if (model.Hysteresis?.Margin is null)
            return [];
        var distances = fit.Distances(columns, rows);
        var segments = fit.ClusterSegments;
        return [assignments.Select((a, i) => (a.CustomerId, Observation: (PeriodObservation)new DistanceObservation(a.Segment, distances[i], segments)))
            .ToDictionary(x => x.CustomerId, x => x.Observation, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The range k is chosen in by silhouette: <c>min_segments</c>/<c>max_segments</c> (max_segments = the service tiers
    /// fulfilment can run), or their alias <c>k: { min, max }</c>; defaults 3 and 6, the default minimum lowered to a
    /// smaller max_segments.
    /// </summary>
    /// <exception cref="ConfigurationException">A setting and its alias disagree, a bound is below 2, or min exceeds max.</exception>
    public static (int Min, int Max) ClusterRange(SegmentationModelConfig model, string where)
    {
        int? Pick(int? segments, bool aliasSet, int alias, string name)
        {
            if (segments is { } value && aliasSet && alias != value)
                throw new ConfigurationException($"{where}: {name}_segments {value} and k.{name} {alias} disagree; k: is an alias of min_segments/max_segments, keep one.");
            return segments ?? (aliasSet ? alias : null);
        }
        var min = Pick(model.MinSegments, model.K.MinConfigured, model.K.Min, "min");
        var max = Pick(model.MaxSegments, model.K.MaxConfigured, model.K.Max, "max");
        var (lower, upper) = (min ?? Math.Min(model.K.Min, max ?? model.K.Min), max ?? Math.Max(model.K.Max, min ?? model.K.Max));
        // One cluster is every customer in one segment, each reason "drivers: none", and k = 1 has no silhouette to be chosen
        // by: the keys written (in either spelling) that allow it are named.
        var below = new[] { (Key: SpelledKey(model.MinSegments, model.K.MinConfigured, "min"), Value: lower), (Key: SpelledKey(model.MaxSegments, model.K.MaxConfigured, "max"), Value: upper) }
            .Where(k => k.Value < 2 && k.Key is not null).ToList();
        if (below.Count > 0)
            throw new ConfigurationException($"{where}: {string.Join(" and ", below.Select(k => $"{k.Key} {k.Value}"))} {(below.Count == 1 ? "is" : "are")} below 2: "
                + $"one cluster puts every customer in one segment and tells none apart; set {string.Join(" and ", below.Select(k => k.Key))} to 2 or more.");
        // Only two written bounds can cross (a default follows the bound written), so both keys are named as written: the
        // message asked to "set min_segments" of a model that wrote k: { min: 6, max: 3 }.
        if (lower > upper)
        {
            var (minKey, maxKey) = (SpelledKey(model.MinSegments, model.K.MinConfigured, "min"), SpelledKey(model.MaxSegments, model.K.MaxConfigured, "max"));
            throw new ConfigurationException($"{where}: {minKey} {lower} is above {maxKey} {upper}, so no cluster count lies between them; "
                + $"swap them ({minKey} {upper}, {maxKey} {lower}) or lower {minKey} to {upper} or less.");
        }
        return (lower, upper);
    }

    // How the model wrote a bound of k: min_segments, its alias k.min, or (left out) null.
    private static string? SpelledKey(int? segments, bool aliasSet, string name) =>
        segments is not null ? $"{name}_segments" : aliasSet ? $"k.{name}" : null;

    private static List<SegmentAssignment> ToAssignments(IEnumerable<CustomerCluster> clusters) =>
        clusters.Select(a => new SegmentAssignment(a.CustomerId, a.TierName ?? a.ClusterName, a.Explanation.Text)).ToList();

    private static string Metric(string metric, CustomerMetricSet metrics, string where) =>
        metrics.HasMetric(metric) || metrics.Count == 0
            ? metric
            : throw new ConfigurationException($"{where}: {CustomerMetricSet.UnknownMetricMessage(metric, metrics.MetricNames)}.");

    // Customers without orders in the window (parents without own orders, lapsed accounts) carry no signal for any method.
    private static List<int> ActiveRows(CustomerMetricSet metrics)
    {
        var rows = new List<int>(metrics.Count);
        var orders = metrics.HasMetric("orders") ? metrics.Column("orders") : null;
        for (var i = 0; i < metrics.Count; i++)
            if (orders is null || orders[i] > 0)
                rows.Add(i);
        return rows;
    }

    // Active and inactive assignments interleaved in the snapshot's row order (its customer order, which lets the stage
    // line periods up by a merge instead of hashing every id); null when the method's assignments are not in row order.
    private static SegmentAssignment[]? InSnapshotOrder(IReadOnlyList<SegmentAssignment> active, List<SegmentAssignment> inactive,
        IReadOnlyList<string> customerIds, bool[] isActive)
    {
        var merged = new SegmentAssignment[customerIds.Count];
        var (a, n) = (0, 0);
        for (var i = 0; i < merged.Length; i++)
        {
            var next = isActive[i] ? active[a++] : inactive[n++];
            if (!string.Equals(next.CustomerId, customerIds[i], StringComparison.Ordinal))
                return null;
            merged[i] = next;
        }
        return merged;
    }

    private static ModelOutcome WithInactive(ModelOutcome outcome, CustomerMetricSet all, IReadOnlyList<int> active, MetricSnapshot snapshot)
    {
        if (active.Count == all.Count)
            return outcome;
        var reason = $"{Inactive}: no orders between {DateFormat.Iso(snapshot.WindowStart)} and {DateFormat.Iso(snapshot.AsOf)}";
        // One whose first order comes after as_of did not stop ordering: it was no customer yet. Its segment stays inactive
        // (no segment, as every method reads it); only the reason says which.
        string ReasonOf(string id) => snapshot.FirstOrdersAfterAsOf.TryGetValue(id, out var first)
            ? $"{Inactive}: not yet a customer at {DateFormat.Iso(snapshot.AsOf)} (first order line {DateFormat.Iso(first.Date)}{(first.IsReturn ? ", a return" : "")})"
            : reason;
        var isActive = new bool[all.Count];
        foreach (var i in active)
            isActive[i] = true;
        var inactive = Enumerable.Range(0, all.Count).Where(i => !isActive[i])
            .Select(i => new SegmentAssignment(all.CustomerIds[i], Inactive, ReasonOf(all.CustomerIds[i]))).ToList();
        var fact = new FixedObservation(Inactive);
        return outcome with
        {
            Assignments = (IReadOnlyList<SegmentAssignment>?)InSnapshotOrder(outcome.Assignments, inactive, all.CustomerIds, isActive) ?? outcome.Assignments.Concat(inactive).ToList(),
            MarginAxes = outcome.MarginAxes.Select(axis => (IReadOnlyDictionary<string, PeriodObservation>)axis.Concat(inactive.Select(a => KeyValuePair.Create(a.CustomerId, (PeriodObservation)fact)))
                .ToDictionary(StringComparer.Ordinal)).ToList(),
        };
    }
}
