using System.Globalization;
using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class CompiledRuleTests
{
    // Row 0: a strategic account; row 1: small; row 2: no OTIF on record.
    private static readonly CustomerMetricSet Metrics = new(
        ["big", "small", "new"],
        [
            new MetricColumn("revenue", [312_400.0, 1_200.0, 50_000.0]),
            new MetricColumn("orders_per_month", [5.2, 0.5, 2.0]),
            new MetricColumn("otif", [0.97, 0.91, double.NaN]),
        ]);

    private static CompiledRule Compile(string when) =>
        RuleExpression.Parse("strategic", when, Metrics.MetricNames).Compile(Metrics);

    [Theory]
    // revenue 50,000 against 52,000: fails as written, holds eased by 10 % (46,800), fails hardened (57,200).
    [InlineData("revenue >= 52000", 0.0, false)]
    [InlineData("revenue >= 52000", 0.1, true)]
    [InlineData("revenue >= 48000", -0.1, false)]
    // <= moves the other way: 50,000 ≤ 47,000 eased by 10 % (51,700).
    [InlineData("revenue <= 47000", 0.1, true)]
    [InlineData("revenue <= 52000", -0.1, false)]
    // Under not, easing the condition hardens the operand: not (revenue >= 52,000 hardened to 57,200) stays true.
    [InlineData("not (revenue >= 52000)", 0.1, true)]
    [InlineData("not (revenue >= 48000)", 0.1, true)]
    [InlineData("not (revenue >= 48000)", -0.1, false)]
    // == does not move.
    [InlineData("orders_per_month == 2.1", 0.1, false)]
    public void IsSatisfiedBy_Slack_MovesEveryThresholdTowardsEasierOrHarder(string when, double slack, bool expected)
    {
        Assert.Equal(expected, Compile(when).IsSatisfiedBy(2, slack));
    }

    // The definition hash spells 'not x OP t' as 'x NOT-OP t' (RuleExpression.Canonical): they must hold for the same
    // customers as written and under every margin, a missing value included (unknown under both).
    [Theory]
    [InlineData(">=")]
    [InlineData("<=")]
    [InlineData(">")]
    [InlineData("<")]
    [InlineData("==")]
    [InlineData("!=")]
    public void IsSatisfiedBy_NotBeforeAComparison_HoldsAsTheNegatedOperator(string op)
    {
        // Thresholds equal to a value (2 for orders_per_month, 50,000 for revenue) test the boundary; otif is missing in row 2.
        foreach (var metric in new[] { "revenue", "orders_per_month", "otif" })
        foreach (var threshold in new[] { 50_000.0, 52_000, -3, 0, 0.5, 2 })
        {
            var written = $"not {metric} {op} {threshold.ToString(CultureInfo.InvariantCulture)}";
            var canonical = RuleExpression.Canonical(written);
            Assert.DoesNotContain("not", canonical, StringComparison.Ordinal);
            var (asWritten, asSpelt) = (Compile(written), Compile(canonical));
            foreach (var slack in new[] { 0.0, 0.1, -0.1, 0.5, -0.5 })
                for (var row = 0; row < 3; row++)
                    Assert.Equal(asWritten.IsSatisfiedBy(row, slack), asSpelt.IsSatisfiedBy(row, slack));
        }
    }

    [Fact]
    public void Explain_AndTrue_ShowsActualValuesOfBothComparisons()
    {
        var rule = Compile("revenue >= 250000 and orders_per_month >= 4");

        Assert.True(rule.IsSatisfiedBy(0));
        Assert.Equal("revenue 312,400.00 ≥ 250,000.00 and orders_per_month 5.2 ≥ 4", rule.Explain(0));
    }

    // What margin hysteresis weighed: the thresholds moved by the slack, to twelve significant digits (19.99 hardened by 10 %
    // is 21.988999999999997 in doubles, printed 21.989); under not, the operand moves the other way.
    [Theory]
    [InlineData("revenue >= 250000 and orders_per_month >= 4", 0, -0.1, "revenue 312,400.00 ≥ 275,000.00 and orders_per_month 5.2 ≥ 4.4")]
    [InlineData("revenue >= 250000", 0, 0.1, "revenue 312,400.00 ≥ 225,000.00")]
    [InlineData("otif >= 0.97", 1, 0.1, "otif 0.91 ≥ 0.873")]
    [InlineData("otif >= 0.97", 0, -0.15, "otif 0.97 < 1.1155")]
    [InlineData("not otif < 0.95", 0, -0.15, "otif 0.97 < 1.0925")]
    [InlineData("revenue <= 1000", 1, 0.1, "revenue 1,200.00 > 1,100.00")]
    [InlineData("orders_per_month >= 19.99", 0, -0.1, "orders_per_month 5.2 < 21.989")]
    public void Explain_Slack_ShowsTheMovedThresholds(string when, int row, double slack, string expected)
    {
        Assert.Equal(expected, Compile(when).Explain(row, slack));
    }

    // A moved threshold has as many decimals as the threshold shown and the margin together, no more (trailing zeros dropped):
    // p50 of return_rate 0.0952380… shows as 0.0952, eased by 5 % it is 0.090476 (4 + 2 decimals), not twelve significant
    // digits (0.0904761904762); 123,456.789 hardened by 12.34 % is exactly 138,691.3567626 (3 + 4 decimals), which twelve
    // significant digits cut to 138,691.356763; money keeps its cents.
    [Theory]
    [InlineData("return_rate >= median", 0, 0.05, "return_rate 0.09 < 0.090476 (p50)")]
    [InlineData("orders_per_month >= 123456.789", 0, -0.1234, "orders_per_month 5.2 < 138,691.3567626")]
    [InlineData("otif >= 0.1", 1, 0.05, "otif 0.91 ≥ 0.095")]
    [InlineData("revenue >= 250000", 0, 0.05, "revenue 312,400.00 ≥ 237,500.00")]
    public void Explain_Slack_MovedThresholdAtTheThresholdsAndMarginsPrecision(string when, int row, double slack, string expected)
    {
        var metrics = new CustomerMetricSet(["big", "small", "new"],
        [
            .. Metrics.MetricNames.Select(m => new MetricColumn(m, Metrics.ColumnValues(m))),
            new MetricColumn("return_rate", [0.09, 0.1, 2.0 / 21]),
        ]);

        Assert.Equal(expected, RuleExpression.Parse("s", when, metrics.MetricNames).Compile(metrics).Explain(row, slack));
    }

    // A threshold is shown with every digit it was written with, and a value with the digits that tell it from the threshold:
    // "otif 0.97 > 0.96999" (four decimals printed "0.97 > 0.97") and "revenue 1,200.00 > 0.00001" (printed "> 0").
    [Theory]
    [InlineData("otif > 0.96999", 0, "otif 0.97 > 0.96999")]
    [InlineData("revenue > 0.00001", 1, "revenue 1,200.00 > 0.00001")]
    [InlineData("orders_per_month < 0.50001", 1, "orders_per_month 0.5 < 0.50001")]
    public void Explain_ThresholdWithMoreThanFourDecimals_ShownAsWritten(string when, int row, string expected)
    {
        Assert.Equal(expected, Compile(when).Explain(row));
    }

    // A threshold written -0 is 0, and reads so: "revenue 1,200 ≥ -0" named a negative threshold there is none of.
    [Fact]
    public void Explain_ThresholdWrittenMinusZero_ReadsZero()
    {
        Assert.Equal("revenue 1,200.00 ≥ 0.00", Compile("revenue >= -0").Explain(1));
    }

    // A rule on money shows value and threshold to the cent (a percentile's too); a rate keeps its own digits.
    [Fact]
    public void Explain_MoneyMetric_ShowsValueAndThresholdToTheCent()
    {
        var metrics = new CustomerMetricSet(["a", "b"], [new MetricColumn("revenue", [-1591.2, 312_400]), new MetricColumn("otif", [0.9, 0.97])]);
        string Explain(string when, int row) => RuleExpression.Parse("s", when, metrics.MetricNames).Compile(metrics).Explain(row);

        Assert.Equal("revenue -1,591.20 < 250,000.00", Explain("revenue >= 250000", 0));
        Assert.Equal("revenue -1,591.20 < 155,404.40 (p50)", Explain("revenue >= median", 0));
        Assert.Equal("revenue 312,400.00 ≥ 19.995", Explain("revenue >= 19.995", 1));
        Assert.Equal("otif 0.9 < 0.95", Explain("otif >= 0.95", 0));
    }

    // A value that four decimals would print as its threshold gets the digits that tell them apart.
    [Fact]
    public void Explain_ValueRoundingToItsThreshold_ShowsTheDigitsThatDiffer()
    {
        var metrics = new CustomerMetricSet(["a"], [new MetricColumn("otif", [0.94996])]);

        var reason = RuleExpression.Parse("reliable", "otif < 0.95", metrics.MetricNames).Compile(metrics).Explain(0);

        Assert.Equal("otif 0.94996 < 0.95", reason);
    }

    [Fact]
    public void Explain_AndFalse_ShowsFirstFailingComparisonNegated()
    {
        var rule = Compile("revenue >= 250000 and orders_per_month >= 4");

        Assert.False(rule.IsSatisfiedBy(1));
        Assert.Equal("revenue 1,200.00 < 250,000.00", rule.Explain(1));
    }

    [Fact]
    public void Explain_OrTrue_ShowsOnlyTheBranchThatHeld()
    {
        var rule = Compile("revenue >= 250000 or orders_per_month >= 1");

        Assert.True(rule.IsSatisfiedBy(2));
        Assert.Equal("orders_per_month 2 ≥ 1", rule.Explain(2));
    }

    [Fact]
    public void Explain_NotTrue_ShowsWhyOperandFailed()
    {
        var rule = Compile("not (revenue >= 250000 or otif >= 0.95)");

        Assert.True(rule.IsSatisfiedBy(1));
        Assert.Equal("revenue 1,200.00 < 250,000.00 and otif 0.91 < 0.95", rule.Explain(1));
    }

    // Precedence seen in evaluation: with a true and b, c false, "a or b and c" is a or (b and c) = true,
    // whereas reading left to right, (a or b) and c, would be false.
    [Fact]
    public void IsSatisfiedBy_OrAndWithoutParentheses_FollowsPrecedence()
    {
        var rule = Compile("revenue >= 250000 or orders_per_month >= 99 and otif >= 0.99");

        Assert.True(rule.IsSatisfiedBy(0));
        Assert.False(Compile("(revenue >= 250000 or orders_per_month >= 99) and otif >= 0.99").IsSatisfiedBy(0));
    }

    [Theory]
    [InlineData("otif >= 0")]
    [InlineData("otif <= 1")]
    [InlineData("otif > 0")]
    [InlineData("otif < 1")]
    [InlineData("otif == 0.5")]
    [InlineData("otif != 0.5")]
    public void IsSatisfiedBy_MissingValue_EveryComparisonFalse(string when)
    {
        Assert.False(Compile(when).IsSatisfiedBy(2));
    }

    [Fact]
    public void IsSatisfiedBy_NotOfMissingComparison_IsUnknownSoDoesNotHoldAndSaysMissing()
    {
        // Three-valued, as SQL's NOT (NULL >= 0.95): a customer without shipments is not "not reliable". It held before, so
        // "not mean_interorder_days > 31" put every one-order customer (no interval) into a "steady" segment.
        var rule = Compile("not otif >= 0.95");

        Assert.False(rule.IsSatisfiedBy(2));
        Assert.Equal("otif missing", rule.Explain(2));
    }

    [Theory]
    // Kleene logic: false and unknown is false, true or unknown is true; otherwise unknown stays unknown (does not hold).
    [InlineData("revenue >= 1 or otif >= 0.95", true, "revenue 50,000.00 ≥ 1.00")]
    [InlineData("revenue >= 1 and otif >= 0.95", false, "otif missing")]
    [InlineData("revenue >= 99999999 and otif >= 0.95", false, "revenue 50,000.00 < 99,999,999.00")]
    [InlineData("not (revenue >= 99999999 and otif >= 0.95)", true, "revenue 50,000.00 < 99,999,999.00")]
    [InlineData("not (revenue >= 1 or otif >= 0.95)", false, "revenue 50,000.00 ≥ 1.00")]
    [InlineData("revenue >= 99999999 or otif >= 0.95", false, "revenue 50,000.00 < 99,999,999.00 and otif missing")]
    [InlineData("not (revenue >= 99999999 or otif >= 0.95)", false, "otif missing")]
    public void IsSatisfiedBy_MissingValueUnderAndOrNot_FollowsThreeValuedLogic(string when, bool holds, string explained)
    {
        var rule = Compile(when);

        Assert.Equal(holds, rule.IsSatisfiedBy(2));
        Assert.Equal(explained, rule.Explain(2));
    }

    [Fact]
    public void IsSatisfiedBy_EqualityOnExactValue_Holds()
    {
        Assert.True(Compile("orders_per_month == 2").IsSatisfiedBy(2));
        Assert.Equal("orders_per_month 2 = 2", Compile("orders_per_month == 2").Explain(2));
        Assert.Equal("orders_per_month 0.5 ≠ 2", Compile("orders_per_month == 2").Explain(1));
    }

    [Fact]
    public void Explain_SameComparisonTwice_StatedOnce()
    {
        Assert.Equal("revenue 312,400.00 ≥ 1.00", Compile("revenue >= 1 and revenue >= 1").Explain(0));
    }

    [Fact]
    public void IsSatisfiedBy_RowOutOfRange_Throws()
    {
        var rule = Compile("revenue >= 1");

        Assert.Throws<ArgumentOutOfRangeException>(() => rule.IsSatisfiedBy(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Explain(-1));
    }

    [Fact]
    public void ParseAndExplain_UnderGermanCulture_StayInvariant()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var rule = Compile("otif >= 0.95 and revenue >= 250000");

            Assert.Equal(0.95, Assert.IsType<ComparisonNode>(((AndNode)rule.Expression.Root).Left).Threshold);
            Assert.Equal("otif 0.97 ≥ 0.95 and revenue 312,400.00 ≥ 250,000.00", rule.Explain(0));
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
