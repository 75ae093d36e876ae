using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Inventory;

/// <summary>What the inventory-policy stage produced.</summary>
/// <param name="Rows">SKU-locations with a policy.</param>
/// <param name="SafetyStockValue">Σ max(safety stock, 0) × unit cost over the SKU-locations whose unit cost is known (a fill-rate
/// policy's negative safety stock holds no stock; as inventory_by_segment.csv sums it).</param>
/// <param name="AnnualCarryingCost">Σ (safety stock + Q/2) × unit cost × holding rate.</param>
public sealed record InventoryPolicySummary(long Rows, double SafetyStockValue, double AnnualCarryingCost);

/// <summary>
/// Safety stock, reorder point, EOQ, min/max and kanban per SKU × location. Daily and weekly demand (overall, per segment of
/// the active model, and summed over the segments that carry stock) are aggregated in SQL; the policy arithmetic runs in
/// ChainSeg.Core per row; results go back into the store with the appender.
/// </summary>
/// <remarks>
/// The demand class (Syntetos–Boylan) is read from weekly buckets; the policy itself from daily demand of the stocked segments,
/// since lead times are in days and stock is reviewed daily: lead-time demand d·L ± √(L σ_d² + d² σ_LT²) in days, the review
/// undershoot from the first three moments of daily demand, the model from <see cref="DemandModelSelection"/>.
/// </remarks>
public sealed class InventoryPolicyStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>Checks the inventory and cost settings before any data is read.</summary>
    /// <returns>How SKU-location targets are combined from segments, and what to do when they mix CSL and fill rate.</returns>
    /// <exception cref="ConfigurationException">A setting is invalid; the message names it and the fix.</exception>
    public static (TargetAggregation Aggregation, MixedTargetHandling Mixing) CheckSettings(ChainSegConfig config)
    {
        var settings = config.Policies.Inventory;
        (TargetAggregation, MixedTargetHandling) rule;
        try
        {
            rule = (PolicyVocabulary.ParseTargetAggregation(settings.TargetRule), PolicyVocabulary.ParseMixedTargetHandling(settings.MixedTargets));
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"policies.inventory: {e.Message.Split(" (Parameter '")[0]}");
        }
        // Every number is also refused when infinite or not a number (YAML's .inf, .nan): it passes a comparison and
        // reaches the SQL, where DuckDB's binder refuses it after the metrics have run.
        if (!(double.IsFinite(config.Costs.OrderingCost) && config.Costs.OrderingCost >= 0) || !(double.IsFinite(config.Costs.HoldingCostRate) && config.Costs.HoldingCostRate > 0))
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"costs: ordering_cost must be a number ≥ 0 and holding_cost_rate > 0 (a share of unit cost per year, e.g. 0.25); got {config.Costs.OrderingCost} and {config.Costs.HoldingCostRate}."));
        // A rate written as a percent (holding_cost_rate: 25) was taken as 2,500 % a year, and every EOQ and carrying cost with it.
        // A year's holding cost as a share of unit cost: above 0 (holding stock is never free) and at most all of it.
        ShareSetting.Require(config.Costs.HoldingCostRate, "costs.holding_cost_rate", ValueRange.PositiveUnit, 25, "a fraction of unit cost per year");
        if (!(double.IsFinite(settings.ReviewPeriodDays) && settings.ReviewPeriodDays >= 0))
            throw new ConfigurationException("policies.inventory.review_period_days must be ≥ 0 (0 = continuous review, 1 = nightly).");
        // Read by the inventory and multi-echelon stages near the end of a run: refused here, before any data is read.
        if (!(double.IsFinite(settings.DefaultLeadTimeDays) && settings.DefaultLeadTimeDays > 0))
            throw new ConfigurationException($"policies.inventory.default_lead_time_days must be > 0 (days from order to receipt); got {settings.DefaultLeadTimeDays}.");
        if (!(double.IsFinite(settings.DefaultLeadTimeSdDays) && settings.DefaultLeadTimeSdDays >= 0))
            throw new ConfigurationException($"policies.inventory.default_lead_time_sd_days must be ≥ 0; got {settings.DefaultLeadTimeSdDays}.");
        if (settings.MultiEchelonCsl is { } echelonCsl)
            ShareSetting.RequireOpenFraction(echelonCsl, "policies.inventory.multi_echelon_csl", 95);
        if (settings.MultiEchelonSkus < 0)
            throw new ConfigurationException($"policies.inventory.multi_echelon_skus must be ≥ 0 (0 skips the multi-echelon model); got {settings.MultiEchelonSkus}.");
        // α is an allowance on the demand over the lead time: kanban_safety_factor: 10, meant as 10 %, made eleven times the cards.
        ShareSetting.Require(settings.KanbanSafetyFactor, "policies.inventory.kanban_safety_factor", ValueRange.ClosedUnit, 10, "extra stock as a share of the demand over the lead time");
        if (settings.KanbanContainer is { } container && !(double.IsFinite(container) && container > 0))
            throw new ConfigurationException($"policies.inventory.kanban_container must be > 0 units, or left out for one week of demand; got {container}.");
        return rule;
    }

    /// <summary>Computes <c>inventory_policies</c> and <c>inventory_segment_parts</c>.</summary>
    /// <exception cref="ConfigurationException">A setting is invalid or segments mix target kinds under the refuse rule.</exception>
    public InventoryPolicySummary Run(ChainSegConfig config, MetricsOptions window, PolicyBook book)
    {
        var settings = config.Policies.Inventory;
        var (aggregation, mixing) = CheckSettings(config);

        CreateDemandTables(window, book);
        var rule = new SkuLocationTargetRule(aggregation, mixing);
        var rows = ReadRows(config);
        var policySettings = new InventoryPolicySettings(config.Costs.OrderingCost, settings.ReviewPeriodDays, settings.KanbanSafetyFactor, settings.KanbanContainer);
        var results = Compute(rows, rule, book, policySettings);
        Write(results);
        return new InventoryPolicySummary(results.Count, results.Where(r => double.IsFinite(r.Row.UnitCost)).Sum(r => Math.Max(r.SafetyStock, 0) * r.Row.UnitCost),
            results.Sum(r => r.Policy.AnnualCarryingCost));
    }

    // Daily totals per SKU-location and segment over the metrics window; weekly buckets from them (zero weeks included through
    // N: mean = Σq/N, variance = Σq²/N − mean²). Which segments carry stock is the policy book's call, written to a table so
    // the stocked daily demand (what the reorder point protects, and what the simulation resamples) is summed in SQL.
    private void CreateDemandTables(MetricsOptions window, PolicyBook book)
    {
        var s = Sql.Id(runSchema);
        // Demand is measured from the window start or the first order line if later: a window reaching before the data
        // (window: 10 years over two) would spread the units over days nobody could order on.
        var firstOrder = CustomerMetrics.EarliestOrderDate(connection, runSchema) ?? window.WindowStart;
        var start = CustomerMetrics.Date(firstOrder > window.WindowStart ? firstOrder : window.WindowStart);
        var end = CustomerMetrics.Date(window.AsOf);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.sku_location_daily AS
            SELECT l.sku, coalesce(l.location_id, '(unspecified)') AS location_id, coalesce(a.segment, 'unassigned') AS segment,
                   {Products.ProductAxisStage.LineClass} AS product_class,
                   CAST(l.order_date AS DATE) AS day, sum(l.quantity) AS q
            FROM {s}.order_lines l
            LEFT JOIN {s}.assignments a ON a.customer_id = l.customer_id AND a.is_active_model
            LEFT JOIN {s}.product_classes c ON c.sku = l.sku
            WHERE l.quantity > 0 AND CAST(l.order_date AS DATE) BETWEEN {start} AND {end}
            GROUP BY ALL;
            CREATE OR REPLACE TABLE {s}.sku_location_weekly AS
            SELECT sku, location_id, segment, product_class, CAST(date_trunc('week', day) AS DATE) AS week, sum(q) AS q
            FROM {s}.sku_location_daily GROUP BY ALL;
            CREATE OR REPLACE TABLE {s}.sku_location_demand AS
            WITH weeks AS (SELECT date_diff('week', date_trunc('week', {start}), date_trunc('week', {end})) + 1 AS n,
                                  date_diff('day', {start}, {end}) + 1 AS days),
            total AS (SELECT sku, location_id, product_class, week, sum(q) AS q FROM {s}.sku_location_weekly GROUP BY ALL),
            stats AS (
                SELECT sku, location_id, product_class, sum(q) AS total, sum(q * q) AS total_sq, count(*) AS demand_weeks,
                       date_diff('week', min(week), max(week)) AS span_weeks,
                       avg(q) AS nonzero_mean, var_pop(q) AS nonzero_var
                FROM total GROUP BY ALL)
            SELECT st.*, w.n AS weeks, w.days,
                   -- ADI and CV² need two demand weeks: one is single_demand, not an interval as long as the window.
                   CASE WHEN demand_weeks >= 2 THEN span_weeks / (demand_weeks - 1) END AS adi,
                   -- Rounded before the class is read off it: the sums behind it are added in whatever order the threads
                   -- finish, and a CV² that is exactly a cut-off (0.49) must not land on either side from run to run.
                   round(CASE WHEN demand_weeks >= 2 AND nonzero_mean > 0 THEN nonzero_var / (nonzero_mean * nonzero_mean) END, 9) AS cv2
            FROM stats st CROSS JOIN weeks w;
            CREATE OR REPLACE TABLE {s}.inventory_stocked_segments (segment VARCHAR, product_class VARCHAR, stocked BOOLEAN);
            """);
        // Whether a segment's demand carries stock is decided per cell: a product class can make a segment's demand for its
        // SKUs make-to-order (DEFINITIONS.md: make-to-order cells carry no safety stock).
        var cells = connection.Query($"SELECT DISTINCT segment, product_class FROM {s}.sku_location_daily ORDER BY ALL", r => (r.GetString(0), r.GetString(1)));
        using (var appender = connection.CreateAppender(runSchema, "inventory_stocked_segments"))
        {
            foreach (var (segment, productClass) in cells)
                appender.CreateRow().AppendValue(segment).AppendValue(productClass)
                    .AppendValue(book.ForProductClass(productClass).Resolve(segment).Policy.CarriesSafetyStock).EndRow();
        }
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.sku_location_stocked_daily AS
            SELECT d.sku, d.location_id, d.day, sum(d.q) AS q
            FROM {s}.sku_location_daily d
            JOIN {s}.inventory_stocked_segments g ON g.segment = d.segment AND g.product_class = d.product_class AND g.stocked
            GROUP BY ALL;
            """);
    }

    private sealed record SkuLocationRow(string Sku, string LocationId, double Weeks, double Total, double TotalSquared, double Adi, double Cv2, double Days,
        double StockedSum, double StockedSquares, double StockedCubes,
        double LeadTimeDays, double LeadTimeSdDays, bool LeadTimeFromData, double UnitCost, double HoldingRate, double OnHand, long DemandWeeks, string ProductClass,
        List<(string Segment, double Total, double TotalSquared)> Segments);

    private List<SkuLocationRow> ReadRows(ChainSegConfig config)
    {
        var s = Sql.Id(runSchema);
        var inv = config.Policies.Inventory;
        var rows = new Dictionary<(string, string), SkuLocationRow>();
        var ordered = new List<SkuLocationRow>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"""
                WITH stocked AS (
                    SELECT sku, location_id, sum(q) AS s1, sum(q * q) AS s2, sum(q * q * q) AS s3
                    FROM {s}.sku_location_stocked_daily GROUP BY ALL)
                SELECT d.sku, d.location_id, d.weeks, d.total, d.total_sq, d.adi, d.cv2, d.days,
                       coalesce(k.s1, 0), coalesce(k.s2, 0), coalesce(k.s3, 0),
                       i.lead_time_days, i.lead_time_sd_days, coalesce(i.unit_cost, p.unit_cost), i.holding_cost_rate, coalesce(i.on_hand, 0), d.demand_weeks, d.product_class
                FROM {s}.sku_location_demand d
                LEFT JOIN stocked k ON k.sku = d.sku AND k.location_id = d.location_id
                LEFT JOIN {s}.inventory i ON i.sku = d.sku AND i.location_id = d.location_id
                LEFT JOIN {s}.products p ON p.sku = d.sku
                ORDER BY d.sku, d.location_id
                """;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var fromData = !reader.IsDBNull(11);
                var row = new SkuLocationRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetDouble(3), reader.GetDouble(4),
                    reader.IsDBNull(5) ? double.NaN : reader.GetDouble(5), reader.IsDBNull(6) ? double.NaN : reader.GetDouble(6), reader.GetInt64(7), reader.GetDouble(8), reader.GetDouble(9), reader.GetDouble(10),
                    fromData ? reader.GetDouble(11) : inv.DefaultLeadTimeDays,
                    reader.IsDBNull(12) ? (fromData ? 0 : inv.DefaultLeadTimeSdDays) : reader.GetDouble(12), fromData,
                    reader.IsDBNull(13) ? double.NaN : reader.GetDouble(13),
                    reader.IsDBNull(14) ? config.Costs.HoldingCostRate : reader.GetDouble(14),
                    reader.GetDouble(15), reader.GetInt64(16), reader.GetString(17), []);
                rows[(row.Sku, row.LocationId)] = row;
                ordered.Add(row);
            }
        }
        foreach (var (sku, location, segment, total, squared) in connection.Query(
                     $"SELECT sku, location_id, segment, sum(q), sum(q * q) FROM {s}.sku_location_daily GROUP BY ALL ORDER BY ALL",
                     r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3), r.GetDouble(4))))
            rows[(sku, location)].Segments.Add((segment, total, squared));
        return ordered;
    }

    private sealed record PolicyRow(SkuLocationRow Row, string DemandClass, double WeeklyMean, double WeeklySd, SkuLocationPolicy Policy)
    {
        public double SafetyStock => Policy.Target.SafetyStock;
    }

    private static List<PolicyRow> Compute(List<SkuLocationRow> rows, SkuLocationTargetRule rule, PolicyBook book, InventoryPolicySettings settings)
    {
        var histories = rows.Select(row => new SkuLocationHistory(row.Days, row.StockedSum, row.StockedSquares, row.StockedCubes,
            row.Segments.Select(s =>
            {
                var (m, d) = SkuLocationPolicy.Moments(s.Total, s.TotalSquared, row.Days);
                return new SegmentDemand(s.Segment, new DemandRate(m, d, TimeUnit.Day));
            }).ToList(),
            new LeadTime(row.LeadTimeDays, row.LeadTimeSdDays, TimeUnit.Day), row.UnitCost, row.HoldingRate, row.ProductClass)).ToList();
        SkuLocationPolicyList policies;
        try
        {
            policies = SkuLocationPolicy.ComputeAll(histories, rule, book, settings);
        }
        catch (SkuLocationPolicyException e)
        {
            var row = rows[e.Index];
            throw new ConfigurationException($"inventory policy for {row.Sku} at {row.LocationId}: {e.Message.Split('\n')[0].Split(" (Parameter '")[0]}");
        }
        return [.. rows.Select((row, i) =>
        {
            var (weeklyMean, weeklySd) = SkuLocationPolicy.Moments(row.Total, row.TotalSquared, row.Weeks);
            return new PolicyRow(row, DemandClass(row), weeklyMean, weeklySd, policies[i]);
        })];
    }

    // Weekly Syntetos–Boylan class at the published cut-offs; one demand week is single_demand, as for customers (no interval
    // or size variation exists to classify).
    private static readonly SyntetosBoylanClassifier WeeklyClasses = new();

    private static string DemandClass(SkuLocationRow row) =>
        SyntetosBoylanClassifier.SegmentName(WeeklyClasses.ClassOf(row.DemandWeeks, row.Adi, row.Cv2));

    // Per segment served, the safety stock it needs: its reserve (segment_reserves) or what its own target needs on the pooled
    // stock (strictest handling of mixed targets); null under the other rules, written empty as every other empty field
    // (an empty string was written as "" in 11,446 of the demo's rows).
    // A weighted or converted target is written to six decimals, as analytic_csl and analytic_fill_rate are.
    private static string? SegmentSafetyStock(SkuLocationTarget target)
    {
        var parts = string.Join("; ", target.Parts
            .Where(p => p.SafetyStock is not null)
            .Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Segment} {Math.Round(p.EffectiveTarget!.Value, 6)} {p.EffectiveTarget.DefinitionId}: {Math.Round(p.SafetyStock!.Value, 3)}")));
        return parts.Length == 0 ? null : parts;
    }

    private void Write(List<PolicyRow> results)
    {
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.inventory_policies (sku VARCHAR, location_id VARCHAR, product_class VARCHAR, demand_class VARCHAR, demand_model VARCHAR,
                weekly_demand_mean DOUBLE, weekly_demand_sd DOUBLE, daily_demand_mean DOUBLE, daily_demand_sd DOUBLE, demand_days INTEGER,
                lead_time_days DOUBLE, lead_time_sd_days DOUBLE, lead_time_source VARCHAR,
                target_rule VARCHAR, target_definition VARCHAR, target DOUBLE, driving_segment VARCHAR, segment_safety_stock VARCHAR,
                review_undershoot DOUBLE, review_undershoot_sd DOUBLE, protected_demand_mean DOUBLE, protected_demand_sd DOUBLE,
                safety_stock DOUBLE, reorder_point DOUBLE, analytic_csl DOUBLE, analytic_fill_rate DOUBLE,
                order_qty DOUBLE, min_qty DOUBLE, max_qty DOUBLE, kanban_cards INTEGER, kanban_container DOUBLE, unit_cost DOUBLE,
                holding_cost_rate DOUBLE, annual_carrying_cost DOUBLE, on_hand DOUBLE, explanation VARCHAR);
            CREATE OR REPLACE TABLE {s}.inventory_segment_parts (sku VARCHAR, location_id VARCHAR, segment VARCHAR, stocked BOOLEAN, demand_share DOUBLE,
                daily_demand_mean DOUBLE, daily_demand_sd DOUBLE, target_definition VARCHAR, target DOUBLE, safety_stock DOUBLE);
            """);
        using (var appender = connection.CreateAppender(runSchema, "inventory_policies"))
        {
            foreach (var p in results)
            {
                var r = p.Row;
                var policy = p.Policy;
                var stocked = policy.IsStocked;
                appender.CreateRow().AppendValue(r.Sku).AppendValue(r.LocationId).AppendValue(r.ProductClass).AppendValue(p.DemandClass).AppendValue(policy.Model.ToString().ToLowerInvariant())
                    .AppendValue(Round(p.WeeklyMean)).AppendValue(Round(p.WeeklySd)).AppendValue(Math.Round(policy.DailyDemand.Mean, 6)).AppendValue(Math.Round(policy.DailyDemand.StandardDeviation, 6)).AppendValue((int)r.Days)
                    .AppendValue(r.LeadTimeDays).AppendValue(r.LeadTimeSdDays)
                    .AppendValue(r.LeadTimeFromData ? "inventory" : "default").AppendValue(PolicyVocabulary.Name(policy.Target.Aggregation))
                    .AppendValue(stocked ? policy.Target.Target!.DefinitionId : "make_to_order").AppendValue(stocked ? Math.Round(policy.Target.Target!.Value, 6) : null)
                    .AppendValue(policy.Target.DrivingSegment).AppendValue(SegmentSafetyStock(policy.Target))
                    .AppendValue(Round(policy.Undershoot.Mean)).AppendValue(Round(Math.Sqrt(policy.Undershoot.Variance)))
                    .AppendValue(Round(policy.Target.LeadTimeDemandMean)).AppendValue(Round(policy.Target.LeadTimeDemandSd))
                    .AppendValue(Round(policy.Target.SafetyStock)).AppendValue(Round(policy.Target.ReorderPoint))
                    .AppendValue(stocked ? Math.Round(policy.Promised.Csl, 6) : null).AppendValue(stocked ? Math.Round(policy.Promised.FillRate, 6) : null)
                    .AppendValue(Round(policy.OrderQty)).AppendValue(Round(policy.MinMax.Min)).AppendValue(Round(policy.MinMax.Max))
                    .AppendValue(policy.Kanban?.Cards).AppendValue(policy.KanbanContainer).AppendValue(double.IsFinite(r.UnitCost) ? r.UnitCost : null)
                    .AppendValue(r.HoldingRate).AppendValue(Math.Round(policy.AnnualCarryingCost, 2)).AppendValue(r.OnHand)
                    .AppendValue(policy.Target.Summary()).EndRow();
            }
        }
        using (var appender = connection.CreateAppender(runSchema, "inventory_segment_parts"))
        {
            foreach (var p in results)
                foreach (var (part, demand) in p.Policy.Target.Parts.Zip(p.Row.Segments))
                {
                    var (mean, sd) = SkuLocationPolicy.Moments(demand.Total, demand.TotalSquared, p.Row.Days);
                    appender.CreateRow().AppendValue(p.Row.Sku).AppendValue(p.Row.LocationId).AppendValue(part.Segment).AppendValue(part.Stocked).AppendValue(part.DemandShare)
                        .AppendValue(mean).AppendValue(sd)
                        .AppendValue(part.EffectiveTarget?.DefinitionId).AppendValue(part.EffectiveTarget?.Value).AppendValue(part.SafetyStock).EndRow();
                }
        }
    }

    private static double Round(double value) => double.IsFinite(value) ? Math.Round(value, 3) : value;
}
