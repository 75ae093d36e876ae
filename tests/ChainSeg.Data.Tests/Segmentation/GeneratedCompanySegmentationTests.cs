using ChainSeg.Tests.Shared;
using System.Globalization;
using ChainSeg.Data.Tests.Pipeline;

namespace ChainSeg.Data.Tests.Segmentation;

// The generator's truth/customer_archetypes.csv says which behaviour each customer was given; the default behavioural
// k-means model should find those archetypes again without ever seeing them.
public sealed class GeneratedCompanySegmentationTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    private List<Dictionary<string, string>> Output(string file) => CsvFile.ReadRecords(Path.Combine(run.Output.Result.OutDirectory, file));

    // stability_summary.csv writes its shares to 4 decimals: half a unit of the last, and a hair for the double's own error.
    private const double FourDecimals = 0.00005 + 1e-12;

    [Fact]
    public void Behaviour_GeneratedCompany_RecoversPlantedArchetypes()
    {
        var truth = run.Truth("customer_archetypes.csv").ToDictionary(r => r["customer_id"], r => r["archetype"]);
        var found = Output("assignments.csv").Where(a => a["model"] == "behaviour" && a["segment"] != "inactive")
            .ToDictionary(a => a["customer_id"], a => a["segment"]);
        var ids = found.Keys.Where(truth.ContainsKey).ToList();
        Assert.True(ids.Count > 350, $"only {ids.Count} customers compared");
        var ari = PairCounting.AdjustedRandIndex(ids.Select(i => truth[i]).ToList(), ids.Select(i => found[i]).ToList());
        Assert.True(ari >= 0.8, $"adjusted Rand index {ari:F3} against the planted archetypes");
    }

    [Fact]
    public void Assignments_EveryModelCoversEveryCustomerOnceWithAReason()
    {
        var customers = Output("customer_metrics.csv").Select(m => m["customer_id"]).ToHashSet();
        foreach (var model in Output("assignments.csv").GroupBy(a => a["model"]))
        {
            Assert.Equal(customers.Order(), model.Select(a => a["customer_id"]).Order());
            Assert.All(model, a => Assert.False(string.IsNullOrWhiteSpace(a["reason"])));
        }
        Assert.Equal(["abc-xyz", "behaviour", "rfm"], Output("assignments.csv").Select(a => a["model"]).Distinct().Order());
        Assert.All(Output("assignments.csv"), a => Assert.Equal(a["model"] == "abc-xyz" ? "true" : "false", a["is_active_model"]));
    }

    [Fact]
    public void Stability_TransitionsAddUpAndAgreeWithTheSummary()
    {
        var transitions = Output("segment_stability.csv");
        var summary = Output("stability_summary.csv");
        Assert.Equal(3 * 3 * 2, summary.Count);
        Assert.Equal(["raw", "stabilised"], summary.Select(r => r["basis"]).Distinct().Order());
        foreach (var row in summary)
        {
            var cells = transitions.Where(t => t["model"] == row["model"] && t["basis"] == row["basis"] && t["from_period"] == row["from_period"]).ToList();
            var compared = long.Parse(row["customers_compared"], CultureInfo.InvariantCulture);
            Assert.Equal(compared, cells.Sum(c => long.Parse(c["customers"], CultureInfo.InvariantCulture)));
            var changed = cells.Where(c => c["from_segment"] != c["to_segment"]).Sum(c => long.Parse(c["customers"], CultureInfo.InvariantCulture));
            // The division to the file's 4 decimals: within half a unit of the last (DuckDB rounds halves away from zero).
            Assert.Equal(changed / (double)compared, double.Parse(row["changed_share"], CultureInfo.InvariantCulture), FourDecimals);
        }
    }

    [Fact]
    public void PeriodAssignments_SummaryRecomputedFromThemOnEitherBasis_Agrees()
    {
        var periods = Output("period_assignments.csv");
        foreach (var row in Output("stability_summary.csv"))
        {
            var column = row["basis"] == "raw" ? "raw_segment" : "segment";
            Dictionary<string, string> At(string end) => periods.Where(p => p["model"] == row["model"] && p["period_end"] == end).ToDictionary(p => p["customer_id"], p => p[column]);
            var (before, after) = (At(row["from_period"]), At(row["to_period"]));
            var both = before.Keys.Where(after.ContainsKey).Order().ToList();
            Assert.Equal(both.Count, int.Parse(row["customers_compared"], CultureInfo.InvariantCulture));
            Assert.Equal(both.Count(c => before[c] != after[c]) / (double)both.Count, double.Parse(row["changed_share"], CultureInfo.InvariantCulture), FourDecimals);
            // To the file's 4 decimals, up to the order of the floating-point sums behind the index.
            Assert.Equal(PairCounting.AdjustedRandIndex(both.Select(c => before[c]).ToList(), both.Select(c => after[c]).ToList()),
                double.Parse(row["adjusted_rand_index"], CultureInfo.InvariantCulture), FourDecimals);
        }
        // The last period end is the run's as-of: its rows are the assignments.
        var last = periods.Max(p => p["period_end"]);
        Assert.Equal(Output("assignments.csv").Select(a => (a["model"], a["customer_id"], a["segment"], a["raw_segment"])).Order(),
            periods.Where(p => p["period_end"] == last).Select(p => (p["model"], p["customer_id"], p["segment"], p["raw_segment"])).Order());
    }

    [Fact]
    public void AbcXyz_XyzLetter_FollowsTheDemandCvOfCustomerMetrics()
    {
        // The default cut-offs (X ≤ 0.5, Y ≤ 1.0) applied in the test to customer_metrics.csv's demand_cv, which the metrics
        // tests check against the raw lines: the class always agrees with the CV printed beside it.
        var metrics = Output("customer_metrics.csv").ToDictionary(m => m["customer_id"]);
        var cells = Output("assignments.csv").Where(a => a["model"] == "abc-xyz" && a["segment"] != "inactive").ToList();
        Assert.True(cells.Count > 350, $"only {cells.Count} customers compared");
        foreach (var a in cells)
        {
            var m = metrics[a["customer_id"]];
            var cv = m["demand_cv"] == "" || int.Parse(m["periods"], CultureInfo.InvariantCulture) < 2 ? double.NaN : double.Parse(m["demand_cv"], CultureInfo.InvariantCulture);
            var expected = cv <= 0.5 ? 'X' : cv <= 1.0 ? 'Y' : 'Z';
            Assert.True(expected == a["raw_segment"][1], $"{a["customer_id"]}: demand_cv {m["demand_cv"]} but {a["raw_segment"]} ({a["reason"]})");
        }
        Assert.Equal(["X", "Y", "Z"], cells.Select(a => a["raw_segment"][1..]).Distinct().Order());
    }

    [Fact]
    public void Summary_SegmentCountsAndRevenueAddUpToTheMetrics()
    {
        var metrics = Output("customer_metrics.csv");
        var revenue = metrics.Sum(m => decimal.Parse(m["revenue"], CultureInfo.InvariantCulture));
        foreach (var model in Output("segment_summary.csv").GroupBy(s => s["model"]))
        {
            Assert.Equal(metrics.Count, model.Sum(s => int.Parse(s["customers"], CultureInfo.InvariantCulture)));
            Assert.Equal(revenue, model.Sum(s => decimal.Parse(s["revenue"], CultureInfo.InvariantCulture)), 0);
            Assert.All(model, s => Assert.Equal("otif.order", s["otif_definition"]));
        }
    }

    [Fact]
    public void Guards_EveryModel_WarnsForSmallSegmentsAndTooManySegmentsOfItsFinalAssignments()
    {
        // DEFINITIONS.md guards: more than 6 segments, or a segment under 2 % of volume (revenue here; inactive is no tier).
        var revenue = Output("customer_metrics.csv").ToDictionary(m => m["customer_id"], m => Math.Max(0, double.Parse(m["revenue"], CultureInfo.InvariantCulture)));
        foreach (var model in Output("assignments.csv").Where(a => a["segment"] != "inactive").GroupBy(a => a["model"]))
        {
            var total = model.Sum(a => revenue[a["customer_id"]]);
            var bySegment = model.GroupBy(a => a["segment"]).ToDictionary(g => g.Key, g => g.Sum(a => revenue[a["customer_id"]]) / total);
            var expectedSmall = bySegment.Where(s => s.Value < 0.02).Select(s => s.Key).Order(StringComparer.Ordinal).ToList();
            var warnings = run.Output.Result.Segmentation.Models.Single(m => m.Model == model.Key).Warnings;
            // One warning names them, the first five of more after their count.
            var small = warnings.Where(w => w.StartsWith("small_segment", StringComparison.Ordinal)).ToList();
            Assert.Equal(expectedSmall.Count == 0 ? 0 : 1, small.Count);
            Assert.Equal(expectedSmall.Take(5), small.SelectMany(w => System.Text.RegularExpressions.Regex.Matches(w, "'(.+?)'").Select(m => m.Groups[1].Value)));
            if (expectedSmall.Count > 1)
                Assert.Contains($"{expectedSmall.Count} segments hold under 2 % of revenue each", small[0]);
            Assert.Equal(bySegment.Count > 6, warnings.Any(w => w.StartsWith("too_many_segments", StringComparison.Ordinal)));
        }
        // RFM's named segments and the 9 ABC×XYZ cells are more than operations can run as tiers.
        Assert.Contains(run.Output.Result.Segmentation.Models.Single(m => m.Model == "rfm").Warnings, w => w.StartsWith("too_many_segments", StringComparison.Ordinal));
    }

}
