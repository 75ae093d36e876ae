using System.Globalization;

namespace ChainSeg.Data.Tests.Pipeline;

// The timing and demand metrics of every Online Retail customer, recomputed with LINQ over the raw file from the rules in
// metric_definitions.csv and README ("Segmentation": the demand series), never from the product's SQL. as_of is the
// data's last day, 2011-12-09, and the window the whole history from 2010-12-01: December 2010 is a whole first month,
// and December 2011 (9 of 31 days) is less than half over, so the monthly series ends with November 2011.
[Collection(OnlineRetailCollection.Name)]
public sealed class OnlineRetailDemandTests(OnlineRetailRun run)
{
    private static readonly DateOnly AsOf = new(2011, 12, 9);
    private static readonly DateOnly LastSeriesMonth = new(2011, 11, 1);

    private sealed record Line(string Invoice, int Quantity, decimal Price, DateOnly Day);

    private Dictionary<string, List<Line>> LinesByCustomer() =>
        run.Raw.Where(r => r["CustomerID"].Length > 0)
            .GroupBy(r => r["CustomerID"].Replace(".0", "", StringComparison.Ordinal))
            .ToDictionary(g => g.Key, g => g.Select(r => new Line(r["InvoiceNo"], int.Parse(r["Quantity"], CultureInfo.InvariantCulture),
                decimal.Parse(r["UnitPrice"], CultureInfo.InvariantCulture),
                DateOnly.FromDateTime(DateTime.ParseExact(r["InvoiceDate"], "yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)))).ToList());

    private Dictionary<string, Dictionary<string, string>> Metrics() =>
        CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "customer_metrics.csv")).ToDictionary(m => m["customer_id"]);

    // Within half a unit of the last decimal the output keeps (the product rounds half away from zero, xunit's precision
    // overload to even, so a value ending in 5 would fail on the rounding alone).
    private static void Near(double expected, string written, int decimals) =>
        Assert.InRange(double.Parse(written, CultureInfo.InvariantCulture), expected - 0.5 * Math.Pow(10, -decimals) - 1e-9, expected + 0.5 * Math.Pow(10, -decimals) + 1e-9);

    // The monthly series of positive units from the customer's first month with demand (no customer has a line before the
    // data's first day, so none is of longer standing) to November 2011, months without a sale as zeros.
    private static long[] MonthlySeries(List<Line> lines)
    {
        var byMonth = lines.Where(l => l.Quantity > 0).GroupBy(l => new DateOnly(l.Day.Year, l.Day.Month, 1))
            .Where(g => g.Key <= LastSeriesMonth).ToDictionary(g => g.Key, g => g.Sum(l => (long)l.Quantity));
        if (byMonth.Count == 0)
            return [];
        var months = new List<long>();
        for (var m = byMonth.Keys.Min(); m <= LastSeriesMonth; m = m.AddMonths(1))
            months.Add(byMonth.GetValueOrDefault(m));
        return [.. months];
    }

    // Calendar months from a day to the end of as_of: whole months, then the days left as a share of the month they start.
    private static double MonthsToEndOfAsOf(DateOnly start)
    {
        var end = AsOf.AddDays(1);
        var whole = 0;
        while (start.AddMonths(whole + 1) <= end)
            whole++;
        var from = start.AddMonths(whole);
        return whole + (double)(end.DayNumber - from.DayNumber) / (start.AddMonths(whole + 1).DayNumber - from.DayNumber);
    }

    [Fact]
    public void Metrics_OnlineRetail_TimingMatchesIndependentLinq()
    {
        var metrics = Metrics();
        foreach (var (id, lines) in LinesByCustomer())
        {
            var m = metrics[id];
            var sales = lines.Where(l => l.Quantity > 0).ToList();
            Assert.Equal(AsOf.DayNumber - lines.Min(l => l.Day).DayNumber, int.Parse(m["tenure_days"], CultureInfo.InvariantCulture));
            var orders = sales.Select(l => l.Invoice).Distinct().Count();
            Near(orders / Math.Max(1, MonthsToEndOfAsOf(lines.Min(l => l.Day))), m["orders_per_month"], 4);
            if (orders == 0)
            {
                Assert.Equal(("", ""), (m["recency_days"], m["mean_interorder_days"]));
                continue;
            }
            var days = sales.Select(l => l.Day).Distinct().Order().ToList();
            Assert.Equal(AsOf.DayNumber - days[^1].DayNumber, int.Parse(m["recency_days"], CultureInfo.InvariantCulture));
            double? interval = days.Count < 2 ? null : (double)(days[^1].DayNumber - days[0].DayNumber) / (days.Count - 1);
            Assert.Equal(interval is null, m["mean_interorder_days"].Length == 0);
            if (interval is { } gap)
                Near(gap, m["mean_interorder_days"], 2);
            Near((double)sales.Sum(l => l.Quantity * l.Price) / orders, m["avg_order_value"], 2);
            Near((double)sales.Count / orders, m["lines_per_order"], 3);
            Near((double)-lines.Where(l => l.Quantity < 0).Sum(l => l.Quantity) / sales.Sum(l => l.Quantity), m["return_rate"], 4);
        }
    }

    [Fact]
    public void Metrics_OnlineRetail_DemandSeriesAndClassesMatchIndependentLinq()
    {
        var metrics = Metrics();
        var xyz = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "assignments.csv")).Where(a => a["model"] == "abc-xyz")
            .ToDictionary(a => a["customer_id"], a => a["segment"]);
        foreach (var (id, lines) in LinesByCustomer())
        {
            var m = metrics[id];
            var series = MonthlySeries(lines);
            Assert.Equal(series.Length, int.Parse(m["periods"], CultureInfo.InvariantCulture));
            double? cv = null;
            if (series.Length >= 2)
            {
                var mean = series.Average();
                cv = Math.Sqrt(series.Sum(v => (v - mean) * (v - mean)) / series.Length) / mean;
                Near(cv.Value, m["demand_cv"], 4);
            }
            else
                Assert.Equal("", m["demand_cv"]);

            var demand = series.Select((v, i) => (v, i)).Where(x => x.v > 0).ToList();
            string? expectedClass = demand.Count == 1 ? "single_demand" : null;
            if (demand.Count >= 2)
            {
                // Syntetos & Boylan (2005) as DEFINITIONS.md states them: ADI the mean gap between demand months, CV² of the
                // non-zero sizes (population); exact in decimals, so a CV² of exactly 0.49 is not read as 0.48999….
                var adi = (decimal)(demand[^1].i - demand[0].i) / (demand.Count - 1);
                var sizeMean = demand.Average(x => (decimal)x.v);
                var cv2 = demand.Sum(x => (x.v - sizeMean) * (x.v - sizeMean)) / demand.Count / (sizeMean * sizeMean);
                Near((double)adi, m["adi"], 4);
                Near((double)cv2, m["cv2"], 4);
                expectedClass = (adi < 1.32m, cv2 < 0.49m) switch
                {
                    (true, true) => "smooth",
                    (true, false) => "erratic",
                    (false, true) => "intermittent",
                    (false, false) => "lumpy",
                };
            }
            Assert.Equal(expectedClass ?? "", m["demand_class"]);

            // XYZ at the documented cut-offs (X ≤ 0.5, Y ≤ 1.0, else Z; no CV is Z); inactive customers have no class.
            if (xyz[id] != "inactive")
                Assert.Equal(cv is null ? 'Z' : cv <= 0.5 ? 'X' : cv <= 1.0 ? 'Y' : 'Z', xyz[id][1]);
        }
    }

    [Fact]
    public void SegmentSummary_OnlineRetail_CustomersAndRevenueSharesMatchIndependentLinq()
    {
        var revenue = LinesByCustomer().ToDictionary(c => c.Key, c => c.Value.Sum(l => l.Quantity * l.Price));
        var total = revenue.Values.Sum();
        // Population CV of the monthly series, as in the demand test above; none under 2 periods.
        var cv = LinesByCustomer().ToDictionary(c => c.Key, c => MonthlySeries(c.Value) is { Length: >= 2 } series
            ? Math.Sqrt(series.Sum(v => (v - series.Average()) * (v - series.Average())) / series.Length) / series.Average()
            : (double?)null);
        var expected = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "assignments.csv")).Where(a => a["model"] == "abc-xyz")
            .GroupBy(a => a["segment"]).ToDictionary(g => g.Key, g => (Customers: g.Count(), Share: g.Sum(a => revenue[a["customer_id"]]) / total,
                Cvs: g.Select(a => cv.GetValueOrDefault(a["customer_id"])).OfType<double>().ToList()));
        var summary = CsvFile.ReadRecords(Path.Combine(run.Result.OutDirectory, "segment_summary.csv")).Where(s => s["model"] == "abc-xyz").ToList();

