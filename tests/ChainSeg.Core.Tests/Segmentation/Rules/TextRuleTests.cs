using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

// Rules comparing text columns of customer_metrics (region, channel, demand_class) with quoted texts.
public sealed class TextRuleTests
{
    // Row 0 in the EU, row 1 in APAC with lumpy demand, row 2 without a region (the customer master leaves it empty),
    // row 3 in the EU written in lower case.
    private static readonly CustomerMetricSet Metrics = new(
        ["c0", "c1", "c2", "c3"],
        [new MetricColumn("revenue", [300_000.0, 5_000.0, 80_000.0, 40_000.0])],
        [
            new TextColumn("region", ["EU", "APAC", null, "eu"]),
            new TextColumn("demand_class", ["smooth", "lumpy", "erratic", null]),
        ]);

    private static CompiledRule Compile(string when) =>
        RuleExpression.Parse("r", when, Metrics.MetricNames, Metrics.TextNames.ToDictionary(t => t, _ => RuleExpression.TextColumn)).Compile(Metrics);

    private static bool?[] Outcomes(string when)
    {
        var rule = Compile(when);
        // Unknown shows as a rule not satisfied and its negation not satisfied either.
        var negated = Compile($"not ({when})");
        return Enumerable.Range(0, Metrics.Count).Select(r => rule.IsSatisfiedBy(r) ? true : negated.IsSatisfiedBy(r) ? false : (bool?)null).ToArray();
    }

    [Theory]
    // Case is ignored ('eu' is EU); a missing region is unknown, as a missing number is, for == and != alike.
    [InlineData("region == 'EU'", new[] { "true", "false", "null", "true" })]
    [InlineData("region != 'eu'", new[] { "false", "true", "null", "false" })]
    [InlineData("region in ('APAC', 'EU')", new[] { "true", "true", "null", "true" })]
    [InlineData("region not in ('APAC', 'EU')", new[] { "false", "false", "null", "false" })]
    [InlineData("region == 'EU' or demand_class == 'erratic'", new[] { "true", "false", "true", "true" })]
    [InlineData("region == 'EU' and revenue >= 100000", new[] { "true", "false", "false", "false" })]
    [InlineData("demand_class in ('lumpy', 'intermittent')", new[] { "false", "true", "false", "null" })]
    // An empty text is no value: != '' holds for the customers with a region, and not in ('', …) reads as not in (…).
    [InlineData("region != ''", new[] { "true", "true", "null", "true" })]
    [InlineData("region not in ('', 'apac')", new[] { "true", "false", "null", "true" })]
    public void IsSatisfiedBy_TextComparison_IgnoresCaseAndMissingIsUnknown(string when, string[] expected)
    {
        Assert.Equal(expected.Select(e => e == "null" ? null : (bool?)bool.Parse(e)), Outcomes(when));
    }

    // Regions as customer masters write them: precomposed and decomposed (I + U+0302, as some exports write accents), in
    // capitals with SS for ß, with ß, with the capital ẞ (STRAẞE), and Turkish dotted capital İ beside a plain i.
    private static readonly CustomerMetricSet Unicode = new(
        ["c0", "c1", "c2", "c3", "c4", "c5", "c6"],
        [new MetricColumn("revenue", [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0])],
        [new TextColumn("region", ["Île-de-France", "I\u0302le-de-France", "STRASSE", "Straße", "STRAẞE", "İzmir", "izmir"])]);

    private static bool[] Matches(string when)
    {
        var rule = RuleExpression.Parse("r", when, Unicode.MetricNames, new Dictionary<string, string> { ["region"] = RuleExpression.TextColumn }).Compile(Unicode);
        return Enumerable.Range(0, Unicode.Count).Select(row => rule.IsSatisfiedBy(row)).ToArray();
    }

    [Theory]
    // Ignoring case is ignoring how an accent is encoded too (NFC), and ß is SS in capitals (STRASSE, as Python's casefold
    // reads them alike); the Turkish İ is no I (as casefold: 'i̇' is not 'i'). Before, only rows 0 and 2 (and 6) matched.
    [InlineData("region == 'île-de-france'", new[] { true, true, false, false, false, false, false })]
    [InlineData("region == 'i\u0302le-de-france'", new[] { true, true, false, false, false, false, false })]
    [InlineData("region == 'strasse'", new[] { false, false, true, true, true, false, false })]
    [InlineData("region in ('Straße')", new[] { false, false, true, true, true, false, false })]
    [InlineData("region == 'IZMIR'", new[] { false, false, false, false, false, false, true })]
    public void IsSatisfiedBy_UnicodeTexts_AlikeAsCaseFoldingReadsThem(string when, bool[] expected)
    {
        Assert.Equal(expected, Matches(when));
    }

