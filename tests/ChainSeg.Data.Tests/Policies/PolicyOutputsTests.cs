using System.Globalization;
using ChainSeg.Data.Tests.Inventory;
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
    public void InventoryBySegment_MakeToOrderSegmentsHoldNoStockAndTheSegmentsAddUpToThePolicies()
    {
        // DEFINITIONS.md: make-to-order cells carry no safety stock, so none of it (nor its carrying cost) is theirs; the
        // stocked segments share all of it, which adds up to Σ max(safety stock, 0) × unit cost over inventory_policies.
        var noStock = Output("service_policies.csv").Where(p => p["carries_safety_stock"] == "false").Select(p => p["segment"]).ToHashSet();
        Assert.NotEmpty(noStock);
        var bySegment = Output("inventory_by_segment.csv");
        Assert.All(bySegment.Where(b => noStock.Contains(b["segment"])), b => Assert.Equal((0.0, 0.0), (D(b["safety_stock_value"]), D(b["annual_carrying_cost"]))));
        var policies = Output("inventory_policies.csv").Where(p => p["unit_cost"].Length > 0).ToList();
        var total = policies.Sum(p => Math.Max(D(p["safety_stock"]), 0) * D(p["unit_cost"]));
        Assert.Equal(total, bySegment.Sum(b => D(b["safety_stock_value"])), total * 1e-6 + 0.01 * bySegment.Count);
        Assert.Equal(policies.Sum(p => D(p["annual_carrying_cost"])), bySegment.Sum(b => D(b["annual_carrying_cost"])), 0.01 * bySegment.Count + 1);
        // run_summary.json reports the same total (it summed a fill-rate policy's negative safety stock too: 1 % less in a review).
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json")));
        Assert.Equal(total, summary.RootElement.GetProperty("inventory").GetProperty("safety_stock_value").GetDouble(), total * 1e-6 + 0.01);
    }

    [Fact]
    public void MultiEchelon_SizesStockOnTheStockedSegmentsDemandOnly()
    {
        // Make-to-order demand holds no stock (DEFINITIONS.md): the multi-echelon stages read the same stocked demand as
        // inventory_policies. Theirs is weekly ÷ 7 and inventory_policies' is daily, so the two differ by one constant
        // factor (days in the window ÷ 7 × weeks), the same for every SKU-location; demand of other segments would vary it.
        var stocked = Output("inventory_policies.csv").ToDictionary(p => (p["sku"], p["location_id"]), p => D(p["daily_demand_mean"]));
        var ratios = Output("multi_echelon.csv").Where(m => stocked.TryGetValue((m["sku"], m["location_id"]), out var daily) && daily >= 5)
            .Select(m => D(m["daily_demand_mean"]) / stocked[(m["sku"], m["location_id"])]).ToList();
        Assert.True(ratios.Count >= 10, $"only {ratios.Count} SKU-locations compared");
        Assert.InRange(ratios.Max() - ratios.Min(), 0, 5e-4);
        Assert.InRange(ratios.Average(), 0.95, 1.0);
    }

    [Fact]
    public void InventoryPolicies_FiguresAreConsistent()
    {
        var rows = Output("inventory_policies.csv");
        Assert.Contains(rows, p => p["target_definition"] == "csl");
        foreach (var p in rows)
            InventoryFigures.AssertConsistent(p);
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

    // Graves & Willems (2000) bound each stage's demand at its own service level: without multi_echelon_csl a stage
    // protects the CSL its SKU-location's policy promises (inventory_policies.analytic_csl), and a stage that supplies
    // others the highest among the stages it serves, its own included; the safety stock is Φ⁻¹(csl) · σ_pooled · √τ.
    [Fact]
    public void MultiEchelon_EachStageProtectsTheStrictestPolicyCslItServes()
    {
        // A policy without a promise (no stocked demand there) gives its stage none of its own.
        var promised = Output("inventory_policies.csv").Where(p => p["analytic_csl"].Length > 0)
            .ToDictionary(p => (p["sku"], p["location_id"]), p => Math.Clamp(D(p["analytic_csl"]), 0.5, 0.9999));
        var upstream = CsvFile.ReadRecords(Path.Combine(run.Data, "locations.csv"))
            .ToDictionary(l => l["location_id"], l => l["upstream_location_id"]);
        var rows = Output("multi_echelon.csv");
        Assert.NotEmpty(rows);
        var suppliers = 0;
        foreach (var sku in rows.GroupBy(r => r["sku"]))
        {
            foreach (var stage in sku)
            {
                // The stages a stage serves: itself and every location whose upstream chain passes through it.
                bool Serves(string location)
                {
                    for (var at = location; !string.IsNullOrEmpty(at); at = upstream[at])
                        if (at == stage["location_id"])
                            return true;
                    return false;
                }

                var served = upstream.Keys.Where(Serves).Where(l => promised.ContainsKey((sku.Key, l))).ToList();
                if (served.Count == 0)
                {
                    Assert.Equal(("", ""), (stage["csl"], stage["csl_source"]));
                    continue;
                }

                var strictest = served.Max(l => promised[(sku.Key, l)]);
                Assert.Equal(strictest, D(stage["csl"]), 9);
                if (served.Count > 1)
                    suppliers++;
                var z = MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, strictest);
                var pooledSd = Math.Sqrt(sku.Where(r => Serves(r["location_id"])).Sum(r => D(r["daily_demand_sd"]) * D(r["daily_demand_sd"])));
                // σ is written to 3 decimals, so the recomputed stock agrees to about a thousandth.
                var expected = z * pooledSd * Math.Sqrt(D(stage["net_replenishment_time"]));
                Assert.InRange(D(stage["safety_stock"]), expected - 0.01 - 1e-3 * expected, expected + 0.01 + 1e-3 * expected);
            }
        }

        Assert.True(suppliers > 0, "no stage supplying others was checked");
    }

    [Fact]
    public void Simulation_SegmentRowsPoolTheirSkuLocationsAndNameSegmentAndClassApart()
    {
        var simulation = Output("simulation.csv");
        var detail = Output("simulation_sku_locations.csv");
        Assert.NotEmpty(simulation);
        Assert.Equal(simulation.Sum(s => int.Parse(s["sku_locations"], CultureInfo.InvariantCulture)), detail.Count);
        foreach (var s in simulation)
        {
            var members = detail.Where(d => d["segment"] == s["segment"] && d["demand_class"] == s["demand_class"]).ToList();
            Assert.Equal(int.Parse(s["sku_locations"], CultureInfo.InvariantCulture), members.Count);
            var cycles = members.Sum(m => int.Parse(m["cycles"], CultureInfo.InvariantCulture));
            var stockouts = members.Sum(m => int.Parse(m["stockout_cycles"], CultureInfo.InvariantCulture));
            Assert.Equal(cycles, int.Parse(s["cycles"], CultureInfo.InvariantCulture));
            if (cycles == 0)
                Assert.Equal("", s["achieved_csl"]);
            else
                Assert.Equal(1.0 - (double)stockouts / cycles, D(s["achieved_csl"]), 4);
            var demanded = members.Sum(m => D(m["units_demanded"]));
            Assert.Equal(demanded, D(s["units_demanded"]), 6);
            // Without units demanded in the simulation (a single_demand group drew no demand day) no fill rate exists.
            if (demanded == 0)
                Assert.Equal(("", ""), (s["achieved_fill_rate"], s["analytic_fill_rate"]));
            else
            {
                Assert.Equal(members.Sum(m => D(m["units_filled"])) / demanded, D(s["achieved_fill_rate"]), 4);
                Assert.Equal(members.Sum(m => D(m["analytic_fill_rate"]) * D(m["units_demanded"])) / demanded, D(s["analytic_fill_rate"]), 4);
            }
            Assert.All(members, m => Assert.Equal(s["target_definition"] == "mixed" ? m["target_definition"] : s["target_definition"], m["target_definition"]));
            foreach (var rate in new[] { "achieved_csl", "achieved_fill_rate", "analytic_csl", "analytic_fill_rate", "ready_rate" }.Where(r => s[r].Length > 0))
                Assert.InRange(D(s[rate]), 0, 1);
            Assert.Contains("fill.unit", s["definitions"]);
        }

        // run_summary.json names segment and demand class as separate fields, with no separator character leaking.
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json")));
        var reported = summary.RootElement.GetProperty("simulation").EnumerateArray()
            .Select(e => (e.GetProperty("segment").GetString()!, e.GetProperty("demand_class").GetString()!)).ToList();
        Assert.Equal(simulation.Select(s => (s["segment"], s["demand_class"])).Order(), reported.Order());
        Assert.All(reported, r => Assert.DoesNotContain(r.Item1 + r.Item2, char.IsControl));
    }

    [Fact]
    public void TradeOffCurve_AtASegmentsOwnTarget_ReproducesItsSimulatedPolicies()
    {
        // One code path: with every SKU-location of a segment on the curve (default 50 per segment and class, from the same
        // sample, same ids, same seed), the curve point at the segment's own target simulates exactly the published policies.
        Assert.True(TradeOffFigures.AssertCurveReproducesSimulation(Output("simulation.csv"), Output("tradeoff_curve.csv"), 50) > 0);
    }

    [Fact]
    public void TradeOffCurve_EveryPoint_NamesTheDefinitionsOfItsRatesAsTheSimulationDoes()
    {
        // DEFINITIONS.md: every KPI names its definition. The curve's achieved_csl, achieved_fill_rate and ready_rate named
        // none (target_definition names the target swept, not what was measured), while simulation.csv's definitions column
        // named csl and fill.unit for the same measures; both simulate with daily review under the default settings.
        var definitions = Output("simulation.csv").Select(s => s["definitions"]).Distinct().Single();
        Assert.Contains("ready_rate = ", definitions);
        var curve = Output("tradeoff_curve.csv");
        Assert.NotEmpty(curve);
        Assert.All(curve, c => Assert.Equal(definitions, c["definitions"]));
    }

    [Fact]
    public void SimulationSkuLocations_EveryRow_NamesTheDefinitionsOfItsRatesAsTheSimulationDoes()
    {
        // DEFINITIONS.md: every KPI names its definition. simulation_sku_locations.csv's achieved_csl and achieved_fill_rate
        // named none, while simulation.csv, which pools these very rows, named csl and fill.unit in its definitions column.
        var definitions = Output("simulation.csv").Select(s => s["definitions"]).Distinct().Single();
        var detail = Output("simulation_sku_locations.csv");
        Assert.NotEmpty(detail);
        Assert.All(detail, d => Assert.Equal(definitions, d["definitions"]));
    }

    [Fact]
    public void Simulation_ReportsEverySimulatedSegmentWithRatesBetweenZeroAndOne()
    {
        var simulation = Output("simulation.csv");
        Assert.NotEmpty(simulation);
        Assert.All(simulation, s =>
        {
            // Empty only without a completed cycle; a segment with demand always has a fill rate (one without any has none).
            Assert.True(s["achieved_csl"].Length > 0 || s["cycles"] == "0");
            if (s["achieved_csl"].Length > 0)
                Assert.InRange(D(s["achieved_csl"]), 0, 1);
            Assert.Equal(D(s["units_demanded"]) > 0, s["achieved_fill_rate"].Length > 0);
            if (s["achieved_fill_rate"].Length > 0)
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
