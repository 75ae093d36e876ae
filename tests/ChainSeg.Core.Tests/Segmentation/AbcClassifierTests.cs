using System.Globalization;
using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class AbcClassifierTests
{
    private static CustomerMetricSet Revenue(params (string Id, double Value)[] rows) => new(
        rows.Select(r => r.Id).ToArray(),
        [new MetricColumn("revenue", rows.Select(r => r.Value).ToArray())]);

    private static Dictionary<string, string> Classes(SegmentationResult<AbcDetail> result) =>
        result.Assignments.ToDictionary(a => a.CustomerId, a => a.Segment);

    // Hand-computed: positive total = 500 + 200 + 100 + 100 + 50 + 30 + 20 = 1000.
    // Cumulative shares by rank: c1 0.50 (A), c2 0.70 (A), c3+c4 tie 0.90 (B, both), c5 0.95 (B: exactly at the cut-off),
    // c6 0.98 (C), c7 1.00 (C). c8 (0), c9 (-40) and c10 (missing) are C and outside the total.
    [Fact]
    public void Classify_HandComputedExample_MatchesCumulativeShares()
    {
        var set = Revenue(("c1", 500), ("c2", 200), ("c3", 100), ("c4", 100), ("c5", 50), ("c6", 30), ("c7", 20),
            ("c8", 0), ("c9", -40), ("c10", double.NaN));

        var result = new AbcClassifier().Classify(set, "revenue");

        Assert.Equal(
            new Dictionary<string, string>
            {
                ["c1"] = "A", ["c2"] = "A", ["c3"] = "B", ["c4"] = "B", ["c5"] = "B",
                ["c6"] = "C", ["c7"] = "C", ["c8"] = "C", ["c9"] = "C", ["c10"] = "C",
            },
            Classes(result));
        var shares = result.Details.ToDictionary(d => d.CustomerId, d => d.CumulativeShare);
        Assert.Equal(0.5, shares["c1"], 12);
        Assert.Equal(0.9, shares["c3"], 12);
        Assert.Equal(0.95, shares["c5"], 12);
        Assert.Equal(1.0, shares["c7"], 12);
        Assert.True(double.IsNaN(shares["c8"]));
        Assert.Equal(3, result.Details.Single(d => d.CustomerId == "c4").Rank);
        Assert.Equal("metric_partly_missing", Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Classify_ShareJustBeyondTheCutoff_ShowsTheDigitsThatTellThemApart()
    {
        // c2 brings the cumulative share to 9,500.2 of 10,000 = 95.002 %: C (beyond 95 %). At one decimal it read
        // "top 95.0 % cumulative (beyond cut-off 95 %)".
        var set = Revenue(("c1", 9000), ("c2", 500.2), ("c3", 499.8));

        var reasons = new AbcClassifier(new AbcCutoffs(0.9, 0.95)).Classify(set, "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("C by revenue: top 95.002 % cumulative (beyond cut-off 95 %)", reasons["c2"]);
    }

    [Fact]
    public void Classify_LargestOfManyCustomers_ShowsItsShareInsteadOfZero()
    {
        // The largest of 4,001 customers holds 100 of 240,100 = 0.0416 % of revenue: at one decimal its reason read
        // "top 0.0 %" (as the largest of the benchmark's 200,000 customers did).
        var set = Revenue([("big", 100), .. Enumerable.Range(0, 4000).Select(i => ($"c{i}", 60.0))]);

        var reasons = new AbcClassifier().Classify(set, "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("A by revenue: top 0.04 % cumulative (cut-off 80 %)", reasons["big"]);
    }

    // A value in money prints to the cent (-1,591.20, not -1,591.2; a tie at 73.50); a value in units stays as it is.
    [Fact]
    public void Classify_Reasons_ShowMoneyToTheCentAndUnitsBare()
    {
        var rows = new[] { ("big", 1000.0), ("t1", 73.5), ("t2", 73.5), ("returns", -1591.2) };
        var money = new AbcClassifier().Classify(Revenue(rows), "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);
        var units = new CustomerMetricSet(rows.Select(r => r.Item1).ToArray(), [new MetricColumn("units", rows.Select(r => r.Item2).ToArray())]);
        var unitReasons = new AbcClassifier().Classify(units, "units").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("C by revenue: value -1,591.20 is not positive (excluded from the total)", money["returns"]);
        Assert.EndsWith("tied with 1 other at 73.50", money["t1"], StringComparison.Ordinal);
        Assert.Equal("C by units: value -1,591.2 is not positive (excluded from the total)", unitReasons["returns"]);
        Assert.EndsWith("tied with 1 other at 73.5", unitReasons["t1"], StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_Reasons_NameShareCutoffAndWhyNonPositiveIsC()
    {
        var set = Revenue(("c1", 500), ("c2", 200), ("c3", 100), ("c4", 100), ("c5", 50), ("c6", 30), ("c7", 20),
            ("c8", 0), ("c9", -40), ("c10", double.NaN));

        var reasons = new AbcClassifier().Classify(set, "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("A by revenue: top 70.0 % cumulative (cut-off 80 %)", reasons["c2"]);
        Assert.Equal("B by revenue: top 90.0 % cumulative (cut-off 95 %); tied with 1 other at 100.00", reasons["c3"]);
        Assert.Equal("C by revenue: top 98.0 % cumulative (beyond cut-off 95 %)", reasons["c6"]);
        Assert.Equal("C by revenue: value 0.00 is not positive (excluded from the total)", reasons["c8"]);
        Assert.Equal("C by revenue: value -40.00 is not positive (excluded from the total)", reasons["c9"]);
        Assert.Equal("C by revenue: value missing", reasons["c10"]);
    }

    // 40 + 20 + 20 = 80 of 100: the tie group ends exactly on the 80 % cut-off, so both tied customers are A.
    [Fact]
    public void Classify_TieEndingOnCutoff_BothTiedCustomersA()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", 40), ("b", 20), ("c", 20), ("d", 10), ("e", 10)), "revenue");

        Assert.Equal(["A", "A", "A", "C", "C"], result.Assignments.Select(a => a.Segment));
    }

    // 50 + 20 = 70 % would make the first 20 an A on its own, but the tie ends at 90 %: both 20s are B.
    [Fact]
    public void Classify_TieStraddlingCutoff_BothTiedCustomersSameClass()
    {
        var result = new AbcClassifier().Classify(Revenue(("x", 50), ("y", 20), ("z", 20), ("w", 10)), "revenue");

        Assert.Equal(["A", "B", "B", "C"], result.Assignments.Select(a => a.Segment));
    }

    // 90 of 100 is above the 80 % cut-off, but the largest customer must stay A; the two 5s reach 100 %: C.
    [Fact]
    public void Classify_DominantCustomerAboveCutoff_StaysA()
    {
        var result = new AbcClassifier().Classify(Revenue(("big", 90), ("s1", 5), ("s2", 5)), "revenue");

        Assert.Equal(["A", "C", "C"], result.Assignments.Select(a => a.Segment));
        Assert.Equal("A by revenue: top 90.0 % cumulative (largest revenue is always A; cut-off 80 %)", result.Assignments[0].Reason);
    }

    [Fact]
    public void Classify_SingleCustomer_IsA()
    {
        var result = new AbcClassifier().Classify(Revenue(("only", 12.5)), "revenue");

        Assert.Equal("A", Assert.Single(result.Assignments).Segment);
        Assert.Equal(1.0, result.Details[0].CumulativeShare);
    }

    [Fact]
    public void Classify_AllCustomersIdentical_AllA()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", 7), ("b", 7), ("c", 7), ("d", 7)), "revenue");

        Assert.All(result.Assignments, a => Assert.Equal("A", a.Segment));
    }

    [Fact]
    public void Classify_AllZero_AllCWithWarning()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", 0), ("b", 0), ("c", -5)), "revenue");

        Assert.All(result.Assignments, a => Assert.Equal("C", a.Segment));
        Assert.Equal("no_positive_value", Assert.Single(result.Warnings).Kind);
    }

    [Fact]
    public void Classify_ShareOnTheCutoffWithinRounding_ShowsTheCutoffsDecimals()
    {
        // The running sum reaches 0.8000000000000002 at b: on the cut-off for the classifier (tolerance 1e-12), so the
        // reason must not print "80.00000 %" hunting for a difference that is rounding.
        var set = Revenue(("a", 915.80), ("b", 747.52), ("c", 369.80), ("d", 27.97), ("e", 18.06));

        var reasons = new AbcClassifier().Classify(set, "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("A by revenue: top 80.0 % cumulative (cut-off 80 %)", reasons["b"]);
    }

    [Fact]
    public void Classify_BShareJustOverTheACutoff_ShowsTheDigitsThatTellThemApart()
    {
        // b brings the cumulative share to 80.004 %: B. Shown beside the B cut-off alone it read "top 80.0 % cumulative
        // (cut-off 95 %)", which looks like an A.
        var set = Revenue(("a", 5000), ("b", 3000.4), ("c", 1999.6));

        var reasons = new AbcClassifier().Classify(set, "revenue").Assignments.ToDictionary(a => a.CustomerId, a => a.Reason);

        Assert.Equal("B by revenue: top 80.004 % cumulative (cut-off 95 %)", reasons["b"]);
    }

    [Fact]
    public void Classify_NoValueAtAll_WarnsOfTheMissingMetricNotOfNonPositiveValues()
    {
        // Revenue missing for everyone (as gross_margin is without product costs) is missing input, not a business without value.
        var result = new AbcClassifier().Classify(Revenue(("a", double.NaN), ("b", double.NaN)), "revenue");

        Assert.All(result.Assignments, a => Assert.Equal("C", a.Segment));
        var warning = Assert.Single(result.Warnings);
        Assert.Equal("metric_without_values", warning.Kind);
        Assert.StartsWith("no customer has a value for revenue, so all 2 customers are C;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_SomeValuesMissing_WarnsThatThoseCustomersAreC()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", 100), ("b", double.NaN), ("c", 50)), "revenue");

        Assert.Equal("C", result.Assignments[1].Segment);
        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("metric_partly_missing", "1 of 3 customers has no revenue and is C; load the data it needs for them (see metric_definitions.csv)."), (warning.Kind, warning.Message));
    }

    [Fact]
    public void Classify_TwoOfFourValuesMissing_WarnsInThePlural()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", 100), ("b", double.NaN), ("c", 50), ("d", double.NaN)), "revenue");

        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("2 of 4 customers have no revenue and are C;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_ThousandsOfCustomers_CountsWithSeparatorsAsTheRunsOtherLines()
    {
        // "1 of 4992 customers" stood beside "5,000 customers measured as 4,508 accounts" in the same run's output.
        var values = Enumerable.Range(0, 4992).Select(i => ($"c{i}", i == 7 ? double.NaN : i + 1.0)).ToArray();

        var warning = Assert.Single(new AbcClassifier().Classify(Revenue(values), "revenue").Warnings);

        Assert.StartsWith("1 of 4,992 customers has no revenue and is C;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_OnlyCustomerWithoutValue_SaysTheOnlyCustomerIsC()
    {
        // Read "so all 1 customers are C".
        var result = new AbcClassifier().Classify(Revenue(("a", double.NaN)), "revenue");

        var warning = Assert.Single(result.Warnings);
        Assert.StartsWith("no customer has a value for revenue, so the only customer is C;", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Classify_OnlyCustomerWithoutPositiveValue_SaysTheOnlyCustomerIsC()
    {
        var result = new AbcClassifier().Classify(Revenue(("a", -5)), "revenue");

        var warning = Assert.Single(result.Warnings);
        Assert.Equal(("no_positive_value", "No customer has a positive revenue; the only customer is C."), (warning.Kind, warning.Message));
    }

    [Fact]
    public void Classify_NoCustomers_EmptyResultWithoutWarnings()
    {
        var result = new AbcClassifier().Classify(Revenue(), "revenue");

        Assert.Empty(result.Assignments);
        Assert.Empty(result.Warnings);
    }

    [Fact]
    public void Classify_UnknownMetric_ThrowsListingKnownMetrics()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => new AbcClassifier().Classify(Revenue(("a", 1)), "margin"));

        Assert.Contains("unknown metric 'margin'; known metrics: revenue", error.Message);
    }

    [Fact]
    public void Classify_InputOrderShuffled_SameClassPerCustomer()
    {
        (string, double)[] rows = [("a", 30), ("b", 30), ("c", 25), ("d", 10), ("e", 5)];
        var reversed = rows.Reverse().ToArray();

        var forward = Classes(new AbcClassifier().Classify(Revenue(rows), "revenue"));
        var backward = Classes(new AbcClassifier().Classify(Revenue(reversed), "revenue"));

        Assert.Equal(forward, backward);
    }

    [Fact]
    public void Classify_CustomCutoffs_AreUsed()
    {
        // 50 / 80 / 100 of 100: with A ≤ 50 % and B = 100 % the second customer is B and the third B as well.
        var result = new AbcClassifier(new AbcCutoffs(0.5, 1.0)).Classify(Revenue(("a", 50), ("b", 30), ("c", 20)), "revenue");

        Assert.Equal(["A", "B", "B"], result.Assignments.Select(a => a.Segment));
    }

    // Independent check by brute force on seeded random data: a customer's cumulative share is the sum of all values
    // ≥ its own over the positive total (O(n²), no sorting), A if ≤ 0.80 or it holds the maximum, B if ≤ 0.95.
    [Fact]
    public void Classify_RandomData_MatchesBruteForceDefinition()
    {
        var random = new Random(20240611);
        var rows = Enumerable.Range(0, 300)
            .Select(i => ($"c{i:D3}", random.Next(-3, 40) * 25.0))
            .ToArray();

        var classes = Classes(new AbcClassifier().Classify(Revenue(rows), "revenue"));

        var total = rows.Where(r => r.Item2 > 0).Sum(r => r.Item2);
        var max = rows.Max(r => r.Item2);
        foreach (var (id, value) in rows)
        {
            string expected;
            if (value <= 0)
                expected = "C";
            else
            {
                var share = rows.Where(r => r.Item2 >= value).Sum(r => r.Item2) / total;
                expected = value == max || share <= 0.80 + 1e-12 ? "A" : share <= 0.95 + 1e-12 ? "B" : "C";
            }

            Assert.True(expected == classes[id], $"{id} (value {value}): expected {expected}, got {classes[id]}");
        }
    }

    [Fact]
    public void Classify_UnderGermanCulture_ReasonStaysInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var result = new AbcClassifier(new AbcCutoffs(0.725, 0.95)).Classify(Revenue(("a", 7_840.5), ("b", 2_159.5)), "revenue");

            Assert.Equal("A by revenue: top 78.4 % cumulative (largest revenue is always A; cut-off 72.5 %)", result.Assignments[0].Reason);
            Assert.Equal("C by revenue: top 100.0 % cumulative (beyond cut-off 95 %)", result.Assignments[1].Reason);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    // The same hand-computed example as above: classes alone, without reasons or details.
    [Fact]
    public void Classes_HandComputedExample_SameClassesAsClassify()
    {
        var set = Revenue(("c1", 500), ("c2", 200), ("c3", 100), ("c4", 100), ("c5", 50), ("c6", 30), ("c7", 20),
            ("c8", 0), ("c9", -40), ("c10", double.NaN));
        var classifier = new AbcClassifier();

        var classes = classifier.Classes(set, "revenue");

        Assert.Equal([AbcClass.A, AbcClass.A, AbcClass.B, AbcClass.B, AbcClass.B, AbcClass.C, AbcClass.C, AbcClass.C, AbcClass.C, AbcClass.C], classes);
        Assert.Equal(classifier.Classify(set, "revenue").Assignments.Select(a => a.Segment), classes.Select(AbcClassifier.SegmentName));
    }

    // One customer carrying 90 % of the value is A although its share exceeds the A cut-off; the next reaches exactly 95 %
    // (B, the cut-off is inclusive), then 99 % and 100 % (C). No positive value: all C.
    [Fact]
    public void Classes_FirstGroupAboveCutoffAndNoPositiveValue_AsClassify()
    {
        var classifier = new AbcClassifier();

        Assert.Equal([AbcClass.A, AbcClass.B, AbcClass.C, AbcClass.C],
            classifier.Classes(Revenue(("big", 900), ("mid", 50), ("small", 40), ("tiny", 10)), "revenue"));
        Assert.Equal([AbcClass.C, AbcClass.C], classifier.Classes(Revenue(("z", 0), ("n", -5)), "revenue"));
    }

}