        Assert.Equal(expected.Keys.Order(), summary.Select(s => s["segment"]).Order());
        foreach (var s in summary)
        {
            Assert.Equal(expected[s["segment"]].Customers, int.Parse(s["customers"], CultureInfo.InvariantCulture));
            Near((double)expected[s["segment"]].Share, s["revenue_share"], 4);
            // The median of the segment's exact CVs: the product takes it over CVs it printed to 4 decimals, so a unit of
            // the 4th decimal apart at most (printed to 3 it read CZ 2.361 for 2.36048, AY 0.807 for 0.80649).
            var cvs = expected[s["segment"]].Cvs.Order().ToList();
            if (cvs.Count > 0)
            {
                var median = cvs.Count % 2 == 1 ? cvs[cvs.Count / 2] : (cvs[cvs.Count / 2 - 1] + cvs[cvs.Count / 2]) / 2;
                Assert.InRange(double.Parse(s["median_demand_cv"], CultureInfo.InvariantCulture), median - 1e-4 - 1e-9, median + 1e-4 + 1e-9);
            }
        }
        // The figures the audit of 2026-12-03 compared (Python over the raw file): 4,372 customers, 33 of them inactive
        // (returns alone), net revenue 8,300,065.81.
        Assert.Equal(4_372, expected.Values.Sum(e => e.Customers));
        Assert.Equal(33, expected["inactive"].Customers);
        Assert.Equal(8_300_065.81m, Math.Round(total, 2));
    }
}
