using ChainSeg.Core.Segmentation.Clustering;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class CustomerClusteringTests
{
    private static readonly string[] Columns = ["revenue", "orders_per_month", "demand_cv", "otif"];

    [Fact]
    public void Run_RepeatedCustomerIds_NamesTheFirstRepeatedOneAndItsCount()
    {
        var (ids, rows, _) = Archetypes(seed: 1);
        var repeated = ids.ToArray();
        repeated[5] = repeated[3] = repeated[1];
        repeated[4] = repeated[2];
        var settings = new ClusteringSettings { Features = new FeatureSpec(["revenue", "orders_per_month"], []), MinClusters = 2, MaxClusters = 3 };

        var error = Assert.Throws<ArgumentException>(() => CustomerClustering.Run(repeated, Columns, rows, settings));

        Assert.StartsWith($"Customer '{ids[1]}' appears 3 times; ids must be unique.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_MissingValue_ExplanationDoesNotCiteTheImputedMedian()
    {
        // C-1 ordered once, so it has no inter-order gap; the median it is imputed with must not read as its driver.
        string[] columns = ["avg_order_value", "mean_interorder_days"];
        double[][] rows = [[100, double.NaN], [110, 7], [90, 6], [1000, 7], [1100, 300], [900, 320]];
        var settings = new ClusteringSettings { Features = new FeatureSpec(columns, []), MinClusters = 2, MaxClusters = 2 };

        var outcome = CustomerClustering.Run(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6"], columns, rows, settings);

        Assert.Equal(["avg_order_value"], outcome.Assignments[0].Explanation.Drivers.Select(d => d.Dimension));
        Assert.Contains(outcome.Assignments.Skip(1), a => a.Explanation.Drivers.Any(d => d.Dimension == "mean_interorder_days"));
    }

    [Fact]
    public void Run_DimensionNoCustomerHas_CentroidInOriginalUnitsIsMissing()
    {
        // No shipments, so no OTIF: the constant it is imputed with is no centre of any cluster, in original units.
        string[] columns = ["revenue", "otif_rate"];
        double[][] rows = [[100, double.NaN], [110, double.NaN], [5000, double.NaN], [5200, double.NaN]];
        var settings = new ClusteringSettings { Features = new FeatureSpec(columns, []), MinClusters = 2, MaxClusters = 2 };

        var outcome = CustomerClustering.Run(["C-1", "C-2", "C-3", "C-4"], columns, rows, settings);

        Assert.All(outcome.Clusters, c => Assert.True(double.IsNaN(c.CentroidOriginal[1])));
        Assert.All(outcome.Clusters, c => Assert.False(double.IsNaN(c.CentroidOriginal[0])));
    }

    [Fact]
    public void Run_DimensionNoCustomerHas_ReasonDoesNotClaimAMedian()
    {
        // No shipments, so no OTIF for anyone: it is imputed with a stand-in constant (its centroid is empty), not with a
        // median of other customers. C-4's revenue is the mean, 45.5 / 7 = 6.5, so it has no driver and its reason lists what
        // is missing; "otif_rate missing, taken as the median" named a median no customer's value gave.
        string[] columns = ["revenue", "otif_rate"];
        double[][] rows = [[1, double.NaN], [2, double.NaN], [3, double.NaN], [6.5, double.NaN], [10, double.NaN], [11, double.NaN], [12, double.NaN]];
        var settings = new ClusteringSettings { Features = new FeatureSpec(columns, []), MinClusters = 2, MaxClusters = 2 };

        var outcome = CustomerClustering.Run(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7"], columns, rows, settings);

        Assert.Empty(outcome.Assignments[3].Explanation.Drivers);
        Assert.EndsWith("drivers: none (no known value deviates from the average toward this cluster; otif_rate known for no customer)",
            outcome.Assignments[3].Explanation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_ThreePlantedArchetypes_RecoveredNamedTieredAndExplained()
    {
        var (ids, rows, truth) = Archetypes(seed: 1);
        var settings = new ClusteringSettings
        {
            Features = new FeatureSpec(["revenue", "orders_per_month", "demand_cv"], ["revenue"]),
            MinClusters = 2,
            MaxClusters = 5,
            ServiceTiers = ["gold", "silver", "bronze"],
            ValueDimension = "revenue",
        };

        var outcome = CustomerClustering.Run(ids, Columns, rows, settings);

        Assert.Equal(3, outcome.Selection.ClusterCount);
        var labels = outcome.Assignments.Select(a => a.Cluster).ToArray();
        Assert.True(AdjustedRandIndex.Compute(truth, labels) >= 0.99);

        // Cluster 1 has the highest revenue centroid and is the gold tier; names are unique.
        Assert.Equal(["gold", "silver", "bronze"], outcome.Clusters.Select(c => c.TierName));
        Assert.True(outcome.Clusters[0].CentroidOriginal[0] > outcome.Clusters[1].CentroidOriginal[0]);
        Assert.Equal(3, outcome.Clusters.Select(c => c.Name).Distinct().Count());
        Assert.StartsWith("high-volume", outcome.Clusters[0].Name, StringComparison.Ordinal);
        Assert.Equal(1.0, outcome.Clusters.Sum(c => c.Share), 12);

        // The reason says why the cluster has its tier (the segment is the tier's name, which the cluster's alone did not explain).
        var first = outcome.Assignments[0];
        Assert.Equal("c0000", first.CustomerId);
        var tier = first.TierName;
        Assert.StartsWith($"cluster {first.Cluster + 1} ({first.ClusterName}; tier {tier} of gold/silver/bronze: rank {first.Cluster + 1} of 3 clusters by revenue): nearest centroid",
            first.Explanation.Text, StringComparison.Ordinal);
        Assert.Equal(first.Explanation.Text, new FittedClusterModel(outcome).Assign([first.CustomerId], Columns, [rows[0]])[0].Explanation.Text);
    }

    [Fact]
    public void Run_SizeLimits_EveryClusterWithinShares()
    {
        var (ids, rows, _) = Archetypes(seed: 2);
        var settings = new ClusteringSettings
        {
            Features = new FeatureSpec(["revenue", "orders_per_month", "demand_cv"], ["revenue"]),
            MinClusters = 3,
            MaxClusters = 3,
            SizeLimits = ClusterSizeLimits.FromShares(0.3, 0.4),
        };

        var outcome = CustomerClustering.Run(ids, Columns, rows, settings);

        Assert.All(outcome.Clusters, c => Assert.InRange(c.Share, 0.3, 0.4));
        Assert.True(outcome.Clusters[0].Size >= outcome.Clusters[1].Size);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(42)]
    public void Run_ValueDimensionNoCustomerHas_ClustersRankBySizeWhateverTheSeed(int seed)
    {
        // Tiers by otif_rate on data without shipments: every centroid sits at the same stand-in on it, so the value ranks
        // no cluster above another. Five customers at 1-5 orders a month and two at 40-41 make two clusters; numbered by the
        // order k-means++ happened to seed them, the two-customer cluster took gold under some seeds. Ties go to the larger.
        string[] columns = ["orders_per_month", "otif_rate"];
        double[][] rows = [[1, double.NaN], [2, double.NaN], [3, double.NaN], [4, double.NaN], [5, double.NaN], [40, double.NaN], [41, double.NaN]];
        var settings = new ClusteringSettings
        {
            Features = new FeatureSpec(columns, []),
            MinClusters = 2,
            MaxClusters = 2,
            Seed = seed,
            ValueDimension = "otif_rate",
            ServiceTiers = ["gold", "silver"],
        };

        var outcome = CustomerClustering.Run(["C-1", "C-2", "C-3", "C-4", "C-5", "C-6", "C-7"], columns, rows, settings);

        Assert.Equal([5, 2], outcome.Clusters.Select(c => c.Size));
        Assert.Equal(["gold", "silver"], outcome.Clusters.Select(c => c.TierName));
        // "rank 1 of 2 clusters by otif_rate" named a ranking otif_rate did not make.
        Assert.Equal("tier gold of gold/silver: rank 1 of 2 clusters by size (otif_rate alike in every cluster)", outcome.Clusters[0].TierReason);
    }

    [Fact]
    public void Run_SameSettings_IdenticalAssignments()
    {
        var (ids, rows, _) = Archetypes(seed: 3);
        var settings = new ClusteringSettings { Features = new FeatureSpec(["revenue", "demand_cv"], []), MinClusters = 2, MaxClusters = 4 };

        var first = CustomerClustering.Run(ids, Columns, rows, settings);
        var second = CustomerClustering.Run(ids, Columns, rows, settings);

        Assert.Equal(first.Assignments, second.Assignments, (a, b) => a.Cluster == b.Cluster && a.Explanation.Text == b.Explanation.Text);
    }

    [Fact]
    public void Run_TiersWithoutValueDimension_Throws()
    {
        var (ids, rows, _) = Archetypes(seed: 4);
        var settings = new ClusteringSettings { Features = new FeatureSpec(["revenue"], []), ServiceTiers = ["a", "b"] };

        Assert.Throws<ArgumentException>(() => CustomerClustering.Run(ids, Columns, rows, settings));
    }

    [Fact]
    public void Run_ValueDimensionNotClustered_Throws()
    {
        var (ids, rows, _) = Archetypes(seed: 4);
        var settings = new ClusteringSettings { Features = new FeatureSpec(["revenue"], []), ValueDimension = "otif" };

        var error = Assert.Throws<ArgumentException>(() => CustomerClustering.Run(ids, Columns, rows, settings));

        Assert.Contains("'otif'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Run_DuplicateCustomerId_Throws()
    {
        var settings = new ClusteringSettings { Features = new FeatureSpec(["revenue"], []), MinClusters = 1, MaxClusters = 1 };

        Assert.Throws<ArgumentException>(
            () => CustomerClustering.Run(["a", "a"], Columns, [[1, 1, 1, 1], [2, 2, 2, 2]], settings));
    }

    // Key accounts (big, frequent, steady), long tail (small, rare, erratic), replenishers (mid, very frequent, steady).
    private static (string[] Ids, double[][] Rows, int[] Truth) Archetypes(int seed)
    {
        var random = new Random(seed);
        var ids = new List<string>();
        var rows = new List<double[]>();
        var truth = new List<int>();
        (double Revenue, double Orders, double Cv, int Count)[] archetypes =
        [
            (500_000, 8, 0.2, 60),
            (2_000, 0.5, 1.4, 140),
            (40_000, 20, 0.3, 100),
        ];
        for (var a = 0; a < archetypes.Length; a++)
        {
            var (revenue, orders, cv, count) = archetypes[a];
            for (var m = 0; m < count; m++)
            {
                ids.Add($"c{ids.Count:0000}");
                rows.Add([
                    revenue * Math.Exp(0.2 * (random.NextDouble() - 0.5)),
                    orders * (1 + (0.2 * (random.NextDouble() - 0.5))),
                    cv + (0.1 * (random.NextDouble() - 0.5)),
                    0.9 + (0.1 * random.NextDouble()),
                ]);
                truth.Add(a);
            }
        }

        return (ids.ToArray(), rows.ToArray(), truth.ToArray());
    }
}
