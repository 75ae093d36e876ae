using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class RfmScorerTests
{
    private static CustomerMetricSet Metrics(double[] recencyDays, double[] orders, double[] revenue) => new(
        Enumerable.Range(1, recencyDays.Length).Select(i => $"c{i}").ToArray(),
        [
            new MetricColumn("recency_days", recencyDays),
            new MetricColumn("orders", orders),
            new MetricColumn("revenue", revenue),
        ]);

    // Ten distinct customers: c1 ordered 1 day ago, c10 10 days ago; c1 has 10 orders and the most revenue.
    // Worst-first position p (0-based) scores 1 + ⌊5 (2p + 1) / 20⌋: p 0,1 → 1; 2,3 → 2; 4,5 → 3; 6,7 → 4; 8,9 → 5,
    // i.e. equal quintiles of two customers each. c1 is best on all three → 555; c10 worst → 111.
    private static CustomerMetricSet TenDistinct() => Metrics(
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
        [10, 9, 8, 7, 6, 5, 4, 3, 2, 1],
        [1000, 900, 800, 700, 600, 500, 400, 300, 200, 100]);

    // With 3 levels a score reads as 1, 3 or 5 on the 5-point scale, so no pair falls in Promising (R 4, F 1); with 4 levels
    // (1, 2, 4, 5) no R is 3, so Need attention and About to sleep are out of reach too.
    [Theory]
    [InlineData(5, "Champions, Loyal, Potential loyalists, New customers, Promising, Need attention, About to sleep, Cannot lose them, At risk, Hibernating")]
    [InlineData(4, "Champions, Loyal, Potential loyalists, New customers, Promising, Cannot lose them, At risk, Hibernating")]
    [InlineData(3, "Champions, Loyal, Potential loyalists, New customers, Need attention, About to sleep, Cannot lose them, At risk, Hibernating")]
    public void PossibleSegments_ByLevels_TheMapsNamesSomeScorePairReaches(int levels, string expected)
    {
        var scorer = new RfmScorer(new RfmOptions(levels));

        Assert.Equal(expected, string.Join(", ", scorer.PossibleSegments));
    }

    [Fact]
    public void Score_DistinctValues_EqualQuintilesWithMostRecentFive()
    {
        var details = new RfmScorer().Score(TenDistinct()).Details;

        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], details.Select(d => d.RecencyScore));
        Assert.Equal([5, 5, 4, 4, 3, 3, 2, 2, 1, 1], details.Select(d => d.FrequencyScore));
        Assert.Equal("555", details[0].Cell);
        Assert.Equal("111", details[9].Cell);
    }

    [Fact]
    public void Score_DistinctValues_NamesSegmentsFromStandardGrid()
    {
        var segments = new RfmScorer().Score(TenDistinct()).Assignments.Select(a => a.Segment).ToArray();

        // (R, F) = (5,5) (5,5) (4,4) (4,4) (3,3) (3,3) (2,2) (2,2) (1,1) (1,1).
        Assert.Equal(
            ["Champions", "Champions", "Loyal", "Loyal", "Need attention", "Need attention", "Hibernating", "Hibernating", "Hibernating", "Hibernating"],
            segments);
    }

    [Fact]
    public void Score_Reason_NamesScoresCellAndValues()
    {
        var reason = new RfmScorer().Score(TenDistinct()).Assignments[0].Reason;

        Assert.Equal("Champions: R 5, F 5, M 5 (cell 555); recency_days 1, orders 10, revenue 1,000.00", reason);
    }

    // Money prints to the cent, as a planner reads an amount: -1,591.2 (Online Retail's QA pass) read as a figure in another
    // unit; recency and orders are counts and stay bare.
    [Fact]
    public void Score_Reason_ShowsMonetaryAsMoneyToTheCent()
    {
        var reason = new RfmScorer().Score(Metrics([1, 2, 3], [1, 2, 3], [-1591.2, 73.5, 1000])).Assignments[0].Reason;

        Assert.EndsWith("recency_days 1, orders 1, revenue -1,591.20", reason, StringComparison.Ordinal);
    }

    // Six customers tie at 1 order (positions 0..5 of 10): mid-rank quantile (0 + 5 + 1) / 20 = 0.3 → score 1 + ⌊1.5⌋ = 2,
    // the same for all six. The others: position 6 → 1 + ⌊65/20⌋ = 4, 7 → 4, 8 → 5, 9 → 5.
    [Fact]
    public void Score_TiedValues_ShareMidRankScore()
    {
        var metrics = Metrics(
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            [1, 1, 1, 1, 1, 1, 2, 3, 4, 5],
            [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);

        var details = new RfmScorer().Score(metrics).Details;

        Assert.Equal([2, 2, 2, 2, 2, 2, 4, 4, 5, 5], details.Select(d => d.FrequencyScore));
    }

    // Revenue -50 (returns exceed sales), 0, 0, 100, 200, 300 and one order each. Monetary, worst first: -50 at position 0
    // scores 1 + ⌊5 (0 + 0 + 1) / 12⌋ = 1; the zeros (positions 1–2) share 1 + ⌊5 (1 + 2 + 1) / 12⌋ = 2; 100, 200, 300 at
    // positions 3, 4, 5 score 1 + ⌊35/12⌋ = 3, 1 + ⌊45/12⌋ = 4, 1 + ⌊55/12⌋ = 5. Non-positive revenue is a value, not a
    // missing one: it ranks lowest and raises no warning. Everyone has one order: one tie block over positions 0–5,
    // 1 + ⌊5 × 6 / 12⌋ = 3 for all.
    [Fact]
    public void Score_ZeroAndNegativeRevenueWithOneOrderEach_RankLowestAndOneOrderSharesTheMiddle()
    {
        var metrics = Metrics([1, 2, 3, 4, 5, 6], [1, 1, 1, 1, 1, 1], [-50, 0, 0, 100, 200, 300]);

        var result = new RfmScorer().Score(metrics);

        Assert.Equal([1, 2, 2, 3, 4, 5], result.Details.Select(d => d.MonetaryScore));
        Assert.All(result.Details, d => Assert.Equal(3, d.FrequencyScore));
        Assert.Empty(result.Warnings);
        Assert.EndsWith("revenue -50.00", result.Assignments[0].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_AllCustomersIdentical_AllMiddleScore()
    {
        var metrics = Metrics([5, 5, 5, 5], [2, 2, 2, 2], [50, 50, 50, 50]);

        var result = new RfmScorer().Score(metrics);

        Assert.All(result.Details, d => Assert.Equal("333", d.Cell));
        Assert.All(result.Assignments, a => Assert.Equal("Need attention", a.Segment));
    }

    [Fact]
    public void Score_SingleCustomer_MiddleScore()
    {
        var result = new RfmScorer().Score(Metrics([12], [1], [99]));

        Assert.Equal("333", Assert.Single(result.Details).Cell);
    }

    [Fact]
    public void Score_InputOrderReversed_SameScoresPerCustomer()
    {
        var forward = new RfmScorer().Score(TenDistinct()).Details.ToDictionary(d => d.CustomerId, d => d.Cell);
        var ids = Enumerable.Range(1, 10).Select(i => $"c{i}").Reverse().ToArray();
        var reversed = new CustomerMetricSet(ids,
        [
            new MetricColumn("recency_days", ids.Select(id => TenDistinct().Value(id, "recency_days")).ToArray()),
            new MetricColumn("orders", ids.Select(id => TenDistinct().Value(id, "orders")).ToArray()),
            new MetricColumn("revenue", ids.Select(id => TenDistinct().Value(id, "revenue")).ToArray()),
        ]);

        var backward = new RfmScorer().Score(reversed).Details.ToDictionary(d => d.CustomerId, d => d.Cell);

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Score_MissingRecency_ScoresOneAndWarns()
    {
        var metrics = Metrics([double.NaN, 1, 2], [3, 3, 3], [10, 20, 30]);

        var result = new RfmScorer().Score(metrics);

        Assert.Equal(1, result.Details[0].RecencyScore);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("missing_value", warning.Kind);
        Assert.Equal("1 of 3 customers has no recency_days; that customer scores 1 on it. Load the data it needs (see metric_definitions.csv) or set rfm.recency to another metric.", warning.Message);
        Assert.Contains("recency_days missing", result.Assignments[0].Reason);
    }

    [Fact]
    public void Score_MonetaryMissingForEveryone_WarningNamesTheSettingToChange()
    {
        // rfm: { monetary: gross_margin } on data without product costs: every M is 1 and the warning gave no fix (edge-case audit).
        var result = new RfmScorer().Score(Metrics([1, 2, 3], [3, 2, 1], [double.NaN, double.NaN, double.NaN]));

        Assert.Equal("3 of 3 customers have no revenue; they score 1 on it. Load the data it needs (see metric_definitions.csv) or set rfm.monetary to another metric.",
            Assert.Single(result.Warnings).Message);
        Assert.All(result.Details, d => Assert.Equal(1, d.MonetaryScore));
    }

    [Fact]
    public void Score_TwoMissingRecencies_WarnsInThePlural()
    {
        var result = new RfmScorer().Score(Metrics([double.NaN, double.NaN, 2], [3, 3, 3], [10, 20, 30]));

        Assert.Equal("2 of 3 customers have no recency_days; they score 1 on it. Load the data it needs (see metric_definitions.csv) or set rfm.recency to another metric.", Assert.Single(result.Warnings).Message);
    }

    // Three levels, six distinct customers: position p scores 1 + ⌊3 (2p + 1) / 12⌋ → 1, 1, 2, 2, 3, 3.
    // On the 1–5 scale 1 → 1, 2 → 3, 3 → 5: the best pair (3, 3) is Champions (5, 5), the middle (2, 2) Need attention (3, 3).
    [Fact]
    public void Score_ThreeLevels_ScoresTertilesAndMapsOntoFivePointGrid()
    {
        var metrics = Metrics([1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1], [6, 5, 4, 3, 2, 1]);

        var result = new RfmScorer(new RfmOptions(levels: 3)).Score(metrics);

        Assert.Equal([3, 3, 2, 2, 1, 1], result.Details.Select(d => d.RecencyScore));
        Assert.Equal("Champions", result.Assignments[0].Segment);
        Assert.Equal("Need attention", result.Assignments[2].Segment);
        Assert.Equal("Hibernating", result.Assignments[5].Segment);
        Assert.Contains("(cell 333 on 3 levels)", result.Assignments[0].Reason);
    }

    // Four levels: 1 → 1, 2 → 2, 3 → 4, 4 → 5 on the 1–5 scale. Eight distinct customers, two per score;
    // (R, F) = (4, 1) reads as (5, 1): New customers.
    [Fact]
    public void Score_FourLevels_MapsOntoFivePointGrid()
    {
        var metrics = Metrics([1, 2, 3, 4, 5, 6, 7, 8], [1, 1.5, 2, 3, 4, 5, 6, 7], [1, 2, 3, 4, 5, 6, 7, 8]);

        var result = new RfmScorer(new RfmOptions(levels: 4)).Score(metrics);

        Assert.Equal((4, 1), (result.Details[0].RecencyScore, result.Details[0].FrequencyScore));
        Assert.Equal("New customers", result.Assignments[0].Segment);
    }

    [Fact]
    public void Score_CustomMetricNames_AreRead()
    {
        var metrics = new CustomerMetricSet(["a", "b"],
        [
            new MetricColumn("days_since_order", [3.0, 30.0]),
            new MetricColumn("invoices", [8.0, 1.0]),
            new MetricColumn("margin", [500.0, 20.0]),
        ]);

        var result = new RfmScorer(new RfmOptions(recencyMetric: "days_since_order", frequencyMetric: "invoices", monetaryMetric: "margin"))
            .Score(metrics);

        Assert.Equal("444", result.Details[0].Cell);
        Assert.Equal("222", result.Details[1].Cell);
    }

    [Fact]
    public void Score_UnknownMetric_ThrowsListingKnownMetrics()
    {
        var metrics = new CustomerMetricSet(["a"], [new MetricColumn("revenue", [1.0])]);

        var error = Assert.Throws<KeyNotFoundException>(() => new RfmScorer().Score(metrics));

        Assert.Contains("unknown metric 'recency_days'; known metrics: revenue", error.Message);
    }

    [Fact]
    public void Score_NoCustomers_EmptyResult()
    {
        var result = new RfmScorer().Score(Metrics([], [], []));

        Assert.Empty(result.Assignments);
        Assert.Empty(result.Warnings);
    }

    // Independent path on seeded data with many ties: for each customer count the values strictly worse (w) and equal (e)
    // by brute force, no sorting; the mid-rank quantile is (w + e/2) / n, so the score is 1 + ⌊5 (2w + e) / 2n⌋.
    // Also checks the properties the definition promises: equal values share a score, a better value never scores lower.
    [Fact]
    public void Score_RandomDataWithTies_MatchesCountingDefinition()
    {
        var random = new Random(1994);
        const int n = 157;
        var recency = Enumerable.Range(0, n).Select(_ => (double)random.Next(0, 40)).ToArray();
        var orders = Enumerable.Range(0, n).Select(_ => (double)random.Next(1, 6)).ToArray();
        var revenue = Enumerable.Range(0, n).Select(_ => Math.Round(random.NextDouble() * 1000, 2)).ToArray();

        var details = new RfmScorer().Score(Metrics(recency, orders, revenue)).Details;

        int Expected(double[] values, int i, bool higherIsBetter)
        {
            var worse = values.Count(v => higherIsBetter ? v < values[i] : v > values[i]);
            var equal = values.Count(v => v == values[i]);
            return 1 + (int)(5L * (2 * worse + equal) / (2L * n));
        }

        for (var i = 0; i < n; i++)
        {
            Assert.Equal(Expected(recency, i, higherIsBetter: false), details[i].RecencyScore);
            Assert.Equal(Expected(orders, i, higherIsBetter: true), details[i].FrequencyScore);
            Assert.Equal(Expected(revenue, i, higherIsBetter: true), details[i].MonetaryScore);
            for (var j = 0; j < n; j++)
            {
                if (orders[i] > orders[j])
                    Assert.True(details[i].FrequencyScore >= details[j].FrequencyScore);
                if (recency[i] == recency[j])
                    Assert.Equal(details[i].RecencyScore, details[j].RecencyScore);
            }
        }
    }

    // c1 (R5, F5) is a Champion and c10 (R1, F1) Hibernating on the standard map; the segments alone match Score's.
    [Fact]
    public void Segments_TenDistinct_SameSegmentsAsScore()
    {
        var scorer = new RfmScorer();

        var segments = scorer.Segments(TenDistinct());

        Assert.Equal("Champions", segments[0]);
        Assert.Equal("Hibernating", segments[9]);
        Assert.Equal(scorer.Score(TenDistinct()).Assignments.Select(a => a.Segment), segments);
    }

    [Fact]
    public void Segments_MissingMonetaryMetric_ThrowsAsScore()
    {
        var metrics = new CustomerMetricSet(["c1"], [new MetricColumn("recency_days", [1.0]), new MetricColumn("orders", [2.0])]);

        Assert.Throws<KeyNotFoundException>(() => new RfmScorer().Segments(metrics));
    }

}
