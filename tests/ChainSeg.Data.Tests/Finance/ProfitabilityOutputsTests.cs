using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Tests.Pipeline;

namespace ChainSeg.Data.Tests.Finance;

// Checked with LINQ over the generated raw cost_pools.csv and the run's customer_metrics.csv, assignments.csv and
// inventory_by_segment.csv: never the product's own SQL.
public sealed class ProfitabilityOutputsTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    private static double Num(string s) => double.Parse(s, CultureInfo.InvariantCulture);

    private List<Dictionary<string, string>> Output(string file) => CsvFile.ReadRecords(Path.Combine(run.Output.Result.OutDirectory, file));

    private JsonElement Summary => JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json"))).RootElement;

    // The pools are charged for the days from the later of the window start and the data's first order line to as_of.
    private double ChargedYears()
    {
        var asOf = DateOnly.Parse(Summary.GetProperty("as_of").GetString()!, CultureInfo.InvariantCulture);
        var windowStart = DateOnly.Parse(Summary.GetProperty("window_start").GetString()!, CultureInfo.InvariantCulture);
        var dirty = run.Truth("dirty_rows.csv").Where(r => r["table"] == "order_lines").Select(r => long.Parse(r["row"], CultureInfo.InvariantCulture)).ToHashSet();
        var firstLine = CsvFile.ReadRecords(Path.Combine(run.Data, "order_lines.csv")).Where((_, i) => !dirty.Contains(i + 1L))
            .Min(l => DateOnly.ParseExact(l["order_date"][..10], "yyyy-MM-dd", CultureInfo.InvariantCulture));
        var from = firstLine > windowStart ? firstLine : windowStart;
        return (asOf.DayNumber - from.DayNumber + 1) / 365.25;
    }

    [Fact]
    public void CostToServe_GeneratedCompany_RowsSumToEachCustomersCostToServe()
    {
        var metrics = run.Output.MetricsByCustomer();
        var rows = Output("cost_to_serve.csv");
        // The pools, and freight and service events, the direct costs charged by default (a row each, driver direct).
        var pools = CsvFile.ReadRecords(Path.Combine(run.Data, "cost_pools.csv")).Count + 2;

        Assert.Equal(metrics.Count * pools, rows.Count);
        Assert.Equal(metrics.Count * 2, rows.Count(r => r["driver"] == "direct"));
        foreach (var customer in rows.GroupBy(r => r["customer_id"]))
            // Each row is rounded to the cent: at most half a cent per pool apart from the customer's rounded total.
            Assert.Equal(Num(metrics[customer.Key]["cost_to_serve"]), customer.Sum(r => Num(r["cost"])), 0.005 * (pools + 1));
        // README: cost is rate × volume to 1e-6, as the file writes them (the rate was written to 6 decimals, its cost the full rate's).
        foreach (var r in rows)
            Assert.True(Math.Abs(Num(r["rate"]) * Num(r["driver_volume"]) - Num(r["cost"])) <= 5e-7 + 1e-9,
                $"{r["customer_id"]} {r["pool"]}: {r["driver_volume"]} × {r["rate"]} is not {r["cost"]}");
    }

    [Fact]
    public void CostToServe_GeneratedCompany_EveryPoolIsFullyAttributedWithTheCustomersOwnDriverVolumes()
    {
        var metrics = run.Output.MetricsByCustomer();
        var rows = Output("cost_to_serve.csv");
        var years = ChargedYears();
        // The drivers customer_metrics counts, by the cost_pools driver they measure.
        var driverColumn = new Dictionary<string, string> { ["orders"] = "orders", ["lines"] = "lines", ["units"] = "units", ["shipments"] = "deliveries", ["returns"] = "return_lines", ["expedites"] = "expedites" };

        foreach (var pool in CsvFile.ReadRecords(Path.Combine(run.Data, "cost_pools.csv")))
        {
            var poolRows = rows.Where(r => r["pool"] == pool["activity"]).ToList();
            Assert.All(poolRows, r => Assert.Equal(pool["driver"], r["driver"]));
            // Rows rounded to cents drift from the pool: a rate × 1 return line rounds the same way for every customer with one.
            Assert.Equal(Num(pool["annual_cost"]) * years, poolRows.Sum(r => Num(r["cost"])), 0.01 + 1e-6 * poolRows.Count);
            if (driverColumn.TryGetValue(pool["driver"], out var column))
                Assert.All(poolRows, r => Assert.Equal(Num(metrics[r["customer_id"]][column]), Num(r["driver_volume"]), 6));
        }
    }

    [Fact]
    public void NetContribution_GeneratedCompany_IsRevenueLessCostOfGoodsLessCostToServe()
    {
        var metrics = run.Output.Metrics();

        Assert.Contains(metrics, m => Num(m["net_contribution"]) < 0);
        Assert.All(metrics, m => Assert.Equal(Num(m["revenue"]) - Num(m["cost_of_goods"]) - Num(m["cost_to_serve"]), Num(m["net_contribution"]), 9));
    }

    [Fact]
    public void SegmentPnl_GeneratedCompany_ReconcilesWithTheCustomersOfEachSegment()
    {
        var metrics = run.Output.MetricsByCustomer();
        var active = Output("assignments.csv").Where(a => a["is_active_model"] == "true").ToList();
        var model = active[0]["model"];
        var carrying = Output("inventory_by_segment.csv").ToDictionary(r => r["segment"], r => Num(r["annual_carrying_cost"]));
        var years = ChargedYears();
        var pnl = Output("segment_pnl.csv").Where(r => r["model"] == model).ToDictionary(r => r["segment"]);

        Assert.Equal(active.Select(a => a["segment"]).Distinct().Order(), pnl.Keys.Order());
        foreach (var segment in active.GroupBy(a => a["segment"]))
        {
            var row = pnl[segment.Key];
            var members = segment.Select(a => metrics[a["customer_id"]]).ToList();
            double Sum(string column) => members.Sum(m => Num(m[column]));
            Assert.Equal(members.Count, int.Parse(row["customers"], CultureInfo.InvariantCulture));
            Assert.Equal(Sum("revenue"), Num(row["revenue"]), 0.006);
            Assert.Equal(Sum("cost_of_goods"), Num(row["cost_of_goods"]), 0.006);
            Assert.Equal(Sum("cost_to_serve"), Num(row["cost_to_serve"]), 0.006);
            // The annual figure is charged for the window before rounding, once: inventory_by_segment.csv's, to the cent, is
            // within half a cent of it, so the product is within half a cent × years, and the rounding's half cent, of the row's.
            var carried = Num(row["carrying_cost"]);
            Assert.Equal(carrying.GetValueOrDefault(segment.Key) * years, carried, 0.005 * years + 0.005 + 1e-9);
            Assert.Equal(Sum("net_contribution") - carried, Num(row["net_contribution"]), 0.006);
            // The row reconciles on its own: revenue − cost of goods − cost-to-serve − carrying cost.
            Assert.Equal(Num(row["revenue"]) - Num(row["cost_of_goods"]) - Num(row["cost_to_serve"]) - Num(row["carrying_cost"]), Num(row["net_contribution"]), 0.006);
            Assert.Equal(Num(row["revenue"]) - Num(row["cost_of_goods"]), Num(row["gross_margin"]), 0.006);
            Assert.Equal(members.Count(m => Num(m["net_contribution"]) < 0), int.Parse(row["loss_making_customers"], CultureInfo.InvariantCulture));
            if (Num(row["revenue"]) > 0)
                Assert.Equal(Num(row["net_contribution"]) / Num(row["revenue"]), Num(row["net_contribution_pct"]), 0.00006);
        }
    }

    [Fact]
    public void SegmentCostToServe_GeneratedCompany_SplitsEachSegmentsCostByPool()
    {
        var costs = Output("cost_to_serve.csv").ToLookup(r => r["customer_id"]);
        var active = Output("assignments.csv").Where(a => a["is_active_model"] == "true").ToList();
        var pnl = Output("segment_pnl.csv").Where(r => r["model"] == active[0]["model"]).ToDictionary(r => r["segment"], r => Num(r["cost_to_serve"]));
        var split = Output("segment_cost_to_serve.csv").Where(r => r["model"] == active[0]["model"]).ToLookup(r => r["segment"]);

        foreach (var segment in active.GroupBy(a => a["segment"]))
        {
            var expected = segment.SelectMany(a => costs[a["customer_id"]]).GroupBy(c => c["pool"]).ToDictionary(g => g.Key, g => g.Sum(c => Num(c["cost"])));
            var rows = split[segment.Key].ToDictionary(r => r["pool"], r => Num(r["cost"]));
            // The file's customer rows are cents; the segment sums the costs before rounding: half a cent per customer apart at most.
            Assert.Equal(expected.Keys.Order(), rows.Keys.Order());
            Assert.All(expected, e => Assert.Equal(e.Value, rows[e.Key], 0.005 * segment.Count() + 0.005));
            Assert.Equal(pnl[segment.Key], rows.Values.Sum(), 0.005 * segment.Count() + 0.005 * rows.Count);
        }
    }

    [Fact]
    public void WhaleCurve_GeneratedCompany_RanksTheCustomersNetContributionsAndSummarisesThePeak()
    {
        var contributions = run.Output.Metrics().Select(m => Num(m["net_contribution"])).OrderDescending().ToList();
        var curve = Output("whale_curve.csv");
        var whale = Summary.GetProperty("whale_curve");
        var total = contributions.Sum();
        var peak = contributions.Where(c => c > 0).Sum();

        Assert.Equal(contributions, curve.Select(p => Num(p["net_contribution"])));
        Assert.Equal(total, Num(curve[^1]["cumulative_net_contribution"]), 0.01);
        Assert.Equal(peak, curve.Max(p => Num(p["cumulative_net_contribution"])), 0.01);
        Assert.Equal(peak / total, whale.GetProperty("peak_pct_of_total").GetDouble(), 4);
        Assert.Equal((double)contributions.Count(c => c > 0) / contributions.Count, whale.GetProperty("peak_customer_share").GetDouble(), 4);
        Assert.Equal((double)contributions.Count(c => c < 0) / contributions.Count, whale.GetProperty("loss_customer_share").GetDouble(), 4);
        Assert.Equal(-contributions.Where(c => c < 0).Sum(), whale.GetProperty("loss_amount").GetDouble(), 2);
    }
}
