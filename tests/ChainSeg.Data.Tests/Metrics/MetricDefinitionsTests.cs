using System.Globalization;
using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

public sealed class MetricDefinitionsTests
{
    [Fact]
    public void NumericNames_EveryClusteringDimension_HasClusterNamingWords()
    {
        // Any numeric metric may be a k-means dimension; each must name clusters in planner words, not "high avg order value".
        var missing = MetricDefinitions.NumericNames.Where(m => !ClusterNaming.HasTerms(m)).ToList();

        Assert.Empty(missing);
        Assert.Contains("avg_order_value", MetricDefinitions.NumericNames);
        Assert.Equal(("big-ticket", "low-ticket"), ClusterNaming.Terms("avg_order_value"));
        Assert.Equal(("well-served", "poorly-served"), ClusterNaming.Terms("otif_rate"));
    }

    [Fact]
    public void NumericNames_ClusterNamingWords_AreDistinctPerDirection()
    {
        // Two dimensions with the same word would make names ambiguous ("frequent" for both orders and orders_per_month is the one accepted pair).
        var words = MetricDefinitions.NumericNames.SelectMany(m => new[] { ClusterNaming.Terms(m).High, ClusterNaming.Terms(m).Low }).ToList();
        var repeated = words.GroupBy(w => w).Where(g => g.Count() > 1).Select(g => g.Key).ToList();

        Assert.Equal(["frequent"], repeated);
    }

    [Fact]
    public void NonNumericNames_AreTheOtherColumnsOfCustomerMetrics()
    {
        // Named in a rule or a model they are refused as text or dates, not as unknown metrics: each is a column there.
        Assert.Equal(new[] { "channel", "country", "customer_id", "demand_class", "first_order_date", "last_order_date", "name", "parent_id", "region" },
            MetricDefinitions.NonNumericNames.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("date", MetricDefinitions.NonNumericNames["first_order_date"]);
        Assert.Equal("text", MetricDefinitions.NonNumericNames["demand_class"]);
    }

    [Fact]
    public void For_EveryComputedColumnOfCustomerMetrics_HasADefinitionInOutputOrder()
    {
        // README: metric_definitions.csv gives "the definition id and meaning of every metric column". first_order_date and
        // last_order_date had none, though they are the first and last positive line in the window (empty for a customer
        // without one), not in all history as tenure_days counts: a run with a 6-month window left them empty beside
        // tenure_days 728. Only the id and the customer's attributes from customers.csv are no metric.
        string[] attributes = ["customer_id", "name", "parent_id", "country", "region", "channel"];
        var definitions = MetricDefinitions.For(new MetricsOptions(new DateOnly(2025, 6, 30), new DateOnly(2024, 7, 1)));

        Assert.Equal(CustomerMetrics.ColumnNames.Except(attributes), definitions.Select(d => d.Column));
        Assert.Contains("in the window", Assert.Single(definitions, d => d.Column == "first_order_date").Meaning, StringComparison.Ordinal);
        Assert.DoesNotContain("first_order_date", MetricDefinitions.NumericNames);
        Assert.DoesNotContain("last_order_date", MetricDefinitions.NumericNames);
    }

    [Theory]
    [InlineData("on_time_rate", "÷ orders with shipments of known timeliness (orders_timed and the on-time orders whose in-full is unknown)")]
    [InlineData("otif_rate", "÷ orders_timed")]
    [InlineData("in_full_rate", "÷ orders with shipments")]
    public void For_ServiceRates_NameTheDenominatorTheyAreComputedOver(string column, string denominator)
    {
        // On-time and OTIF are divided by the orders of known timeliness (orders_timed, see MarginAndOtifTests), which
        // orders_timed's own definition says; theirs read "÷ orders with shipments", the in-full rate's denominator. OTIF
        // also leaves out an on-time order whose in-full is unknown (UnknownQuantityShippedTests), which on-time counts.
        var definitions = MetricDefinitions.For(new MetricsOptions(new DateOnly(2025, 6, 30), new DateOnly(2024, 7, 1)));

        Assert.Contains(denominator, Assert.Single(definitions, d => d.Column == column).Meaning, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("the later of window start and the data's first order line (one length for every customer)")]
    [InlineData("a pool whose driver has no volume in the window is carried by no one (warned cost_pool_unattributed)")]
    public void For_CostToServe_SaysHowLongThePoolsAreChargedAndWhatIsLeftOut(string phrase)
    {
        // cts.abc read "years from the later of window start and first order line", beside "customer's share": read as the
        // customer's first line, as if a customer new in the window were charged fewer years, where every customer's share
        // is of one window's cost (CustomersCostDriverTests). Nor did it say that a pool without driver volume is in no
        // customer's cost (UnattributedCostPoolTests), so Σ cost_to_serve can fall short of the pools.
        var definitions = MetricDefinitions.For(new MetricsOptions(new DateOnly(2025, 6, 30), new DateOnly(2024, 7, 1)));

        Assert.Contains(phrase, Assert.Single(definitions, d => d.Column == "cost_to_serve").Meaning, StringComparison.Ordinal);
    }

    [Fact]
    public void For_UnderAnotherCurrentCulture_WritesNumbersInvariantly()
    {
        // metric_definitions.csv read "ADI 1,32, CV² 0,49" on a German machine.
        var options = new MetricsOptions(new DateOnly(2025, 6, 30), new DateOnly(2024, 7, 1)) { Otif = new OtifDefinition(InFullTolerance: 0.05) };
        var invariant = MetricDefinitions.For(options);
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");
            var local = MetricDefinitions.For(options);
            Assert.Equal(invariant, local);
            Assert.Contains("ADI 1.32, CV² 0.49", Assert.Single(local, d => d.Column == "demand_class").Meaning, StringComparison.Ordinal);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
