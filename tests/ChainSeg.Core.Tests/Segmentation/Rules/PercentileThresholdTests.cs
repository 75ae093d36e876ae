using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class PercentileThresholdTests
{
    private static readonly string[] Known = ["revenue", "cost_to_serve_pct", "price_realisation"];

    private static RuleSyntaxException ParseError(string text) =>
        Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse("carriage_trade", text, Known));

    // Reference: Microsoft's PERCENTILE.INC documentation, =PERCENTILE.INC({1,3,2,4}, 0.3) is 1.9 (Hyndman & Fan 1996,
    // "Sample quantiles in statistical packages", The American Statistician 50(4), type 7: linear between the ranks
    // 1 + (n − 1)p). Missing values are not customers with a value: 1.9 with two NaNs beside the four values.
    [Theory]
    [InlineData(0.3, 1.9)]
    [InlineData(0.5, 2.5)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    [InlineData(0.9, 3.7)]
    public void Percentile_Type7_MatchesPublishedValues(double fraction, double expected)
    {
        var metrics = new CustomerMetricSet(["a", "b", "c", "d", "e", "f"], [new MetricColumn("revenue", [1, double.NaN, 3, 2, double.NaN, 4])]);

        Assert.Equal(expected, metrics.Percentile("revenue", fraction), 12);
    }

    [Fact]
    public void Percentile_NoValues_IsMissing()
    {
        var metrics = new CustomerMetricSet(["a", "b"], [new MetricColumn("revenue", [double.NaN, double.NaN])]);

        Assert.True(double.IsNaN(metrics.Percentile("revenue", 0.5)));
    }

    [Theory]
    [InlineData("revenue >= p80", "revenue >= p80")]
    [InlineData("revenue>=P80.0", "revenue >= p80")]
    [InlineData("cost_to_serve_pct < MEDIAN", "cost_to_serve_pct < p50")]
    [InlineData("revenue ≥ p97.5 and not price_realisation < median", "(revenue >= p97.5 and price_realisation >= p50)")]
    public void Canonical_Percentiles_ReadAlike(string text, string expected)
    {
        Assert.Equal(expected, RuleExpression.Canonical(text));
    }

    [Fact]
    public void Canonical_PercentileAndTheNumberItHappensToBe_ReadApart()
    {
        // p50 moves with the customers; 50 does not: two definitions.
        Assert.NotEqual(RuleExpression.Canonical("revenue >= 50"), RuleExpression.Canonical("revenue >= p50"));
    }

    [Fact]
    public void Parse_Percentile_IsAComparisonWithoutANumber()
    {
        var node = Assert.IsType<ComparisonNode>(RuleExpression.Parse("carriage_trade", "revenue >= p80", Known).Root);

        Assert.Equal(80, node.Percentile);
        Assert.True(double.IsNaN(node.Threshold));
    }

    [Theory]
    [InlineData("revenue == p50", "'==' at position 9 compares revenue with its percentile p50, which a value equals only by chance; compare with >=, <=, > or < (e.g. revenue >= p50)")]
    [InlineData("revenue != median", "'!=' at position 9 compares revenue with its percentile median, which a value equals only by chance; compare with >=, <=, > or < (e.g. revenue >= median)")]
    [InlineData("revenue >= p100", "the percentile p100 at position 12 names no percentile a rule can split at (they lie above p0 and below p100); write one between, e.g. p90 or median (p50)")]
    [InlineData("revenue >= p0", "the percentile p0 at position 12 names no percentile a rule can split at (they lie above p0 and below p100); write one between, e.g. p90 or median (p50)")]
    [InlineData("revenue >= cost_to_serve_pct", "expected a number or a percentile (p90, median) after '>=' at position 12; found 'cost_to_serve_pct'; a rule compares a metric with a number or with a percentile of its own (revenue >= p80), not with another metric")]
    [InlineData("revenue >= top", "expected a number or a percentile (p90, median) after '>=' at position 12; found 'top'")]
    // Written as a percentile but outside (0, 100), or with a space or a percent sign: what is wrong, not "found 'p150'".
    [InlineData("revenue >= p150", "the percentile p150 at position 12 names no percentile a rule can split at (they lie above p0 and below p100); write one between, e.g. p90 or median (p50)")]
    [InlineData("revenue >= p100.5", "the percentile p100.5 at position 12 names no percentile a rule can split at (they lie above p0 and below p100); write one between, e.g. p90 or median (p50)")]
    [InlineData("revenue >= p 80", "expected a number or a percentile (p90, median) after '>=' at position 12; found 'p'; write the percentile without a space: p80")]
    [InlineData("revenue >= p80%", "unexpected '%' at position 15; a percentile is written without '%': p80")]
    [InlineData("revenue >= P97.5 %", "unexpected '%' at position 18; a percentile is written without '%': P97.5")]
    // A percentile where the metric goes was "unknown metric 'p80'", and a list of every metric: it is no metric to look up.
    [InlineData("p80 <= revenue", "expected a metric name, 'not' or '(' at position 1; found the percentile 'p80'; put the metric first: revenue >= p80")]
    [InlineData("median > cost_to_serve_pct", "expected a metric name, 'not' or '(' at position 1; found the percentile 'median'; put the metric first: cost_to_serve_pct < median")]
    [InlineData("revenue >= 5 and p90", "expected a metric name, 'not' or '(' at position 18; found the percentile 'p90'; a rule compares a metric with its percentile, e.g. revenue >= p90")]
    public void Parse_PercentileMisused_SaysWhatToWrite(string text, string detail)
    {
        Assert.Equal($"rule 'carriage_trade': {detail}", ParseError(text).Message);
    }

    [Fact]
    public void Parse_PercentileWithLeadingZero_IsTheNumberItSpells()
    {
        // p050 is p followed by the number 50, as revenue >= 050 is 50: it was refused as "found 'p050'", saying nothing of why.
        var node = Assert.IsType<ComparisonNode>(RuleExpression.Parse("carriage_trade", "revenue >= p050", Known).Root);

        Assert.Equal(50, node.Percentile);
        Assert.Equal("revenue >= p50", RuleExpression.Canonical("revenue >= p050"));
    }

    // Eight customers with price realisation 0.70…0.98 and cost-to-serve shares, one of them missing; medians of the
    // customers with a value: price (0.70, 0.74, …, 0.98) → 0.84, cost (seven values) → the fourth, 0.06.
    private static CustomerMetricSet Quadrants() => new(
        ["c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8"],
        [
            new MetricColumn("price_realisation", [0.70, 0.74, 0.78, 0.82, 0.86, 0.90, 0.94, 0.98]),
            new MetricColumn("cost_to_serve_pct", [0.02, 0.09, 0.04, 0.08, 0.03, 0.07, double.NaN, 0.06]),
            new MetricColumn("revenue", [1, 2, 3, 4, 5, 6, 7, 8]),
        ]);

    [Fact]
    public void Assign_PercentileRules_SplitAtTheCustomersOwnMedians()
    {
        var model = new RuleModel(
        [
            new("carriage_trade", "price_realisation >= median and cost_to_serve_pct >= median"),
            new("passive", "price_realisation >= median and cost_to_serve_pct < median"),
            new("aggressive", "price_realisation < median and cost_to_serve_pct >= median"),
            new("bargain_basement", "price_realisation < median and cost_to_serve_pct < median"),
        ], "unclassified");
        var metrics = Quadrants();

        var result = new RuleSegmenter(model, metrics.MetricNames).Assign(metrics);

        // Independent of the product: the medians by hand, each customer placed by comparing with them.
        var price = Median([0.70, 0.74, 0.78, 0.82, 0.86, 0.90, 0.94, 0.98]);
        var cost = Median([0.02, 0.09, 0.04, 0.08, 0.03, 0.07, 0.06]);
        Assert.Equal(0.84, price, 12);
        Assert.Equal(0.06, cost, 12);
        Assert.Equal(
            ["bargain_basement", "aggressive", "bargain_basement", "aggressive", "passive", "carriage_trade", "unclassified", "carriage_trade"],
            result.Assignments.Select(a => a.Segment));
        Assert.Equal("carriage_trade: price_realisation 0.9 ≥ 0.84 (p50) and cost_to_serve_pct 0.07 ≥ 0.06 (p50)", result.Assignments[5].Reason);
        Assert.StartsWith("unclassified: no rule matched (fallback); carriage_trade: cost_to_serve_pct missing", result.Assignments[6].Reason);
    }

    [Fact]
    public void Assign_Percentile_IsOfTheCustomersSegmented()
    {
        // The same rule over the top four customers alone: their own median (0.88), not the eight's (0.84).
        var model = new RuleModel([new("high", "price_realisation >= p50")], "low");
        var top = Quadrants().Rows([4, 5, 6, 7]);

        var result = new RuleSegmenter(model, top.MetricNames).Assign(top);

        Assert.Equal(["low", "low", "high", "high"], result.Assignments.Select(a => a.Segment));
        Assert.Equal("high: price_realisation 0.94 ≥ 0.92 (p50)", result.Assignments[2].Reason);
    }

    [Fact]
    public void IsSatisfiedBy_Margin_MovesAPercentileAsANumber()
    {
        // The 80th percentile of 1…8 is 6.6; eased by 10 % it is 5.94, which customer 6 (revenue 6) reaches.
        var metrics = Quadrants();
        var rule = RuleExpression.Parse("top", "revenue >= p80", metrics.MetricNames).Compile(metrics);

        Assert.False(rule.IsSatisfiedBy(5));
        Assert.True(rule.IsSatisfiedBy(5, 0.1));
        Assert.Equal("revenue 6.00 ≥ 5.94 (p80)", rule.Explain(5, 0.1));
    }

    [Fact]
    public void IsSatisfiedBy_NoCustomerHasTheMetric_IsUnknown()
    {
        var metrics = new CustomerMetricSet(["a", "b"], [new MetricColumn("revenue", [double.NaN, double.NaN])]);
        var rule = RuleExpression.Parse("top", "not revenue >= p80", metrics.MetricNames).Compile(metrics);

        Assert.False(rule.IsSatisfiedBy(0));
        Assert.Equal("revenue missing", rule.Explain(0));
    }

    // The hardened percentile at the precision shown: p90 is 0.96252427… (type 7: 0.95 + 0.6 × (1/1.03 − 0.95)), shown 0.9625;
    // 10 % harder is 1.05877669…, shown to 4 + 1 decimals (1.05878), not to twelve significant digits (1.05877669903).
    [Fact]
    public void PercentilesOutOfReach_HardenedPercentile_ShownToItsAndTheMarginsDecimals()
    {
        var metrics = new CustomerMetricSet(["a", "b", "c", "d", "e"], [new MetricColumn("otif_rate", [0.8, 0.85, 0.9, 0.95, 1 / 1.03])]);
        var segmenter = new RuleSegmenter(new RuleModel([new("reliable", "otif_rate >= p90")], "other"), metrics.MetricNames);

        var warning = Assert.Single(segmenter.PercentilesOutOfReach(metrics, 0.1, new Dictionary<string, double> { ["otif_rate"] = 1 }));

        Assert.Contains("p90 of otif_rate is 0.9625 among these customers, and hysteresis.margin 10 % hardens it to otif_rate ≥ 1.05878, past",
            warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentilesOutOfReach_AShareAtItsTopHardenedPastOne_IsWarned()
    {
        // p90 of otif_rate is 0.98 (type 7: 0.95 + 0.6 × 0.05), and 10 % harder is 1.078, which no share reaches; p50 is
        // 0.9, 0.99 hardened: within reach, no warning. A written 0.99 is the configuration's to refuse, not this warning's.
        var metrics = new CustomerMetricSet(["a", "b", "c", "d", "e"], [new MetricColumn("otif_rate", [0.8, 0.85, 0.9, 0.95, 1.0])]);
        var bounds = new Dictionary<string, double> { ["otif_rate"] = 1 };
        RuleSegmenter Segmenter(string when) => new(new RuleModel([new("reliable", when)], "other"), metrics.MetricNames);

        var warning = Assert.Single(Segmenter("otif_rate >= p90").PercentilesOutOfReach(metrics, 0.1, bounds));

        Assert.Equal("margin_out_of_reach", warning.Kind);
        Assert.Equal("rule 'reliable' (otif_rate >= p90): p90 of otif_rate is 0.98 among these customers, and hysteresis.margin 10 % hardens it to "
            + "otif_rate ≥ 1.078, past its largest value 1, so no customer held in another segment can move into 'reliable'; use a lower percentile, "
            + "a smaller margin or hysteresis: { periods: N }.", warning.Message);
        Assert.Empty(Segmenter("otif_rate >= median").PercentilesOutOfReach(metrics, 0.1, bounds));
        Assert.Empty(Segmenter("otif_rate >= 0.99").PercentilesOutOfReach(metrics, 0.1, bounds));
    }

    [Fact]
    public void PercentilesOutOfReach_AnUnboundedMetricHardenedPastEveryCustomersValue_IsWarned()
    {
        // Shapiro under a 20 % margin: the median price realisation of Quadrants() is 0.84, hardened 1.008, above the
        // largest any customer has (0.98), so nobody held in a low-price quadrant can move up; 10 % harder (0.924) is reachable.
        var metrics = Quadrants();
        var segmenter = new RuleSegmenter(new RuleModel([new("passive", "price_realisation >= median")], "other"), metrics.MetricNames);
        var noBounds = new Dictionary<string, double>();

        var warning = Assert.Single(segmenter.PercentilesOutOfReach(metrics, 0.2, noBounds));

        Assert.Equal("rule 'passive' (price_realisation >= median): p50 of price_realisation is 0.84 among these customers, and hysteresis.margin 20 % "
            + "hardens it to price_realisation ≥ 1.008, past the largest any of them has, 0.98, so no customer held in another segment can move into "
            + "'passive'; use a lower percentile, a smaller margin or hysteresis: { periods: N }.", warning.Message);
        Assert.Empty(segmenter.PercentilesOutOfReach(metrics, 0.1, noBounds));
    }

    private static double Median(double[] values)
    {
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
