using System.Globalization;

namespace ChainSeg.Data.Tests.Monitoring;

// kpis_by_segment.csv and alerts.csv on a company small enough to follow by hand. as_of 2025-06-30, window 3 months, two
// stability period ends (2025-03-31 and as_of). C1 and C5 buy enough to be 'key' (C1 2 orders in Q2, one short: OTIF 1 of 2;
// C5 3 orders, all OTIF: 3 of 3), so key's OTIF is 4 of 5 = 0.8, not the mean of the customers' rates (0.75). C2 is
// 'standard', C3 orders without any shipment ('unshipped': no timed order, an empty OTIF), C4 never orders (inactive: no
// revenue, so its margin and cost shares are empty, not 0). The independent check reads the raw CSVs with LINQ.
public sealed class SegmentKpisRunTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price
        O1,C1,X,2025-02-03,10,100
        O2,C2,X,2025-02-10,2,100
        O3,C1,X,2025-05-05,5,100
        O4,C1,X,2025-05-12,6,100
        O5,C2,X,2025-05-20,1,100
        O6,C3,X,2025-06-02,3,50
        O7,C5,X,2025-04-07,5,100
        O8,C5,X,2025-04-14,5,100
        O9,C5,X,2025-04-21,5,100
        """;

    // S2 is late; S3 ships 4 of 5 (its promise is past by as_of, so not open: not in full).
    private const string Shipments = """
        shipment_id,order_id,sku,ship_date,promised_date,delivered_date,quantity_shipped,quantity_ordered
        S1,O1,X,2025-02-05,2025-02-10,2025-02-07,10,10
        S2,O2,X,2025-02-12,2025-02-14,2025-02-20,2,2
        S3,O3,X,2025-05-07,2025-05-10,2025-05-09,4,5
        S4,O4,X,2025-05-14,2025-05-16,2025-05-15,6,6
        S5,O5,X,2025-05-22,2025-05-25,2025-05-24,1,1
        S7,O7,X,2025-04-08,2025-04-10,2025-04-09,5,5
        S8,O8,X,2025-04-15,2025-04-17,2025-04-16,5,5
        S9,O9,X,2025-04-22,2025-04-24,2025-04-23,5,5
        """;

    // Claims (DEFINITIONS.md perfect_order): O4 (C1, OTIF) and O1 (C1, OTIF in Q1, claimed after the 2025-03-31 end: not
    // known there, so perfect at that end), O2 (C2, late: not OTIF anyway); O7 is C5's order, claimed under C2 (ignored).
    private const string Events = """
        customer_id,event_type,event_date,order_id,cost
        C1,claim,2025-05-20,O4,10
        C1,claim,2025-04-03,O1,10
        C2,claim,2025-02-25,O2,10
        C2,claim,2025-04-12,O7,10
        """;

    private const double AnnualPool = 3652.5;

    private const string Model = """
        as_of: 2025-06-30
        window: 3 months
        segmentation:
          active: tiers
          stability: { periods: 2, bucket: quarter }
          models:
            tiers:
              method: rules
              rules:
                - segment: unshipped
                  when: "orders >= 1 and orders_with_shipments < 1"
                - segment: key
                  when: "revenue >= 500"
              fallback: standard
              min_segment_share: 0
        """;

    // A second model beside the active tiers, named before it: big from 1,200 of revenue in the window, so at as_of C5
    // (1,500) is big while C1 (1,100), key under tiers, is small with C2 and C3; in Q1 C1 (1,000) and C2 are small.
    private const string TwoModels = Model + """

            size:
              method: rules
              rules:
                - segment: big
                  when: "revenue >= 1200"
              fallback: small
              min_segment_share: 0
        """;

    private PipelineOutput Run(string alerts = "", bool costPools = true, string config = Model, string name = "kpis")
    {
        var company = new HandMadeCompany(_folder, name + alerts.Length + (costPools ? "" : "-uncosted"));
        company.File("customers.csv", "customer_id\nC1\nC2\nC3\nC4\nC5\n");
        company.File("products.csv", "sku,unit_cost,unit_price\nX,60,100\n");
        company.File("order_lines.csv", Lines);
        company.File("shipments.csv", Shipments);
        company.File("service_events.csv", Events);
        if (costPools)
            company.File("cost_pools.csv", FormattableString.Invariant($"activity,driver,annual_cost\norder_processing,orders,{AnnualPool}\n"));
        return company.Run(company.File("chainseg.yaml", config + "\n" + alerts));
    }

    private static List<Dictionary<string, string>> Read(PipelineOutput output, string file) =>
        CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, file));

    private static double? Num(string s) => s.Length == 0 ? null : double.Parse(s, Invariant);

    // The oracle: per period end, each customer's figures over the window ending there, from the raw CSVs; summed over the
    // customers the run put in each segment there.
    private sealed record Line(string Order, string Customer, DateOnly Date, double Quantity, double Price);

    private sealed record Shipment(string Order, DateOnly Promised, DateOnly Delivered, double Shipped, double Ordered);

    private sealed record Claim(string Customer, DateOnly Date, string Order);

    private static List<string[]> Rows(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Trim().Split(',')).ToList();

    private static Dictionary<(string Segment, string Kpi), (double? Numerator, double? Denominator, double? Value)> Expected(
        DateOnly periodEnd, IReadOnlyDictionary<string, string> segmentOf)
    {
        var lines = Rows(Lines).Select(r => new Line(r[0], r[1], DateOnly.Parse(r[3], Invariant), double.Parse(r[4], Invariant), double.Parse(r[5], Invariant))).ToList();
        var shipments = Rows(Shipments).Select(r => new Shipment(r[1], DateOnly.Parse(r[4], Invariant), DateOnly.Parse(r[5], Invariant), double.Parse(r[6], Invariant), double.Parse(r[7], Invariant))).ToList();
        // A claim counts where its customer's own order is claimed, known at the period end (the run's as_of knows every claim).
        var claims = Rows(Events).Select(r => new Claim(r[0], DateOnly.Parse(r[2], Invariant), r[3]))
            .Where(c => lines.Any(l => l.Order == c.Order && l.Customer == c.Customer) && (c.Date <= periodEnd || periodEnd == new DateOnly(2025, 6, 30))).ToList();
        var start = periodEnd.AddDays(1).AddMonths(-3);
        var inWindow = lines.Where(l => l.Date >= start && l.Date <= periodEnd).ToList();
        // The pool is charged for the days from the later of window start and the data's first line to the period end.
        var charged = AnnualPool * (periodEnd.DayNumber - new[] { start, lines.Min(l => l.Date) }.Max().DayNumber + 1) / 365.25;
        var perOrder = charged / inWindow.Select(l => l.Order).Distinct().Count();
        // Each service event's cost dated in the window is charged to its own customer (costs.direct, service_events by default).
        var eventCosts = Rows(Events).Select(r => (Customer: r[0], Date: DateOnly.Parse(r[2], Invariant), Cost: double.Parse(r[4], Invariant)))
            .Where(e => e.Date >= start && e.Date <= periodEnd).ToList();
        var result = new Dictionary<(string, string), (double?, double?, double?)>();
        foreach (var segment in segmentOf.GroupBy(c => c.Value, c => c.Key))
        {
            var mine = inWindow.Where(l => segment.Contains(l.Customer)).ToList();
            var timed = mine.Select(l => shipments.FirstOrDefault(s => s.Order == l.Order)).OfType<Shipment>().Where(s => s.Delivered <= periodEnd).ToList();
            double otif = timed.Count(s => s.Delivered <= s.Promised && s.Shipped >= s.Ordered);
            var revenue = mine.Sum(l => l.Quantity * l.Price);
            var margin = mine.Sum(l => l.Quantity * (l.Price - 60));
            var cts = mine.Select(l => l.Order).Distinct().Count() * perOrder + eventCosts.Where(e => segment.Contains(e.Customer)).Sum(e => e.Cost);
            var list = mine.Sum(l => l.Quantity * 100);
            double? Share(double part) => revenue > 0 ? part / revenue : null;
            result[(segment.Key, "otif_rate")] = (otif, timed.Count, timed.Count > 0 ? otif / timed.Count : null);
            double perfect = timed.Count(s => s.Delivered <= s.Promised && s.Shipped >= s.Ordered && !claims.Any(c => c.Order == s.Order));
            result[(segment.Key, "perfect_order_rate")] = (perfect, timed.Count, timed.Count > 0 ? perfect / timed.Count : null);
            // Each order is one line and one shipment: it fills at most its quantity; it was delivered on the shipment's date.
            var shipped = mine.Select(l => (Line: l, Shipment: shipments.FirstOrDefault(s => s.Order == l.Order && s.Delivered <= periodEnd))).Where(x => x.Shipment is not null).ToList();
            double ordered = shipped.Sum(x => x.Line.Quantity), filled = shipped.Sum(x => Math.Min(x.Shipment!.Shipped, x.Line.Quantity));
            double days = shipped.Sum(x => x.Shipment!.Delivered.DayNumber - x.Line.Date.DayNumber);
            result[(segment.Key, "fill_rate_units")] = (filled, ordered, ordered > 0 ? filled / ordered : null);
            result[(segment.Key, "order_cycle_days")] = (days, shipped.Count, shipped.Count > 0 ? Math.Round(days / shipped.Count, 2) : null);
            // One line and one shipment per order: its line is filled, and the order the first time, when the shipment covers it.
            double filledLines = shipped.Count(x => x.Shipment!.Shipped >= x.Line.Quantity);
            result[(segment.Key, "fill_rate_lines")] = (filledLines, shipped.Count, shipped.Count > 0 ? filledLines / shipped.Count : null);
            result[(segment.Key, "fill_rate_orders")] = (filledLines, shipped.Count, shipped.Count > 0 ? filledLines / shipped.Count : null);
            result[(segment.Key, "revenue")] = (revenue, null, revenue);
            result[(segment.Key, "gross_margin_pct")] = (margin, revenue, Share(margin));
            result[(segment.Key, "cost_to_serve_pct")] = (cts, revenue, Share(cts));
            result[(segment.Key, "net_contribution")] = (margin - cts, null, margin - cts);
            result[(segment.Key, "price_realisation")] = (revenue, list, list > 0 ? revenue / list : null);
        }
        return result;
    }

    [Fact]
    public void Run_SmallCompany_KpisBySegmentArePooledSumsPerPeriodEndAsLinqOverTheRawCsvs()
    {
        var output = Run();

        var kpis = Read(output, "kpis_by_segment.csv");
        var current = Read(output, "assignments.csv").Where(a => a["model"] == "tiers").ToDictionary(a => a["customer_id"], a => a["segment"]);
        var earlier = Read(output, "period_assignments.csv").Where(a => a["model"] == "tiers" && a["period_end"] == "2025-03-31")
            .ToDictionary(a => a["customer_id"], a => a["segment"]);
        Assert.Equal(["2025-03-31", "2025-06-30"], kpis.Select(k => k["period_end"]).Distinct().Order());
        AssertPooledAsLinq(kpis, earlier, current);
        Assert.All(kpis, k => Assert.Equal("tiers", k["model"]));
        Assert.All(kpis.Where(k => k["kpi"] == "otif_rate"), k => Assert.Equal("otif.order", k["definition"]));
        Assert.Equal("2025-04-01", kpis.First(k => k["period_end"] == "2025-06-30")["window_start"]);
    }

    // Every configured model's KPIs: the second model's, at each period end, are the LINQ sums over the raw CSVs of the
    // customers it put in each segment there (its membership checked by hand first, from the rule above).
    [Fact]
    public void Run_TwoModels_SecondModelsKpisBySegmentArePooledSumsAsLinqOverTheRawCsvs()
    {
        var output = Run(config: TwoModels, name: "two-models");

        var kpis = Read(output, "kpis_by_segment.csv").Where(k => k["model"] == "size").ToList();
        var current = Read(output, "assignments.csv").Where(a => a["model"] == "size").ToDictionary(a => a["customer_id"], a => a["segment"]);
        var earlier = Read(output, "period_assignments.csv").Where(a => a["model"] == "size" && a["period_end"] == "2025-03-31")
            .ToDictionary(a => a["customer_id"], a => a["segment"]);
        Assert.Equal([("C1", "small"), ("C2", "small"), ("C3", "small"), ("C4", "inactive"), ("C5", "big")], current.Select(c => (c.Key, c.Value)).Order());
        Assert.Equal([("C1", "small"), ("C2", "small"), ("C4", "inactive")], earlier.Select(c => (c.Key, c.Value)).Order());
        Assert.Equal(["2025-03-31", "2025-06-30"], kpis.Select(k => k["period_end"]).Distinct().Order());
        AssertPooledAsLinq(kpis, earlier, current);
    }

    // The active model's rows come first and are those a run of it alone writes, line for line; the other model follows.
    [Fact]
    public void Run_TwoModels_ActiveModelsRowsComeFirstAsARunOfItAloneWritesThem()
    {
        var alone = File.ReadAllLines(Path.Combine(Run(name: "alone").Result.OutDirectory, "kpis_by_segment.csv"));
        var both = File.ReadAllLines(Path.Combine(Run(config: TwoModels, name: "both").Result.OutDirectory, "kpis_by_segment.csv"));

        Assert.Equal(alone, both.Take(alone.Length));
        Assert.NotEmpty(both.Skip(alone.Length));
        Assert.All(both.Skip(alone.Length), line => Assert.StartsWith("size,", line, StringComparison.Ordinal));
    }

    // alerts watch the active model: a second model's segments (its small one misses OTIF 0.95 too) raise nothing, and
    // the drift compares the active model's own earlier value, not another model's segment of the same name.
    [Fact]
    public void Run_TwoModels_AlertsWatchTheActiveModelAlone()
    {
        const string alerts = """
            alerts:
              targets:
                otif_rate: { target: 0.95, tolerance: 0.02 }
              drift:
                otif_rate: 0.05
            """;
        var alone = Read(Run(alerts, name: "alerts-alone"), "alerts.csv");
        var both = Run(alerts, config: TwoModels, name: "alerts-both");

        Assert.Equal(alone.Select(a => string.Join(",", a.Values)), Read(both, "alerts.csv").Select(a => string.Join(",", a.Values)));
        Assert.All(Read(both, "alerts.csv"), a => Assert.Equal("tiers", a["model"]));
    }

    // A second model that rolls customers up to their accounts, beside an active one that does not: its earlier ends are
    // read from the accounts' snapshot, which then holds the KPIs' counts too. Each period end adds up to every line of
    // its window and every timed order once (as Run_RolledUpModel_KpisAddUpToEveryLineOfTheWindowOnce), as the active model's.
    [Fact]
    public void Run_SecondModelRollsUp_ItsKpisAddUpToEveryLineOfTheWindowOnce()
    {
        var kpis = Read(RunWithBranch("second-rolled", TwoModels + "\n      roll_up_hierarchy: true\n"), "kpis_by_segment.csv");

        var totals = Totals(kpis.Where(k => k["model"] == "size"));

        AssertEveryLineOnce(totals);
        Assert.Equal(Totals(kpis.Where(k => k["model"] == "tiers")).OrderBy(t => t.Key), totals.OrderBy(t => t.Key));
    }

    // Hand-computed: key's OTIF is 4 of 5 orders (C1 1 of 2, C5 3 of 3), 0.8, not the customers' mean 0.75; unshipped and
    // inactive have no timed order and inactive no revenue: their rates are empty, not 0 or NaN.
    [Fact]
    public void Run_SmallCompany_RatesAreRatiosOfSumsAndEmptyWithoutADenominator()
    {
        var kpis = Read(Run(), "kpis_by_segment.csv").Where(k => k["period_end"] == "2025-06-30").ToDictionary(k => (k["segment"], k["kpi"]));

        Assert.Equal(("4", "5", "0.8"), (kpis[("key", "otif_rate")]["numerator"], kpis[("key", "otif_rate")]["denominator"], kpis[("key", "otif_rate")]["value"]));
        Assert.Equal(("0", "0", ""), (kpis[("unshipped", "otif_rate")]["numerator"], kpis[("unshipped", "otif_rate")]["denominator"], kpis[("unshipped", "otif_rate")]["value"]));
        Assert.Equal("", kpis[("inactive", "otif_rate")]["value"]);
        // Fill: key's C1 shipped 4 of 5 and 6 of 6, C5 5 of 5 thrice: 25 of 26. Cycle: C1 4 and 3 days, C5 2 days thrice: 13 over 5.
        Assert.Equal(("25", "26", "0.9615"), (kpis[("key", "fill_rate_units")]["numerator"], kpis[("key", "fill_rate_units")]["denominator"], kpis[("key", "fill_rate_units")]["value"]));
        Assert.Equal(("13", "5", "2.6"), (kpis[("key", "order_cycle_days")]["numerator"], kpis[("key", "order_cycle_days")]["denominator"], kpis[("key", "order_cycle_days")]["value"]));
        Assert.Equal(("0", "0", ""), (kpis[("unshipped", "fill_rate_units")]["numerator"], kpis[("unshipped", "fill_rate_units")]["denominator"], kpis[("unshipped", "fill_rate_units")]["value"]));
        Assert.Equal(("0", "0", ""), (kpis[("unshipped", "order_cycle_days")]["numerator"], kpis[("unshipped", "order_cycle_days")]["denominator"], kpis[("unshipped", "order_cycle_days")]["value"]));
        // Lines and orders: key's C1 filled O4, not O3 (4 of 5), C5 all three: 4 of 5 each, 0.8.
        foreach (var kpi in new[] { "fill_rate_lines", "fill_rate_orders" })
        {
            Assert.Equal(("4", "5", "0.8"), (kpis[("key", kpi)]["numerator"], kpis[("key", kpi)]["denominator"], kpis[("key", kpi)]["value"]));
            Assert.Equal(("0", "0", ""), (kpis[("unshipped", kpi)]["numerator"], kpis[("unshipped", kpi)]["denominator"], kpis[("unshipped", kpi)]["value"]));
        }
        Assert.Equal("0.0", kpis[("inactive", "revenue")]["value"]);
        Assert.Equal("", kpis[("inactive", "gross_margin_pct")]["value"]);
        Assert.Equal("", kpis[("inactive", "cost_to_serve_pct")]["value"]);
        Assert.Equal("", kpis[("inactive", "price_realisation")]["value"]);
        Assert.DoesNotContain(kpis.Values, k => k["value"].Contains("nan", StringComparison.OrdinalIgnoreCase) || k["value"].Contains("inf", StringComparison.OrdinalIgnoreCase));
    }

    // A model that rolls customers up to their accounts segments accounts: its earlier ends are read from the accounts'
    // snapshots, where a child's lines are its account's. Each period end still adds up to every line in its window (C5 is
    // C1's branch: 1,000 + 200 in Q1; 1,100 + 100 + 150 + 1,500 in Q2) and every timed order (2, then 6), each counted once.
    [Fact]
    public void Run_RolledUpModel_KpisAddUpToEveryLineOfTheWindowOnce()
    {
        var output = RunWithBranch("rolled", Model.Replace("      method: rules\n", "      method: rules\n      roll_up_hierarchy: true\n", StringComparison.Ordinal));

        AssertEveryLineOnce(Totals(Read(output, "kpis_by_segment.csv")));
    }

    // The small company with C5 as C1's branch.
    private PipelineOutput RunWithBranch(string name, string config)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("customers.csv", "customer_id,parent_id\nC1,\nC2,\nC3,\nC4,\nC5,C1\n");
        company.File("products.csv", "sku,unit_cost,unit_price\nX,60,100\n");
        company.File("order_lines.csv", Lines);
        company.File("shipments.csv", Shipments);
        return company.Run(company.File("chainseg.yaml", config));
    }

    // Σ numerator and Σ denominator over the segments, per period end and KPI.
    private static Dictionary<(string PeriodEnd, string Kpi), (double Numerator, double Denominator)> Totals(IEnumerable<Dictionary<string, string>> kpis) =>
        kpis.GroupBy(k => (k["period_end"], k["kpi"])).ToDictionary(g => g.Key, g => (g.Sum(k => Num(k["numerator"]) ?? 0), g.Sum(k => Num(k["denominator"]) ?? 0)));

    // Every line of each window and every timed order once: C5 is C1's branch: 1,000 + 200 in Q1; 1,100 + 100 + 150 + 1,500 in Q2.
    private static void AssertEveryLineOnce(Dictionary<(string PeriodEnd, string Kpi), (double Numerator, double Denominator)> totals)
    {
        Assert.Equal((1200, 0), totals[("2025-03-31", "revenue")]);
        Assert.Equal((2850, 0), totals[("2025-06-30", "revenue")]);
        Assert.Equal((1, 2), totals[("2025-03-31", "otif_rate")]);
        Assert.Equal((5, 6), totals[("2025-06-30", "otif_rate")]);
        Assert.Equal((12, 12), totals[("2025-03-31", "fill_rate_units")]);
        Assert.Equal((26, 27), totals[("2025-06-30", "fill_rate_units")]);
        Assert.Equal((14, 2), totals[("2025-03-31", "order_cycle_days")]);
        Assert.Equal((17, 6), totals[("2025-06-30", "order_cycle_days")]);
    }

    // Without cost pools no segment has a cost_to_serve_pct: its target compares nothing, and the run says so rather than
    // count it among the KPIs within target. OTIF, measured, is not named.
    [Fact]
    public void Run_TargetOnAKpiWithoutValues_IsWarnedAsUnwatched()
    {
        var output = Run("""
            alerts:
              targets:
                otif_rate: { target: 0.5 }
                cost_to_serve_pct: { target: 0.25, tolerance: 0.05 }
            """, costPools: false);

        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("alert_kpi_unwatched", StringComparison.Ordinal));
        Assert.StartsWith("alert_kpi_unwatched: alerts: watches cost_to_serve_pct, but no segment it applies to has a value of it at as_of 2025-06-30", warning, StringComparison.Ordinal);
        Assert.Empty(Read(output, "alerts.csv"));
    }

    // Under metrics.otif.level: line the claims are there but a perfect order is an order: the warning says so and names the
    // setting, rather than ask to load data the run has and point at a metric_without_values no model raised.
    [Fact]
    public void Run_TargetOnPerfectOrderRateUnderOtifByLine_UnwatchedWarningSaysWhyAndTheSetting()
    {
        var output = Run("""
            metrics:
              otif: { level: line }
            alerts:
              targets:
                perfect_order_rate: { target: 0.9 }
            """);

        var warning = Assert.Single(output.Result.Warnings, w => w.StartsWith("alert_kpi_unwatched", StringComparison.Ordinal));
        Assert.Equal("alert_kpi_unwatched: alerts: watches perfect_order_rate, but no segment it applies to has a value of it at as_of 2025-06-30 "
            + "(for a drift limit, at the period end before as well), so no alert can be raised for it (perfect_order_rate counts orders (SCOR RL.1.1) "
            + "and metrics.otif.level: line judges order lines; set metrics.otif.level: order to measure it); measure it or take it out of alerts:.", warning);
    }

    // Without alerts: nothing is watched; alerts.csv is still written, its header alone, so a scheduler always finds it.
    [Fact]
    public void Run_WithoutAlertsConfig_WritesAlertsCsvWithItsHeaderAlone()
    {
        var output = Run();

        var rows = CsvFile.ReadRows(Path.Combine(output.Result.OutDirectory, "alerts.csv"));
        Assert.Equal(["model", "segment", "kpi", "definition", "period_end", "value", "target", "tolerance", "previous_period_end", "previous_value", "kind", "severity", "message"], rows[0]);
        Assert.Single(rows);
        Assert.Equal((0, false), (output.Result.Alerts!.Count, output.Result.Alerts.Configured));
        Assert.Contains("kpis_by_segment.csv", output.Result.Outputs);
        Assert.Contains("alerts.csv", output.Result.Outputs);
    }

    // key's OTIF 0.8 misses the KPI-wide 0.95 by 0.15, more than twice the tolerance 0.02: critical; key's own 0.83 (its
    // tolerance inherited) would be a warning, and replaces it. standard's OTIF 1.0 meets 0.95; inactive takes no KPI-wide
    // target; unshipped has no OTIF to compare. Drift: key fell from 1.0 to 0.8 (a warning), standard rose from 0 to 1 (a note).
    [Fact]
    public void Run_AlertsConfig_RaisesTargetAndDriftAlertsAPlannerCanRead()
    {
        var output = Run("""
            alerts:
              targets:
                otif_rate: { target: 0.95, tolerance: 0.02 }
              segments:
                key:
                  otif_rate: { target: 0.83 }
              drift:
                otif_rate: 0.05
            """);

        var alerts = Read(output, "alerts.csv");
        Assert.All(alerts, a => Assert.Equal("tiers", a["model"]));
        var target = Assert.Single(alerts, a => a["kind"] == "below_target");
        Assert.Equal(("key", "otif_rate", "otif.order", "2025-06-30", "0.8", "0.83", "0.02", "warning"),
            (target["segment"], target["kpi"], target["definition"], target["period_end"], target["value"], target["target"], target["tolerance"], target["severity"]));
        Assert.Equal("key: otif_rate 80.00 % at 2025-06-30 is 3.00 points below its target 83.00 % (tolerance 2.00 points; otif.order)", target["message"]);
        var drifts = alerts.Where(a => a["kind"] == "drift").ToDictionary(a => a["segment"]);
        Assert.Equal(["key", "standard"], drifts.Keys.Order());
        Assert.Equal(("warning", "1.0", "2025-03-31"), (drifts["key"]["severity"], drifts["key"]["previous_value"], drifts["key"]["previous_period_end"]));
        Assert.Equal("info", drifts["standard"]["severity"]);
        Assert.StartsWith("key: otif_rate fell 20.00 points from 100.00 % at 2025-03-31 to 80.00 % at 2025-06-30", drifts["key"]["message"], StringComparison.Ordinal);
        Assert.Equal((3, 0, 2, 1), (output.Result.Alerts!.Count, output.Result.Alerts.Critical, output.Result.Alerts.Warning, output.Result.Alerts.Info));
    }

    // key's fill 0.9615 is 2.85 points under 0.99 (tolerance 2 points: a warning); its cycle time 2.6 days is 0.6 over 2
    // (tolerance 0.25 days: critical); standard (C2: 1 of 1 unit, 4 days) misses only the cycle time.
    [Fact]
    public void Run_AlertsOnFillRateAndCycleTime_AreBelowAndAboveTarget()
    {
        var output = Run("""
            alerts:
              targets:
                fill_rate_units: { target: 0.99, tolerance: 0.02 }
                order_cycle_days: { target: 2, tolerance: 0.25, definition: order.cycle_time }
            """);

        var alerts = Read(output, "alerts.csv").ToDictionary(a => (a["segment"], a["kpi"]));
        Assert.Equal([("key", "fill_rate_units"), ("key", "order_cycle_days"), ("standard", "order_cycle_days")], alerts.Keys.Order());
        var fill = alerts[("key", "fill_rate_units")];
        Assert.Equal(("below_target", "warning", "fill.unit"), (fill["kind"], fill["severity"], fill["definition"]));
        Assert.Equal("key: fill_rate_units 96.15 % at 2025-06-30 is 2.85 points below its target 99.00 % (tolerance 2.00 points; fill.unit)", fill["message"]);
        var cycle = alerts[("key", "order_cycle_days")];
        Assert.Equal(("above_target", "critical", "order.cycle_time"), (cycle["kind"], cycle["severity"], cycle["definition"]));
        Assert.Equal("key: order_cycle_days 2.60 days at 2025-06-30 is 0.60 days above its target 2.00 days (tolerance 0.25 days; order.cycle_time)", cycle["message"]);
    }

    // A model's rows at 2025-03-31 and as_of against the oracle over the customers it put in each segment there.
    private static void AssertPooledAsLinq(List<Dictionary<string, string>> kpis, IReadOnlyDictionary<string, string> earlier, IReadOnlyDictionary<string, string> current)
    {
        foreach (var (end, segments) in new[] { (new DateOnly(2025, 3, 31), earlier), (new DateOnly(2025, 6, 30), current) })
        {
            var expected = Expected(end, segments);
            var rows = kpis.Where(k => k["period_end"] == end.ToString("yyyy-MM-dd", Invariant)).ToList();
            Assert.Equal(expected.Keys.Order(), rows.Select(r => (r["segment"], r["kpi"])).Order());
            foreach (var row in rows)
            {
                var (numerator, denominator, value) = expected[(row["segment"], row["kpi"])];
                var at = $"{row["model"]} {end:yyyy-MM-dd} {row["segment"]} {row["kpi"]}";
                AssertNear(numerator, Num(row["numerator"]), 0.005, at + " numerator");
                AssertNear(denominator, Num(row["denominator"]), 0.005, at + " denominator");
                AssertNear(value, Num(row["value"]), 0.00005, at + " value");
            }
        }
    }

    private static void AssertNear(double? expected, double? actual, double tolerance, string what)
    {
        Assert.True(expected is null == actual is null, $"{what}: expected {expected?.ToString(Invariant) ?? "empty"}, got {actual?.ToString(Invariant) ?? "empty"}");
        if (expected is { } e)
            Assert.True(Math.Abs(e - actual!.Value) <= tolerance, $"{what}: expected {e.ToString(Invariant)}, got {actual!.Value.ToString(Invariant)}");
    }

    public void Dispose() => _folder.Dispose();
}
