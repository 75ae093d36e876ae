using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class MetricNameSuggestionTests
{
    private static readonly string[] Known = ["revenue", "returned_revenue", "orders", "orders_per_month", "demand_cv", "cv2", "otif_rate", "return_rate", "expedite_rate"];

    [Theory]
    [InlineData("revnue", "revenue")]        // two edits
    [InlineData("Orders", "orders")]         // case is ignored
    [InlineData("otif", "otif_rate")]        // a word of one name
    [InlineData("CV", "demand_cv")]          // the word of one name wins over cv2, one edit away
    [InlineData("order", "orders")]          // not a whole word of any name: the closest
    [InlineData("demand", "demand_cv")]
    public void For_MistypedOrShortName_SuggestsTheMetric(string typed, string expected) =>
        Assert.Equal(expected, MetricNameSuggestion.For(typed, Known));

    [Theory]
    [InlineData("rate")]                     // a word of three names: none stands out
    [InlineData("margin")]
    [InlineData("")]
    public void For_NothingStandsOut_Null(string typed) => Assert.Null(MetricNameSuggestion.For(typed, Known));

    [Fact]
    public void For_AWordOfSeveralNames_TheOneItStarts()
    {
        // orders_otif (OTIF's count) beside otif_rate made "otif" a word of two names, and the hint went quiet.
        string[] known = [.. Known, "orders_otif", "orders_timed"];

        Assert.Equal("otif_rate", MetricNameSuggestion.For("otif", known));
        Assert.Equal("orders_timed", MetricNameSuggestion.For("timed", known));
        Assert.Null(MetricNameSuggestion.For("rate", known));
    }

    // The leading words of one longer name: fill_rate is fill_rate_units (six edits away), order_cycle order_cycle_days.
    [Fact]
    public void For_TheLeadingWordsOfOneName_ThatName()
    {
        string[] kpis = ["otif_rate", "fill_rate_units", "order_cycle_days", "cost_to_serve_pct", "revenue"];

        Assert.Equal("fill_rate_units", MetricNameSuggestion.For("fill_rate", kpis));
        Assert.Equal("order_cycle_days", MetricNameSuggestion.For("Order_Cycle", kpis));
        Assert.Equal("cost_to_serve_pct", MetricNameSuggestion.For("cost_to_serve", kpis));
        Assert.Null(MetricNameSuggestion.For("orders_per", [.. Known, "orders_per_week"]));
    }

    // alerts.targets.perfect_orders (the count, not a KPI) got no hint: six edits from perfect_order_rate, and not its leading
    // words but for the plural. Words that lead one name's words, a plural s aside, name it.
    [Fact]
    public void For_WordsLeadingOneNamesWordsButForAPlural_ThatName()
    {
        var kpis = ChainSeg.Core.Monitoring.SegmentKpi.All.Select(k => k.Name).ToList();

        Assert.Equal("perfect_order_rate", MetricNameSuggestion.For("perfect_orders", kpis));
        Assert.Equal("order_cycle_days", MetricNameSuggestion.For("orders_cycle", kpis));
        // Two names it leads, one word alone, or words that lead none: no hint.
        Assert.Null(MetricNameSuggestion.For("perfect_orders", [.. kpis, "perfect_order_count"]));
        Assert.Null(MetricNameSuggestion.For("perfects", kpis));
        Assert.Null(MetricNameSuggestion.For("orders_late", kpis));
    }

    [Fact]
    public void Hint_WithAndWithoutSuggestion()
    {
        Assert.Equal(" (did you mean 'otif_rate'?)", MetricNameSuggestion.Hint("otif", Known));
        Assert.Equal("", MetricNameSuggestion.Hint("margin", Known));
    }
}
