using System.Globalization;
using System.Text;

namespace ChainSeg.Data.Tests.Segmentation;

// One customer's quarterly revenue path, written as monthly lines, through the whole pipeline.
public sealed class HysteresisPathTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public void PeriodsHysteresis_OnlyMemberOfASegmentDipsForAQuarter_IsHeldThere()
    {
        // H1 is the only customer over 10,000 a quarter, and dips to 5,000 in Q2 2025: with hysteresis { periods: 2 } the
        // dip is held in premium. Before, "nobody is in premium this period" released H1 to standard, and the recovery
        // was then held in standard: hysteresis made the path flip later, not less.
        var data = _folder.Sub("dip");
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var order = 0;
        void Quarterly(string customer, int year, int quarter, double revenue)
        {
            for (var m = 0; m < 3; m++)
                lines.Append(CultureInfo.InvariantCulture, $"O{++order},{customer},X,{year}-{(quarter - 1) * 3 + m + 1:00}-15,1,{revenue / 3:0.##}\n");
        }
        (int Year, int Quarter)[] quarters = [(2024, 3), (2024, 4), (2025, 1), (2025, 2), (2025, 3), (2025, 4)];
        double[] path = [5_000, 12_000, 12_000, 5_000, 12_000, 12_000];
        for (var q = 0; q < quarters.Length; q++)
        {
            Quarterly("H1", quarters[q].Year, quarters[q].Quarter, path[q]);
            for (var f = 1; f <= 5; f++)
                Quarterly($"F{f}", quarters[q].Year, quarters[q].Quarter, 3_000);
        }
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), lines.ToString());
        var config = _folder.File("dip/chainseg.yaml", """
            window: 3 months
            segmentation:
              active: byperiods
              stability: { periods: 6, bucket: quarter }
              models:
                byperiods:
                  method: rules
                  rules:
                    - segment: premium
                      when: "revenue >= 10000"
                  fallback: standard
                  hysteresis: { periods: 2 }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var h1 = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "period_assignments.csv"))
            .Where(r => r["customer_id"] == "H1").OrderBy(r => r["period_end"], StringComparer.Ordinal).ToList();
        var dip = Assert.Single(h1, r => r["period_end"] == "2025-06-30");
        Assert.Equal(("standard", "premium"), (dip["raw_segment"], dip["segment"]));
        // Standard at first, premium after two quarters over 10,000, and premium from there on through the dip.
        Assert.Equal(["standard", "standard", "premium", "premium", "premium", "premium"], h1.Select(r => r["segment"]));
    }

    [Fact]
    public void PeriodsHysteresis_ClassGivenForAMissingCv_LeftAtOnceWhenTheCvAppears()
    {
        // N1 first orders in March 2025: at 2025-03-31 its series is one month, no CV, so XYZ makes it Z for want of a
        // value. Three more steady months give a CV of 0 (X). README: a class that came without a value is no position to
        // hold; hysteresis { periods: 2 } held N1 in CZ ("raw CX for 1 of 2 consecutive periods"), as margin hysteresis does not.
        var data = _folder.Sub("nocv");
        var lines = new StringBuilder("order_id,customer_id,sku,order_date,quantity,unit_price\n");
        var order = 0;
        for (var month = new DateOnly(2024, 7, 5); month <= new DateOnly(2025, 6, 5); month = month.AddMonths(1))
        {
            for (var f = 1; f <= 5; f++)
                lines.Append(CultureInfo.InvariantCulture, $"O{++order},F{f},X,{month:yyyy-MM-dd},10,100\n");
            if (month >= new DateOnly(2025, 3, 1))
                lines.Append(CultureInfo.InvariantCulture, $"O{++order},N1,X,{month:yyyy-MM-dd},10,100\n");
        }
        lines.Append(CultureInfo.InvariantCulture, $"O{++order},F1,X,2025-06-28,10,100\n");
        File.WriteAllText(Path.Combine(data, "order_lines.csv"), lines.ToString());
        var config = _folder.File("nocv/chainseg.yaml", """
            segmentation:
              active: cells
              stability: { periods: 4, bucket: quarter }
              models:
                cells:
                  method: abc_xyz
                  hysteresis: { periods: 2 }
            """);

        var output = PipelineOutput.Run(data, Path.Combine(data, "out"), config);

        var n1 = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "period_assignments.csv"))
            .Where(r => r["customer_id"] == "N1").OrderBy(r => r["period_end"], StringComparer.Ordinal).ToList();
        Assert.Equal([("2025-03-31", "CZ", "CZ"), ("2025-06-28", "CX", "CX")], n1.Select(r => (r["period_end"], r["raw_segment"], r["segment"])));
        Assert.Equal("", n1[^1]["hysteresis"]);
    }

    public void Dispose() => _folder.Dispose();
}
