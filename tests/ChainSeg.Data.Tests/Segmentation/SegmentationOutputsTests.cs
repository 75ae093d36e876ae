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
        using var connection = RunTables("""
            INSERT INTO r.assignments VALUES ('C1', 'core', 'm', 1, '', 'core', true), ('C2', 'inactive', 'm', 1, '', 'inactive', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 11700000, 2000000, 500, 0, 4, 0.5, 0.9, 100, 90, 50000),
                ('C2', -10.95, -3.73, 0, 1, 0, NULL, NULL, 0, 0, 0.004);
            """);
        var query = SegmentationOutputs.Queries("r", "otif.order").Single(q => q.File == "segment_summary.csv").Query;

        var share = connection.Query($"SELECT revenue_share FROM ({query}) WHERE segment = 'inactive'", r => r.GetDouble(0)).Single();

        Assert.Equal(0, share);
        Assert.False(double.IsNegative(share), "revenue_share is -0.0");
    }

    [Fact]
    public void SegmentSummary_SegmentWhoseReturnsOutweighItsSales_MarginAndCostToServePctEmpty()
    {
        // The inactive segment holds R, who sold before the window and returned 2 at 80 in it (revenue −160, cost of goods
        // −100, margin −60) and carries 999.32 of the returns pool: −60 ÷ −160 read a 37.5 % margin and 999.32 ÷ −160 a
        // cost-to-serve of −625 % of revenue, the cheapest segment to serve (found by the edge-case audit through the CLI).
        // Without positive revenue there is no share to take, as customer_metrics.csv leaves R's own empty.
        using var connection = RunTables("""
            INSERT INTO r.assignments VALUES ('C1', 'core', 'm', 1, '', 'core', true), ('R', 'inactive', 'm', 1, '', 'inactive', true),
                ('I', 'inactive', 'm', 1, '', 'inactive', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 2667, 1071, 9, 0, 2, 0.5, NULL, 0, 0, 2855.2),
                ('R', -160, -60, 0, 1, 0, NULL, NULL, 0, 0, 999.32), ('I', 0, 0, 0, 0, 0, NULL, NULL, 0, 0, 0);
            """);
        var query = SegmentationOutputs.Queries("r", "otif.order").Single(q => q.File == "segment_summary.csv").Query;

        var pcts = connection.Query($"SELECT segment, gross_margin_pct, cost_to_serve_pct FROM ({query})",
            r => (r.GetString(0), Margin: r.IsDBNull(1) ? (double?)null : r.GetDouble(1), Cost: r.IsDBNull(2) ? (double?)null : r.GetDouble(2)))
            .ToDictionary(x => x.Item1);

        Assert.Equal((null, null), (pcts["inactive"].Margin, pcts["inactive"].Cost));
        // 1,071 ÷ 2,667 and 2,855.2 ÷ 2,667, as before.
        Assert.Equal((0.4016, 1.0706), (pcts["core"].Margin, pcts["core"].Cost));
    }

    [Fact]
    public void SegmentSummary_NetRevenueOfTheModelNegative_SharesEmptyNotSignTurned()
    {
        // C1 sold 20, C2 sold 10 and returned 90 (net −80): the model's net is 20 − 80 = −60, and 20 / −60 read −33.3 % for
        // the segment that sold, −80 / −60 = 133.3 % for the one that returned (found by the edge-case audit through the CLI).
        // A net of 0 or less has no shares to take, as a net of 0 already had none.
        using var connection = RunTables("""
            INSERT INTO r.assignments VALUES ('C1', 'AZ', 'm', 1, '', 'AZ', true), ('C2', 'CZ', 'm', 1, '', 'CZ', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 20, NULL, 2, 0, 1, NULL, NULL, 0, 0, NULL), ('C2', -80, NULL, 1, 1, 1, NULL, NULL, 0, 0, NULL);
            """);
        var query = SegmentationOutputs.Queries("r", "otif.order").Single(q => q.File == "segment_summary.csv").Query;

        var shares = connection.Query($"SELECT segment, revenue_share FROM ({query})", r => (r.GetString(0), r.IsDBNull(1))).ToDictionary(x => x.Item1, x => x.Item2);
        var digest = SegmentationOutputs.Digest(connection, "r", "m", "otif.order").Segments.ToDictionary(f => f.Segment, f => f.RevenueShare);

        Assert.True(shares["AZ"] && shares["CZ"], "revenue_share is written");
        Assert.Null(digest["AZ"]);
        Assert.Null(digest["CZ"]);
    }

    [Fact]
    public void Digest_SegmentsWithSmallRevenueShares_ReadsTheSharesUnrounded()
    {
        // The run's console table printed segment_summary.csv's share rounded to four places: on UCI Online Retail (as of
        // 2011-12-09, default models) CX's 4,208.61 of 8,300,065.81 (0.0507 %) read "0.05 %" beside the small_segment
        // warning's "0.1 %", and a rule segment of two customers with 6.65 read "0.0 %" beside its "0.0001 %". The same
        // revenues here; the expected shares are 4,208.61 / 8,300,065.81 and 6.65 / 8,300,065.81, worked by hand.
        using var connection = RunTables("""
            INSERT INTO r.assignments VALUES ('C1', 'standard', 'm', 1, 'r', 'standard', true), ('C2', 'CX', 'm', 1, 'r', 'CX', true),
                ('C3', 'tiny', 'm', 1, 'r', 'tiny', true), ('C4', 'tiny', 'm', 1, 'r', 'tiny', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 8295850.55, NULL, 900, 0, 2, 0.5, NULL, 0, 0, NULL),
                ('C2', 4208.61, NULL, 20, 0, 1, 0.3, NULL, 0, 0, NULL), ('C3', 3.3, NULL, 1, 0, 1, NULL, NULL, 0, 0, NULL),
                ('C4', 3.35, NULL, 1, 0, 1, NULL, NULL, 0, 0, NULL);
            """);

        var shares = SegmentationOutputs.Digest(connection, "r", "m", "otif.order").Segments.ToDictionary(f => f.Segment, f => f.RevenueShare);

        Assert.Equal(4208.61 / 8300065.81, shares["CX"]!.Value, 12);
        Assert.Equal(6.65 / 8300065.81, shares["tiny"]!.Value, 12);
        Assert.Equal(8295850.55 / 8300065.81, shares["standard"]!.Value, 12);
    }

    [Fact]
    public void SegmentSummary_OtifRate_PoolsTheCustomersOrderCountsNotTheirRoundedRates()
    {
        // C1: 0 of 1 timed order OTIF; C2: 4 of 6, written 0.6667. The segment's OTIF is 4 of 7, 0.5714; weighing the
        // written rates by orders_timed gave (0 + 0.6667 × 6) ÷ 7 = 0.571457, 0.5715.
        using var connection = RunTables("""
            INSERT INTO r.assignments VALUES ('C1', 'core', 'm', 1, '', 'core', true), ('C2', 'core', 'm', 1, '', 'core', true);
            INSERT INTO r.customer_metrics VALUES ('C1', 100, NULL, 1, 0, 1, NULL, 0, 1, 0, NULL), ('C2', 600, NULL, 6, 0, 6, NULL, 0.6667, 6, 4, NULL);
            """);
        var query = SegmentationOutputs.Queries("r", "otif.order").Single(q => q.File == "segment_summary.csv").Query;

        Assert.Equal(0.5714, connection.Query($"SELECT otif_rate FROM ({query})", r => r.GetDouble(0)).Single());
    }

    // A run schema r with the tables the outputs read (assignments, customer_metrics, stability_summary), filled by `rows`.
    private static DuckDBConnection RunTables(string rows)
    {
        var connection = new DuckDBConnection("Data Source=:memory:");
        connection.Open();
        connection.Execute("""
            CREATE SCHEMA r;
            CREATE TABLE r.assignments (customer_id VARCHAR, segment VARCHAR, model VARCHAR, model_version INTEGER, reason VARCHAR,
                raw_segment VARCHAR, is_active_model BOOLEAN);
            CREATE TABLE r.customer_metrics (customer_id VARCHAR, revenue DOUBLE, gross_margin DOUBLE, lines BIGINT, return_lines BIGINT,
                orders_per_month DOUBLE, demand_cv DOUBLE, otif_rate DOUBLE, orders_timed BIGINT, orders_otif BIGINT, cost_to_serve DOUBLE);
            CREATE TABLE r.stability_summary (model VARCHAR, basis VARCHAR, from_period DATE, to_period DATE, customers_compared BIGINT,
                changed_share DOUBLE, adjusted_rand_index DOUBLE, entered BIGINT, exited BIGINT);
            """);
        connection.Execute(rows);
        // The metrics no test here sets, empty as for a run without products.
        connection.Execute("ALTER TABLE r.customer_metrics ADD COLUMN price_realisation DOUBLE; ALTER TABLE r.customer_metrics ADD COLUMN list_value DOUBLE; ALTER TABLE r.customer_metrics ADD COLUMN listed_revenue DOUBLE;");
        return connection;
    }
}