    // The definition hash spells texts as they are compared: two spellings read alike exactly when they match alike. The long
    // s (ſ) was upper-cased to S for the hash but compared unlike s, so the hash missed a change of what the rule matched.
    [Theory]
    [InlineData("Straße", "STRASSE", true)]
    [InlineData("I\u0302le", "île", true)]
    [InlineData("\u017Fud", "SUD", true)]
    [InlineData("İzmir", "Izmir", false)]
    [InlineData("ızmir", "Izmir", false)]
    public void Canonical_TextsSpeltAlike_ExactlyWhenTheyMatchAlike(string written, string data, bool alike)
    {
        var metrics = new CustomerMetricSet(["c"], [], [new TextColumn("region", [data])]);
        var rule = RuleExpression.Parse("r", $"region == '{written}'", [], new Dictionary<string, string> { ["region"] = RuleExpression.TextColumn }).Compile(metrics);

        Assert.Equal(alike, rule.IsSatisfiedBy(0));
        Assert.Equal(alike, RuleExpression.Canonical($"region == '{written}'") == RuleExpression.Canonical($"region == '{data}'"));
    }

    // Texts alike as rules compare them are one value in the warning's list, and a text one of them matches is no text nobody has.
    [Fact]
    public void Assign_TextsAlikeInTheData_CountedAsOneValue()
    {
        var model = new RuleModel([new SegmentRule("s", "region in ('strasse', 'ILE-DE-FRANCE')")], "standard");

        var warning = Assert.Single(new RuleSegmenter(model, Unicode.MetricNames, Unicode.TextNames).Assign(Unicode).Warnings, w => w.Kind == "text_without_customers");

        Assert.Equal("rule 's' (region in ('strasse', 'ILE-DE-FRANCE')): no customer has region 'ILE-DE-FRANCE' (did you mean 'Île-de-France'?); "
            + "the region values are 'STRASSE' (3), 'Île-de-France' (2), 'izmir' (1), 'İzmir' (1).", warning.Message);
    }

    [Theory]
    [InlineData("region == 'EU'", 0, "region 'EU' = 'EU'")]
    [InlineData("region == 'EU'", 1, "region 'APAC' ≠ 'EU'")]
    [InlineData("region == 'EU'", 3, "region 'eu' = 'EU'")]
    [InlineData("region != 'EU'", 1, "region 'APAC' ≠ 'EU'")]
    [InlineData("region == 'EU'", 2, "region missing")]
    [InlineData("region in ('EU', 'UK')", 0, "region 'EU' in ('EU', 'UK')")]
    [InlineData("region in ('EU', 'UK')", 1, "region 'APAC' not in ('EU', 'UK')")]
    [InlineData("region not in ('EU', 'UK')", 0, "region 'EU' in ('EU', 'UK')")]
    [InlineData("region == 'EU' and revenue >= 100000", 3, "revenue 40,000.00 < 100,000.00")]
    [InlineData("not demand_class == 'lumpy'", 1, "demand_class 'lumpy' = 'lumpy'")]
    public void Explain_TextComparison_ShowsTheCustomersText(string when, int row, string expected)
    {
        Assert.Equal(expected, Compile(when).Explain(row));
    }

    // Spellings the definition hash reads alike hold for the same customers, eased, hardened or not.
    [Theory]
    [InlineData("not region == 'EU'", "region != 'eu'")]
    [InlineData("not (region not in ('APAC', 'EU'))", "region in ('eu', 'apac', 'EU')")]
    [InlineData("not not region != 'EU'", "region not in ('eu')")]
    [InlineData("not region in ('EU') or revenue >= 100000", "region != 'EU' or revenue >= 100000")]
    public void Canonical_NegatedTextComparison_HoldsAsItsNegation(string written, string alike)
    {
        Assert.Equal(RuleExpression.Canonical(written), RuleExpression.Canonical(alike));
        Assert.Equal(Outcomes(alike), Outcomes(written));
        foreach (var slack in new[] { 0.5, -0.5 })
            Assert.Equal(Enumerable.Range(0, Metrics.Count).Select(r => Compile(alike).IsSatisfiedBy(r, slack)), Enumerable.Range(0, Metrics.Count).Select(r => Compile(written).IsSatisfiedBy(r, slack)));
    }

