using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Inventory;

/// <summary>
/// The guaranteed-service model (Graves &amp; Willems 2000) on the location network for the highest-volume SKUs: stages are
/// locations linked by <c>upstream_location_id</c>, processing times their replenishment lead times in days, external demand
/// the daily demand at each location; the optimum is compared with every stage quoting zero service time.
/// </summary>
public sealed class MultiEchelonStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>
    /// Checks, right after ingest, that following <c>upstream_location_id</c> from any location ends at a source: a cycle
    /// would otherwise fail the multi-echelon model at the end of a run, after every other stage.
    /// </summary>
    /// <exception cref="ConfigurationException">The locations link in a cycle; the message lists it.</exception>
    public static void RequireNoUpstreamCycle(DuckDBConnection connection, string runSchema)
    {
        var upstream = connection.Query($"SELECT location_id, upstream_location_id FROM {Sql.Id(runSchema)}.locations WHERE upstream_location_id IS NOT NULL",
            r => (Id: r.GetString(0), Upstream: r.GetString(1))).GroupBy(l => l.Id).ToDictionary(g => g.Key, g => g.First().Upstream, StringComparer.Ordinal);
        var clear = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in upstream.Keys)
        {
            var path = new List<string>();
            for (var at = start; !clear.Contains(at); at = upstream[at])
            {
                if (path.IndexOf(at) is var seen and >= 0)
                    throw new ConfigurationException($"locations: upstream_location_id links {string.Join(" → ", path.Skip(seen).Append(at))} in a cycle, so no stock reaches them from a source; fix the upstream of one of them.");
                path.Add(at);
                if (!upstream.ContainsKey(at))
                    break;
            }
            clear.UnionWith(path);
        }
    }

    /// <summary>
    /// Solves the network for the top SKUs at one CSL for every stage, or, when <paramref name="csl"/> is null, at the CSL
    /// each stage's SKU-location policy promises (a stage that supplies others: the highest it serves); returns how many
    /// SKUs were solved.
    /// </summary>
    public int Run(ChainSegConfig config, int topSkus, double? csl)
    {
        var s = Sql.Id(runSchema);
        var locations = connection.Query($"SELECT location_id, upstream_location_id FROM {s}.locations", r => (Id: r.GetString(0), Upstream: r.IsDBNull(1) ? null : r.GetString(1)));
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.multi_echelon (sku VARCHAR, location_id VARCHAR, predecessor VARCHAR, processing_time_days INTEGER,
                daily_demand_mean DOUBLE, daily_demand_sd DOUBLE, inbound_service_time INTEGER, committed_service_time INTEGER,
                net_replenishment_time INTEGER, safety_stock DOUBLE, base_stock DOUBLE, holding_cost_per_day DOUBLE,
                sku_total_cost_per_day DOUBLE, sku_cost_all_zero_service_times DOUBLE, csl DOUBLE, csl_source VARCHAR, definition VARCHAR)
            """);
        if (locations.Count == 0 || !locations.Any(l => l.Upstream is not null))
            return 0;
        var skus = connection.Query($"SELECT sku FROM {s}.sku_location_stocked_daily GROUP BY sku ORDER BY sum(q) DESC, sku LIMIT {topSkus}", r => r.GetString(0));
        var solved = 0;
        using var appender = connection.CreateAppender(runSchema, "multi_echelon");
        foreach (var sku in skus)
        {
            var stages = Stages(sku, locations, config);
            var targets = csl is { } one
                ? stages.ToDictionary(st => st.Id, _ => new StageTarget(one, "policies.inventory.multi_echelon_csl"))
                : ServedTargets(stages);
            var network = new GsmNetwork
            {
                Z = 0,
                Nodes = stages.Select(st => new GsmNode
                {
                    Id = st.Id,
                    Predecessors = st.Predecessor is null ? [] : [st.Predecessor],
                    ProcessingTime = st.ProcessingDays,
                    HoldingCost = st.HoldingPerDay,
                    DemandMean = st.Mean,
                    DemandSd = st.Sd,
                    OutboundCst = st.Mean > 0 ? 0 : null,
                    Z = targets[st.Id] is { Csl: { } c } ? StandardNormal.InverseCdf(c) : null,
                }).ToList(),
            };
            var optimum = GuaranteedServiceModel.Optimize(network);
            var baseline = GuaranteedServiceModel.Evaluate(network, stages.ToDictionary(st => st.Id, _ => 0));
            foreach (var st in stages)
                appender.CreateRow().AppendValue(sku).AppendValue(st.Id).AppendValue(st.Predecessor).AppendValue(st.ProcessingDays)
                    .AppendValue(Math.Round(st.Mean, 3)).AppendValue(Math.Round(st.Sd, 3)).AppendValue(optimum.InboundServiceTimes[st.Id])
                    .AppendValue(optimum.CommittedServiceTimes[st.Id]).AppendValue(optimum.NetReplenishmentTimes[st.Id])
                    .AppendValue(Math.Round(optimum.SafetyStock[st.Id], 3)).AppendValue(Math.Round(optimum.BaseStock[st.Id], 3))
                    .AppendValue(st.HoldingPerDay).AppendValue(Math.Round(optimum.TotalCost, 4)).AppendValue(Math.Round(baseline.TotalCost, 4))
                    .AppendValue(targets[st.Id].Csl).AppendValue(targets[st.Id].Source).AppendValue("gsm.graves_willems_2000").EndRow();
            solved++;
        }
        return solved;
    }

    // The CSL a stage protects and where it comes from; no CSL where no stocked demand is served (nothing to protect).
    private sealed record StageTarget(double? Csl, string? Source);

    // Graves & Willems bound each stage's demand at a service level of its own. A stage with customers protects what its
    // SKU-location's policy promises them; a stage that also supplies others guarantees its service time to all of them, so
    // it bounds demand at the strictest level among the stages it serves, its own included. z must be finite and ≥ 0: a
    // policy promising less than 0.5 protects 0.5 (z = 0), one promising 1 to its column's rounding MaxStageCsl.
    private static Dictionary<string, StageTarget> ServedTargets(List<Stage> stages)
    {
        var customers = stages.Where(st => st.Predecessor is not null).ToLookup(st => st.Predecessor!, StringComparer.Ordinal);
        var strictest = new Dictionary<string, (double Csl, string Location)?>(StringComparer.Ordinal);
        (double Csl, string Location)? Strictest(Stage stage)
        {
            if (strictest.TryGetValue(stage.Id, out var known))
                return known;
            (double Csl, string Location)? best = stage.PolicyCsl is { } own ? (Math.Clamp(own, MinStageCsl, MaxStageCsl), stage.Id) : null;
            foreach (var customer in customers[stage.Id])
            {
                if (Strictest(customer) is { } theirs && (best is null || theirs.Csl > best.Value.Csl))
                    best = theirs;
            }

            return strictest[stage.Id] = best;
        }

        return stages.ToDictionary(st => st.Id, st => Strictest(st) is { } t
            ? new StageTarget(t.Csl, t.Location == st.Id ? $"analytic_csl of {st.Id}" : $"highest served: analytic_csl of {t.Location}")
            : new StageTarget(null, null), StringComparer.Ordinal);
    }

    private const double MinStageCsl = 0.5;
    private const double MaxStageCsl = 0.9999;

    private sealed record Stage(string Id, string? Predecessor, int ProcessingDays, double HoldingPerDay, double Mean, double Sd, double? PolicyCsl);

    // Daily demand from the weekly statistics of the stocked segments' demand (mean / 7, variance / 7): make-to-order demand
    // holds no stock (DEFINITIONS.md), as in the single-echelon policies. Lead times and costs from the inventory table, else
    // the configured defaults and the product's unit cost.
    private List<Stage> Stages(string sku, IReadOnlyList<(string Id, string? Upstream)> locations, ChainSegConfig config)
    {
        var s = Sql.Id(runSchema);
        var facts = connection.Query($"""
            SELECT l.location_id, d.total, d.total_sq, d.weeks, i.lead_time_days, coalesce(i.unit_cost, p.unit_cost), coalesce(i.holding_cost_rate, {Sql.Num(config.Costs.HoldingCostRate)}),
                policy.analytic_csl
            FROM {s}.locations l
            LEFT JOIN (
                SELECT location_id, sum(q) AS total, sum(q * q) AS total_sq, any_value(weeks) AS weeks
                FROM (SELECT w.location_id, w.week, sum(w.q) AS q FROM {s}.sku_location_weekly w
                      JOIN {s}.inventory_stocked_segments g ON g.segment = w.segment AND g.product_class = w.product_class AND g.stocked WHERE w.sku = {Sql.Str(sku)} GROUP BY ALL)
                CROSS JOIN (SELECT any_value(weeks) AS weeks FROM {s}.sku_location_demand)
                GROUP BY location_id
            ) d ON d.location_id = l.location_id
            LEFT JOIN {s}.inventory i ON i.location_id = l.location_id AND i.sku = {Sql.Str(sku)}
            LEFT JOIN {s}.products p ON p.sku = {Sql.Str(sku)}
            LEFT JOIN {s}.inventory_policies policy ON policy.location_id = l.location_id AND policy.sku = {Sql.Str(sku)}
            """, r => (Id: r.GetString(0), Total: r.IsDBNull(1) ? 0 : r.GetDouble(1), Squared: r.IsDBNull(2) ? 0 : r.GetDouble(2),
                Weeks: r.IsDBNull(3) ? 1 : r.GetInt64(3), Lead: r.IsDBNull(4) ? config.Policies.Inventory.DefaultLeadTimeDays : r.GetDouble(4),
                Cost: r.IsDBNull(5) ? 1.0 : r.GetDouble(5), Rate: r.GetDouble(6), PolicyCsl: r.IsDBNull(7) ? (double?)null : r.GetDouble(7)))
            .ToDictionary(f => f.Id);
        return locations.Select(l =>
        {
            var f = facts[l.Id];
            var weeklyMean = f.Total / f.Weeks;
            var weeklySd = Math.Sqrt(Math.Max(0, f.Squared / f.Weeks - weeklyMean * weeklyMean));
            return new Stage(l.Id, l.Upstream, Math.Max(1, (int)Math.Round(f.Lead)), f.Cost * f.Rate / 365.0, weeklyMean / 7, weeklySd / Math.Sqrt(7), f.PolicyCsl);
        }).ToList();
    }
}
