using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Segmentation;

/// <summary>One segment of the active model in the console summary.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="Customers">Customers in it.</param>
/// <param name="RevenueShare">Share of the model's revenue; null when total revenue is zero.</param>
/// <param name="OtifRate">Order OTIF over its orders of known timeliness (orders_timed); null without any.</param>
public sealed record SegmentFigure(string Segment, long Customers, double? RevenueShare, double? OtifRate);

/// <summary>The active model's latest period-to-period stability, after hysteresis and raw.</summary>
/// <param name="From">Earlier period end.</param>
/// <param name="To">Later period end (the run's as-of).</param>
/// <param name="ChangedShare">Share of customers in both periods whose segment (after hysteresis) changed.</param>
/// <param name="RawChangedShare">The same on the raw segments.</param>
/// <param name="AdjustedRandIndex">Agreement of the two periods' segments after hysteresis; NaN when undefined.</param>
public sealed record StabilityFigure(DateOnly From, DateOnly To, double ChangedShare, double RawChangedShare, double AdjustedRandIndex);

/// <summary>What the console shows of a run's segmentation: the active model's segments, stability and one explained customer.</summary>
/// <param name="Model">The active model.</param>
/// <param name="Segments">Its segments, largest revenue first.</param>
/// <param name="Stability">Latest transition, or null with a single period end.</param>
/// <param name="Example">The largest customer by revenue and why it is where it is.</param>
/// <param name="OtifDefinition">The definition id of the segments' OTIF rates (otif.order, otif.line, with their settings).</param>
public sealed record SegmentationDigest(string Model, IReadOnlyList<SegmentFigure> Segments, StabilityFigure? Stability, CustomerReason? Example, string OtifDefinition);

/// <summary>A customer, its segment and the reason.</summary>
public sealed record CustomerReason(string CustomerId, string Segment, string Reason);