    // A margin moves thresholds; a region is in the list or not, eased or hardened.
    [Theory]
    [InlineData(0.2)]
    [InlineData(-0.2)]
    public void IsSatisfiedBy_Slack_LeavesTextComparisonsAsTheyAre(double slack)
    {
        var rule = Compile("region == 'EU' or not region != 'APAC'");

        Assert.Equal([true, true, false, true], Enumerable.Range(0, 4).Select(r => rule.IsSatisfiedBy(r, slack)));
    }

    [Fact]
    public void FirstUnreachable_TextComparison_NeverReported()
    {
        var rule = RuleExpression.Parse("r", "region == 'EU' and otif >= 0.9", ["otif"], new Dictionary<string, string> { ["region"] = RuleExpression.TextColumn });

        var unreachable = MarginReach.FirstUnreachable(rule, 0.2, new Dictionary<string, double> { ["otif"] = 1, ["region"] = 1 });

        Assert.Equal("otif ≥ 1.08", unreachable?.NeededText);
    }

    [Fact]
    public void Assign_TextRules_SegmentEachCustomerWithItsText()
    {
        var model = new RuleModel([new SegmentRule("eu_key", "region == 'EU' and revenue >= 100000"), new SegmentRule("eu", "region == 'EU'"),
            new SegmentRule("sporadic", "demand_class in ('lumpy', 'intermittent')")], "standard");

        var result = new RuleSegmenter(model, Metrics.MetricNames, Metrics.TextNames).Assign(Metrics);

        Assert.Equal(["eu_key", "sporadic", "standard", "eu"], result.Assignments.Select(a => a.Segment));
        Assert.Equal("eu: region 'eu' = 'EU'", result.Assignments[3].Reason);
        Assert.Equal("standard: no rule matched (fallback); eu_key: revenue 80,000.00 < 100,000.00; eu: region missing; sporadic: demand_class 'erratic' not in ('lumpy', 'intermittent')",
            result.Assignments[2].Reason);
        // No customer's demand is intermittent here, which the run says (a rule may list classes the data lacks today).
        Assert.Equal(["rule 'sporadic' (demand_class in ('lumpy', 'intermittent')): no customer has demand_class 'intermittent'; the demand_class values are 'erratic' (1), 'lumpy' (1), 'smooth' (1)."],
            result.Warnings.Where(w => w.Kind is "text_without_customers" or "metric_without_values" or "rule_unmatched").Select(w => w.Message));
    }

    // region == 'Europe' where the data says EU matches nobody without any error: the run names the text and the values
    // the column holds, most customers first (ties by name).
    [Fact]
    public void Assign_TextNobodyHas_WarnsWithTheValuesTheColumnHolds()
    {
        var model = new RuleModel([new SegmentRule("europe", "region in ('Europe', 'eu')"), new SegmentRule("latam", "region == 'LATAM' or region == 'latam'")], "standard");

        var warnings = new RuleSegmenter(model, Metrics.MetricNames, Metrics.TextNames).Assign(Metrics).Warnings;

        Assert.Equal(
            [
                "text_without_customers: rule 'europe' (region in ('Europe', 'eu')): no customer has region 'Europe'; the region values are 'EU' (2), 'APAC' (1).",
                // LATAM and latam are one text, as the rule compares them: named once.
                "text_without_customers: rule 'latam' (region == 'LATAM' or region == 'latam'): no customer has region 'LATAM'; the region values are 'EU' (2), 'APAC' (1).",
                "rule_unmatched: rule 'latam' (region == 'LATAM' or region == 'latam') is the first match of no customer, so segment 'latam' is empty.",
            ],
            warnings.Select(w => $"{w.Kind}: {w.Message}"));
    }

