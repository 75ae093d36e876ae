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

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToArray();
        var rank = (sorted.Length - 1) * p;
        var below = (int)Math.Floor(rank);
        return below + 1 < sorted.Length ? sorted[below] + ((rank - below) * (sorted[below + 1] - sorted[below])) : sorted[below];
    }
}