/// <summary>The segmentation output files and the SQL that writes each from the run schema.</summary>
public static class SegmentationOutputs
{
    /// <summary>
    /// Reads the active model's figures for the console from the run schema (after the segmentation outputs exist), its
    /// segments from <paramref name="segmentSummary"/> (the run's stored segment_summary) or else segment_summary.csv's query.
    /// </summary>
    public static SegmentationDigest Digest(DuckDBConnection connection, string runSchema, string activeModel, string otifDefinition, string? segmentSummary = null)
    {
        var s = Sql.Id(runSchema);
        var model = Sql.Str(activeModel);
        static double? Nullable(DuckDBDataReader r, int i) => r.IsDBNull(i) ? null : Convert.ToDouble(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture);
        // The share is taken from the summary's revenue, not its revenue_share: segment_summary.csv's four places made
        // 0.0507 % print as "0.05 %" and 6.65 of 8.3 M as "0.0 %" beside the small_segment warning's "0.1 %" and "0.0001 %",
        // though a positive share is never to read as none.
        var segments = connection.Query(
            $"""
            SELECT segment, customers, CASE WHEN sum(revenue) OVER () > 0 THEN revenue / sum(revenue) OVER () + 0.0 END, otif_rate
            FROM ({segmentSummary ?? Queries(runSchema, otifDefinition).Single(q => q.File == "segment_summary.csv").Query})
            WHERE model = {model} ORDER BY revenue DESC NULLS LAST, segment
            """,
            r => new SegmentFigure(r.GetString(0), Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture), Nullable(r, 2), Nullable(r, 3)));
        var stability = connection.Query(
            $"""
            SELECT st.from_period, st.to_period, st.changed_share, raw.changed_share, st.adjusted_rand_index
            FROM {s}.stability_summary st JOIN {s}.stability_summary raw USING (model, from_period)
            WHERE st.model = {model} AND st.basis = 'stabilised' AND raw.basis = 'raw' ORDER BY st.to_period DESC LIMIT 1
            """,
            r => new StabilityFigure(DateOnly.FromDateTime(r.GetDateTime(0)), DateOnly.FromDateTime(r.GetDateTime(1)), Nullable(r, 2) ?? double.NaN,
                Nullable(r, 3) ?? double.NaN, Nullable(r, 4) ?? double.NaN)).FirstOrDefault();
        var example = connection.Query(
            $"""
            SELECT a.customer_id, a.segment, a.reason FROM {s}.assignments a JOIN {s}.customer_metrics m USING (customer_id)
            WHERE a.model = {model} ORDER BY m.revenue DESC NULLS LAST, a.customer_id LIMIT 1
            """,
            r => new CustomerReason(r.GetString(0), r.GetString(1), r.GetString(2))).FirstOrDefault();
        return new SegmentationDigest(activeModel, segments, stability, example, otifDefinition);
    }

    /// <summary>
    /// What each figure of segment_summary.csv is, by the customer metric it aggregates and how (written to
    /// metric_definitions.csv as <c>segment_summary.COLUMN</c>), so a segment's number is never read under another definition.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> SummaryDefinitions(MetricsOptions o)
    {
        var metric = MetricDefinitions.For(o).ToDictionary(d => d.Column, d => d.DefinitionId, StringComparer.Ordinal);
        MetricDefinition Of(string column, string how, string meaning) => new($"segment_summary.{column}", how, meaning);
        return
        [
            Of("customers", "segment.customers", "customers assigned to the segment (inactive ones included, in their own segment)"),
            Of("customer_share", "segment.customer_share", "customers ÷ the model's customers"),
            Of("revenue", $"sum({metric["revenue"]})", "Σ the customers' revenue"),
            Of("revenue_share", $"share({metric["revenue"]})", "Σ revenue ÷ the model's Σ revenue (net of returns, so a returns-only segment is negative and the others can pass 100 %); empty when the model's Σ revenue is 0 or less"),
            Of("gross_margin", $"sum({metric["gross_margin"]})", "Σ the customers' gross margin; empty when one customer's is unknown (an uncosted line)"),
            Of("gross_margin_pct", $"ratio({metric["gross_margin"]}, {metric["revenue"]})", "Σ gross margin ÷ Σ revenue; empty as gross_margin, or when Σ revenue is 0 or less"),
            Of("orders_per_month", $"mean({metric["orders_per_month"]})", "unweighted mean of the customers' orders per month (of the accounts' rolled-up rows where the model or the metrics roll up)"),
            Of("median_demand_cv", $"median({metric["demand_cv"]})", "median of the customers' demand CV, customers without one left out (of the accounts' rolled-up rows where the model or the metrics roll up)"),
            Of("otif_rate", $"pooled({metric["otif_rate"]})", o.Otif.Level == OtifLevel.Line
                ? "Σ OTIF order lines ÷ Σ order lines of known timeliness (the customers' orders_otif ÷ orders_timed, lines under otif.line): their OTIF rates weighted by orders_timed"
                : "Σ OTIF orders ÷ Σ orders of known timeliness (the customers' orders_otif ÷ orders_timed): their OTIF rates weighted by orders_timed"),
            Of("cost_to_serve", $"sum({metric["cost_to_serve"]})", "Σ the customers' cost-to-serve"),
            Of("cost_to_serve_pct", $"ratio({metric["cost_to_serve"]}, {metric["revenue"]})", "Σ cost-to-serve ÷ Σ revenue; empty when Σ revenue is 0 or less"),
            Of("price_realisation", $"pooled({metric["price_realisation"]})", "Σ revenue of the lines with a list price ÷ Σ their list value (the customers' listed_revenue ÷ list_value): their price realisation weighted by list value; empty without list prices"),
        ];
    }

    /// <summary>
    /// What each figure of segment_stability.csv and stability_summary.csv is (written to metric_definitions.csv as
    /// <c>FILE.COLUMN</c>), on either basis: raw (the method's segments) or stabilised (after hysteresis).
    /// </summary>
    public static IReadOnlyList<MetricDefinition> StabilityDefinitions() =>
    [
        new("segment_stability.customers", "stability.transitions", "customers in from_segment at from_period and in to_segment at to_period (inactive is a segment)"),
        new("segment_stability.row_share", "stability.row_share", "customers ÷ the customers in from_segment at from_period that have a segment at to_period, to 4 decimals as segment_summary's shares; empty when none has"),
        new("stability_summary.customers_compared", "stability.compared", "customers with a segment at both period ends"),
        new("stability_summary.changed_share", "stability.changed_share", "customers whose segment differs between the two ends ÷ customers_compared, to 4 decimals as segment_summary's shares"),
        new("stability_summary.adjusted_rand_index", "stability.ari",
            "adjusted Rand index (Hubert & Arabie 1985) of the two ends' segments over customers_compared: 1 for the same partition, about 0 for chance agreement; to 4 decimals"),
        new("stability_summary.entered", "stability.entered", "customers with a segment at to_period and none at from_period"),
        new("stability_summary.exited", "stability.exited", "customers with a segment at from_period and none at to_period"),
    ];

    /// <summary>
    /// What each figure of cluster_profiles.csv and cluster_selection.csv is (written to metric_definitions.csv as
    /// <c>FILE.COLUMN</c>): the units a centroid is in and what σ, silhouette and inertia are measured over.
    /// </summary>
    public static IReadOnlyList<MetricDefinition> ClusterDefinitions() =>
    [
        new("cluster_profiles.customers", "cluster.customers",
            "customers (accounts, where the model rolls up) the clustering placed in the cluster at as_of, under the size limits and before hysteresis (their raw_segment in assignments.csv); inactive customers are not clustered"),
        new("cluster_profiles.customer_share", "cluster.customer_share", "customers ÷ the active customers the clustering saw, to 4 decimals"),
        new("cluster_profiles.centroid", "cluster.centroid",
            "the fit's last centroid on the dimension in original units, a missing value counted at the dimension's median: the members' mean, or for a log_scaled dimension the back-transform of the mean of their sign(x)·ln(1 + |x|) (below their arithmetic mean when they are positive and differ); empty when no customer has a value; to 6 decimals"),
        new("cluster_profiles.centroid_sigma", "cluster.centroid_sigma",
            "(centroid − the clustered customers' mean) ÷ their population σ on the scale clustered (the log for a log_scaled dimension), as a reason's drivers are measured; to 4 decimals"),
        new("cluster_selection.silhouette", "cluster.silhouette",
            "mean silhouette (Rousseeuw 1987) of the k-cluster fit in σ units over one seeded sample of up to 4,000 customers, the same for every k: −1 to 1, higher separates better; the highest chooses k, ties to the smaller; empty for a k not fitted (feasible false); to 4 decimals"),
        new("cluster_selection.inertia", "cluster.inertia", "Σ over the clustered customers of the squared Euclidean distance to their cluster's centroid in σ units; empty for a k not fitted; to 2 decimals"),
        new("cluster_selection.feasible", "cluster.feasible", "whether size: min_share and max_share can be met with k clusters; a k that cannot is not fitted nor chosen"),
    ];

    /// <summary>
    /// True for a segment (over customer_metrics <c>m</c>) none of whose customers with a line has an unknown gross margin (an
    /// uncosted line): the sum of the others' would read as the segment's.
    /// </summary>
    internal const string MarginKnown = "count(CASE WHEN m.gross_margin IS NULL AND (m.lines > 0 OR m.return_lines > 0) THEN 1 END) = 0";

    /// <summary>The customer metrics segment_summary.csv averages per ordering relationship: over the accounts of a model that rolls up.</summary>
    public static IReadOnlyList<string> AccountFigures { get; } = ["orders_per_month", "demand_cv"];

    /// <summary>
    /// File name → query, in the order they are written; <paramref name="fromAccounts"/> names the models whose
    /// orders_per_month and CV are taken over their accounts' rolled-up rows (<see cref="SegmentationStage.SummaryFromAccounts"/>).
    /// </summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema, string otifDefinition, IReadOnlyCollection<string>? fromAccounts = null)
    {
        var s = Sql.Id(runSchema);
        // A model that rolls up on its own segments accounts (an account is one ordering relationship: its children's
        // orders are its orders); averaged over the customers' own rows, a head office without orders read 0 a month and
        // a BX segment whose accounts' CVs were all under X's 0.5 read a median of 0.60. Each account is assigned (it is
        // its own customer), so joining the assignments to the rolled-up rows counts each account once.
        var rolledUp = fromAccounts is { Count: > 0 } ? string.Join(", ", fromAccounts.Select(Sql.Str)) : null;
        var accountFigures = rolledUp is null ? "" : $"""
            LEFT JOIN (
                SELECT a.model, a.segment, avg(r.orders_per_month) AS orders_per_month, median(r.demand_cv) AS demand_cv
                FROM {s}.assignments a JOIN {s}.{Sql.Id("customer_metrics" + SegmentationStage.RollUpSuffix)} r USING (customer_id)
                WHERE a.model IN ({rolledUp}) GROUP BY a.model, a.segment
            ) r USING (model, segment)
            """;
        string PerRelationship(string aggregate, string column) =>
            rolledUp is null ? $"{aggregate}(m.{column})" : $"CASE WHEN a.model IN ({rolledUp}) THEN any_value(r.{column}) ELSE {aggregate}(m.{column}) END";
        // Shares of positive revenue only, as the customers' own: a segment whose returns outweigh its sales (the inactive
        // one's, −160) read −60 ÷ −160 as a 37.5 % margin and its cost-to-serve as a negative share, the cheapest to serve.
        const string positiveRevenue = "CASE WHEN sum(m.revenue) > 0 THEN sum(m.revenue) END";
        return
        [
            ("assignments.csv", $"SELECT customer_id, segment, model, model_version, reason, raw_segment, is_active_model FROM {s}.assignments ORDER BY NOT is_active_model, model, customer_id"),
            ("segment_summary.csv", $"""
                SELECT a.model, a.model_version, a.segment,
                    count(*) AS customers,
                    round(count(*) / sum(count(*)) OVER (PARTITION BY a.model), 4) AS customer_share,
                    -- + 0.0 writes a rounded -0 as 0: the inactive segment's few returns (−10.95 of 11.7 M) are a share of −9e-7.
                    round(sum(m.revenue), 2) + 0.0 AS revenue,
                    -- Of a positive net total only: with returns beyond sales (net −60) a segment that sold 20 read −33 % and the
                    -- one that returned 80 read 133 %, the signs turned round; a total of 0 or less has no shares to take.
                    CASE WHEN sum(sum(m.revenue)) OVER (PARTITION BY a.model) > 0
                        THEN round(sum(m.revenue) / sum(sum(m.revenue)) OVER (PARTITION BY a.model), 4) + 0.0 END AS revenue_share,
                    -- A segment with a customer whose cost of goods is unknown (an uncosted line) has no known margin: the sum of
                    -- the others' would read as the segment's.
                    CASE WHEN {MarginKnown} THEN round(sum(m.gross_margin), 2) + 0.0 END AS gross_margin,
                    CASE WHEN {MarginKnown} THEN round(sum(m.gross_margin) / {positiveRevenue}, 4) + 0.0 END AS gross_margin_pct,
                    round({PerRelationship("avg", "orders_per_month")}, 3) AS orders_per_month,
                    -- To 4 decimals, as the customers' CVs it takes the middle of: rounded to 3 again, a median half way between
                    -- two of them read a unit high (Online Retail's CZ 2.361 for 2.3605).
                    round({PerRelationship("median", "demand_cv")}, 4) AS median_demand_cv,
                    -- The customers' OTIF counts pooled: the rounded rates weighed read a unit high or low (0 of 1 and 4 of 6: 0.5715
                    -- for 4/7), and a count read back from its 4-decimal rate is exact below 10,000 timed orders only (12,344 of
                    -- 20,001 came back 12,345: 0.6172 for 12,344 of 20,002).
                    round(sum(m.orders_otif) / nullif(sum(m.orders_timed), 0), 4) AS otif_rate,
                    round(sum(m.cost_to_serve), 2) AS cost_to_serve,
                    round(sum(m.cost_to_serve) / {positiveRevenue}, 4) + 0.0 AS cost_to_serve_pct,
                    round(sum(m.listed_revenue) / nullif(sum(m.list_value), 0), 4) AS price_realisation,
                    {Sql.Str(otifDefinition)} AS otif_definition
                -- A left join: under metrics.roll_up_hierarchy customer_metrics lists accounts, and every model's children
                -- (no row there, their lines in their account's) still count as customers assigned, as assignments.csv lists them.
                FROM {s}.assignments a LEFT JOIN {s}.customer_metrics m USING (customer_id){accountFigures}
                GROUP BY a.model, a.model_version, a.segment ORDER BY a.model, revenue DESC NULLS LAST, a.segment
                """),
            ("period_assignments.csv", $"SELECT customer_id, model, period_end, raw_segment, segment, hysteresis FROM {s}.period_assignments ORDER BY model, period_end, customer_id"),
            ("segment_stability.csv", $"""
                SELECT model, basis, from_period, to_period, from_segment, to_segment, customers, round(row_share, 4) AS row_share
                FROM {s}.segment_stability ORDER BY model, basis, from_period, from_segment, to_segment
                """),
            // The shares to 4 decimals as row_share's; the store keeps them whole for the console and compare. + 0.0 writes a
            // rounded -0 as 0: an index of chance agreement can be a hair below 0.
            ("stability_summary.csv", $"""
                SELECT model, basis, from_period, to_period, customers_compared, round(changed_share, 4) AS changed_share,
                       round(adjusted_rand_index, 4) + 0.0 AS adjusted_rand_index, entered, exited
                FROM {s}.stability_summary ORDER BY model, basis, from_period
                """),
            ("cluster_profiles.csv", $"""
                -- + 0.0 writes a rounded -0 as 0: a cluster whose members all have a rate of 0 comes back as mean + z·σ = −1e-18.
                SELECT model, cluster, cluster_name, segment, tier, customers, round(customer_share, 4) AS customer_share, dimension, log_scaled,
                    round(centroid, 6) + 0.0 AS centroid, round(centroid_sigma, 4) + 0.0 AS centroid_sigma
                FROM {s}.cluster_profiles ORDER BY model, cluster, dimension_index
                """),
            ("cluster_selection.csv", $"""
                SELECT model, clusters, round(silhouette, 4) AS silhouette, round(inertia, 2) AS inertia, feasible, chosen
                FROM {s}.cluster_selection ORDER BY model, clusters
                """),
        ];
    }
}
