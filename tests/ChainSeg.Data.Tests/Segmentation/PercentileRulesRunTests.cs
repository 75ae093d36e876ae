using System.Globalization;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Segmentation;

namespace ChainSeg.Data.Tests.Segmentation;

public sealed class PercentileRulesRunTests(SmallCompany company) : IClassFixture<SmallCompany>
{
    [Fact]
    public void Run_PercentileRule_SplitsAtThePercentileOfTheActiveCustomers()
    {
        var output = company.Run("""
            segmentation:
              active: top
              models:
                top:
                  method: rules
                  rules:
                    - segment: top_fifth
                      when: "revenue >= p80"
                    - segment: slow
                      when: "orders_per_month < median"
                  fallback: rest
            """);
        var metrics = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "customer_metrics.csv")).ToDictionary(m => m["customer_id"]);
        var assigned = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Where(a => a["model"] == "top").ToList();

        // The percentiles by hand from the published metrics (type 7: linear between ranks 1 + (n − 1)p, as Excel's
        // PERCENTILE.INC), over the customers with an order in the window: inactive ones are not segmented by the rules.
        static double Number(string text) => double.Parse(text, CultureInfo.InvariantCulture);
        var active = metrics.Values.Where(m => m["orders"].Length > 0 && Number(m["orders"]) > 0).ToList();
        var revenueP80 = Percentile(active.Select(m => Number(m["revenue"])), 0.8);
        var frequencyMedian = Percentile(active.Select(m => Number(m["orders_per_month"])), 0.5);
        string Expected(Dictionary<string, string> m) =>
            !active.Contains(m) ? SegmentationMethods.Inactive
            : Number(m["revenue"]) >= revenueP80 ? "top_fifth"
            : Number(m["orders_per_month"]) < frequencyMedian ? "slow"
            : "rest";

        Assert.Equal(metrics.Count, assigned.Count);
        Assert.All(assigned, a => Assert.Equal(Expected(metrics[a["customer_id"]]), a["segment"]));
        var top = assigned.Count(a => a["segment"] == "top_fifth");
        Assert.InRange(top, active.Count / 5 - 1, active.Count / 5 + 2);
        Assert.Contains(assigned, a => a["segment"] == "top_fifth" && a["reason"].Contains("(p80)", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_PercentileOfAShareHardenedPastOne_IsWarned()
    {
        // A quarter of the small company's customers are on time for nearly every order: p75 of on_time_rate is near 1, which a
        // 20 % margin hardens past 1, so the run says no customer can move into the segment (a written threshold as high is
        // refused by the configuration).
        var output = company.Run("""
            segmentation:
              active: punctual
              models:
                punctual:
                  method: rules
                  rules:
                    - segment: punctual
                      when: "on_time_rate >= p75"
                  fallback: rest
                  hysteresis: { margin: 0.2 }
            """);
        var metrics = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "customer_metrics.csv"));
        var onTime = metrics.Where(m => m["orders"].Length > 0 && double.Parse(m["orders"], CultureInfo.InvariantCulture) > 0 && m["on_time_rate"].Length > 0)
            .Select(m => double.Parse(m["on_time_rate"], CultureInfo.InvariantCulture)).ToList();
        var p75 = Percentile(onTime, 0.75);
        Assert.True(p75 * 1.2 > 1, $"p75 of on_time_rate is {p75}: the test needs one that 20 % hardens past 1");

        var model = output.Result.Segmentation.Models.Single(m => m.Model == "punctual");
        var warning = Assert.Single(model.Warnings, w => w.StartsWith("margin_out_of_reach", StringComparison.Ordinal));
        Assert.Contains($"p75 of on_time_rate is {p75.ToString("#,0.####", CultureInfo.InvariantCulture)} among these customers, and hysteresis.margin 20 % hardens it to on_time_rate ≥ 1.", warning);
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(rank);
        return below + 1 < sorted.Length ? sorted[below] + ((rank - below) * (sorted[below + 1] - sorted[below])) : sorted[below];
    }
}
