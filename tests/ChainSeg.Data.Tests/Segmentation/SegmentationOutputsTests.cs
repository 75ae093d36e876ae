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

    [Fact]
    public void SegmentSummary_InactiveSegmentWithReturnsOnly_WritesZeroShareNotMinusZero()
    {
        // An inactive customer whose only line in the window is a return of 10.95 (revenue −10.95, margin −3.73) beside an
        // active one with 11.7 M: its revenue share −10.95 / 11,700,000 = −9.4e-7 rounds to four places as −0.0, which the
        // CSV and the run's console printed as "-0.0" and "-0.0 %", a negative share of nothing.
        using var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("""
            CREATE SCHEMA r;
            CREATE TABLE r.assignments (customer_id VARCHAR, segment VARCHAR, model VARCHAR, model_version INTEGER, reason VARCHAR,
                raw_segment VARCHAR, is_active_model BOOLEAN);
            CREATE TABLE r.customer_metrics (customer_id VARCHAR, revenue DOUBLE, gross_margin DOUBLE, lines BIGINT, return_lines BIGINT,
                orders_per_month DOUBLE, demand_cv DOUBLE, otif_rate DOUBLE, orders_timed BIGINT, cost_to_serve DOUBLE);
            INSERT INTO r.assignments VALUES ('C1', 'core', 'm', 1, '', 'core', true), ('C2', 'inactive', 'm', 1, '', 'inactive', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 11700000, 2000000, 500, 0, 4, 0.5, 0.9, 100, 50000),
                ('C2', -10.95, -3.73, 0, 1, 0, NULL, NULL, 0, 0.004);
            """);
        var query = SegmentationOutputs.Queries("r", "otif.order").Single(q => q.File == "segment_summary.csv").Query;

        var (share, costPct) = connection.Query($"SELECT revenue_share, cost_to_serve_pct FROM ({query}) WHERE segment = 'inactive'",
            r => (r.GetDouble(0), r.GetDouble(1))).Single();

        Assert.Equal(0, share);
        Assert.False(double.IsNegative(share), "revenue_share is -0.0");
        // 0.004 / −10.95 = −0.000365 rounds to −0.0004 at four places: a true negative, kept as it is.
        Assert.Equal(-0.0004, costPct);
    }
}
