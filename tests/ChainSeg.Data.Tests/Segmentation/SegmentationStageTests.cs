using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Tests.Segmentation;

// Customers who first order after a past period end, through the whole pipeline.
public sealed class SegmentationStageTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void Run_CustomerFirstOrdersInTheLastQuarter_HasNoSegmentBeforeAndEntersThere()
    {
        // A1 and A2 order every month from July 2024; N1 first orders in May 2025, the last quarter; M1 is in the master data
        // and never orders. N1 was no customer at the earlier ends: before, it was inactive there, and its first order
        // counted as a move out of inactive (Q1 → Q2: 4 compared, 1 changed, entered 0).
        var output = Run(hysteresis: null);

        var periods = PeriodAssignments(output);
        Assert.Equal(["2025-06-15"], periods.Where(r => r["customer_id"] == "N1").Select(r => r["period_end"]));
        Assert.Equal(Enumerable.Repeat("inactive", 4), periods.Where(r => r["customer_id"] == "M1").Select(r => r["segment"]));
        var last = Assert.Single(Summary(output), r => r["basis"] == "raw" && r["to_period"] == "2025-06-15");
        Assert.Equal(("3", "1", "0"), (last["customers_compared"], last["entered"], last["exited"]));
        Assert.Equal(0, double.Parse(last["changed_share"], CultureInfo.InvariantCulture));
        var transitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_stability.csv"))
            .Where(r => r["basis"] == "raw" && r["to_period"] == "2025-06-15").ToList();
        Assert.DoesNotContain(transitions, r => r["from_segment"] == "inactive" && r["to_segment"] != "inactive" && r["customers"] != "0");
        Assert.Equal("3", Assert.Single(Summary(output), r => r["basis"] == "raw" && r["to_period"] == "2025-03-31")["customers_compared"]);
    }

    [Fact]
    public void Run_PeriodsHysteresis_CustomerAppearingInTheLastQuarter_TakesItsSegmentAtOnce()
    {
        // Hysteresis holds back moves between segments, and a customer that was none before has nothing to move from.
        var output = Run(hysteresis: "hysteresis: { periods: 2 }");

        var n1 = Assert.Single(PeriodAssignments(output), r => r["customer_id"] == "N1");
        Assert.Equal(("premium", "premium"), (n1["raw_segment"], n1["segment"]));
        var assignment = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")), r => r["customer_id"] == "N1");
        Assert.Equal("premium", assignment["segment"]);
    }

    private PipelineOutput Run(string? hysteresis)
    {
        var data = _folder.Sub(hysteresis is null ? "plain" : "held");
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var order = 0;
        for (var month = new DateOnly(2024, 7, 15); month <= new DateOnly(2025, 6, 15); month = month.AddMonths(1))
        {
            lines.Append(CultureInfo.InvariantCulture, $"O{++order},A1,X,{month:yyyy-MM-dd},1,5000\n");
            lines.Append(CultureInfo.InvariantCulture, $"O{++order},A2,X,{month:yyyy-MM-dd},1,500\n");
        }
        lines.Append(CultureInfo.InvariantCulture, $"O{++order},N1,X,2025-05-15,1,9000\n");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), lines.ToString());
        File.WriteAllText(Path.Combine(data, "customers.csv"), "customer_id,name\nA1,A one\nA2,A two\nN1,New\nM1,Master only\n");
        var config = _folder.File($"{Path.GetFileName(data)}/chainseg.yaml", $$"""
            window: 3 months
            segmentation:
              active: tiers
              stability: { periods: 4, bucket: quarter }
              models:
                tiers:
                  method: rules
                  rules:
                    - segment: premium
                      when: "revenue >= 5000"
                  fallback: standard
                  {{hysteresis ?? ""}}
            """);
        return PipelineOutput.Run(data, Path.Combine(data, "out"), config);
    }

    private static List<Dictionary<string, string>> PeriodAssignments(PipelineOutput output) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "period_assignments.csv")).OrderBy(r => r["period_end"], StringComparer.Ordinal).ToList();

    private static List<Dictionary<string, string>> Summary(PipelineOutput output) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "stability_summary.csv")).ToList();

    public void Dispose() => _folder.Dispose();
}
