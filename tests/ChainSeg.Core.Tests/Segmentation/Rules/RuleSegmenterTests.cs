using System.Globalization;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class RuleSegmenterTests
{
    private static readonly SegmentRule[] ServiceTiers =
    [
        new("strategic", "revenue >= 250000 and orders_per_month >= 4"),
        new("core", "revenue >= 20000"),
    ];

    private static CustomerMetricSet Metrics(params (string Id, double Revenue, double OrdersPerMonth)[] rows) => new(
        rows.Select(r => r.Id).ToArray(),
        [
            new MetricColumn("revenue", rows.Select(r => r.Revenue).ToArray()),
            new MetricColumn("orders_per_month", rows.Select(r => r.OrdersPerMonth).ToArray()),
        ]);

    private static SegmentationResult<RuleMatchDetail> Assign(RuleModel model, CustomerMetricSet metrics) =>
        new RuleSegmenter(model, metrics.MetricNames).Assign(metrics);

    // 38 standard customers, one strategic and one core one: 40 customers, so each of those segments is 2.5 %.
    private static CustomerMetricSet OneStrategicOneCore() => Metrics(
        [("key", 312_400, 5.2), ("mid", 30_000, 1), .. Enumerable.Range(0, 38).Select(i => ($"s{i:D2}", 1_000.0 + i, 0.5))]);

    [Fact]
    public void Assign_OrderedRules_FirstMatchWinsAndFallbackCatchesTheRest()
    {
        var metrics = Metrics(("key", 312_400, 5.2), ("mid", 30_000, 1), ("small", 1_200, 0.5), ("bigRare", 400_000, 1));

        var result = Assign(new RuleModel(ServiceTiers, "standard"), metrics);

        Assert.Equal(["strategic", "core", "standard", "core"], result.Assignments.Select(a => a.Segment));
        Assert.Equal([0, 1, -1, 1], result.Details.Select(d => d.MatchedRule));
    }

    [Fact]
    public void Assign_Reasons_ShowTheValuesThatMadeTheRuleTrue()
    {
        var metrics = Metrics(("key", 312_400, 5.2), ("mid", 30_000, 1), ("small", 1_200, 0.5));

        var reasons = Assign(new RuleModel(ServiceTiers, "standard"), metrics).Assignments.Select(a => a.Reason).ToArray();

        Assert.Equal("strategic: revenue 312,400.00 ≥ 250,000.00 and orders_per_month 5.2 ≥ 4", reasons[0]);
        Assert.Equal("core: revenue 30,000.00 ≥ 20,000.00", reasons[1]);
        Assert.Equal("standard: no rule matched (fallback); strategic: revenue 1,200.00 < 250,000.00; core: revenue 1,200.00 < 20,000.00", reasons[2]);
    }

    // A customer in the fallback is there because every rule failed: its reason names what failed in each, a threshold
    // missed (orders_per_month 2 < 4) or a metric it lacks (one period of demand has no demand_cv, so 'demand_cv < 0.5' is
    // unknown, README: rules read a missing metric as SQL reads NULL), where "no rule matched" alone left both unsaid.
    [Fact]
    public void Assign_NoRuleMatched_FallbackReasonSaysWhatFailedInEachRule()
    {
        var metrics = new CustomerMetricSet(["one", "volatile"],
        [
            new MetricColumn("revenue", [5_000, 300_000]),
            new MetricColumn("orders_per_month", [0.1, 2]),
            new MetricColumn("demand_cv", [double.NaN, 0.8]),
        ]);
        SegmentRule[] rules = [new("strategic", "revenue >= 250000 and orders_per_month >= 4"), new("steady", "demand_cv < 0.5")];

        var reasons = Assign(new RuleModel(rules, "standard"), metrics).Assignments.Select(a => a.Reason).ToArray();

        Assert.Equal("standard: no rule matched (fallback); strategic: revenue 5,000.00 < 250,000.00; steady: demand_cv missing", reasons[0]);
        Assert.Equal("standard: no rule matched (fallback); strategic: orders_per_month 2 < 4; steady: demand_cv 0.8 ≥ 0.5", reasons[1]);
    }

    [Fact]
    public void Assign_SegmentBelowMinShare_MergesIntoFallbackWithReason()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.05), OneStrategicOneCore());

        Assert.Equal("standard", result.Assignments[0].Segment);
        Assert.Equal(
            "standard: merged from 'strategic' (2.5 % of customers < min_segment_share 5 %); " +
            "strategic: revenue 312,400.00 ≥ 250,000.00 and orders_per_month 5.2 ≥ 4",
            result.Assignments[0].Reason);
        Assert.Equal("strategic", result.Details[0].MergedFrom);
        Assert.Equal("standard", result.Assignments[1].Segment);
        Assert.All(result.Assignments, a => Assert.Equal("standard", a.Segment));
        // One warning per segment that merged away, in rule order.
        Assert.Equal(
            [
                "'strategic' (1 customer, 2.5 % of customers) is under min_segment_share 5 %; its customers moved to the fallback 'standard'.",
                "'core' (1 customer, 2.5 % of customers) is under min_segment_share 5 %; its customers moved to the fallback 'standard'.",
            ],
            result.Warnings.Where(w => w.Kind == "segment_merged").Select(w => w.Message));
    }

    [Fact]
    public void Assign_MinShareReached_NoMerge()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.025), OneStrategicOneCore());

        Assert.Equal("strategic", result.Assignments[0].Segment);
        Assert.Null(result.Details[0].MergedFrom);
        Assert.DoesNotContain(result.Warnings, w => w.Kind == "segment_merged");
    }

    // key (312,400) also satisfies "core"; with nearest-viable merging it goes there if core is viable.
    // Share by revenue: total = 312,400 + 30,000 + Σ(1,000 + i, i < 38) = 342,400 + 38,703 = 381,103;
    // strategic holds 82 %, core 7.9 %, so with a 10 % minimum core is too small and strategic is not:
    // mid (core) has no later viable rule and goes to the fallback.
    [Fact]
    public void Assign_ShareByRevenue_MeasuresSegmentsInRevenue()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.10, shareMetric: "revenue"), OneStrategicOneCore());

        Assert.Equal("strategic", result.Assignments[0].Segment);
        Assert.Equal("standard", result.Assignments[1].Segment);
        Assert.Equal(
            "standard: merged from 'core' (7.9 % of revenue < min_segment_share 10 %); core: revenue 30,000.00 ≥ 20,000.00",
            result.Assignments[1].Reason);
    }

    [Fact]
    public void Assign_NearestViable_MovesToLaterRuleTheCustomerAlsoSatisfies()
    {
        var metrics = Metrics(
        [
            ("key", 312_400, 5.2),
            .. Enumerable.Range(0, 9).Select(i => ($"m{i}", 30_000.0, 1.0)),
            .. Enumerable.Range(0, 10).Select(i => ($"s{i}", 1_000.0, 0.5)),
        ]);
        var model = new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.10, merge: SmallSegmentMerge.NearestViable);

        var result = Assign(model, metrics);

        Assert.Equal("core", result.Assignments[0].Segment);
        Assert.Equal(
            "core: merged from 'strategic' (5.0 % of customers < min_segment_share 10 %) into rule 2, the next rule of a viable segment it " +
            "satisfies; core: revenue 312,400.00 ≥ 20,000.00",
            result.Assignments[0].Reason);
        Assert.Equal(0, result.Details[0].MatchedRule);
    }

    // Exclusive rules (Shapiro's quadrants): no later rule holds for a merged customer, so only a list can say where it goes.
    // 'key' matches strategic (1 of 20, under 10 %); its list names mid first, also under 10 %, so it goes to core.
    [Fact]
    public void Assign_RuleMergeInto_GoesToTheFirstViableSegmentListedSkippingASmallOne()
    {
        SegmentRule[] rules =
        [
            new("strategic", "revenue >= 250000") { MergeInto = ["mid", "core"] },
            new("mid", "revenue >= 100000 and revenue < 250000"),
            new("core", "revenue < 100000"),
        ];
        var metrics = Metrics([("key", 312_400, 5.2), ("m", 150_000, 1), .. Enumerable.Range(0, 18).Select(i => ($"c{i}", 1_000.0, 0.5))]);

        var result = Assign(new RuleModel(rules, "standard", 0.10), metrics);

        Assert.Equal("core", result.Assignments[0].Segment);
        Assert.Equal("core: merged from 'strategic' (5.0 % of customers < min_segment_share 10 %) into core, the first viable segment of the rule's "
            + "merge_into (mid, core); strategic: revenue 312,400.00 ≥ 250,000.00", result.Assignments[0].Reason);
        Assert.Equal(new RuleMatchDetail("key", "core", 0, "strategic"), result.Details[0]);
        // mid lists nothing: the model's merge_into (the fallback) takes it.
        Assert.Equal("standard", result.Assignments[1].Segment);
        Assert.Contains(result.Warnings, w => w.Message == "'strategic' (1 customer, 5.0 % of customers) is under min_segment_share 10 %; its customers moved to 'core', the first viable segment of its rule's merge_into (mid, core).");
    }

    [Fact]
    public void Assign_RuleMergeIntoWithNoViableSegment_KeepsTheCustomersAndWarns()
    {
        SegmentRule[] rules = [new("strategic", "revenue >= 250000") { MergeInto = ["mid"] }, new("mid", "revenue >= 100000")];
        var metrics = Metrics([("key", 312_400, 5.2), ("m", 150_000, 1), .. Enumerable.Range(0, 18).Select(i => ($"c{i}", 1_000.0, 0.5))]);

        var result = Assign(new RuleModel(rules, "standard", 0.10), metrics);

        Assert.Equal("strategic", result.Assignments[0].Segment);
        Assert.Equal("strategic: revenue 312,400.00 ≥ 250,000.00; kept though 5.0 % of customers < min_segment_share 10 %: no segment of the rule's merge_into (mid) is viable",
            result.Assignments[0].Reason);
        Assert.Null(result.Details[0].MergedFrom);
        Assert.Contains(result.Warnings, w => w.Kind == "segment_not_merged" && w.Message.StartsWith("'strategic' (1 customer, 5.0 % of customers)", StringComparison.Ordinal));
    }

    [Fact]
    public void Assign_WithoutExplain_SameSegmentsAndDetailsWithEmptyReasons()
    {
        // Matched, merged into a later rule, merged into the fallback, and no rule at all.
        SegmentRule[] rules = [new("strategic", "orders_per_month >= 4"), new("core", "revenue >= 20000")];
        var metrics = Metrics(
        [
            ("frequent", 5_000, 6),
            ("frequentBig", 40_000, 6),
            .. Enumerable.Range(0, 9).Select(i => ($"m{i}", 30_000.0, 1.0)),
            .. Enumerable.Range(0, 10).Select(i => ($"s{i}", 1_000.0, 0.5)),
        ]);
        var model = new RuleModel(rules, "standard", 0.10, merge: SmallSegmentMerge.NearestViable);
        var segmenter = new RuleSegmenter(model, metrics.MetricNames);

        var explained = segmenter.Assign(metrics);
        var bare = segmenter.Assign(metrics, explain: false);

        Assert.Equal(explained.Assignments.Select(a => (a.CustomerId, a.Segment)), bare.Assignments.Select(a => (a.CustomerId, a.Segment)));
        Assert.Equal(explained.Details, bare.Details);
        Assert.Equal(explained.Warnings.Select(w => w.Message), bare.Warnings.Select(w => w.Message));
        Assert.All(bare.Assignments, a => Assert.Equal("", a.Reason));
        Assert.Equal(["standard", "core", "core", "standard"], new[] { 0, 1, 2, 11 }.Select(i => bare.Assignments[i].Segment));
    }

    [Fact]
    public void Assign_NearestViableWithoutLaterMatch_FallsBack()
    {
        SegmentRule[] rules = [new("strategic", "orders_per_month >= 4"), new("core", "revenue >= 20000")];
        var metrics = Metrics(
        [
            ("frequent", 5_000, 6),
            .. Enumerable.Range(0, 9).Select(i => ($"m{i}", 30_000.0, 1.0)),
            .. Enumerable.Range(0, 10).Select(i => ($"s{i}", 1_000.0, 0.5)),
        ]);

        var result = Assign(new RuleModel(rules, "standard", 0.10, merge: SmallSegmentMerge.NearestViable), metrics);

        Assert.Equal("standard", result.Assignments[0].Segment);
        // The reason says why not a later rule, where it read as a plain merge into the fallback.
        Assert.Equal(
            "standard: merged from 'strategic' (5.0 % of customers < min_segment_share 10 %); no later rule of a viable segment holds; " +
            "strategic: orders_per_month 6 ≥ 4",
            result.Assignments[0].Reason);
    }

    // Thresholds are ties at the cut-off: 20,000 satisfies "revenue >= 20000" but not "revenue > 20000", and
    // orders_per_month exactly 4 satisfies ">= 4"; a hair below either stays out.
    [Fact]
    public void Assign_ValueExactlyOnThreshold_InclusiveOperatorHoldsStrictDoesNot()
    {
        SegmentRule[] rules = [new("above", "revenue > 20000"), new("frequent", "orders_per_month >= 4"), new("core", "revenue >= 20000")];
        var metrics = Metrics(("on", 20_000, 1), ("over", 20_000.01, 1), ("under", 19_999.99, 3.99), ("four", 100, 4));

        var result = Assign(new RuleModel(rules, "standard"), metrics);

        Assert.Equal(["core", "above", "standard", "frequent"], result.Assignments.Select(a => a.Segment));
        Assert.Equal("core: revenue 20,000.00 ≥ 20,000.00", result.Assignments[0].Reason);
    }

    // Share by revenue with a returns-heavy customer: negative revenue counts as zero (RuleSegmenter remarks).
    // 'frequent' holds r1 (-5,000 → 0), r2 (0) and f (1,000); 'standard' four customers of 2,000. Positive total 9,000:
    // frequent 1,000 / 9,000 = 11.1 % ≥ 10 %, viable. Summed with its sign it would be -4,000 of 4,000 and merge away.
    [Fact]
    public void Assign_ShareByRevenueWithNegativeAndZeroRevenue_CountsThemAsZero()
    {
        SegmentRule[] rules = [new("frequent", "orders_per_month >= 4")];
        var metrics = Metrics(
            [("r1", -5_000, 5), ("r2", 0, 6), ("f", 1_000, 4), .. Enumerable.Range(0, 4).Select(i => ($"s{i}", 2_000.0, 1.0))]);

        var result = Assign(new RuleModel(rules, "standard", minSegmentShare: 0.10, shareMetric: "revenue"), metrics);

        Assert.Equal(["frequent", "frequent", "frequent", "standard", "standard", "standard", "standard"], result.Assignments.Select(a => a.Segment));
        Assert.DoesNotContain(result.Warnings, w => w.Kind is "segment_merged" or "min_segment_share_skipped");
    }

    // Revenue 0.7 + 0.1 of 0.7 + 0.1 + 1.2 is 0.8 / 2.0 = 40 % exactly, but summed in doubles it is 0.7999999999999999 / 2.0
    // = 0.39999999999999997: the segment reached min_segment_share 40 % and must stay, where it merged away with the
    // reason "40.0 % of revenue < min_segment_share 40 %".
    [Fact]
    public void Assign_ShareExactlyAtMinShareAfterRounding_Viable()
    {
        SegmentRule[] rules = [new("small", "revenue < 1")];
        var metrics = Metrics(("x1", 0.7, 1), ("x2", 0.1, 1), ("y", 1.2, 1));

        var result = Assign(new RuleModel(rules, "standard", minSegmentShare: 0.4, shareMetric: "revenue"), metrics);

        Assert.Equal(["small", "small", "standard"], result.Assignments.Select(a => a.Segment));
        Assert.DoesNotContain(result.Warnings, w => w.Kind == "segment_merged");
    }

    // 'big' is the first match of nobody (its one customer matches 'frequent' first), so it holds 0 % of the customers,
    // under min_segment_share 10 %: it is not viable, and the merged 'frequent' customer goes to the fallback, not into
    // 'big' (which the warnings call empty).
    [Fact]
    public void Assign_NearestViableSegmentNobodyMatchesFirst_NotViable()
    {
        SegmentRule[] rules = [new("frequent", "orders_per_month >= 4"), new("big", "revenue >= 20000")];
        var metrics = Metrics([("fb", 40_000, 6), .. Enumerable.Range(0, 19).Select(i => ($"s{i}", 1_000.0, 0.5))]);

        var result = Assign(new RuleModel(rules, "standard", 0.10, merge: SmallSegmentMerge.NearestViable), metrics);

        Assert.All(result.Assignments, a => Assert.Equal("standard", a.Segment));
        Assert.Equal(
            "standard: merged from 'frequent' (5.0 % of customers < min_segment_share 10 %); no later rule of a viable segment holds; " +
            "frequent: orders_per_month 6 ≥ 4",
            result.Assignments[0].Reason);
        Assert.Equal("rule 'big' (revenue >= 20000) is the first match of no customer, so segment 'big' is empty.",
            Assert.Single(result.Warnings, w => w.Kind == "rule_unmatched").Message);
        // The empty segment is said once, as unmatched, not as merged away with 0 customers.
        Assert.Equal(["'frequent'"], result.Warnings.Where(w => w.Kind == "segment_merged").Select(w => w.Message.Split(' ')[0]));
    }

    [Fact]
    public void Assign_ShareMetricAllZero_SkipsMergingWithWarning()
    {
        var metrics = Metrics(("a", 0, 5), ("b", 0, 0.1), ("c", 0, 0.1));
        SegmentRule[] rules = [new("frequent", "orders_per_month >= 4")];

        var result = Assign(new RuleModel(rules, "standard", 0.5, shareMetric: "revenue"), metrics);

        Assert.Equal("frequent", result.Assignments[0].Segment);
        Assert.Contains(result.Warnings, w => w.Kind == "min_segment_share_skipped");
    }

    // Eight rule segments and the fallback, one customer each plus 91 fallback customers: 9 segments (> 6) and
    // eight segments of 1 % (< 2 %) warn, in one warning; the fallback (91 %) does not.
    [Fact]
    public void Assign_ManySmallSegments_WarnsPerGuards()
    {
        var rules = Enumerable.Range(1, 8).Select(k => new SegmentRule($"tier{k}", $"orders_per_month == {k}")).ToArray();
        var metrics = Metrics(
            [.. Enumerable.Range(1, 8).Select(k => ($"t{k}", 100.0, (double)k)), .. Enumerable.Range(0, 91).Select(i => ($"s{i}", 100.0, 0.5))]);

        var warnings = Assign(new RuleModel(rules, "standard"), metrics).Warnings;

        Assert.Single(warnings, w => w.Kind == "too_many_segments");
        Assert.Equal("8 segments hold under 2 % of customers each ('tier1' 1.0 %, 'tier2' 1.0 %, 'tier3' 1.0 %, 'tier4' 1.0 %, 'tier5' 1.0 %, …).",
            Assert.Single(warnings, w => w.Kind == "small_segment").Message);
    }

    [Fact]
    public void Assign_AllCustomersIdentical_AllInOneSegment()
    {
        var metrics = Metrics(("a", 50_000, 1), ("b", 50_000, 1), ("c", 50_000, 1));

        var result = Assign(new RuleModel(ServiceTiers, "standard", 0.02), metrics);

        Assert.All(result.Assignments, a => Assert.Equal("core", a.Segment));
        // No guard fires; the one warning is the rule nobody reaches.
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("rule_unmatched", warning.Kind);
        Assert.Equal("rule 'strategic' (revenue >= 250000 and orders_per_month >= 4) is the first match of no customer, so segment 'strategic' is empty.", warning.Message);
    }

    [Fact]
    public void Assign_ShadowedRuleOfAFilledSegment_DoesNotCallTheSegmentEmpty()
    {
        // core's second rule is shadowed by its first, and standard's rule by core's: both segments hold customers, where
        // the warnings said "so segment 'core' is empty" beside 2 core customers.
        var rules = new SegmentRule[] { new("core", "revenue >= 20000"), new("core", "revenue >= 50000"), new("standard", "revenue >= 30000") };
        var metrics = Metrics(("a", 60_000, 1), ("b", 25_000, 1), ("c", 1_000, 1));

        var result = Assign(new RuleModel(rules, "standard"), metrics);

        Assert.Equal(["core", "core", "standard"], result.Assignments.Select(a => a.Segment));
        Assert.Equal(
        [
            "rule 'core' (revenue >= 50000) is the first match of no customer; segment 'core' has its customers from its other rules.",
            "rule 'standard' (revenue >= 30000) is the first match of no customer; segment 'standard' has its customers from other rules or the fallback.",
        ], result.Warnings.Where(w => w.Kind == "rule_unmatched").Select(w => w.Message));
    }

    [Fact]
    public void Assign_NoRules_EveryoneInFallback()
    {
        var result = Assign(new RuleModel([], "standard"), Metrics(("a", 1, 1), ("b", 2, 2)));

        Assert.All(result.Assignments, a => Assert.Equal("standard", a.Segment));
    }

    [Fact]
    public void Assign_MetricNoCustomerHasFromAnotherTable_WarningNamesTheTable()
    {
        var model = new RuleModel([new SegmentRule("lean", "revenue <= 0.85")], "standard");
        var segmenter = new RuleSegmenter(model, ["revenue", "orders_per_month"], sources: new Dictionary<string, string> { ["revenue"] = "products" });

        var warning = Assert.Single(segmenter.Assign(Metrics(("a", double.NaN, 10))).Warnings);

        Assert.EndsWith("rule 'lean' holds for nobody. Load the data it needs (products) or change the rule.", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_NoCustomers_EmptyResult()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard", 0.05), Metrics());

        Assert.Empty(result.Assignments);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Assign_MissingMetricValue_RuleDoesNotMatch()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard"), Metrics(("unknown", double.NaN, 10)));

        Assert.Equal("standard", result.Assignments[0].Segment);
    }

    [Fact]
    public void Assign_MetricNoCustomerHas_WarnsOnceNamingTheRulesThatReadIt()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard"), Metrics(("a", double.NaN, 10), ("b", double.NaN, 1)));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("metric_without_values", warning.Kind);
        Assert.Equal("no customer has a value for revenue, so its comparisons are unknown for everyone (and do not hold, also under 'not'): rule 'strategic' holds for nobody; " +
            "rule 'core' holds for nobody. Load the data it needs or change the rule.", warning.Message);
        Assert.All(result.Assignments, a => Assert.Equal("standard", a.Segment));
    }

    [Fact]
    public void Assign_MetricNoCustomerHasUnderNotOrAnotherBranch_WarningSaysWhoTheRuleHoldsFor()
    {
        // A missing value makes "revenue < 0.9" unknown, and "not revenue < 0.9" too: nobody is 'reliable' (it held for
        // everyone before, through the 'not'); an 'or' branch on another metric still holds for whom it holds.
        var model = new RuleModel([new SegmentRule("reliable", "not revenue < 0.9"), new SegmentRule("busy", "revenue >= 5 or orders_per_month >= 5")], "standard");
        var result = Assign(model, Metrics(("a", double.NaN, 10), ("b", double.NaN, 1)));

        var warning = Assert.Single(result.Warnings);
        Assert.Equal("no customer has a value for revenue, so its comparisons are unknown for everyone (and do not hold, also under 'not'): rule 'reliable' holds for nobody; " +
            "rule 'busy' holds for 1 of 2 customers, through its other conditions. Load the data it needs or change the rule.", warning.Message);
        Assert.Equal(["busy", "standard"], result.Assignments.Select(a => a.Segment));
    }

    [Fact]
    public void Assign_MetricOneCustomerHas_NoMissingMetricWarning()
    {
        var result = Assign(new RuleModel(ServiceTiers, "standard"), Metrics(("a", double.NaN, 10), ("b", 30_000, 1)));

        Assert.DoesNotContain(result.Warnings, w => w.Kind == "metric_without_values");
        Assert.Equal("core", result.Assignments[1].Segment);
    }

    [Fact]
    public void Constructor_RuleWithUnknownMetric_ThrowsSyntaxErrorNamingRule()
    {
        SegmentRule[] rules = [new("strategic", "revnue >= 250000")];

        var error = Assert.Throws<RuleSyntaxException>(() => new RuleSegmenter(new RuleModel(rules, "standard"), ["revenue", "orders"]));

        Assert.StartsWith("rule 'strategic': unknown metric 'revnue' at position 1 (did you mean 'revenue'?)", error.Message);
    }

    [Fact]
    public void Constructor_UnknownShareMetric_Throws()
    {
        var model = new RuleModel(ServiceTiers, "standard", 0.05, shareMetric: "margin");

        var error = Assert.Throws<ArgumentException>(() => new RuleSegmenter(model, ["revenue", "orders_per_month"]));

        Assert.Contains("unknown metric 'margin'", error.Message);
    }

    [Fact]
    public void Assign_TableLackingRuleMetric_ThrowsNamingRule()
    {
        var segmenter = new RuleSegmenter(new RuleModel(ServiceTiers, "standard"), ["revenue", "orders_per_month"]);
        var metrics = new CustomerMetricSet(["a"], [new MetricColumn("revenue", [1.0])]);

        var error = Assert.Throws<KeyNotFoundException>(() => segmenter.Assign(metrics));

        Assert.StartsWith("rule 'strategic': unknown metric 'orders_per_month'", error.Message);
    }

    [Fact]
    public void MarginObservations_NearTheThresholds_RulesHoldEasedAndHardenedByTheMargin()
    {
        // strategic: revenue >= 250000 and orders_per_month >= 4; core: revenue >= 20000. A 10 % margin eases them to
        // 225,000 / 3.6 and 18,000, and hardens them to 275,000 / 4.4 and 22,000.
        var metrics = Metrics(("edge", 240_000, 4), ("top", 280_000, 4.5), ("low", 19_000, 1), ("mid", 21_000, 1), ("small", 17_000, 1));
        var segmenter = new RuleSegmenter(new RuleModel(ServiceTiers, "standard"), metrics.MetricNames);

        var observations = segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1);

        Assert.Equal(["core", "strategic", "standard", "core", "standard"], observations.Select(o => o.RawSegment));
        Assert.Equal([[true, true], [true, true], [false, true], [false, true], [false, false]], observations.Select(o => o.HoldsEased.ToArray()));
        Assert.Equal([[false, true], [true, true], [false, false], [false, false], [false, false]], observations.Select(o => o.HoldsHardened.ToArray()));
        Assert.Equal([true, true], Enumerable.Range(0, 2).Select(i => observations[0].HoldsEased[i]));
        Assert.Equal([false, true], Enumerable.Range(0, 2).Select(i => observations[0].HoldsHardened[i]));
        Assert.All(observations, o => Assert.Equal(["strategic", "core"], o.RuleSegments));
        Assert.All(observations, o => Assert.Equal("standard", o.Fallback));
        Assert.All(observations, o => Assert.Empty(o.Merged));
    }

    // The margin is written as the other Core checks write a number, whatever the culture: 1.5, not 1,5.
    [Fact]
    public void MarginObservations_MarginOfOneAndAHalfUnderGermanCulture_NamesTheValueInvariantly()
    {
        var metrics = Metrics(("top", 280_000, 4.5));
        var segmenter = new RuleSegmenter(new RuleModel(ServiceTiers, "standard"), metrics.MetricNames);
        var result = segmenter.Assign(metrics);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => segmenter.MarginObservations(metrics, result, margin: 1.5));

            Assert.StartsWith("Margin must be in [0, 1); got 1.5.", error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void MarginObservations_SegmentsMergedAway_NamedInEveryObservation()
    {
        var metrics = OneStrategicOneCore();
        var segmenter = new RuleSegmenter(new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.05), metrics.MetricNames);

        var observations = segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1);

        Assert.Equal("standard", observations[0].RawSegment);
        Assert.Equal([true, true], observations[0].HoldsHardened.ToArray());
        Assert.All(observations, o => Assert.Equal(["core", "strategic"], o.Merged.Order(StringComparer.Ordinal)));
    }

    // Hysteresis weighs an earlier rule of a merged-away segment by where its customers went (SegmentHysteresis.ByMargin).
    [Fact]
    public void MarginObservations_MergeIntoNearest_CarriedInEveryObservation()
    {
        var metrics = OneStrategicOneCore();
        var model = new RuleModel(ServiceTiers, "standard", minSegmentShare: 0.05, merge: SmallSegmentMerge.NearestViable);
        var segmenter = new RuleSegmenter(model, metrics.MetricNames);

        var observations = segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1);

        Assert.All(observations, o => Assert.Equal(SmallSegmentMerge.NearestViable, o.MergeInto));
    }

    // A rule naming the fallback segment (standard ≥ 100) stops its customers reaching later rules; a customer it holds is
    // held by that rule, and the reason says so rather than that no rule holds (standard's does).
    [Fact]
    public void MarginObservations_RuleNamingTheFallbackHolds_ReasonSaysItsRuleHolds()
    {
        SegmentRule[] rules = [new("a", "revenue >= 1000"), new("b", "revenue >= 500"), new("a", "revenue >= 200"), new("standard", "revenue >= 100")];
        var segmenter = new RuleSegmenter(new RuleModel(rules, "standard"), ["revenue", "orders_per_month"]);
        var periods = new[] { 150.0, 215 }.Select(revenue =>
        {
            var metrics = Metrics(("c", revenue, 1));
            return (PeriodObservation?)segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.2)[0];
        }).ToList();

        var path = SegmentHysteresis.ByMargin(periods, 0.2);

        Assert.Equal(["standard", "standard"], path.Select(s => s.Segment));
        Assert.Equal("held in standard: its rule holds with thresholds eased by 20 %, and no earlier rule holds hardened by 20 % (a: revenue 215.00 < 240.00)", path[1].Reason);
    }

    // A customer whose own rule fails even eased must leave its segment; when its facts as written give an earlier rule, it
    // rises to it, and the reason names the hardened test that rule fails (strategic: orders ≥ 10 a month, hardened 11 by 10 %;
    // core: revenue ≥ 100,000, eased 90,000).
    [Fact]
    public void MarginObservations_OwnRuleFailsEasedAndAnEarlierHoldsAsWritten_ReasonNamesTheHardenedTest()
    {
        SegmentRule[] rules = [new("strategic", "orders_per_month >= 10"), new("core", "revenue >= 100000")];
        var segmenter = new RuleSegmenter(new RuleModel(rules, "standard"), ["revenue", "orders_per_month"]);
        var periods = new[] { (120_000.0, 4.0), (80_000, 10.5) }.Select(p =>
        {
            var metrics = Metrics(("c", p.Item1, p.Item2));
            return (PeriodObservation?)segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1)[0];
        }).ToList();

        var path = SegmentHysteresis.ByMargin(periods, 0.1);

        Assert.Equal(["core", "strategic"], path.Select(s => s.Segment));
        Assert.Equal("moved from core to strategic: no core rule holds even with thresholds eased by 10 % (revenue 80,000.00 < 90,000.00), "
            + "and the strategic rule holds as written, though not hardened by 10 % (orders_per_month 10.5 < 11): the segment its facts give", path[1].Reason);
    }

    // The fallback takes merged customers, so a rule naming it never merges away, however few it holds.
    [Fact]
    public void Assign_RuleNamingTheFallbackUnderMinShare_NotMergedAway()
    {
        SegmentRule[] rules = [new("core", "revenue >= 20000"), new("standard", "revenue >= 1000")];
        var metrics = Metrics([("s", 5_000, 1), .. Enumerable.Range(0, 9).Select(i => ($"c{i}", 30_000.0, 1.0))]);

        var result = Assign(new RuleModel(rules, "standard", minSegmentShare: 0.2), metrics);

        Assert.Equal("standard: revenue 5,000.00 ≥ 1,000.00", result.Assignments[0].Reason);
        Assert.DoesNotContain(result.Warnings, w => w.Kind == "segment_merged");
    }

    [Fact]
    public void MarginObservations_OverPeriods_HoldAndReleaseAsTheMarginSays()
    {
        // Three period ends; each customer's revenue and orders per month at each, oldest first.
        (string Id, (double Revenue, double OrdersPerMonth)[] Periods)[] customers =
        [
            ("slips", [(312_400, 5.2), (240_000, 5.2), (200_000, 5.2)]),
            ("climbs", [(15_000, 1), (21_000, 1), (23_000, 1)]),
            ("rises", [(100_000, 4), (260_000, 4.2), (280_000, 4.5)]),
            ("steady", [(30_000, 1), (31_000, 1), (29_000, 1)]),
            ("drops", [(30_000, 1), (17_000, 1), (17_000, 1)]),
        ];
        var segmenter = new RuleSegmenter(new RuleModel(ServiceTiers, "standard"), ["revenue", "orders_per_month"]);
        var periods = Enumerable.Range(0, 3).Select(t =>
        {
            var metrics = Metrics(customers.Select(c => (c.Id, c.Periods[t].Revenue, c.Periods[t].OrdersPerMonth)).ToArray());
            return segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1);
        }).ToList();

        var paths = customers.Select((_, row) => SegmentHysteresis.ByMargin(periods.Select(p => (PeriodObservation?)p[row]).ToList(), 0.1)).ToList();

        // Held and moved reasons name the thresholds they weighed, as ABC's "(needs 1,650)" does: strategic eased by 10 % is
        // 225,000 and 3.6, hardened 275,000 and 4.4; core eased 18,000, hardened 22,000 (of 250,000, 4 and 20,000).

        Assert.Equal(["strategic", "strategic", "core"], paths[0].Select(s => s.Segment));
        Assert.Equal(["standard", "standard", "core"], paths[1].Select(s => s.Segment));
        Assert.Equal(["core", "core", "strategic"], paths[2].Select(s => s.Segment));
        Assert.Equal(["core", "core", "core"], paths[3].Select(s => s.Segment));
        Assert.Equal(["core", "standard", "standard"], paths[4].Select(s => s.Segment));
        Assert.Equal([false, true, false], paths[0].Select(s => s.Held));
        Assert.Equal([false, true, false], paths[1].Select(s => s.Held));
        Assert.Equal([false, true, false], paths[2].Select(s => s.Held));
        Assert.Equal([false, false, false], paths[4].Select(s => s.Held));
        Assert.Equal(
        [
            "initial assignment",
            "held in strategic: its rule holds with thresholds eased by 10 % (revenue 240,000.00 ≥ 225,000.00 and orders_per_month 5.2 ≥ 3.6), and no earlier rule holds hardened by 10 %",
            "moved from strategic to core: no strategic rule holds even with thresholds eased by 10 % (revenue 200,000.00 < 225,000.00)",
        ], paths[0].Select(s => s.Reason));
        Assert.Equal(
        [
            "initial assignment",
            "held in standard: no rule holds with thresholds hardened by 10 % (core: revenue 21,000.00 < 22,000.00)",
            "moved from standard to core: the core rule holds with thresholds hardened by 10 % (revenue 23,000.00 ≥ 22,000.00)",
        ], paths[1].Select(s => s.Reason));
        Assert.Equal(
        [
            "initial assignment",
            "held in core: its rule holds with thresholds eased by 10 %, and no earlier rule holds hardened by 10 % (strategic: revenue 260,000.00 < 275,000.00)",
            "moved from core to strategic: the strategic rule holds with thresholds hardened by 10 % (revenue 280,000.00 ≥ 275,000.00 and orders_per_month 4.5 ≥ 4.4)",
        ], paths[2].Select(s => s.Reason));
        Assert.Equal(["initial assignment", "unchanged", "unchanged"], paths[3].Select(s => s.Reason));
        Assert.Equal(
        [
            "initial assignment",
            "moved from core to standard: no core rule holds even with thresholds eased by 10 % (revenue 17,000.00 < 18,000.00)",
            "unchanged",
        ], paths[4].Select(s => s.Reason));
    }

    // A rules model written as ABC's bands on revenue (A ≥ 100,000, B ≥ 20,000, else C) stabilises under a margin exactly as
    // the bands do (ThresholdBands, another path through SegmentHysteresis), moving up or down: a fall from A to 19,000 stops
    // in B, not beyond 18,000 (20,000 − 10 %), as a rise to 105,000 stops in B short of 110,000.
    [Theory]
    [InlineData(150_000, 19_000, 17_000)]
    [InlineData(150_000, 95_000, 89_999)]
    [InlineData(150_000, 90_000, 18_000)]
    [InlineData(5_000, 105_000, 110_000)]
    [InlineData(5_000, 21_999, 22_000)]
    [InlineData(50_000, 19_000, 150_000)]
    [InlineData(105_000, 17_999, 19_500)]
    public void MarginObservations_RulesWrittenAsBands_StabiliseAsTheBandsDo(double first, double second, double third)
    {
        var bands = new ThresholdBands("revenue", [20_000, 100_000], ["C", "B", "A"]);
        var segmenter = new RuleSegmenter(new RuleModel([new("A", "revenue >= 100000"), new("B", "revenue >= 20000")], "C"), ["revenue", "orders_per_month"]);
        double[] revenues = [first, second, third];
        var byRules = SegmentHysteresis.ByMargin(revenues.Select(r =>
        {
            var metrics = Metrics(("k", r, 1));
            return (PeriodObservation?)segmenter.MarginObservations(metrics, segmenter.Assign(metrics), margin: 0.1)[0];
        }).ToList(), 0.1);

        var byBands = SegmentHysteresis.ByMargin(revenues.Select(r => (PeriodObservation?)new BandedObservation(r, bands)).ToList(), 0.1);

        Assert.Equal(byBands.Select(s => s.Segment), byRules.Select(s => s.Segment));
        Assert.Equal(byBands.Select(s => s.Held), byRules.Select(s => s.Held));
    }
}