    // A near miss is named as a mistyped metric is: 'APCA' is one transposition from APAC, 'Europe' near no region.
    [Fact]
    public void Assign_TextNearAValueTheColumnHolds_SaysWhichItMayMean()
    {
        var model = new RuleModel([new SegmentRule("asia", "region in ('APCA', 'Europe')")], "standard");

        var warning = Assert.Single(new RuleSegmenter(model, Metrics.MetricNames, Metrics.TextNames).Assign(Metrics).Warnings, w => w.Kind == "text_without_customers");

        Assert.Equal("rule 'asia' (region in ('APCA', 'Europe')): no customer has region 'APCA' (did you mean 'APAC'?), 'Europe'; the region values are 'EU' (2), 'APAC' (1).",
            warning.Message);
    }

    // A list of account ids most of which have left: one warning for the rule's column, naming ten of the texts nobody has
    // and how many more, rather than a warning per id each repeating the rule and the column's values (1,000 ids wrote
    // 10 MB of warnings).
    [Fact]
    public void Assign_ManyTextsNobodyHas_OneWarningPerRuleAndColumn()
    {
        var metrics = new CustomerMetricSet(["a", "b", "c"], [new MetricColumn("revenue", [1.0, 2.0, 3.0])],
            [new TextColumn("account", ["A1", "A2", "A2"]), new TextColumn("region", ["EU", "EU", null])]);
        // X1 … X25 and Y: 26 texts nobody has (x1 is X1), ten of them named.
        var listed = string.Join(", ", Enumerable.Range(1, 25).Select(i => $"'X{i}'"));
        var when = $"account in ('A1', {listed}) or account == 'x1' or account != 'Y' or region == 'Mars' or region != ''";
        var model = new RuleModel([new SegmentRule("key", when)], "standard");

        var warnings = new RuleSegmenter(model, metrics.MetricNames, metrics.TextNames).Assign(metrics).Warnings
            .Where(w => w.Kind == "text_without_customers").Select(w => w.Message);

        Assert.Equal(
            [
                $"rule 'key' ({when}): no customer has account 'X1', 'X2', 'X3', 'X4', 'X5', 'X6', 'X7', 'X8', 'X9', 'X10' or any of 16 more texts of the rule; "
                + "the account values are 'A2' (2), 'A1' (1).",
                $"rule 'key' ({when}): no customer has region 'Mars'; the region values are 'EU' (2).",
            ],
            warnings);
    }

    [Fact]
    public void Assign_TextColumnWithoutValues_SaysSoOnceAsForAMetric()
    {
        var metrics = new CustomerMetricSet(["a", "b"], [new MetricColumn("revenue", [1.0, 2.0])], [new TextColumn("channel", [null, null])]);
        var model = new RuleModel([new SegmentRule("web", "channel == 'webshop'")], "standard");

        var warnings = new RuleSegmenter(model, metrics.MetricNames, metrics.TextNames).Assign(metrics).Warnings;

        var warning = Assert.Single(warnings);
        Assert.Equal("metric_without_values", warning.Kind);
        Assert.StartsWith("no customer has a value for channel, so its comparisons are unknown for everyone", warning.Message);
    }

    [Fact]
    public void Rows_Subset_KeepsTheTextsOfItsRows()
    {
        var subset = Metrics.Rows([3, 1]);

        Assert.Equal(["eu", "APAC"], subset.Text("region"));
        Assert.Equal([null, "lumpy"], subset.Text("demand_class"));
        Assert.Equal(["APAC"], subset.Rows([1]).Text("region"));
    }

    [Fact]
    public void Constructor_TextColumnNamedAsAMetric_Refused()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new CustomerMetricSet(["a"], [new MetricColumn("region", [1.0])], [new TextColumn("region", ["EU"])]));

        Assert.StartsWith("Column 'region' appears more than once; column names must be unique.", error.Message);
    }

    [Fact]
    public void Compile_TableWithoutTheTextColumn_NamesIt()
    {
        var rule = RuleExpression.Parse("r", "channel == 'webshop'", ["revenue"], new Dictionary<string, string> { ["channel"] = RuleExpression.TextColumn });

        var error = Assert.Throws<KeyNotFoundException>(() => rule.Compile(Metrics));

        Assert.Equal("rule 'r': unknown metric 'channel'; known metrics: revenue, demand_class, region.", error.Message);
    }
}
