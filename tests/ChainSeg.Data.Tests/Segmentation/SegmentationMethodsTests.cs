using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationMethodsTests
{
    private static (int, int) Range(int? minSegments = null, int? maxSegments = null, ClusterCountConfig? k = null) =>
        SegmentationMethods.ClusterRange(new SegmentationModelConfig { Method = "kmeans", MinSegments = minSegments, MaxSegments = maxSegments, K = k ?? new() }, "m");

    [Fact]
    public void KMeans_DimensionNoCustomerHas_WarnsNamingIt()
    {
        // 30 customers in three revenue groups; no OTIF at all, as in data without shipments.
        var ids = Enumerable.Range(0, 30).Select(i => $"C-{i:D2}").ToArray();
        var metrics = new CustomerMetricSet(ids,
        [
            new MetricColumn("revenue", Enumerable.Range(0, 30).Select(i => 100.0 * Math.Pow(10, i % 3) + i).ToArray()),
            new MetricColumn("otif_rate", Enumerable.Repeat(double.NaN, 30).ToArray()),
            new MetricColumn("orders", Enumerable.Repeat(4.0, 30).ToArray()),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue", "otif_rate"], K = new() { Min = 3, Max = 3 } };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "metric_without_values");
        Assert.Equal("no customer has a value for otif_rate, so it is one constant in the clustering and shapes no cluster; load the data it needs (shipments) or drop it from dimensions.", warning.Message);
        Assert.Equal(3, outcome.Assignments.Select(a => a.Segment).Distinct().Count());
    }

    [Fact]
    public void KMeans_DimensionSomeCustomersLack_WarnsHowManyAndTheMedianTheyWereGiven()
    {
        // Three of six customers ordered in one month only, so they have no demand_cv; k-means places them at the median of
        // the other three (0.4, 0.6, 0.9: 0.6). ABC warns of a value metric some customers lack (metric_partly_missing);
        // k-means filled the gap silently, and only a customer without any driver had its reason say so.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"],
        [
            new MetricColumn("revenue", [100, 200, 5_000, 6_000, 90_000, 95_000]),
            new MetricColumn("demand_cv", [0.4, double.NaN, 0.9, double.NaN, 0.6, double.NaN]),
            new MetricColumn("orders", [2, 1, 2, 1, 2, 1]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue", "demand_cv"], LogScale = ["revenue"], MinSegments = 2, MaxSegments = 3 };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "metric_partly_missing");
        Assert.Equal("3 of 6 customers have no demand_cv; k-means placed them at its median, 0.6, which their reasons never name as a driver.", warning.Message);
    }

    [Fact]
    public void KMeans_DimensionEveryCustomerHasAlike_WarnsItShapesNoCluster()
    {
        // Every order has one line, so lines_per_order is 1 for all six: its σ is 0, every customer sits at z = 0 on it and
        // it shapes no cluster, as a dimension nobody has a value for (metric_without_values), of which the run did warn.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"],
        [
            new MetricColumn("revenue", [100, 200, 5_000, 6_000, 90_000, 95_000]),
            new MetricColumn("lines_per_order", [1, 1, 1, 1, 1, 1]),
            new MetricColumn("orders", [2, 2, 2, 2, 2, 2]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue", "lines_per_order"], LogScale = ["revenue"], MinSegments = 2, MaxSegments = 3 };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "metric_constant");
        Assert.Equal("every customer has lines_per_order 1, so it shapes no cluster; drop it from dimensions.", warning.Message);
        Assert.DoesNotContain(outcome.Warnings, w => w.Message.Contains("revenue", StringComparison.Ordinal));
    }

    [Fact]
    public void KMeans_CustomersAllAlike_OneProfileWarningNotOnePerDimension()
    {
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3"],
            [new MetricColumn("revenue", [500, 500, 500]), new MetricColumn("lines_per_order", [2, 2, 2]), new MetricColumn("orders", [3, 3, 3])]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue", "lines_per_order"] };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.Equal("fewer_clusters_than_min_segments", Assert.Single(outcome.Warnings).Kind);
        Assert.All(outcome.Assignments, a => Assert.Equal("typical", a.Segment));
    }

    [Fact]
    public void KMeans_FewerDistinctProfilesThanMinSegments_WarnsInsteadOfLoweringSilently()
    {
        // Five customers with three distinct revenues and min_segments 4: three clusters at most, and the model says so.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4", "C-5"],
        [
            new MetricColumn("revenue", [100, 100, 1_000, 1_000, 10_000]),
            new MetricColumn("orders", [2, 2, 2, 2, 2]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"], MinSegments = 4, MaxSegments = 5 };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.Equal(3, outcome.Assignments.Select(a => a.Segment).Distinct().Count());
        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "fewer_clusters_than_min_segments");
        Assert.Equal("only 3 distinct customer profiles among 5 customers, so at most 3 clusters instead of min_segments 4.", warning.Message);
    }

    [Fact]
    public void KMeans_SingleCustomer_WarningCountsOneCustomer()
    {
        // One customer is one profile, so one cluster of min_segments 3; the run said "among 1 customers".
        var metrics = new CustomerMetricSet(["C-1"], [new MetricColumn("revenue", [2_500]), new MetricColumn("orders", [4])]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"] };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "fewer_clusters_than_min_segments");
        Assert.Equal("only 1 distinct customer profile among 1 customer, so at most 1 cluster instead of min_segments 3.", warning.Message);
    }

    [Fact]
    public void KMeans_MissingValueImputedIntoAnotherCustomersProfile_CountsThemAsOneProfile()
    {
        // C-1 ordered once (no inter-order gap); the median gap, 7 days, makes it C-2. Four rows, three profiles: the
        // warning and three clusters, not a failed run.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4"],
        [
            new MetricColumn("avg_order_value", [100, 100, 500, 900]),
            new MetricColumn("mean_interorder_days", [double.NaN, 7, 14, 7]),
            new MetricColumn("orders", [1, 2, 2, 3]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["avg_order_value", "mean_interorder_days"], MinSegments = 4, MaxSegments = 5 };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.Equal(3, outcome.Clusters.Count);
        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "fewer_clusters_than_min_segments");
        Assert.Equal("only 3 distinct customer profiles among 4 customers, so at most 3 clusters instead of min_segments 4.", warning.Message);
    }

    [Fact]
    public void KMeans_FewerClustersChosenThanTiers_WarnsThatTheLowerTiersHoldNobody()
    {
        // Two revenue groups (100-103 and 10,000-10,003): silhouette takes 2 clusters from [2, 3], so of gold/silver/bronze
        // the clusters take gold and silver by rank and bronze is given to nobody, which validation refuses when it is
        // certain (tiers beyond max_segments) and the run must say when the data makes it so.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7", "C-8"],
        [
            new MetricColumn("revenue", [100, 101, 102, 103, 10_000, 10_001, 10_002, 10_003]),
            new MetricColumn("orders", [2, 2, 2, 2, 2, 2, 2, 2]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"], MinSegments = 2, MaxSegments = 3, Tiers = ["gold", "silver", "bronze"] };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.Equal(["silver", "silver", "silver", "silver", "gold", "gold", "gold", "gold"], outcome.Assignments.Select(a => a.Segment));
        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "tier_without_cluster");
        Assert.Equal("2 clusters for 3 tiers, so tier bronze holds nobody (tiers go to clusters by rank of revenue, highest first); "
            + "set min_segments to 3 to use every tier, or drop bronze from tiers.", warning.Message);
    }

    [Fact]
    public void KMeans_FewerDistinctProfilesThanTiers_TierWarningDoesNotAdviseMinSegments()
    {
        // Two distinct revenues for three tiers: min_segments 3 cannot make a third cluster, so the advice to raise it (beside
        // fewer_clusters_than_min_segments) sent the user round in a circle.
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4"],
        [
            new MetricColumn("revenue", [100, 100, 9_000, 9_000]),
            new MetricColumn("orders", [2, 2, 2, 2]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"], MinSegments = 2, MaxSegments = 3, Tiers = ["gold", "silver", "bronze"] };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        var warning = Assert.Single(outcome.Warnings, w => w.Kind == "tier_without_cluster");
        Assert.Equal("2 clusters for 3 tiers, so tier bronze holds nobody (tiers go to clusters by rank of revenue, highest first); "
            + "the customers have only 2 distinct profiles, so no cluster count uses every tier; drop bronze from tiers.", warning.Message);
    }

    [Fact]
    public void KMeans_AsManyClustersAsTiers_NoTierWarning()
    {
        var metrics = new CustomerMetricSet(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"],
        [
            new MetricColumn("revenue", [100, 101, 10_000, 10_001, 1_000_000, 1_000_001]),
            new MetricColumn("orders", [2, 2, 2, 2, 2, 2]),
        ]);
        var model = new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"], LogScale = ["revenue"], MinSegments = 2, MaxSegments = 3, Tiers = ["gold", "silver", "bronze"] };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.Equal(["bronze", "bronze", "silver", "silver", "gold", "gold"], outcome.Assignments.Select(a => a.Segment));
        Assert.DoesNotContain(outcome.Warnings, w => w.Kind == "tier_without_cluster");
    }

    [Theory]
    [InlineData(false, "'big' (1 customer, 10.0 % of customers)", "merged from 'big' (10.0 % of customers < min_segment_share")]
    [InlineData(true, "'big' (1 account, 10.0 % of accounts)", "merged from 'big' (10.0 % of accounts < min_segment_share")]
    public void Rules_SegmentMergedUnderMinSegmentShare_NamesWhatTheShareCounts(bool rollUp, string warning, string reason)
    {
        // Under roll_up_hierarchy the rows are accounts, whose children follow them: "1.1 % of customers" read as counted
        // over every customer, children included, and a planner recounting the customers found more.
        var metrics = new CustomerMetricSet(Enumerable.Range(1, 10).Select(i => $"A-{i:D2}").ToArray(),
            [new MetricColumn("revenue", [1_000, 10, 10, 10, 10, 10, 10, 10, 10, 10]), new MetricColumn("orders", Enumerable.Repeat(2.0, 10).ToArray())]);
        var model = new SegmentationModelConfig
        {
            Method = "rules", RollUpHierarchy = rollUp, MinSegmentShare = 0.2, Fallback = "standard",
            Rules = [new RuleConfig { Segment = "big", When = "revenue >= 500" }],
        };

        var outcome = SegmentationMethods.Run("m", model, new MetricSnapshot(new DateOnly(2025, 12, 31), new DateOnly(2025, 1, 1), metrics, DemandBucket.Parse("month")));

        Assert.StartsWith(warning, Assert.Single(outcome.Warnings, w => w.Kind == "segment_merged").Message);
        Assert.StartsWith("standard: " + reason, outcome.Assignments[0].Reason);
    }

    // Three customers, none with an order in the window (a gap in the data).
    private static MetricSnapshot NobodyOrdered() => new(new DateOnly(2025, 6, 30), new DateOnly(2025, 1, 1), new CustomerMetricSet(["C-1", "C-2", "C-3"],
        [new MetricColumn("orders", [0, 0, 0]), new MetricColumn("revenue", [0, 0, 0]), new MetricColumn("demand_cv", [double.NaN, double.NaN, double.NaN])]),
        DemandBucket.Parse("month"));

    // Named by window: and as_of, not by the model: every model reads the same window, and it said "segmentation.models.m: …".
    [Fact]
    public void Run_NobodyOrderedAtTheRunsDate_SaysSoInTermsOfWindowAndAsOfNotTheModel()
    {
        var e = Assert.Throws<ConfigurationException>(() => SegmentationMethods.Run("m", new SegmentationModelConfig { Method = "kmeans", Dimensions = ["revenue"] }, NobodyOrdered()));
        Assert.Equal("no customer has an order in the window from 2025-01-01 to as_of 2025-06-30, so there is nothing to segment; " +
            "widen window: or set as_of (or --as-of) to a date with orders in the window before it.", e.Message);
    }

    [Fact]
    public void Run_NobodyOrderedAtAnEarlierPeriodEnd_EveryoneInactiveWithEachMarginAxis()
    {
        var model = new SegmentationModelConfig { Method = "abc_xyz", Hysteresis = new() { Margin = 0.1 } };

        var outcome = SegmentationMethods.Run("m", model, NobodyOrdered(), explain: false);

        Assert.Equal(["C-1", "C-2", "C-3"], outcome.Assignments.Select(a => a.CustomerId));
        Assert.All(outcome.Assignments, a => Assert.Equal(SegmentationMethods.Inactive, a.Segment));
        Assert.Equal(2, outcome.MarginAxes.Count);
        Assert.All(outcome.MarginAxes, axis => Assert.Equal(3, axis.Count));
    }

    [Fact]
    public void ClusterRange_MinAndMaxSegments_AreTheRange() => Assert.Equal((2, 4), Range(2, 4));

    [Fact]
    public void ClusterRange_KAlias_IsTheRange() => Assert.Equal((4, 5), Range(k: new() { Min = 4, Max = 5 }));

    [Fact]
    public void ClusterRange_Nothing_DefaultsThreeToSix() => Assert.Equal((3, 6), Range());

    [Fact]
    public void ClusterRange_OnlyMaxSegmentsBelowDefaultMin_MinFollowsIt() => Assert.Equal((2, 2), Range(maxSegments: 2));

    [Fact]
    public void ClusterRange_SegmentsAndAliasAgree_Accepted() => Assert.Equal((3, 5), Range(maxSegments: 5, k: new() { Max = 5 }));

    [Fact]
    public void ClusterRange_SegmentsAndAliasDisagree_ErrorNamesBoth()
    {
        var e = Assert.Throws<ConfigurationException>(() => Range(maxSegments: 4, k: new() { Max = 5 }));
        Assert.Equal("m: max_segments 4 and k.max 5 disagree; k: is an alias of min_segments/max_segments, keep one.", e.Message);
    }

    [Fact]
    public void ClusterRange_MinAboveMax_ErrorNamesTheRule()
    {
        var e = Assert.Throws<ConfigurationException>(() => Range(5, 3));
        Assert.Equal("m: min_segments 5 is above max_segments 3, so no cluster count lies between them; swap them (min_segments 3, max_segments 5) or lower min_segments to 3 or less.", e.Message);
    }

    [Fact]
    public void ClusterRange_AliasAllowsOneCluster_ErrorNamesTheAliasAndTheFix()
    {
        var e = Assert.Throws<ConfigurationException>(() => Range(k: new() { Min = 1, Max = 4 }));
        Assert.Equal("m: k.min 1 is below 2: one cluster puts every customer in one segment and tells none apart; set k.min to 2 or more.", e.Message);
    }
}
