using System.Globalization;
using System.Text.Json;
using DuckDB.NET.Data;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;
using ChainSeg.Data.Tests.Generation;
using ChainSeg.Data.Tests.Pipeline;

namespace ChainSeg.Data.Tests.Metrics;

// Demand variability, service and event rates recomputed with LINQ over the generated raw CSVs: clean rows only (truth/
// dirty_rows.csv says which were planted dirty), customer ids resolved through id_crosswalk.csv and the documented id rule,
// then compared with customer_metrics.csv. Definitions from DEFINITIONS.md and metric_definitions.csv.
public sealed class CustomerMetricsTests(GeneratedCompanyRun run) : IClassFixture<GeneratedCompanyRun>
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // Creates the snapshots in one batch in the run's store, reads the columns of each one's table (rows tagged with the
    // snapshot's index), and drops the snapshots' tables again so the shared run stays as the other tests expect it.
    private List<T> CreateAndRead<T>(IReadOnlyList<MetricSnapshotRequest> snapshots, string table, string columns, Func<int, DuckDBDataReader, T> map)
    {
        var schema = ChainSegStore.SchemaOf(run.Output.Result.RunId);
        using var store = ChainSegStore.Open(run.Output.Result.StorePath);
        CustomerMetrics.CreateSnapshots(store.Connection, schema, snapshots);
        var rows = snapshots.SelectMany((s, i) => store.Connection.Query($"SELECT {columns} FROM \"{schema}\".{table}{s.Suffix}", r => map(i, r))).ToList();
        foreach (var created in new[] { "customer_metrics", "customer_period_demand", "customer_accounts" })
        {
            foreach (var s in snapshots)
                store.Connection.Execute($"DROP TABLE IF EXISTS \"{schema}\".{created}{s.Suffix}");
        }

        return rows;
    }

    private List<Dictionary<string, string>> CleanRows(string table)
    {
        var dirty = run.Truth("dirty_rows.csv").Where(r => r["table"] == table).Select(r => long.Parse(r["row"], Invariant)).ToHashSet();
        return CsvFile.ReadRecords(Path.Combine(run.Data, table + ".csv")).Where((_, i) => !dirty.Contains(i + 1L)).ToList();
    }

    // Crosswalk first (by source system), else the master customers file, else the crosswalk by id alone where it names one
    // customer (an export without source_system, such as the ERP change log in service_events); all keyed by the standardised id.
    private Func<string, string, string?> Resolver()
    {
        var rows = CsvFile.ReadRecords(Path.Combine(run.Data, "id_crosswalk.csv"));
        var crosswalk = rows.ToDictionary(r => (r["source_system"], GeneratedCompanyFixture.Standardise(r["source_customer_id"])), r => r["customer_id"]);
        var byKey = rows.GroupBy(r => GeneratedCompanyFixture.Standardise(r["source_customer_id"])).Where(g => g.Select(r => r["customer_id"]).Distinct().Count() == 1)
            .ToDictionary(g => g.Key, g => g.First()["customer_id"]);
        var masters = CleanRows("customers").GroupBy(r => GeneratedCompanyFixture.Standardise(r["customer_id"])).ToDictionary(g => g.Key, g => g.First()["customer_id"]);
        return (system, id) => crosswalk.TryGetValue((system, GeneratedCompanyFixture.Standardise(id)), out var c) ? c
            : masters.TryGetValue(GeneratedCompanyFixture.Standardise(id), out var m) ? m
            : byKey.GetValueOrDefault(GeneratedCompanyFixture.Standardise(id));
    }

    private sealed record Line(string Customer, string Order, string Sku, DateOnly Day, double Quantity);

    private List<Line> Lines()
    {
        var resolve = Resolver();
        return CleanRows("order_lines").Select(l => new Line(resolve(l["source_system"], l["customer_id"])!, l["order_id"], l["sku"],
            DateOnly.ParseExact(l["order_date"][..10], "yyyy-MM-dd", Invariant), double.Parse(l["quantity"], Invariant))).ToList();
    }

    private Dictionary<string, Dictionary<string, string>> Metrics() => run.Output.Metrics().ToDictionary(m => m["customer_id"]);

    // ModelValidation refuses a margin that hardens a rule on these past 1: each is a share, every value in [0, 1], and the
    // generated company has values of each (the check is not vacuous); return_rate, a ratio that is no share, is not listed.
    [Fact]
    public void Shares_EveryValueOfAGeneratedCompany_WithinZeroAndOne()
    {
        var metrics = run.Output.Metrics();
        foreach (var share in MetricDefinitions.Shares)
        {
            var values = metrics.Where(m => m[share] != "").Select(m => double.Parse(m[share], Invariant)).ToList();
            Assert.NotEmpty(values);
            Assert.All(values, v => Assert.InRange(v, 0, 1));
        }
        Assert.DoesNotContain("return_rate", MetricDefinitions.Shares);
    }

    [Fact]
    public void Variability_EveryCustomer_MatchesMonthlyUnitsFromTheRawLines()
    {
        // DEFINITIONS.md: CV of periodic demand with zero periods (from the first month with demand to as_of); ADI = mean
        // interval between non-zero periods (the number of periods when only one); CV² of the non-zero demands. Bucket: month.
        var asOf = run.Output.Result.AsOf;
        var metrics = Metrics();
        var checkedCustomers = 0;
        var singleDemand = 0;
        foreach (var customer in Lines().Where(l => l.Quantity > 0).GroupBy(l => l.Customer))
        {
            var byMonth = customer.GroupBy(l => l.Day.Year * 12 + l.Day.Month - 1).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var first = byMonth.Keys.Min();
            var series = Enumerable.Range(first, asOf.Year * 12 + asOf.Month - 1 - first + 1).Select(m => byMonth.GetValueOrDefault(m)).ToList();
            var nonZero = series.Select((v, i) => (v, i)).Where(x => x.v > 0).ToList();
            var cv = PopulationSd(series) / series.Average();
            var adi = (nonZero[^1].i - nonZero[0].i) / (double)Math.Max(nonZero.Count - 1, 1);
            var cv2 = Math.Pow(PopulationSd(nonZero.Select(x => x.v).ToList()) / nonZero.Average(x => x.v), 2);

            var m = metrics[customer.Key];
            Assert.Equal(series.Count, int.Parse(m["periods"], Invariant));
            AssertRounded(series.Average(), m["demand_mean"]);
            AssertRounded(PopulationSd(series), m["demand_sd"]);
            if (series.Count < 2)
                Assert.Equal("", m["demand_cv"]);
            else
                AssertRounded(cv, m["demand_cv"]);
            if (nonZero.Count < 2)
            {
                // One period with demand has no interval and no size variation (Syntetos & Boylan 2005 need two).
                Assert.Equal(("", "", "single_demand"), (m["adi"], m["cv2"], m["demand_class"]));
                singleDemand++;
            }
            else
            {
                AssertRounded(adi, m["adi"]);
                AssertRounded(cv2, m["cv2"]);
            }
            checkedCustomers++;
        }
        Assert.True(checkedCustomers > 300, $"only {checkedCustomers} customers checked");
        Assert.True(singleDemand > 0, "no customer with a single period of demand was checked");
    }

    [Fact]
    public void Otif_EveryCustomer_JointEventOfEveryLineOnTimeAndInFull()
    {
        // otif.order: an order counts when every line's quantity was delivered by the promised date (early is on time, no
        // tolerance), as one joint event per order, over the orders with shipment records. Computed per line (order, SKU).
        var ordered = Lines().Where(l => l.Quantity > 0).GroupBy(l => (l.Order, l.Sku))
            .ToDictionary(g => g.Key, g => (Customer: g.First().Customer, Quantity: g.Sum(l => l.Quantity)));
        static DateOnly? Date(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : null;
        var shipments = CleanRows("shipments").Select(s => (Order: s["order_id"], Sku: s["sku"], Shipped: double.Parse(s["quantity_shipped"], Invariant),
            Promised: Date(s["promised_date"]), Delivered: Date(s["delivered_date"]))).ToList();
        var shippedOrders = shipments.Select(s => s.Order).ToHashSet();
        var onTime = shipments.Where(s => s.Delivered is { } d && s.Promised is { } p && d <= p).GroupBy(s => (s.Order, s.Sku)).ToDictionary(g => g.Key, g => g.Sum(s => s.Shipped));
        var expected = ordered.Where(o => shippedOrders.Contains(o.Key.Order)).GroupBy(o => (o.Value.Customer, o.Key.Order))
            .Select(order => (order.Key.Customer, Otif: order.All(line => onTime.GetValueOrDefault(line.Key) >= line.Value.Quantity)))
            .GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => (Orders: g.Count(), Rate: g.Average(o => o.Otif ? 1.0 : 0.0)));

        var metrics = Metrics();
        foreach (var (customer, (orders, rate)) in expected)
        {
            Assert.Equal(orders, int.Parse(metrics[customer]["orders_with_shipments"], Invariant));
            AssertRounded(rate, metrics[customer]["otif_rate"]);
        }
        Assert.True(expected.Count > 300, $"only {expected.Count} customers checked");
        Assert.Contains(expected.Values, e => e.Rate is > 0 and < 1);
    }

    [Fact]
    public void Deliveries_EveryCustomer_ShipmentIdsAndUnitsShippedPerOrderFromTheRawFiles()
    {
        // deliveries.count: per order with a positive line, its distinct shipment ids, summed per customer; the drop size is
        // the units those shipments carried ÷ deliveries, deliveries per order ÷ the orders with shipments.
        var orders = Lines().Where(l => l.Quantity > 0).Select(l => (l.Customer, l.Order)).Distinct().ToList();
        var shipments = CleanRows("shipments").ToLookup(s => s["order_id"], s => (Id: s["shipment_id"], Shipped: double.Parse(s["quantity_shipped"], Invariant)));
        var expected = orders.Where(o => shipments.Contains(o.Order)).GroupBy(o => o.Customer).ToDictionary(g => g.Key, g => (
            Deliveries: g.Sum(o => shipments[o.Order].Select(s => s.Id).Distinct().Count()),
            Units: g.Sum(o => shipments[o.Order].Sum(s => s.Shipped)),
            Orders: g.Count()));

        var metrics = Metrics();
        foreach (var (customer, (deliveries, units, shippedOrders)) in expected)
        {
            Assert.Equal(deliveries, int.Parse(metrics[customer]["deliveries"], Invariant));
            // Rounded to 3 decimals as SQL rounds, half away from zero (51.3125 is 51.313).
            Assert.Equal(Math.Round(units / deliveries, 3, MidpointRounding.AwayFromZero), double.Parse(metrics[customer]["drop_size"], Invariant));
            Assert.Equal(Math.Round(deliveries / (double)shippedOrders, 3, MidpointRounding.AwayFromZero), double.Parse(metrics[customer]["deliveries_per_order"], Invariant));
        }
        Assert.All(metrics.Keys.Except(expected.Keys), c => Assert.Equal(("0", ""), (metrics[c]["deliveries"], metrics[c]["drop_size"])));
        Assert.True(expected.Count > 300, $"only {expected.Count} customers checked");
        Assert.Contains(expected.Values, e => e.Deliveries > e.Orders);
    }

    [Fact]
    public void OtifLine_SettledCustomers_JointEventPerOrderLineFromTheRawFiles()
    {
        // otif.line (metrics.otif.level: line): a line (order id + SKU, rows of one SKU summed) of an order with shipment
        // records is OTIF when every shipment of its SKU was delivered by its promise (early is on time, no tolerance) and
        // they brought its quantity; a line without a shipment of its SKU is neither on time nor in full once its order's
        // latest promise is past. Rates over lines, not orders. Only settled customers are compared: every shipment of
        // their shipped orders names its SKU and carries promised and delivered dates, and every short line's rest (its
        // requested_date, else its shipments' latest promise, else its order's) was due before as_of.
        using var folder = new TempFolder();
        var config = folder.File("chainseg.yaml", "identifiers:\n  customer_id:\n    strip_prefixes: [C]\nmetrics:\n  otif: { level: line }\n");
        var metrics = PipelineOutput.Run(run.Data, folder.Sub("out"), config).MetricsByCustomer();
        var asOf = run.Output.Result.AsOf;
        static DateOnly? Date(string text) => DateOnly.TryParseExact(text, "yyyy-MM-dd", Invariant, DateTimeStyles.None, out var d) ? d : null;
        var resolve = Resolver();
        var lines = CleanRows("order_lines").Where(l => double.Parse(l["quantity"], Invariant) > 0)
            .GroupBy(l => (Customer: resolve(l["source_system"], l["customer_id"])!, Order: l["order_id"], Sku: l["sku"]))
            .Select(g => (g.Key.Customer, g.Key.Order, g.Key.Sku, Quantity: g.Sum(l => double.Parse(l["quantity"], Invariant)), Requested: g.Max(l => Date(l["requested_date"]))))
            .ToList();
        var shipments = CleanRows("shipments").Select(s => (Order: s["order_id"], Sku: s["sku"], Shipped: double.Parse(s["quantity_shipped"], Invariant),
            Promised: Date(s["promised_date"]), Delivered: Date(s["delivered_date"]))).ToList();
        var byOrder = shipments.ToLookup(s => s.Order);
        var bySku = shipments.ToLookup(s => (s.Order, s.Sku));
        var judged = lines.Where(l => byOrder.Contains(l.Order)).Select(l =>
        {
            var own = bySku[(l.Order, l.Sku)].ToList();
            var shipped = own.Sum(s => s.Shipped);
            var onTime = own.Count > 0 && own.All(s => s.Delivered <= s.Promised);
            var restDue = l.Requested ?? own.Max(s => s.Promised) ?? byOrder[l.Order].Max(s => s.Promised);
            var settled = byOrder[l.Order].All(s => s.Sku != "" && s.Promised is not null && s.Delivered is not null)
                && (shipped >= l.Quantity || restDue < asOf) && (own.Count > 0 || byOrder[l.Order].Max(s => s.Promised) < asOf);
            return (l.Customer, Settled: settled, OnTime: onTime, InFull: shipped >= l.Quantity);
        }).GroupBy(l => l.Customer).Where(g => g.All(l => l.Settled)).ToDictionary(g => g.Key, g => g.ToList());

        foreach (var (customer, judgedLines) in judged)
        {
            var m = metrics[customer];
            Assert.Equal((judgedLines.Count, judgedLines.Count), (int.Parse(m["orders_with_shipments"], Invariant), int.Parse(m["orders_timed"], Invariant)));
            AssertRounded(judgedLines.Average(l => l.OnTime ? 1.0 : 0.0), m["on_time_rate"]);
            AssertRounded(judgedLines.Average(l => l.InFull ? 1.0 : 0.0), m["in_full_rate"]);
            AssertRounded(judgedLines.Average(l => l.OnTime && l.InFull ? 1.0 : 0.0), m["otif_rate"]);
        }
        Assert.True(judged.Count > 300, $"only {judged.Count} customers checked");
        // Not the order figures again: lines and orders differ for customers with late lines beside on-time ones.
        var orderMetrics = Metrics();
        Assert.Contains(judged.Keys, c => metrics[c]["otif_rate"] != orderMetrics[c]["otif_rate"]);
    }

    [Fact]
    public void EventRates_EveryCustomer_ExpeditesAndComplaintsPerOrderInTheWindow()
    {
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json"))).RootElement;
        var windowStart = DateOnly.ParseExact(summary.GetProperty("window_start").GetString()!, "yyyy-MM-dd", Invariant);
        var asOf = run.Output.Result.AsOf;
        var orders = Lines().Where(l => l.Quantity > 0).GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => g.Select(l => l.Order).Distinct().Count());
        var resolve = Resolver();
        var events = CleanRows("service_events")
            .Select(e => (Customer: resolve("", e["customer_id"]), Type: e["event_type"], Day: DateOnly.ParseExact(e["event_date"], "yyyy-MM-dd", Invariant), Order: e["order_id"]))
            .Where(e => e.Customer is not null && e.Day >= windowStart && e.Day <= asOf).ToList();

        var metrics = Metrics();
        foreach (var (customer, count) in orders)
        {
            var expedites = events.Count(e => e.Customer == customer && e.Type == "expedite");
            var complaints = events.Count(e => e.Customer == customer && e.Type == "complaint");
            Assert.Equal(expedites, int.Parse(metrics[customer]["expedites"], Invariant));
            Assert.Equal(complaints, int.Parse(metrics[customer]["complaints"], Invariant));
            AssertRounded(expedites / (double)count, metrics[customer]["expedite_rate"]);
            AssertRounded(complaints / (double)count, metrics[customer]["complaint_rate"]);
            // The generated change log names an order of the customer's in every row: the distinct orders changed, at most all.
            var changes = events.Where(e => e.Customer == customer && e.Type == "order_change").ToList();
            Assert.Equal(changes.Count, int.Parse(metrics[customer]["order_changes"], Invariant));
            AssertRounded(Math.Min(changes.Select(e => e.Order).Distinct().Count(), count) / (double)count, metrics[customer]["order_change_rate"]);
        }
        Assert.True(events.Count(e => e.Type == "expedite") > 20);
        Assert.True(events.Count(e => e.Type == "order_change") > 20);
    }

    [Fact]
    public void CreateSnapshots_EarlierPeriodEnds_EachMatchesTheRawLinesUpToItsDate()
    {
        // Two earlier as-of dates created in one batch (one pass over the lines cut into segments by the windows), each with
        // the run's window length ending at its date, as stability reads them; checked against LINQ over the raw lines in
        // that window: orders and lines with positive quantity, and the monthly demand series (periods and CV).
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json"))).RootElement;
        var runStart = DateOnly.ParseExact(summary.GetProperty("window_start").GetString()!, "yyyy-MM-dd", Invariant);
        var asOf = run.Output.Result.AsOf;
        var ends = new[] { new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-6).AddDays(-1), new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-2).AddDays(-1) };
        var snapshots = ends.Select((end, i) => new MetricSnapshotRequest(
            new MetricsOptions(end, DateOnly.FromDayNumber(end.DayNumber - (asOf.DayNumber - runStart.DayNumber))), $"_test_{i}")).ToList();
        var written = CreateAndRead(snapshots, "customer_metrics", "customer_id, orders, lines, periods, demand_cv",
            (i, r) => new Dictionary<string, string>
            {
                ["snapshot"] = i.ToString(Invariant), ["customer_id"] = r.GetString(0), ["orders"] = r.GetValue(1).ToString()!, ["lines"] = r.GetValue(2).ToString()!,
                ["periods"] = r.GetValue(3).ToString()!, ["demand_cv"] = r.IsDBNull(4) ? "" : r.GetDouble(4).ToString("R", Invariant),
            });

        var lines = Lines().Where(l => l.Quantity > 0).ToList();
        var checkedCustomers = 0;
        for (var i = 0; i < snapshots.Count; i++)
        {
            var (start, end) = (snapshots[i].Options.WindowStart, snapshots[i].Options.AsOf);
            var byCustomer = written.Where(w => w["snapshot"] == i.ToString(Invariant)).ToDictionary(w => w["customer_id"]);
            foreach (var customer in lines.Where(l => l.Day >= start && l.Day <= end).GroupBy(l => l.Customer))
            {
                var m = byCustomer[customer.Key];
                Assert.Equal(customer.Select(l => l.Order).Distinct().Count(), int.Parse(m["orders"], Invariant));
                Assert.Equal(customer.Count(), int.Parse(m["lines"], Invariant));
                var byMonth = customer.GroupBy(l => l.Day.Year * 12 + l.Day.Month - 1).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
                var first = byMonth.Keys.Min();
                var series = Enumerable.Range(first, end.Year * 12 + end.Month - 1 - first + 1).Select(month => byMonth.GetValueOrDefault(month)).ToList();
                Assert.Equal(series.Count, int.Parse(m["periods"], Invariant));
                // One period shows no variability: the CV is empty there (MetricDefinitions), as XYZ reads it (Z).
                if (series.Count < 2)
                    Assert.Equal("", m["demand_cv"]);
                else
                    AssertRounded(PopulationSd(series) / series.Average(), m["demand_cv"]);
                checkedCustomers++;
            }
        }
        Assert.True(checkedCustomers > 600, $"only {checkedCustomers} customer snapshots checked");
    }

    [Fact]
    public void OrdersPerMonth_YearWindow_CountsMonthsFromTheLaterOfWindowStartAndTheFirstLineInAllHistory()
    {
        // orders.frequency (MetricDefinitions): orders ÷ calendar months from the later of window start and the customer's
        // first order line in all history (tenure's start) to the end of as_of (whole months, then the days left as a share
        // of the month they fall in; .NET's AddMonths clamps a 31st as the definition does), at least 1. The window is a year
        // ending 40 days before the run's as-of: customers of longer standing are counted over the whole year, those who
        // started in it from their first line.
        var end = run.Output.Result.AsOf.AddDays(-40);
        var start = end.AddYears(-1).AddDays(1);
        var written = CreateAndRead([new MetricSnapshotRequest(new MetricsOptions(end, start), "_frequency")], "customer_metrics", "customer_id, orders_per_month",
            (_, r) => (Customer: r.GetString(0), Frequency: r.IsDBNull(1) ? double.NaN : r.GetDouble(1))).ToDictionary(w => w.Customer, w => w.Frequency);

        var lines = Lines();
        var firstLines = lines.Where(l => l.Day <= end).GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => g.Min(l => l.Day));
        var inWindow = lines.Where(l => l.Day >= start && l.Day <= end).GroupBy(l => l.Customer).ToList();
        var (longStanding, newInWindow) = (0, 0);
        foreach (var customer in inWindow.Where(c => c.Any(l => l.Quantity > 0)))
        {
            var from = firstLines[customer.Key] > start ? firstLines[customer.Key] : start;
            _ = from == start ? longStanding++ : newInWindow++;
            var months = Math.Max(1.0, CalendarMonths(from, end.AddDays(1)));
            var orders = customer.Where(l => l.Quantity > 0).Select(l => l.Order).Distinct().Count();
            AssertRounded(orders / months, written[customer.Key].ToString("R", Invariant));
        }
        Assert.True(longStanding > 0 && newInWindow > 0, $"{longStanding} customers of longer standing and {newInWindow} new in the window: the test needs both starts");
    }

    [Fact]
    public void CreateSnapshots_EarlierAsOf_ListsEveryCustomerOfTheLinesAndTheMasterFile()
    {
        // The customer → account map is read from the line sums, which hold every line (those after the last as-of date in
        // a segment no window holds): a customer whose first order comes after the as-of date is still listed, without
        // orders, as is a master customer who never ordered. Every generated line's customer is in the master file, so one
        // line of a customer the file lacks is added for the test (and removed after), a month after the as-of date.
        var lines = Lines();
        var firstDays = lines.GroupBy(l => l.Customer).Select(g => g.Min(l => l.Day)).Order().ToList();
        var asOf = firstDays[firstDays.Count * 9 / 10];
        var masters = CleanRows("customers").Select(r => r["customer_id"]).ToHashSet();
        const string unlisted = "ZZ-NOT-IN-MASTER";
        var schema = ChainSegStore.SchemaOf(run.Output.Result.RunId);
        void Execute(string sql)
        {
            using var store = ChainSegStore.Open(run.Output.Result.StorePath);
            store.Connection.Execute(sql);
        }
        Execute($"INSERT INTO \"{schema}\".order_lines SELECT * REPLACE ('{unlisted}' AS customer_id, 'ZZ-ORDER' AS order_id, DATE '{DateFormat.Iso(asOf.AddDays(30))}' AS order_date) FROM \"{schema}\".order_lines LIMIT 1");
        Dictionary<string, long> orders;
        try
        {
            orders = CreateAndRead([new MetricSnapshotRequest(new MetricsOptions(asOf, asOf.AddDays(-365)), "_test_early")], "customer_metrics",
                "customer_id, orders", (_, r) => (Customer: r.GetString(0), Orders: Convert.ToInt64(r.GetValue(1), Invariant))).ToDictionary(r => r.Customer, r => r.Orders);
        }
        finally
        {
            Execute($"DELETE FROM \"{schema}\".order_lines WHERE customer_id = '{unlisted}'");
        }

        var lateStarters = lines.GroupBy(l => l.Customer).Where(g => g.Min(l => l.Day) > asOf).Select(g => g.Key).Append(unlisted).ToList();
        Assert.True(lateStarters.Count > 20, $"only {lateStarters.Count} customers start after {asOf}");
        Assert.Equal(lines.Select(l => l.Customer).Union(masters).Append(unlisted).Order(StringComparer.Ordinal), orders.Keys.Order(StringComparer.Ordinal));
        Assert.All(lateStarters, c => Assert.Equal(0, orders[c]));
    }

    [Fact]
    public void CreateSnapshots_NarrowedSnapshot_HoldsOnlyTheRequestedMetricsWithTheFullSnapshotsValues()
    {
        // A snapshot only segmentation reads is narrowed to the metrics asked for; they must be the values the full table
        // has for the same window, customer by customer, and nothing else may be computed into it.
        var asOf = run.Output.Result.AsOf.AddDays(-60);
        var options = new MetricsOptions(asOf, asOf.AddDays(-300));
        string[] asked = ["orders", "demand_cv", "expedite_rate", "periods"];
        var snapshots = new[] { new MetricSnapshotRequest(options, "_full"), new MetricSnapshotRequest(options, "_narrow", asked) };
        var rows = CreateAndRead(snapshots, "customer_metrics", "*", (i, r) => (Snapshot: i,
            Values: Enumerable.Range(0, r.FieldCount).ToDictionary(r.GetName, c => r.IsDBNull(c) ? "" : Convert.ToString(r.GetValue(c), Invariant)!)));

        var narrow = rows.Where(r => r.Snapshot == 1).Select(r => r.Values).ToList();
        Assert.Equal(asked.Append("customer_id").Order(StringComparer.Ordinal), narrow[0].Keys.Order(StringComparer.Ordinal));
        var full = rows.Where(r => r.Snapshot == 0).ToDictionary(r => r.Values["customer_id"], r => r.Values);
        Assert.Equal(full.Count, narrow.Count);
        foreach (var row in narrow)
            foreach (var metric in asked)
                Assert.Equal(full[row["customer_id"]][metric], row[metric]);
        Assert.Contains(narrow, r => r["demand_cv"] != "" && r["expedite_rate"] != "0");
    }

    [Fact]
    public void CreateSnapshots_EarlierPeriodEnds_EventsCountedInEachWindow()
    {
        // Service events are counted once per customer and segment of their date for every snapshot of a batch; each earlier
        // snapshot's expedites and complaints are checked against the raw events dated in its own window, customer by customer.
        var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(run.Output.Result.OutDirectory, "run_summary.json"))).RootElement;
        var runStart = DateOnly.ParseExact(summary.GetProperty("window_start").GetString()!, "yyyy-MM-dd", Invariant);
        var asOf = run.Output.Result.AsOf;
        var length = asOf.DayNumber - runStart.DayNumber;
        var snapshots = new[] { 200, 45 }.Select((back, i) => new MetricSnapshotRequest(
            new MetricsOptions(asOf.AddDays(-back), DateOnly.FromDayNumber(asOf.DayNumber - back - length / 2)), $"_events_{i}")).ToList();
        var written = CreateAndRead(snapshots, "customer_metrics", "customer_id, expedites, complaints",
            (i, r) => (Snapshot: i, Customer: r.GetString(0), Expedites: r.GetInt64(1), Complaints: r.GetInt64(2)));

        var resolve = Resolver();
        var events = CleanRows("service_events")
            .Select(e => (Customer: resolve("", e["customer_id"]), Type: e["event_type"], Day: DateOnly.ParseExact(e["event_date"], "yyyy-MM-dd", Invariant)))
            .Where(e => e.Customer is not null).ToList();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var (start, end) = (snapshots[i].Options.WindowStart, snapshots[i].Options.AsOf);
            var inWindow = events.Where(e => e.Day >= start && e.Day <= end).ToList();
            var rows = written.Where(w => w.Snapshot == i).ToList();
            foreach (var row in rows)
            {
                Assert.Equal(inWindow.Count(e => e.Customer == row.Customer && e.Type == "expedite"), row.Expedites);
                Assert.Equal(inWindow.Count(e => e.Customer == row.Customer && e.Type == "complaint"), row.Complaints);
            }
            Assert.True(rows.Sum(r => r.Expedites) > 10, $"only {rows.Sum(r => r.Expedites)} expedites in snapshot {i}");
            Assert.True(rows.Sum(r => r.Expedites) < events.Count(e => e.Type == "expedite"), $"snapshot {i} counts every expedite");
        }
    }

    [Fact]
    public void CreateSnapshots_OrdersSpreadOverAPeriodEndOrSharedByCustomers_EachWindowCountsTheLinesItHolds()
    {
        // An order whose lines fall on both sides of a period end is in both windows, with the lines each window holds
        // (DEFINITIONS.md otif.order: in full when each of those lines' SKU was shipped up to its quantity); an order id
        // under two customers is one order of each, with that customer's lines. On a copy of the run's store, every line
        // but the first of orders placed in the week before the earlier period end moves a week later, and the second line
        // of every 20th order goes to another customer; then orders, orders with shipments and the in-full and OTIF rates
        // are recomputed with LINQ over those lines.
        var asOf = run.Output.Result.AsOf;
        var end = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-3).AddDays(-1);
        var start = DateOnly.FromDayNumber(run.Output.Result.AsOf.DayNumber - 400);
        var snapshots = new[] { (End: end, Suffix: "_spread_0"), (End: asOf, Suffix: "_spread_1") }
            .Select(s => new MetricSnapshotRequest(new MetricsOptions(s.End, DateOnly.FromDayNumber(s.End.DayNumber - (asOf.DayNumber - start.DayNumber))), s.Suffix)).ToList();
        using var folder = new TempFolder();
        var copy = Path.Combine(folder.Path, "copy.duckdb");
        File.Copy(run.Output.Result.StorePath, copy);
        var schema = $"\"{ChainSegStore.SchemaOf(run.Output.Result.RunId)}\"";
        using var store = ChainSegStore.Open(copy);
        var c = store.Connection;
        c.Execute($"""
            UPDATE {schema}.order_lines SET order_date = order_date + INTERVAL 7 DAY
            WHERE line_no <> '1' AND CAST(order_date AS DATE) BETWEEN DATE '{DateFormat.Iso(end.AddDays(-6))}' AND DATE '{DateFormat.Iso(end)}'
            """);
        c.Execute($"""
            UPDATE {schema}.order_lines SET customer_id = (SELECT max(customer_id) FROM {schema}.order_lines)
            WHERE line_no = '2' AND hash(order_id) % 20 = 0
            """);
        CustomerMetrics.CreateSnapshots(c, schema.Trim('"'), snapshots);
        var lines = c.Query($"SELECT customer_id, order_id, CAST(order_date AS DATE), quantity, sku, requested_date FROM {schema}.order_lines WHERE quantity > 0",
            r => (Customer: r.GetString(0), Order: r.GetString(1), Day: DateOnly.FromDateTime(r.GetDateTime(2)), Quantity: r.GetDouble(3), Sku: r.GetString(4),
                Requested: r.IsDBNull(5) ? (DateTime?)null : r.GetDateTime(5)));
        // Per order line (order, SKU): the generated shipments all name their SKU, and all carry promised and delivered dates
        // (a few lack the ship date: such a shipment is known from its delivery).
        var sent = c.Query($"SELECT order_id, sku, quantity_shipped, ship_date, promised_date, delivered_date, shipment_id FROM {schema}.shipments",
                r => (Order: r.GetString(0), Sku: r.GetString(1), Shipped: r.IsDBNull(2) ? 0 : r.GetDouble(2), ShipDate: r.IsDBNull(3) ? (DateTime?)null : r.GetDateTime(3),
                    Promised: r.IsDBNull(4) ? (DateTime?)null : r.GetDateTime(4), Delivered: r.IsDBNull(5) ? (DateTime?)null : r.GetDateTime(5), Id: r.GetString(6)));
        Assert.DoesNotContain(sent, x => x.Promised is null || x.Delivered is null);
        var spread = lines.GroupBy(l => l.Order).Count(g => g.Any(l => l.Day <= end) && g.Any(l => l.Day > end));
        Assert.True(spread > 30, $"only {spread} orders spread over {end}");
        var shared = lines.GroupBy(l => l.Order).Count(g => g.Select(l => l.Customer).Distinct().Count() > 1);
        Assert.True(shared > 30, $"only {shared} orders shared by customers");

        foreach (var snapshot in snapshots)
        {
            var (from, to) = (snapshot.Options.WindowStart, snapshot.Options.AsOf);
            // The earlier snapshot knows the shipments shipped by its date and the deliveries made by then (a run on that
            // day); the latest knows the whole export. An order is on time when every shipment of its order id it knows was
            // (metric_definitions on_time_rate), whoever's lines it carried: late when one was delivered late or is
            // undelivered past its promise, unknown (in transit) when one is undelivered and not yet due. OTIF is the
            // joint event, on time and every line's quantity delivered on time. An order not in full whose rest is not yet
            // due (the latest requested_date of its lines in the window, else the latest promise of its known shipments, on
            // or after the snapshot's date) is open: out of the in-full rate, and of OTIF unless late already.
            var knownBy = (to < asOf ? to : DateOnly.MaxValue).ToDateTime(TimeOnly.MinValue);
            var known = sent.Where(x => (x.ShipDate ?? x.Delivered) <= knownBy).Select(x => x with { Delivered = x.Delivered <= knownBy ? x.Delivered : null }).ToList();
            var shipments = known.GroupBy(x => (x.Order, x.Sku)).ToDictionary(g => g.Key,
                g => (Total: g.Sum(x => x.Shipped), OnTime: g.Where(x => x.Delivered <= x.Promised).Sum(x => x.Shipped)));
            var orderOnTime = known.GroupBy(x => x.Order).ToDictionary(g => g.Key,
                g => g.Any(x => x.Delivered > x.Promised || (x.Delivered is null && x.Promised < to.ToDateTime(TimeOnly.MinValue))) ? false
                    : g.Any(x => x.Delivered is null) ? (bool?)null : true);
            var lastPromise = known.GroupBy(x => x.Order).ToDictionary(g => g.Key, g => g.Max(x => x.Promised));
            var written = c.Query($"SELECT customer_id, orders, orders_with_shipments, in_full_rate, otif_rate, deliveries FROM {schema}.customer_metrics{snapshot.Suffix}",
                r => (Id: r.GetString(0), Orders: r.GetInt64(1), Shipped: r.GetInt64(2), InFull: r.IsDBNull(3) ? "" : r.GetDouble(3).ToString("R", Invariant),
                    Otif: r.IsDBNull(4) ? "" : r.GetDouble(4).ToString("R", Invariant), Deliveries: r.GetInt64(5))).ToDictionary(w => w.Id);
            // Deliveries (README costs.direct): each shipment row the window's orders' known shipments hold counts for the customer
            // whose lines in the window have its SKU, of an SKU several customers of an order id ordered for the one with the most
            // units (ties by id); a shipment is a delivery to each customer a row of it counts for. A shared order's shipments
            // were each customer's whole order's.
            var windowOrders = lines.Where(l => l.Day >= from && l.Day <= to).GroupBy(l => l.Order).ToDictionary(g => g.Key, g => g.ToList());
            var deliveries = known.Where(x => windowOrders.ContainsKey(x.Order)).Select(x =>
            {
                var ofOrder = windowOrders[x.Order];
                var basis = ofOrder.Any(l => l.Sku == x.Sku) ? ofOrder.Where(l => l.Sku == x.Sku) : ofOrder;
                var lead = basis.GroupBy(l => l.Customer).OrderByDescending(g => g.Sum(l => l.Quantity)).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
                return (Customer: lead, x.Order, x.Id);
            }).Distinct().CountBy(d => d.Customer).ToDictionary();
            var (inTransit, open) = (0, 0);
            foreach (var customer in lines.Where(l => l.Day >= from && l.Day <= to).GroupBy(l => l.Customer))
            {
                var orders = customer.GroupBy(l => l.Order).ToList();
                var served = orders.Where(o => orderOnTime.ContainsKey(o.Key)).ToList();
                var w = written[customer.Key];
                Assert.Equal(orders.Count, w.Orders);
                Assert.Equal(served.Count, w.Shipped);
                Assert.Equal(deliveries.GetValueOrDefault(customer.Key), w.Deliveries);
                if (served.Count == 0)
                    continue;
                // Every line the window holds, against what was shipped of its SKU (on time, for OTIF).
                bool Full(IGrouping<string, (string Customer, string Order, DateOnly Day, double Quantity, string Sku, DateTime? Requested)> order, bool onTime) => order.GroupBy(l => l.Sku)
                    .All(line => shipments.TryGetValue((order.Key, line.Key), out var sent) && (onTime ? sent.OnTime : sent.Total) >= line.Sum(l => l.Quantity));
                bool Open(IGrouping<string, (string Customer, string Order, DateOnly Day, double Quantity, string Sku, DateTime? Requested)> order) =>
                    !Full(order, false) && (order.Max(l => l.Requested) ?? lastPromise[order.Key]) >= to.ToDateTime(TimeOnly.MinValue);
                var judged = served.Where(o => !Open(o)).ToList();
                open += served.Count - judged.Count;
                if (judged.Count > 0)
                    AssertRounded(judged.Average(o => Full(o, false) ? 1.0 : 0.0), w.InFull);
                else
                    Assert.Equal("", w.InFull);
                var timed = served.Where(o => orderOnTime[o.Key] == false || (orderOnTime[o.Key] == true && !Open(o))).ToList();
                inTransit += served.Count(o => orderOnTime[o.Key] is null);
                if (timed.Count > 0)
                    AssertRounded(timed.Average(o => orderOnTime[o.Key] == true && Full(o, true) ? 1.0 : 0.0), w.Otif);
                else
                    Assert.Equal("", w.Otif);
            }
            if (to < asOf)
                Assert.True(inTransit > 3 && open > 0, $"only {inTransit} orders in transit and {open} open at {to}");
        }
    }

    [Fact]
    public void CreateSnapshots_OtifVariant_RatesFollowTheConfiguredWindowAndTolerance()
    {
        // DEFINITIONS.md otif.order with a configured variant: a shipment is on time from its promise to two days after
        // it (not before), and a line (order, SKU) is in full at 95 % of its quantity ordered, an order when every line is.
        // Recomputed with LINQ over the stored lines and shipments, per customer over the orders with shipments in the window.
        var asOf = run.Output.Result.AsOf;
        var otif = new OtifDefinition(LateDays: 2, EarlyDays: 0, InFullTolerance: 0.05);
        var options = new MetricsOptions(asOf, DateOnly.FromDayNumber(asOf.DayNumber - 400)) { Otif = otif };
        var schema = $"\"{ChainSegStore.SchemaOf(run.Output.Result.RunId)}\"";
        List<(string Customer, string Order, string Sku, double Quantity)> lines;
        Dictionary<string, bool> allOnTime;
        Dictionary<(string Order, string Sku), (double Total, double OnTime)> shipped;
        int onlyLate, onlyEarly;
        using (var store = ChainSegStore.Open(run.Output.Result.StorePath))
        {
            lines = store.Connection.Query($"""
                SELECT customer_id, order_id, sku, quantity FROM {schema}.order_lines
                WHERE quantity > 0 AND CAST(order_date AS DATE) BETWEEN DATE '{DateFormat.Iso(options.WindowStart)}' AND DATE '{DateFormat.Iso(asOf)}'
                """, r => (r.GetString(0), r.GetString(1), r.GetString(2), r.GetDouble(3)));
            var rows = store.Connection.Query($"SELECT order_id, sku, quantity_shipped, promised_date, delivered_date FROM {schema}.shipments",
                r => (Order: r.GetString(0), Sku: r.GetString(1), Shipped: r.IsDBNull(2) ? 0 : r.GetDouble(2),
                    Promised: r.IsDBNull(3) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(3)),
                    Delivered: r.IsDBNull(4) ? (DateOnly?)null : DateOnly.FromDateTime(r.GetDateTime(4))));
            bool OnTime((string Order, string Sku, double Shipped, DateOnly? Promised, DateOnly? Delivered) x) =>
                x.Delivered is { } d && x.Promised is { } p && d.DayNumber <= p.DayNumber + 2 && d.DayNumber >= p.DayNumber;
            allOnTime = rows.GroupBy(x => x.Order).ToDictionary(g => g.Key, g => g.All(OnTime));
            shipped = rows.GroupBy(x => (x.Order, x.Sku)).ToDictionary(g => g.Key, g => (g.Sum(x => x.Shipped), g.Where(OnTime).Sum(x => x.Shipped)));
            onlyLate = rows.Count(x => x.Delivered is { } d && x.Promised is { } p && d.DayNumber - p.DayNumber is 1 or 2);
            onlyEarly = rows.Count(x => x.Delivered is { } d && x.Promised is { } p && d < p);
        }
        // Both ends of the window must change some shipments' verdict, or the test could not tell the variant from the default.
        Assert.True(onlyLate > 20, $"only {onlyLate} shipments delivered one or two days late");
        Assert.True(onlyEarly > 20, $"only {onlyEarly} shipments delivered early");

        var written = CreateAndRead([new MetricSnapshotRequest(options, "_otif_variant")], "customer_metrics", "customer_id, on_time_rate, in_full_rate, otif_rate",
            (_, r) => (Id: r.GetString(0), Rates: Enumerable.Range(1, 3).Select(c => r.IsDBNull(c) ? "" : r.GetDouble(c).ToString("R", Invariant)).ToArray()))
            .ToDictionary(w => w.Id, w => w.Rates);
        bool Full(IEnumerable<(string Customer, string Order, string Sku, double Quantity)> order, bool onTime) => order.GroupBy(l => (l.Order, l.Sku))
            .All(line => shipped.TryGetValue(line.Key, out var sent) && (onTime ? sent.OnTime : sent.Total) >= line.Sum(l => l.Quantity) * 0.95);
        // A partial line whose late rest is under 5 % of its order's quantity: OTIF by the order's total, not by its lines.
        var judgedByTotal = lines.GroupBy(l => l.Order).Count(o => allOnTime.ContainsKey(o.Key) && !Full(o, true)
            && o.Select(l => l.Sku).Distinct().Sum(sku => shipped.GetValueOrDefault((o.Key, sku)).OnTime) >= o.Sum(l => l.Quantity) * 0.95);
        Assert.True(judgedByTotal > 0, "no order's lines tell the rule from the order total");
        var checkedCustomers = 0;
        foreach (var customer in lines.GroupBy(l => l.Customer))
        {
            var served = customer.GroupBy(l => l.Order).Where(o => allOnTime.ContainsKey(o.Key)).ToList();
            if (served.Count == 0)
                continue;
            var rates = written[customer.Key];
            AssertRounded(served.Average(o => allOnTime[o.Key] ? 1.0 : 0.0), rates[0]);
            AssertRounded(served.Average(o => Full(o, false) ? 1.0 : 0.0), rates[1]);
            AssertRounded(served.Average(o => Full(o, true) ? 1.0 : 0.0), rates[2]);
            checkedCustomers++;
        }
        Assert.True(checkedCustomers > 100, $"only {checkedCustomers} customers with shipped orders");
    }

    [Theory]
    [InlineData("week")]
    [InlineData("quarter")]
    public void CreateSnapshots_WindowsSplittingPeriods_OnePeriodDemandRowPerCustomerAndPeriod(string bucket)
    {
        // Window boundaries that are not period starts split a week or quarter between segments of the shared facts; each
        // snapshot's customer_period_demand still has one row per customer and period, whose units are the positive
        // quantity of the lines in that period and window (LINQ over the raw lines), from the series' first period for a
        // customer with a line before it (in all history), else from its first period with demand.
        DateOnly PeriodOf(DateOnly day) => bucket == "week"
            ? day.AddDays(-(((int)day.DayOfWeek + 6) % 7))
            : new DateOnly(day.Year, (day.Month - 1) / 3 * 3 + 1, 1);
        var asOf = run.Output.Result.AsOf;
        // The earlier snapshot ends in the middle of a period, so the later window holds both parts of that period.
        var earlier = asOf.AddDays(-101);
        while (PeriodOf(earlier.AddDays(1)) == earlier.AddDays(1))
            earlier = earlier.AddDays(-1);
        var snapshots = new[] { (End: earlier, Suffix: "_split_0"), (End: asOf, Suffix: "_split_1") }
            .Select(s => new MetricSnapshotRequest(new MetricsOptions(s.End, s.End.AddDays(-297), bucket), s.Suffix)).ToList();
        var written = CreateAndRead(snapshots, "customer_period_demand", "customer_id, period_start, units",
            (i, r) => (Snapshot: i, Customer: r.GetString(0), Period: DateOnly.FromDateTime(r.GetDateTime(1)), Units: r.GetDouble(2)));

        var everyLine = Lines();
        var lines = everyLine.Where(l => l.Quantity > 0).ToList();
        for (var i = 0; i < snapshots.Count; i++)
        {
            var (start, end) = (snapshots[i].Options.WindowStart, snapshots[i].Options.AsOf);
            var rows = written.Where(w => w.Snapshot == i).ToList();
            Assert.Equal(rows.Count, rows.Select(r => (r.Customer, r.Period)).Distinct().Count());
            // The series leaves out a first period the window covers less than half of and a last one less than half over.
            DateOnly Next(DateOnly period) => bucket == "week" ? period.AddDays(7) : period.AddMonths(3);
            var (first, last) = (PeriodOf(start), PeriodOf(end));
            if (first != start && 2 * (Next(first).DayNumber - start.DayNumber) < Next(first).DayNumber - first.DayNumber)
                first = Next(first);
            if (2 * (end.DayNumber - last.DayNumber + 1) < Next(last).DayNumber - last.DayNumber)
                last = PeriodOf(last.AddDays(-1));
            var expected = lines.Where(l => l.Day >= start && l.Day <= end && PeriodOf(l.Day) >= first && PeriodOf(l.Day) <= last)
                .GroupBy(l => (l.Customer, Period: PeriodOf(l.Day))).ToDictionary(g => g.Key, g => g.Sum(l => l.Quantity));
            var demanded = rows.Where(r => r.Units > 0).ToList();
            Assert.Equal(expected.Count, demanded.Count);
            foreach (var row in demanded)
                Assert.Equal(expected[(row.Customer, row.Period)], row.Units, 6);
            var firstLines = everyLine.Where(l => l.Day <= end).GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => g.Min(l => l.Day));
            var seriesStarts = expected.Keys.GroupBy(k => k.Customer)
                .ToDictionary(g => g.Key, g => firstLines[g.Key] < first ? first : g.Min(k => k.Period));
            Assert.All(rows, r => Assert.True(r.Period >= seriesStarts[r.Customer]));
            Assert.Contains(seriesStarts, s => s.Value == first);
            if (i == 1)
                Assert.Contains(rows, r => r.Period == PeriodOf(earlier.AddDays(1)));
        }
    }

    // customer_metrics.csv rounds these to 4 decimals: the written value is within half a unit of the last place.
    // Whole months from `from` while they end by `to`, then the days left over a share of the next month's length.
    private static double CalendarMonths(DateOnly from, DateOnly to)
    {
        var whole = 0;
        while (from.AddMonths(whole + 1) <= to)
            whole++;
        var anchor = from.AddMonths(whole);
        return whole + (double)(to.DayNumber - anchor.DayNumber) / (from.AddMonths(whole + 1).DayNumber - anchor.DayNumber);
    }

    private static void AssertRounded(double expected, string written) =>
        Assert.InRange(double.Parse(written, Invariant), expected - 0.5001e-4, expected + 0.5001e-4);

    private static double PopulationSd(IReadOnlyList<double> values)
    {
        var mean = values.Average();
        return Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Count);
    }
}
