using ChainSeg.Core.Segmentation;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class RuleExpressionTests
{
    private static readonly string[] Known = ["revenue", "orders", "orders_per_month", "otif", "margin", "a", "b", "c"];

    // What a rule is made of, as a character outside it is told.
    private const string ReadableParts = "rules read metric names, numbers, quoted texts, comparisons (>=, <=, >, <, ==, !=), 'and', 'or', 'not', 'in' and parentheses";

    private static RuleNode Parse(string text) => RuleExpression.Parse("strategic", text, Known).Root;

    private static RuleSyntaxException ParseError(string text) =>
        Assert.Throws<RuleSyntaxException>(() => RuleExpression.Parse("strategic", text, Known));

    private static ComparisonNode AtLeastOne(string metric, int position) => new(metric, ComparisonOperator.GreaterOrEqual, 1, position);

    // Spellings of one condition: spaces, keyword case, ≥ for >=, 5e3 / 5000.0 for 5000, 95% for 0.95 (0.95 = 95 / 100 in
    // doubles), and parentheses that only restate precedence (and before or) or wrap the whole condition.
    [Theory]
    [InlineData("revenue>=5000", "revenue >= 5000")]
    [InlineData("revenue ≥ 5e3", "revenue >= 5000")]
    [InlineData("revenue >= 5000.0", "revenue >= 5000")]
    [InlineData("((revenue >= 5000))", "revenue >= 5000")]
    [InlineData("otif >= 95%", "otif >= 0.95")]
    [InlineData("a >= 1 OR b >= 1 AND c >= 1", "(a >= 1 or (b >= 1 and c >= 1))")]
    [InlineData("a >= 1 or (b >= 1 and c >= 1)", "(a >= 1 or (b >= 1 and c >= 1))")]
    [InlineData("NOT a ≠ 1 and b < -2.5", "(a == 1 and b < -2.5)")]
    // 'not' before a comparison is the negated comparison (CompiledRuleTests.IsSatisfiedBy_NotBeforeAComparison_HoldsAsTheNegatedOperator).
    [InlineData("not revenue >= 5000", "revenue < 5000")]
    [InlineData("not not revenue >= 5000", "revenue >= 5000")]
    [InlineData("not (a > 1 and b <= 2)", "(not (a > 1 and b <= 2))")]
    // -0 is 0: it read 'revenue ≥ -0' in reasons and counted as another definition than 'revenue >= 0'.
    [InlineData("revenue >= -0", "revenue >= 0")]
    [InlineData("b < -0.0e3", "b < 0")]
    // The minus sign of word processors (U+2212), as ≥ is read for >=.
    [InlineData("gross_margin_pct >= \u22120.05", "gross_margin_pct >= -0.05")]
    [InlineData("b < \u22122.5e1", "b < -25")]
    public void Canonical_SpellingsOfOneCondition_ReadAlike(string text, string expected)
    {
        Assert.Equal(expected, RuleExpression.Canonical(text));
    }

    [Theory]
    [InlineData("(a >= 1 or b >= 1) and c >= 1", "a >= 1 or b >= 1 and c >= 1")]
    [InlineData("a >= 1", "a > 1")]
    [InlineData("revenue >= 5000", "revenue >= 5001")]
    public void Canonical_ConditionsThatDiffer_ReadApart(string first, string second)
    {
        Assert.NotEqual(RuleExpression.Canonical(first), RuleExpression.Canonical(second));
    }

    [Fact]
    public void Canonical_InvalidCondition_Throws()
    {
        Assert.Throws<RuleSyntaxException>(() => RuleExpression.Canonical("revenue >="));
    }

    [Fact]
    public void Parse_SingleComparison_BuildsComparisonNode()
    {
        Assert.Equal(new ComparisonNode("revenue", ComparisonOperator.GreaterOrEqual, 250000, 1), Parse("revenue >= 250000"));
    }

    // "a >= 1 or b >= 1 and c >= 1" is a or (b and c): 'and' binds tighter than 'or'.
    [Fact]
    public void Parse_AndOr_AndBindsTighter()
    {
        var expected = new OrNode(AtLeastOne("a", 1), new AndNode(AtLeastOne("b", 11), AtLeastOne("c", 22)));

        Assert.Equal(expected, Parse("a >= 1 or b >= 1 and c >= 1"));
    }

    // "not a >= 1 and b >= 1" is (not a) and b: 'not' binds tighter than 'and'.
    [Fact]
    public void Parse_NotAnd_NotBindsTighter()
    {
        var expected = new AndNode(new NotNode(AtLeastOne("a", 5)), AtLeastOne("b", 16));

        Assert.Equal(expected, Parse("not a >= 1 and b >= 1"));
    }

    [Fact]
    public void Parse_Parentheses_OverridePrecedence()
    {
        var expected = new AndNode(new OrNode(AtLeastOne("a", 2), AtLeastOne("b", 12)), AtLeastOne("c", 24));

        Assert.Equal(expected, Parse("(a >= 1 or b >= 1) and c >= 1"));
    }

    [Fact]
    public void Parse_RepeatedAnd_AssociatesLeft()
    {
        var expected = new AndNode(new AndNode(AtLeastOne("a", 1), AtLeastOne("b", 12)), AtLeastOne("c", 23));

        Assert.Equal(expected, Parse("a >= 1 and b >= 1 and c >= 1"));
    }

    [Fact]
    public void Parse_DoubleNotAndKeywordsInAnyCase_Accepted()
    {
        Assert.Equal(new NotNode(new NotNode(AtLeastOne("a", 9))), Parse("NOT not a >= 1"));
        Assert.IsType<AndNode>(Parse("a >= 1 AND b >= 1"));
    }

    [Theory]
    [InlineData("otif >= 95%", 0.95)]
    [InlineData("otif >= 0.95", 0.95)]
    [InlineData("margin > -100", -100)]
    [InlineData("revenue >= 1e6", 1_000_000)]
    [InlineData("revenue >= 2.5E+3", 2_500)]
    [InlineData("otif >= .5", 0.5)]
    [InlineData("otif>=12.5%", 0.125)]
    public void Parse_NumberForms_ReadInvariantWithOptionalPercent(string text, double threshold)
    {
        Assert.Equal(threshold, Assert.IsType<ComparisonNode>(Parse(text)).Threshold, 12);
    }

    [Theory]
    [InlineData("revenue >= 1", ComparisonOperator.GreaterOrEqual)]
    [InlineData("revenue <= 1", ComparisonOperator.LessOrEqual)]
    [InlineData("revenue > 1", ComparisonOperator.Greater)]
    [InlineData("revenue < 1", ComparisonOperator.Less)]
    [InlineData("revenue == 1", ComparisonOperator.Equal)]
    [InlineData("revenue != 1", ComparisonOperator.NotEqual)]
    [InlineData("revenue ≥ 1", ComparisonOperator.GreaterOrEqual)]
    [InlineData("revenue ≤ 1", ComparisonOperator.LessOrEqual)]
    [InlineData("revenue ≠ 1", ComparisonOperator.NotEqual)]
    public void Parse_Operators_AllRecognised(string text, ComparisonOperator op)
    {
        Assert.Equal(op, Assert.IsType<ComparisonNode>(Parse(text)).Operator);
    }

    [Fact]
    public void Metrics_RepeatedMetric_ListedOnceInOrderOfUse()
    {
        var expression = RuleExpression.Parse("x", "orders >= 1 and (revenue >= 5 or orders >= 9)", Known);

        Assert.Equal(["orders", "revenue"], expression.Metrics);
    }

    [Fact]
    public void Parse_UnknownMetric_NamesItPositionSuggestionAndKnownMetrics()
    {
        var error = ParseError("revnue >= 250000");

        Assert.Equal(
            "rule 'strategic': unknown metric 'revnue' at position 1 (did you mean 'revenue'?); " +
            "known metrics: revenue, orders, orders_per_month, otif, margin, a, b, c",
            error.Message);
        Assert.Equal(1, error.Position);
    }

    private static readonly Dictionary<string, string> Texts = new() { ["region"] = "text", ["demand_class"] = "text", ["first_order_date"] = "date" };

    private static RuleExpression ParseWithTexts(string text) => RuleExpression.Parse("strategic", text, Known, Texts);

    [Fact]
    public void Parse_DateColumn_SaysItIsADateAndWhatToCompareInstead()
    {
        // first_order_date is a column; "unknown metric" would send the user looking for a misspelling.
        var error = Assert.Throws<RuleSyntaxException>(() => ParseWithTexts("orders >= 1 and first_order_date > 1"));

        Assert.Equal(
            "rule 'strategic': metric 'first_order_date' at position 17 is a date column of customer_metrics, which rules do not compare; "
            + "compare days instead: recency_days (since the last order) or tenure_days (since the first)",
            error.Message);
        Assert.Equal(17, error.Position);
    }

    [Fact]
    public void Parse_UnknownMetric_SuggestsTextColumnsToo()
    {
        var error = Assert.Throws<RuleSyntaxException>(() => ParseWithTexts("regoin == 'EU'"));

        Assert.Equal("rule 'strategic': unknown metric 'regoin' at position 1 (did you mean 'region'?); known metrics: revenue, orders, orders_per_month, otif, margin, a, b, c, region, demand_class",
            error.Message);
    }

    [Fact]
    public void Parse_TextComparisons_ListTheTextsAsWritten()
    {
        var rule = ParseWithTexts("region == 'EU' and (demand_class not in (\"lumpy\", 'erratic') or region != 'O''Brien') and orders >= 1");

        Assert.Equal(["region", "demand_class", "orders"], rule.Metrics);
        Assert.Equal([("region", false, false, 1), ("demand_class", true, true, 21), ("region", true, false, 65)],
            rule.TextMatches.Select(t => (t.Metric, t.Negated, t.IsList, t.Position)));
        Assert.Equal([["EU"], ["lumpy", "erratic"], ["O'Brien"]], rule.TextMatches.Select(t => t.Values.ToArray()));
    }

    [Theory]
    // The curly quotes of a condition pasted from a policy document.
    [InlineData("region == \u2018EU\u2019", "EU")]
    [InlineData("region == \u201CEU\u201D", "EU")]
    // A double quote inside single quotes is text, and so is a comma or a parenthesis.
    [InlineData("region == 'say \"hi\", (x)'", "say \"hi\", (x)")]
    [InlineData("region == \"it's\"", "it's")]
    // A typographic apostrophe or quote inside straight quotes is text: it closed the text ('O' and then Brien unread).
    [InlineData("region == 'O\u2019Brien'", "O\u2019Brien")]
    [InlineData("region == \"say \u201Chi\u201D\"", "say \u201Chi\u201D")]
    // German quotes open low and close with what English opens with; a curly quote may be closed by a straight one.
    [InlineData("region == \u201EEU\u201C", "EU")]
    [InlineData("region == \u201AEU\u2018", "EU")]
    [InlineData("region == \u2018EU'", "EU")]
    [InlineData("region == \u2018O\u2019\u2019Brien\u2019", "O\u2019Brien")]
    // In curly quotes a ’ before a letter is an apostrophe, as a pasted document writes O’Brien (it closed the text at O).
    [InlineData("region == \u2018O\u2019Brien\u2019", "O\u2019Brien")]
    [InlineData("region == \u2018L\u2019Or\u00E9al\u2019", "L\u2019Or\u00E9al")]
    public void Parse_QuotedText_ReadsTheText(string text, string value)
    {
        Assert.Equal(value, Assert.Single(ParseWithTexts(text).TextMatches).Values.Single());
    }

    [Theory]
    [InlineData("region >= 'EU'", "'>=' at position 8 compares numbers, and region is a text column; compare it with == or != (e.g. region == 'value') or in (…)", 8)]
    [InlineData("demand_class > 1", "'>' at position 14 compares numbers, and demand_class is a text column; compare it with == or != (e.g. demand_class == 'value') or in (…)", 14)]
    [InlineData("region == 5", "expected a quoted text after '==' at position 11; found '5' (region is a text column, e.g. region == 'value')", 11)]
    [InlineData("region == EU", "expected a quoted text after '==' at position 11; found 'EU' (region is a text column, e.g. region == 'value')", 11)]
    [InlineData("region 'EU'", "expected ==, != or in after 'region' at position 8; found 'EU' (region is a text column, e.g. region == 'value')", 8)]
    [InlineData("region in 'EU'", "expected '(' after 'in' at position 11; found 'EU'; write the texts in parentheses, e.g. region in ('a', 'b')", 11)]
    [InlineData("region in ('EU' 'UK')", "expected ',' or ')' at position 17 in the list after 'in' at position 8; found 'UK'", 17)]
    [InlineData("region in ('EU',)", "expected a quoted text at position 17 in the list after 'in' at position 8; found ')'", 17)]
    [InlineData("region in ()", "expected a quoted text at position 12 in the list after 'in' at position 8; found ')'", 12)]
    [InlineData("region in ('EU', 5)", "expected a quoted text at position 18 in the list after 'in' at position 8; found '5'", 18)]
    [InlineData("region == \"EU'", "the text opened at position 11 is not closed; end it with \", e.g. region == \"EU\"", 11)]
    [InlineData("region == 'EU\u2019", "the text opened at position 11 is not closed; end it with ', e.g. region == 'EU'", 11)]
    [InlineData("region == \u201EEU", "the text opened at position 11 is not closed; end it with \u201C, e.g. region == \u201EEU\u201C", 11)]
    // ‘EU’and: a ’ before a letter is an apostrophe (‘O’Brien’), so the text ran on; the message says which ’ and why.
    [InlineData("region == \u2018EU\u2019and revenue > 5", "the text opened at position 11 is not closed; end it with \u2019, e.g. region == \u2018EU\u2019; "
        + "the \u2019 at position 14 is followed by a letter, so it reads as an apostrophe (\u2018O\u2019Brien\u2019): if it ends the text, put a space after it", 11)]
    // A chain after a text or a list of texts is of texts, not numbers.
    [InlineData("region in ('EU') == 'x'", "expected 'and', 'or' or the end of the rule at position 18; found '=='; compare a text column with one text or list at a time and join comparisons with 'and'", 18)]
    [InlineData("region == 'EU' != 'x'", "expected 'and', 'or' or the end of the rule at position 16; found '!='; compare a text column with one text or list at a time and join comparisons with 'and'", 16)]
    [InlineData("(revenue > 5) > 3", "expected 'and', 'or' or the end of the rule at position 15; found '>'; compare a metric with one number at a time and join comparisons with 'and'", 15)]
    // The ways SQL and everyday writing put a text comparison, each with the spelling rules read.
    [InlineData("region <> 'EU'", "unknown operator '<>' at position 8; write '!='", 8)]
    [InlineData("'EU' == region", "expected a metric name, 'not' or '(' at position 1; found 'EU'; put the column first: region == 'EU'", 1)]
    [InlineData("'EU' in region", "expected a metric name, 'not' or '(' at position 1; found 'EU'; put the column first: region in ('EU')", 1)]
    [InlineData("region == 'EU' or 'UK'", "expected a metric name, 'not' or '(' at position 19; found 'UK'; compare each text with its column (region == 'UK') or list the texts: region in ('a', 'UK')", 19)]
    [InlineData("region not == 'EU'", "expected ==, != or in after 'region' at position 8; found 'not'; 'not' goes before the comparison: not region == …, or write region != …", 8)]
    [InlineData("region notin ('EU')", "expected ==, != or in after 'region' at position 8; found 'notin'; write 'not in' as two words", 8)]
    [InlineData("region == ('EU', 'UK')", "expected a quoted text after '==' at position 11; found '('; compare with a list by 'in': region in ('a', 'b')", 11)]
    [InlineData("region != ('EU')", "expected a quoted text after '!=' at position 11; found '('; compare with a list by 'in': region not in ('a', 'b')", 11)]
    // Texts are read trimmed and an empty one is missing: a padded text, or an empty one under == or in, matches nobody.
    [InlineData("region == ' South'", "the text ' South' at position 11 begins with a space, which no region has (texts are read trimmed); write 'South'", 11)]
    [InlineData("region not in ('EU', 'O''Brien ')", "the text 'O''Brien ' at position 22 ends with a space, which no region has (texts are read trimmed); write 'O''Brien'", 22)]
    // The character at the edge is named: a tab was called a space, which the text did not show to have.
    [InlineData("region == 'South\t'", "the text 'South\t' at position 11 ends with a tab, which no region has (texts are read trimmed); write 'South'", 11)]
    [InlineData("region == '\u00A0South\t'", "the text '\u00A0South\t' at position 11 begins with a no-break space and ends with a tab, which no region has (texts are read trimmed); write 'South'", 11)]
    [InlineData("region == '\tSouth\t'", "the text '\tSouth\t' at position 11 begins and ends with a tab, which no region has (texts are read trimmed); write 'South'", 11)]
    [InlineData("region == ''", "the empty text at position 11 matches no customer: an empty region is missing, and a comparison with a missing text is unknown; "
        + "compare with a text, or write region != '' for the customers with a region", 11)]
    [InlineData("region == '  '", "the text '  ' of spaces at position 11 matches no customer: an empty region is missing, and a comparison with a missing text is unknown; "
        + "compare with a text, or write region != '' for the customers with a region", 11)]
    [InlineData("region == '\t'", "the text '\t' of white space (a tab) at position 11 matches no customer: an empty region is missing, and a comparison with a missing text is unknown; "
        + "compare with a text, or write region != '' for the customers with a region", 11)]
    [InlineData("region != ' '", "the text ' ' at position 11 is a space, which no region has (texts are read trimmed); write ''", 11)]
    [InlineData("region in ('EU', \"\")", "the empty text at position 18 matches no customer: an empty region is missing, and a comparison with a missing text is unknown; "
        + "compare with a text, or write region != '' for the customers with a region", 18)]
    [InlineData("region == `EU`", "unexpected character '`' at position 11; quote texts with ' or \", e.g. region == 'EU'", 11)]
    [InlineData("region == \u00ABEU\u00BB", "unexpected character '\u00AB' at position 11; quote texts with ' or \", e.g. region == 'EU'", 11)]
    [InlineData("region in ['EU']", "unexpected character '[' at position 11; write the texts in parentheses, e.g. region in ('a', 'b')", 11)]
    [InlineData("region in ('EU'; 'UK')", "unexpected character ';' at position 16; separate the texts of a list with ',', e.g. region in ('a', 'b')", 16)]
    // A comma outside an in list is still a thousands separator.
    [InlineData("region in ('EU') and revenue >= 250,000", "unexpected ',' at position 36; write numbers without thousands separators, e.g. 250000", 36)]
    public void Parse_TextComparisonError_OneLineWithPositionAndFix(string text, string detail, int position)
    {
        var error = Assert.Throws<RuleSyntaxException>(() => ParseWithTexts(text));

        Assert.Equal($"rule 'strategic': {detail}", error.Message);
        Assert.Equal(position, error.Position);
    }

    [Theory]
    // Ingest trims tabs, line breaks, vertical tabs, form feeds and the space separators (Zs) alone: a region may end in a
    // line separator (U+2028), paragraph separator (U+2029) or next line (U+0085), so a rule comparing with one is no error.
    [InlineData("region == 'South\u2028'")]
    [InlineData("region != '\u2029South'")]
    [InlineData("region in ('EU', 'South\u0085')")]
    [InlineData("region == '\u2028'")]
    public void Parse_TextWithEdgeCharacterIngestKeeps_IsAccepted(string text)
    {
        var rule = ParseWithTexts(text);

        Assert.Equal(["region"], rule.TextMatches.Select(t => t.Metric));
    }

    [Fact]
    public void Parse_TextWithSpaceSeparatorIngestTrims_SaysItEndsWithIt()
    {
        // A thin space (U+2009) is a space separator, which ingest trims as it trims a space.
        var error = Assert.Throws<RuleSyntaxException>(() => ParseWithTexts("region == 'South\u2009'"));

        Assert.Equal("rule 'strategic': the text 'South\u2009' at position 11 ends with a white-space character (U+2009), which no region has (texts are read trimmed); write 'South'",
            error.Message);
    }

    [Theory]
    // Texts compare ignoring case, so they are spelt in one; a list of one text is ==, a list is sorted and each text once.
    [InlineData("region=='eu'", "region == 'EU'")]
    [InlineData("region in ('eu')", "region == 'EU'")]
    [InlineData("region NOT IN (\"eu\")", "region != 'EU'")]
    [InlineData("region in ('UK', 'eu', 'EU')", "region in ('EU', 'UK')")]
    [InlineData("not region in ('UK','EU') and revenue>=5e3", "(region not in ('EU', 'UK') and revenue >= 5000)")]
    // not before a text comparison is its negation: both are unknown for a missing text, and texts do not move with a margin.
    [InlineData("not region == 'eu'", "region != 'EU'")]
    [InlineData("not (region not in ('UK', 'EU'))", "region in ('EU', 'UK')")]
    [InlineData("not not region != 'EU'", "region != 'EU'")]
    [InlineData("region == 'O''Brien'", "region == 'O''BRIEN'")]
    public void Canonical_TextComparisons_ReadAlike(string text, string expected)
    {
        Assert.Equal(expected, RuleExpression.Canonical(text));
    }

    [Fact]
    public void Canonical_TextComparisonsThatDiffer_ReadApart()
    {
        Assert.NotEqual(RuleExpression.Canonical("region == 'EU'"), RuleExpression.Canonical("region != 'EU'"));
        Assert.NotEqual(RuleExpression.Canonical("region in ('EU', 'UK')"), RuleExpression.Canonical("region in ('EU')"));
        Assert.NotEqual(RuleExpression.Canonical("region == 'EU'"), RuleExpression.Canonical("channel == 'EU'"));
    }

    [Fact]
    public void Parse_UnknownMetricFarFromAnyKnown_NoSuggestion()
    {
        var error = ParseError("orders >= 1 and zzzzzzzz > 3");

        Assert.StartsWith("rule 'strategic': unknown metric 'zzzzzzzz' at position 17; known metrics:", error.Message);
    }

    [Theory]
    [InlineData("revenue >= abc", "expected a number or a percentile (p90, median) after '>=' at position 12; found 'abc'", 12)]
    [InlineData("revenue >=", "expected a number or a percentile (p90, median) after '>=' at position 11; found the end of the rule", 11)]
    [InlineData("revenue 250000", "expected a comparison operator (>=, <=, >, <, ==, !=) after 'revenue' at position 9; found '250000'", 9)]
    [InlineData("(revenue >= 1", "expected ')' at position 14 to close '(' at position 1; found the end of the rule", 14)]
    [InlineData("revenue >= 1)", "unexpected ')' at position 13 without a matching '('", 13)]
    [InlineData("revenue >= 1 orders >= 2", "expected 'and', 'or' or the end of the rule at position 14; found 'orders'", 14)]
    [InlineData("revenue >= 1 and", "expected a metric name, 'not' or '(' at position 17; found the end of the rule", 17)]
    [InlineData("and revenue >= 1", "expected a metric name, 'not' or '(' at position 1; found 'and'", 1)]
    // A comparison written number first names the metric-first spelling, with the operator turned round.
    [InlineData("250000 <= revenue", "expected a metric name, 'not' or '(' at position 1; found '250000'; put the metric first: revenue >= 250000", 1)]
    [InlineData("0.5 > otif", "expected a metric name, 'not' or '(' at position 1; found '0.5'; put the metric first: otif < 0.5", 1)]
    // A chain (as in maths) is two comparisons; the hint says how to write them rather than only what was expected.
    [InlineData("revenue > 1000 > 0", "expected 'and', 'or' or the end of the rule at position 16; found '>'; compare a metric with one number at a time and join comparisons with 'and'", 16)]
    // '> =' and '< =' are '>=' and '<=' with a space, not a misspelt '==' (which the hint for a lone '=' would send the writer to).
    [InlineData("revenue > = 5", "unknown operator '=' at position 11; write '>=' without a space", 11)]
    [InlineData("revenue < = 5", "unknown operator '=' at position 11; write '<=' without a space", 11)]
    [InlineData("otif >= 95 %", "unexpected '%' at position 12; write the percentage without a space, e.g. 95%", 12)]
    [InlineData("revenue >= +5", "unexpected '+' at position 12; write the number without '+', e.g. 5", 12)]
    // These named no fix (found by the segmentation config QA pass): arithmetic, a currency sign and a stray character now say what rules read.
    [InlineData("revenue >= 5 +", "unexpected character '+' at position 14; rules do no arithmetic: compare a metric with one number, e.g. revenue >= 25000", 14)]
    [InlineData("revenue >= 20000 * 2", "unexpected character '*' at position 18; rules do no arithmetic: compare a metric with one number, e.g. revenue >= 25000", 18)]
    [InlineData("revenue >= \u20AC20000", "unexpected character '\u20AC' at position 12; write amounts without a currency sign, e.g. revenue >= 20000", 12)]
    [InlineData("revenue >= $20000", "unexpected character '$' at position 12; write amounts without a currency sign, e.g. revenue >= 20000", 12)]
    [InlineData("otif >= %", "unexpected '%' at position 9; a percentage follows its number, e.g. 95%", 9)]
    [InlineData("", "expected a metric name, 'not' or '(' at position 1; the condition is empty", 1)]
    [InlineData("   ", "expected a metric name, 'not' or '(' at position 4; the condition is empty", 4)]
    [InlineData("revenue = 5", "unknown operator '=' at position 9; write '==' to compare", 9)]
    // '=>' is '>=' typed the other way round, not a misspelt '==' (which the hint for a lone '=' would send the writer to).
    [InlineData("revenue => 5", "unknown operator '=>' at position 9; write '>='", 9)]
    [InlineData("revenue =< 5", "unknown operator '=<' at position 9; write '<='", 9)]
    [InlineData("not! revenue >= 5", "unknown operator '!' at position 4; write 'not' to negate or '!=' to compare", 4)]
    [InlineData("revenue >= 250,000", "unexpected ',' at position 15; write numbers without thousands separators, e.g. 250000", 15)]
    [InlineData("revenue >= 12abc", "invalid number '12abc' at position 12; numbers look like 250000, 0.95 or 95%", 12)]
    [InlineData("revenue >= 1 && orders >= 2", "unexpected '&' at position 14; write 'and'", 14)]
    [InlineData("revenue >= 1 || orders >= 2", "unexpected '|' at position 14; write 'or'", 14)]
    [InlineData("revenue >= 1 #", "unexpected character '#' at position 14; " + ReadableParts, 14)]
    // A quoted text beside a numeric metric: the number was expected, and the metric is named as numeric.
    [InlineData("revenue == 'high'", "expected a number after '==' at position 12; found 'high', but revenue is a numeric metric (texts compare with text columns such as region or demand_class)", 12)]
    [InlineData("revenue in ('a')", "'in' at position 9 compares a text column with a list of texts, and revenue is numeric; compare it with a number (>=, <=, >, <, ==, !=)", 9)]
    [InlineData("revenue >= 'abc", "the text opened at position 12 is not closed; end it with ', e.g. region == 'EU'", 12)]
    [InlineData("revenue >= 1e999", "number '1e999' at position 12 is too large to read; write a threshold below 1e308", 12)]
    [InlineData("revenue <> 5", "unknown operator '<>' at position 9; write '!='", 9)]
    [InlineData("revenue >= 5 and ()", "expected a metric name, 'not' or '(' at position 19; found ')'", 19)]
    public void Parse_SyntaxError_OneLineWithPositionAndExpectation(string text, string detail, int position)
    {
        var error = ParseError(text);

        Assert.Equal($"rule 'strategic': {detail}", error.Message);
        Assert.Equal(position, error.Position);
        Assert.Equal("strategic", error.RuleName);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void Compile_TableWithoutUsedMetric_ThrowsNamingRuleAndMetric()
    {
        var expression = RuleExpression.Parse("core", "orders >= 2", Known);
        var metrics = new CustomerMetricSet(["c1"], [new MetricColumn("revenue", [1.0])]);

        var error = Assert.Throws<KeyNotFoundException>(() => expression.Compile(metrics));

        Assert.Equal("rule 'core': unknown metric 'orders'; known metrics: revenue.", error.Message);
    }
}
