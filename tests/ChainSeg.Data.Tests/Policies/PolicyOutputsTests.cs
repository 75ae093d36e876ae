using System.Globalization;
using ChainSeg.Data.Tests.Pipeline;

namespace ChainSeg.Data.Tests.Policies;

// Policies on a generated company with the default models (active abc-xyz → the default ABC×XYZ policy map).
public sealed class PolicyOutputsTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    private List<Dictionary<string, string>> Output(string file) => CsvFile.ReadRecords(Path.Combine(run.Output.Result.OutDirectory, file));

    private static double D(string text) => double.Parse(text, CultureInfo.InvariantCulture);

    [Fact]
    public void ServicePolicies_EveryActiveSegmentHasAPolicyNamingItsDefinition()
    {
        var segments = Output("assignments.csv").Where(a => a["is_active_model"] == "true").Select(a => a["segment"]).Distinct().Order().ToList();
        var policies = Output("service_policies.csv");
        Assert.Equal(segments, policies.Select(p => p["segment"]).Order());
        var ax = policies.SingleOrDefault(p => p["segment"] == "AX");
        if (ax is not null)
            Assert.Equal(("csl", "0.98", "make_to_stock", "1"), (ax["target_definition"], ax["target"], ax["fulfilment_mode"], ax["priority"]));
        Assert.All(policies.Where(p => p["fulfilment_mode"] == "make_to_order"), p => Assert.Equal(("none", "false"), (p["target_definition"], p["carries_safety_stock"])));
    }

    [Fact]
    public void InventoryPolicies_WeeklyDemandMatchesTheCleanOrderLines()
    {
        // LINQ over order_lines.csv (clean rows per truth/dirty_rows.csv): weekly buckets starting Monday over the whole
        // window, zero weeks included, population standard deviation.
        var dirty = run.Truth("dirty_rows.csv").Where(r => r["table"] == "order_lines").Select(r => long.Parse(r["row"], CultureInfo.InvariantCulture)).ToHashSet();
        var lines = CsvFile.ReadRecords(Path.Combine(run.Data, "order_lines.csv")).Select((l, i) => (l, Row: i + 1L))
            .Where(x => !dirty.Contains(x.Row) && D(x.l["quantity"]) > 0).Select(x => x.l).ToList();
        var dates = lines.Select(l => DateOnly.FromDateTime(DateTime.ParseExact(l["order_date"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture))).ToList();
        static DateOnly Monday(DateOnly d) => d.AddDays(-(((int)d.DayOfWeek + 6) % 7));
        var weeks = (Monday(dates.Max()).DayNumber - Monday(dates.Min()).DayNumber) / 7 + 1;

        var policies = Output("inventory_policies.csv");
        foreach (var policy in policies.OrderByDescending(p => D(p["weekly_demand_mean"])).Take(5))
        {
            var weekly = lines.Zip(dates).Where(x => x.First["sku"] == policy["sku"] && x.First["location_id"] == policy["location_id"])
                .GroupBy(x => Monday(x.Second)).Select(g => g.Sum(x => D(x.First["quantity"]))).ToList();
            var mean = weekly.Sum() / weeks;
            var variance = weekly.Sum(q => q * q) / weeks - mean * mean;
            Assert.Equal(mean, D(policy["weekly_demand_mean"]), 2);
            Assert.Equal(Math.Sqrt(variance), D(policy["weekly_demand_sd"]), 2);
        }
    }

    [Fact]
    public void InventoryPolicies_FiguresAreConsistent()
    {
        foreach (var p in Output("inventory_policies.csv").Where(p => p["target_definition"] == "csl"))
        {
            var q = D(p["order_qty"]);
            // EOQ = √(2KD/h) with K = 100 (default ordering cost), D = weekly mean × 365.25/7, h = unit cost × holding rate.
            var annual = D(p["weekly_demand_mean"]) * 365.25 / 7;
            var h = D(p["unit_cost"]) * D(p["holding_cost_rate"]);
            // The file's weekly mean is rounded to 3 decimals, which moves √D by up to half that relative error.
            var eoq = Math.Sqrt(2 * 100 * annual / h);
            Assert.InRange(Math.Abs(q - eoq) / eoq, 0, 0.5 * 0.0005 / D(p["weekly_demand_mean"]) + 1e-4);
            Assert.Equal(D(p["reorder_point"]), D(p["min_qty"]), 3);
            Assert.InRange(Math.Abs(D(p["reorder_point"]) + q - D(p["max_qty"])), 0, 0.002);
            Assert.True(D(p["safety_stock"]) > 0, $"{p["sku"]} at {p["location_id"]}");
            // Figures are rounded to 3 decimals (stock) and 2 (money) in the file.
            Assert.InRange(Math.Abs((D(p["safety_stock"]) + q / 2) * h - D(p["annual_carrying_cost"])), 0, h * 0.001 + 0.006);
        }
    }

    [Fact]
    public void MultiEchelon_OptimumNeverCostsMoreThanZeroServiceTimesEverywhere()
    {
        var rows = Output("multi_echelon.csv");
        Assert.NotEmpty(rows);
        foreach (var sku in rows.GroupBy(r => r["sku"]))
        {
            var first = sku.First();
            Assert.True(D(first["sku_total_cost_per_day"]) <= D(first["sku_cost_all_zero_service_times"]) + 1e-9);
            Assert.All(sku, r => Assert.Equal(D(r["inbound_service_time"]) + D(r["processing_time_days"]) - D(r["committed_service_time"]), D(r["net_replenishment_time"])));
            Assert.All(sku.Where(r => D(r["daily_demand_mean"]) > 0), r => Assert.Equal("0", r["committed_service_time"]));
        }
    }

    [Fact]
    public void Simulation_ReportsEverySimulatedSegmentWithRatesBetweenZeroAndOne()
    {
        var simulation = Output("simulation.csv");
        Assert.NotEmpty(simulation);
        Assert.All(simulation, s =>
        {
            Assert.InRange(D(s["achieved_csl"]), 0, 1);
            Assert.InRange(D(s["achieved_fill_rate"]), 0, 1);
            Assert.Contains("fill.unit", s["definitions"]);
        });
        var curve = Output("tradeoff_curve.csv");
        foreach (var group in curve.GroupBy(c => (c["segment"], c["demand_class"])))
        {
            var ordered = group.OrderBy(c => D(c["target"])).ToList();
            // Higher targets never hold less stock (same demand draws at every target).
            Assert.True(ordered.Zip(ordered.Skip(1)).All(p => D(p.Second["average_on_hand"]) >= D(p.First["average_on_hand"]) - 1e-9));
        }
    }
}
