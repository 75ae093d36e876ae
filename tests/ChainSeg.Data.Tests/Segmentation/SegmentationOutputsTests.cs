using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class SegmentationOutputsTests
{
    [Fact]
    public void ClusterProfiles_CentroidRoundingToZeroFromBelow_WritesZeroNotMinusZero()
    {
        // A cluster whose members all have expedite_rate 0 gets mean + z·σ = −1e-18 back in original units; rounded to six
        // places that was written as -0.0, a negative rate.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("""
            CREATE SCHEMA r;
            CREATE TABLE r.cluster_profiles (model VARCHAR, cluster INTEGER, cluster_name VARCHAR, segment VARCHAR, tier INTEGER,
                customers BIGINT, customer_share DOUBLE, dimension_index INTEGER, dimension VARCHAR, log_scaled BOOLEAN, centroid DOUBLE, centroid_sigma DOUBLE);
            INSERT INTO r.cluster_profiles VALUES ('m', 1, 'bulk', 'bulk', NULL, 27, 0.09, 1, 'expedite_rate', false, -1e-18, -1e-6);
            """);
        var query = SegmentationOutputs.Queries("r", "otif").Single(q => q.File == "cluster_profiles.csv").Query;

        var (centroid, sigma) = connection.Query($"SELECT centroid, centroid_sigma FROM ({query})", r => (r.GetDouble(0), r.GetDouble(1))).Single();

        Assert.False(double.IsNegative(centroid), "centroid is -0.0");
        Assert.False(double.IsNegative(sigma), "centroid_sigma is -0.0");
    }
}
