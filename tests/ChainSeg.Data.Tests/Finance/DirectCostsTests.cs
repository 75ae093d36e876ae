using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Tests.Metrics;

namespace ChainSeg.Data.Tests.Finance;

// DEFINITIONS.md Profitability: net contribution = revenue − cost of goods − cost-to-serve, which holds all activities,
// freight and service events. The carrier freight of each shipment (shipments.freight_cost) and the cost of each service
// event (service_events.cost: claims, credit notes, penalties) are costs the data records per customer: charged as they
// are, beside the activity pools. Every expected figure is computed here from the raw CSVs, not by the product's SQL.
public sealed class DirectCostsTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    private const string Lines = """
        order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount
        O1,A,X,2025-01-01,10,10,40
        O2,B,X,2025-03-01,1,10,1
        O3,A,X,2025-12-31,10,10,40
        O4,C,X,2025-06-30,5,10,20
        """;

    // S3's freight is not recorded (charged 0); S4 ships the day after 2025-06-30, so a snapshot at that date knows no freight for C.
    private const string Shipments = """
        shipment_id,order_id,sku,ship_date,delivered_date,freight_cost
        S1,O1,X,2025-01-02,2025-01-03,12.5
        S2,O2,X,2025-03-02,2025-03-03,30
        S3,O3,X,2025-12-31,2025-12-31,
        S4,O4,X,2025-07-01,2025-07-02,4.25
        """;

    // A's expedite has no cost (charged 0); C's credit note lies before the data's first line and A's claim after as_of
    // (2025-12-31, the last line): neither is in the window.
    private const string Events = """
        customer_id,event_type,event_date,order_id,cost
        B,complaint,2025-03-05,O2,25
        B,claim,2025-03-06,,15.25
        A,expedite,2025-06-01,,
        C,credit_note,2024-06-01,,100
        A,claim,2026-01-15,,50
        C,sla_breach,2025-09-30,,7.5
        """;

    private const double PoolCost = 30;

    private static double Num(string s) => double.Parse(s, Invariant);

    private static List<string[]> Rows(string csv) => csv.Split('\n').Skip(1).Select(l => l.Trim().Split(',')).ToList();

    private static double Cents(double x) => Math.Round(x, 2, MidpointRounding.AwayFromZero);

    /// <summary>The figures a customer should have, computed from the raw CSVs for the window <paramref name="from"/>–<paramref name="to"/>.</summary>
    private sealed record Expected(double Revenue, double CostOfGoods, double Pool, double Freight, double Events)
    {
        public double UnroundedCostToServe(bool freight, bool events) => Pool + (freight ? Freight : 0) + (events ? Events : 0);

        public double CostToServe(bool freight, bool events) => Cents(UnroundedCostToServe(freight, events));

        public double NetContribution(bool freight, bool events) => Math.Round(Cents(Revenue) - Cents(CostOfGoods) - CostToServe(freight, events), 2);
    }

    private static Dictionary<string, Expected> Compute(DateOnly from, DateOnly to, DateOnly shippedBy)
    {
        var lines = Rows(Lines).Select(r => (Order: r[0], Customer: r[1], Date: DateOnly.Parse(r[3], Invariant), Quantity: Num(r[4]), Price: Num(r[5]), Margin: Num(r[6])))
            .Where(l => l.Date >= from && l.Date <= to).ToList();
        var orderOf = lines.GroupBy(l => l.Order).ToDictionary(g => g.Key, g => g.First().Customer);
        var freight = Rows(Shipments).Where(s => orderOf.ContainsKey(s[1]) && DateOnly.Parse(s[3], Invariant) <= shippedBy && s[5].Length > 0)
            .GroupBy(s => orderOf[s[1]]).ToDictionary(g => g.Key, g => g.Sum(s => Num(s[5])));
        var events = Rows(Events).Where(e => DateOnly.Parse(e[2], Invariant) is var d && d >= from && d <= to && e[4].Length > 0)
            .GroupBy(e => e[0]).ToDictionary(g => g.Key, g => g.Sum(e => Num(e[4])));
        var firstLine = Rows(Lines).Min(r => DateOnly.Parse(r[3], Invariant));
        var years = (to.DayNumber - (firstLine > from ? firstLine : from).DayNumber + 1) / 365.25;
        var orders = lines.Select(l => l.Order).Distinct().Count();
        return lines.GroupBy(l => l.Customer).ToDictionary(g => g.Key, g => new Expected(
            g.Sum(l => l.Quantity * l.Price), g.Sum(l => l.Quantity * l.Price - l.Margin),
            PoolCost * years * g.Select(l => l.Order).Distinct().Count() / orders,
            freight.GetValueOrDefault(g.Key), events.GetValueOrDefault(g.Key)));
    }

    private HandMadeCompany Company(string name, string? config)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", Lines);
        company.File("shipments.csv", Shipments);
        company.File("service_events.csv", Events);
        company.File("cost_pools.csv", $"activity,driver,annual_cost\norder_processing,orders,{PoolCost}\n");
        if (config is not null)
            company.File("chainseg.yaml", config);
        return company;
    }

    public static TheoryData<string?, bool, bool, string> Settings => new()
    {
        { null, true, true, "[direct=freight,service_events]" },
        { "costs: { direct: [freight, service_events] }\n", true, true, "[direct=freight,service_events]" },
        { "costs: { direct: [service_events] }\n", false, true, "[direct=service_events]" },
        { "costs: { direct: [freight] }\n", true, false, "[direct=freight]" },
        { "costs: { direct: [] }\n", false, false, "" },
    };

    [Theory]
    [MemberData(nameof(Settings))]
    public void Run_DirectCosts_ChargedInCostToServeNetContributionSegmentPnlAndWhaleCurve(string? config, bool freight, bool events, string brackets)
    {
        var output = Company($"direct{brackets.Length}{freight}{events}", config).Run();
        var expected = Compute(new DateOnly(2025, 1, 1), new DateOnly(2025, 12, 31), new DateOnly(2025, 12, 31));
        string Out(string file) => Path.Combine(output.Result.OutDirectory, file);

        var metrics = output.MetricsByCustomer();
        Assert.Equal(["A", "B", "C"], metrics.Keys.Order());
        foreach (var (customer, e) in expected)
        {
            Assert.Equal(e.CostToServe(freight, events), Num(metrics[customer]["cost_to_serve"]));
            Assert.Equal(e.NetContribution(freight, events), Num(metrics[customer]["net_contribution"]));
            Assert.Equal(Math.Round(e.UnroundedCostToServe(freight, events) / e.Revenue, 4, MidpointRounding.AwayFromZero), Num(metrics[customer]["cost_to_serve_pct"]), 9);
        }

        // cost_to_serve.csv: a row per customer for each direct cost charged, driver direct, rate 1, so its rows sum to cost_to_serve.
        var rows = CsvFile.ReadRecords(Out("cost_to_serve.csv"));
        var direct = rows.Where(r => r["driver"] == "direct").Select(r => (r["customer_id"], r["pool"], Num(r["driver_volume"]), Num(r["rate"]), Num(r["cost"]))).ToList();
        var expectedDirect = expected.OrderBy(e => e.Key, StringComparer.Ordinal).SelectMany(e =>
            (freight ? [(e.Key, "freight", e.Value.Freight, 1.0, e.Value.Freight)] : Array.Empty<(string, string, double, double, double)>())
            .Concat(events ? [(e.Key, "service_events", e.Value.Events, 1.0, e.Value.Events)] : [])).ToList();
        Assert.Equal(expectedDirect, direct.OrderBy(d => d.Item1, StringComparer.Ordinal).ThenBy(d => d.Item2, StringComparer.Ordinal));
        foreach (var (customer, e) in expected)
            Assert.Equal(e.CostToServe(freight, events), Cents(rows.Where(r => r["customer_id"] == customer).Sum(r => Num(r["cost"]))), 2);

        // segment_pnl.csv and segment_cost_to_serve.csv: each segment sums its customers' figures.
        var segmentOf = CsvFile.ReadRecords(Out("assignments.csv")).Where(r => r["is_active_model"] == "true")
            .ToDictionary(r => r["customer_id"], r => r["segment"]);
        var activeModel = CsvFile.ReadRecords(Out("assignments.csv")).First(a => a["is_active_model"] == "true")["model"];
        foreach (var pnl in CsvFile.ReadRecords(Out("segment_pnl.csv")).Where(r => r["model"] == activeModel))
        {
            var members = expected.Where(e => segmentOf[e.Key] == pnl["segment"]).Select(e => e.Value).ToList();
            Assert.Equal(Math.Round(members.Sum(m => m.CostToServe(freight, events)), 2), Num(pnl["cost_to_serve"]), 2);
            Assert.Equal(Math.Round(members.Sum(m => m.NetContribution(freight, events)), 2) - Num(pnl["carrying_cost"] is "" ? "0" : pnl["carrying_cost"]), Num(pnl["net_contribution"]), 2);
            Assert.Contains(pnl["net_contribution_definition"], new[] { "contribution.net" + brackets, "contribution.net" + brackets + "+carrying" });
        }
        var segmentDirect = CsvFile.ReadRecords(Out("segment_cost_to_serve.csv")).Where(r => r["driver"] == "direct").ToList();
        Assert.Equal((freight ? 1 : 0) + (events ? 1 : 0), segmentDirect.Select(r => r["pool"]).Distinct().Count());
        Assert.Equal(Math.Round(expected.Values.Sum(e => (freight ? e.Freight : 0) + (events ? e.Events : 0)), 2),
            Math.Round(segmentDirect.Where(r => r["model"] == segmentDirect[0]["model"]).Sum(r => Num(r["cost"])), 2), 2);

        // The whale curve ranks the same net contributions.
        var nets = expected.Values.Select(e => e.NetContribution(freight, events)).ToList();
        var whale = output.Result.WhaleCurve!;
        Assert.Equal(Math.Round(nets.Sum(), 2), whale.TotalNetContribution, 2);
        Assert.Equal(Math.Round(-nets.Where(n => n < 0).Sum(), 2), whale.LossAmount, 2);

        // The definition ids name the direct costs charged, so a figure with and without them is never compared as one.
        var ids = CsvFile.ReadRecords(Out("metric_definitions.csv")).ToDictionary(r => r["column"], r => r["definition_id"]);
        Assert.Equal(("cts.abc" + brackets, "cts.abc_pct" + brackets, "contribution.net" + brackets),
            (ids["cost_to_serve"], ids["cost_to_serve_pct"], ids["net_contribution"]));
        var kpiIds = CsvFile.ReadRecords(Out("kpis_by_segment.csv")).Where(r => r["kpi"] is "net_contribution" or "cost_to_serve_pct")
            .Select(r => (r["kpi"], r["definition"])).Distinct().Order().ToList();
        Assert.Equal([("cost_to_serve_pct", "cts.abc_pct" + brackets), ("net_contribution", "contribution.net" + brackets)], kpiIds);

        // The whale curve ranks that net contribution, so its ids name the same brackets (run_summary.json, which
        // chainseg.xlsx's Whale curve sheet copies, and whale_curve.csv's columns in metric_definitions.csv).
        Assert.Equal(("whale.net_contribution" + brackets, "whale.net_contribution.pct" + brackets),
            (ids["whale_curve.cumulative_net_contribution"], ids["whale_curve.cumulative_pct_of_total"]));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Out("run_summary.json")));
        Assert.Equal("whale.net_contribution" + brackets, summary.RootElement.GetProperty("whale_curve").GetProperty("definition").GetString());
    }

    // An earlier period end (stability, KPIs) charges the direct costs of its own window, and the freight of the shipments
    // known by its date: C's order of 06-30 shipped on 07-01.
    [Fact]
    public void Snapshot_EarlierPeriodEnd_ChargesTheDirectCostsOfItsOwnWindow()
    {
        var output = Company("snapshot", null).Run();
        var asOf = new DateOnly(2025, 6, 30);

        var (all, _) = EarlierSnapshotFigures.At(output, asOf, ["cost_to_serve", "net_contribution"], ["orders"]);

        var expected = Compute(asOf.AddDays(-365), asOf, asOf);
        Assert.Equal(0, expected["C"].Freight);
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.CostToServe(true, true), e.Value.NetContribution(true, true))),
            all.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => (a.Key, Num(a.Value.Split('|')[0]), Num(a.Value.Split('|')[1]))));
    }

    // The window a direct cost is charged in: freight by its order's date (the shipments of the orders in the window, as the
    // `shipments` and `freight` drivers count them), service events by their own date. At the run's own as_of every shipment
    // of those orders the export holds is charged, one shipped after as_of included, even under an as_of before the export's
    // end (README: such a run judges as_of with every shipment the export holds): C's order of 06-30 shipped on 07-01 is
    // charged its 4.25 (an earlier period end of a later run is not, above), and C's SLA breach of 09-30 is not in the window.
    [Fact]
    public void Run_AsOfBeforeTheExportsEnd_ChargesFreightByOrderDateAndEventsByEventDate()
    {
        var output = Company("asof", "as_of: 2025-06-30\n").Run();

        var expected = Compute(new DateOnly(2025, 1, 1), new DateOnly(2025, 6, 30), DateOnly.MaxValue);
        Assert.Equal((4.25, 0.0), (expected["C"].Freight, expected["C"].Events));
        var metrics = output.MetricsByCustomer();
        Assert.Equal(
            expected.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => (e.Key, e.Value.CostToServe(true, true))),
            metrics.Where(m => expected.ContainsKey(m.Key)).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => (m.Key, Num(m.Value["cost_to_serve"]))));
        var direct = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")).Where(r => r["customer_id"] == "C" && r["driver"] == "direct")
            .ToDictionary(r => r["pool"], r => Num(r["cost"]));
        Assert.Equal((4.25, 0.0), (direct["freight"], direct["service_events"]));
    }

    // Without cost pools the activities' cost is unknown: freight and service events alone would read as the whole
    // cost-to-serve and overstate the contribution, as leaving them out did. Empty, as without them.
    [Fact]
    public void Run_WithoutCostPools_CostToServeStaysEmptyDespiteDirectCosts()
    {
        var company = new HandMadeCompany(_folder, "nopools");
        company.File("order_lines.csv", Lines);
        company.File("shipments.csv", Shipments);
        company.File("service_events.csv", Events);

        var output = company.Run();

        Assert.All(output.Metrics(), m => Assert.Equal(("", ""), (m["cost_to_serve"], m["net_contribution"])));
        Assert.Single(File.ReadAllLines(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv")));
    }

    [Fact]
    public void Run_MisspeltDirectCost_IsOneLineWithTheNearestName()
    {
        var company = Company("misspelt", "costs: { direct: [freigt] }\n");

        var e = Assert.Throws<ConfigurationException>(() => company.Run());

        Assert.Equal("costs.direct: 'freigt' is not a direct cost (did you mean 'freight'?); list freight, service_events or both, or [] to charge neither.", e.Message);
    }

    private static List<string> Missing(PipelineOutput output) =>
        output.Result.Warnings.Where(w => w.StartsWith("direct_cost_missing: ", StringComparison.Ordinal)).ToList();

    // The run's direct_cost_missing warnings are these, and run_summary.json lists the same.
    private static void AssertWarned(PipelineOutput output, string[] expected)
    {
        Assert.Equal(expected, Missing(output));
        using var summary = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(output.Result.OutDirectory, "run_summary.json")));
        Assert.Equal(expected, summary.RootElement.GetProperty("warnings").EnumerateArray().Select(w => w.GetString()!)
            .Where(w => w.StartsWith("direct_cost_missing: ", StringComparison.Ordinal)));
    }

    // An empty freight_cost or event cost was charged as 0 without a word, so a customer whose carrier invoices were missing
    // read cheaper to serve. Counted by hand over the window 2025-01-01 to 2025-12-31: the shipments of its orders are S1-S4,
    // S3 (A's) without freight, so 1 of 4, A 1 of its 2; its events with a cost to record are B's complaint and claim, A's
    // expedite (no cost) and C's SLA breach, so 1 of 4, A 1 of 1. An order change without a cost is no gap (a change log
    // records the change, not its cost); the events before the window and after as_of are not charged, so not counted.
    [Fact]
    public void Run_SomeDirectCostsEmpty_WarnsOncePerTableWithCountShareAndCustomers()
    {
        var company = Company("gaps", null);
        company.File("service_events.csv", Events + "\nA,order_change,2025-02-01,O1,\n");

        var output = company.Run();

        AssertWarned(output, [
            "direct_cost_missing: 1 of 4 shipment rows in the window (25.0 %) has no freight_cost and is charged as 0, so its customer reads cheaper to serve "
                + "than it is (1 customer: A 1 of 2); complete freight_cost in the shipments export, or leave freight out of costs.direct "
                + "(costs: { direct: [service_events] }) to charge freight to no customer.",
            "direct_cost_missing: 1 of 4 service events in the window (25.0 %) has no cost and is charged as 0, so its customer reads cheaper to serve "
                + "than it is (1 customer: A 1 of 1); complete cost in the service_events export, or leave service_events out of costs.direct "
                + "(costs: { direct: [freight] }) to charge service events to no customer.",
        ]);
    }

    // A shipments export without any freight_cost was charged as 0 for every customer under cost_to_serve's direct=freight:
    // freight is then not charged at all, and the run says so rather than naming customers (every one lacks it).
    [Fact]
    public void Run_NoFreightCostAtAll_WarnsFreightIsNotCharged()
    {
        var company = Company("nofreight", "costs: { direct: [freight] }\n");
        company.File("shipments.csv", string.Join('\n', Shipments.Split('\n').Select(l => l.TrimEnd()[..l.TrimEnd().LastIndexOf(',')])) + "\n");

        var output = company.Run();

        AssertWarned(output, [
            "direct_cost_missing: none of the 4 shipment rows in the window has a freight_cost, so freight is not charged (0 for every customer, "
                + "though cost_to_serve's definition names it); load freight_cost with the shipments export, or leave freight out of costs.direct (costs: { direct: [] }).",
        ]);
    }

    // Rows of several customers without a cost: the customers with the most such rows first (ties by id), three at most.
    [Fact]
    public void Run_FreightMissingForManyCustomers_NamesTheMostAffectedFirst()
    {
        var company = Company("many", "costs: { direct: [freight] }\n");
        company.File("order_lines.csv", Lines + "\nO5,D,X,2025-02-01,1,10,1\nO6,E,X,2025-02-02,1,10,1\n");
        company.File("shipments.csv", Shipments + "\nS5,O5,X,2025-02-02,2025-02-03,\nS6,O5,X,2025-02-03,2025-02-04,\nS7,O6,X,2025-02-03,2025-02-04,\nS8,O2,X,2025-03-03,2025-03-04,\n");

        var output = company.Run();

        // Window orders' shipments S1-S8: S3 (A), S5 and S6 (D), S7 (E) and S8 (B) without freight: 5 of 8, over 4 customers.
        Assert.Equal([
            "direct_cost_missing: 5 of 8 shipment rows in the window (62.5 %) have no freight_cost and are charged as 0, so their customers read cheaper to serve "
                + "than they are (4 customers, most: D 2 of 2, A 1 of 2, B 1 of 2, …); complete freight_cost in the shipments export, or leave freight out of costs.direct "
                + "(costs: { direct: [] }) to charge freight to no customer.",
        ], Missing(output));
    }

    // Every cost recorded, or the direct costs not charged: nothing to say.
    [Theory]
    [InlineData("complete", null)]
    [InlineData("uncharged", "costs: { direct: [] }\n")]
    public void Run_NoGapOrNothingCharged_HasNoWarning(string name, string? config)
    {
        var company = Company(name, config);
        if (config is null)
        {
            company.File("shipments.csv", Shipments.Replace("2025-12-31,2025-12-31,\n", "2025-12-31,2025-12-31,1\n", StringComparison.Ordinal));
            company.File("service_events.csv", Events.Replace("A,expedite,2025-06-01,,\n", "A,expedite,2025-06-01,,3\n", StringComparison.Ordinal));
        }

        var output = company.Run();

        Assert.Empty(Missing(output));
    }

    // O1's id is shared by A and B (each ordered its own lines under it; the order statistics judge it per customer): its
    // freight was charged whole to each, 20 to A and 20 to B of an invoice of 10. Each shipment row goes to the customer whose
    // line has its SKU (X A's, Y B's); a row of an SKU both ordered (Z), of one neither did (W) or of none splits by their
    // units of that SKU (Z: A 3, B 1) or of the order (A 15, B 5). O2 is B's alone.
    private const string SharedLines = """
        order_id,customer_id,sku,order_date,quantity,unit_price,margin_amount
        O1,A,X,2025-03-01,12,10,40
        O1,A,Z,2025-03-01,3,10,10
        O1,B,Y,2025-03-01,4,10,10
        O1,B,Z,2025-03-01,1,10,3
        O2,B,X,2025-04-01,1,10,1
        """;

    private const string SharedShipments = """
        shipment_id,order_id,sku,ship_date,delivered_date,freight_cost
        S1,O1,X,2025-03-02,2025-03-03,10
        S1,O1,Y,2025-03-02,2025-03-03,6
        S2,O1,Z,2025-03-04,2025-03-05,8
        S3,O1,,2025-03-04,2025-03-05,4
        S5,O1,W,2025-03-06,2025-03-07,2
        S4,O2,X,2025-04-02,2025-04-03,5
        """;

    private HandMadeCompany SharedCompany(string name, string shipments)
    {
        var company = new HandMadeCompany(_folder, name);
        company.File("order_lines.csv", SharedLines);
        company.File("shipments.csv", shipments);
        company.File("cost_pools.csv", $"activity,driver,annual_cost\norder_processing,orders,{PoolCost}\ndispatch,shipments,{PoolCost}\n");
        company.File("chainseg.yaml", "costs: { direct: [freight] }\n");
        return company;
    }

    // Each customer's share of each shipment row of its orders, by LINQ over the raw CSVs: 1 for an order of one customer;
    // for a shared order the rule above.
    private static Dictionary<string, double> SplitFreight(string linesCsv, string shipmentsCsv)
    {
        var lines = Rows(linesCsv).Select(r => (Order: r[0], Customer: r[1], Sku: r[2], Units: Num(r[4]))).Where(l => l.Units > 0).ToList();
        var charged = new Dictionary<string, double>();
        foreach (var s in Rows(shipmentsCsv).Where(s => s[5].Length > 0))
        {
            var ofOrder = lines.Where(l => l.Order == s[1]).ToList();
            var ofSku = ofOrder.Where(l => l.Sku == s[2]).ToList();
            var basis = ofSku.Count > 0 ? ofSku : ofOrder;
            foreach (var customer in basis.GroupBy(l => l.Customer))
                charged[customer.Key] = charged.GetValueOrDefault(customer.Key) + Num(s[5]) * customer.Sum(l => l.Units) / basis.Sum(l => l.Units);
        }
        return charged;
    }

    [Fact]
    public void Run_OrderIdSharedByTwoCustomers_SplitsItsFreightInsteadOfChargingItToEach()
    {
        var output = SharedCompany("sharedfreight", SharedShipments).Run();

        var freight = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv"))
            .Where(r => r["pool"] == "freight" && r["driver"] == "direct").ToDictionary(r => r["customer_id"], r => Num(r["cost"]));
        // By hand: A 10 (X) + 6 (Z, 3 of 4) + 3 (none, 15 of 20) + 1.5 (W, 15 of 20); B 6 (Y) + 2 + 1 + 0.5 + 5 (O2).
        Assert.Equal((20.5, 14.5), (freight["A"], freight["B"]));
        Assert.Equal(SplitFreight(SharedLines, SharedShipments).OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, Math.Round(c.Value, 6))),
            freight.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => (c.Key, c.Value)));
        // The finance reader's reconciliation: the customers are charged the carrier invoices of the window, once.
        Assert.Equal(Rows(SharedShipments).Sum(s => Num(s[5])), freight.Values.Sum(), 6);
    }

    // The counts beside the freight of a shared order: each shipment row counts for one customer (direct_cost_missing's
    // rows: 6 in the window, not O1's 5 once per customer), the one whose line has its SKU, else the one with the most units
    // of the SKU or of the order (S2, S3 and S5: A); a shipment is a delivery (cost driver `shipments`) to each customer
    // one of its rows counts for: S1 carries A's X and B's Y, so it is A's and B's; A S1, S2, S3, S5 and B S1, S4.
    [Fact]
    public void Run_OrderIdSharedByTwoCustomers_CountsEachShipmentRowOnceAndDeliveriesPerCustomerCarried()
    {
        var shipments = SharedShipments.Replace("S2,O1,Z,2025-03-04,2025-03-05,8", "S2,O1,Z,2025-03-04,2025-03-05,", StringComparison.Ordinal)
            .Replace("S3,O1,,2025-03-04,2025-03-05,4", "S3,O1,,2025-03-04,2025-03-05,", StringComparison.Ordinal);

        var output = SharedCompany("sharedcounts", shipments).Run();

        Assert.Equal([
            "direct_cost_missing: 2 of 6 shipment rows in the window (33.3 %) have no freight_cost and are charged as 0, so their customer reads cheaper to serve "
                + "than it is (1 customer: A 2 of 4); complete freight_cost in the shipments export, or leave freight out of costs.direct "
                + "(costs: { direct: [] }) to charge freight to no customer.",
        ], Missing(output));
        var metrics = output.MetricsByCustomer();
        Assert.Equal((4L, 2L), (long.Parse(metrics["A"]["deliveries"], Invariant), long.Parse(metrics["B"]["deliveries"], Invariant)));
        var dispatch = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "cost_to_serve.csv"))
            .Where(r => r["pool"] == "dispatch").ToDictionary(r => r["customer_id"], r => Num(r["driver_volume"]));
        Assert.Equal((4.0, 2.0), (dispatch["A"], dispatch["B"]));
    }

    public void Dispose() => _folder.Dispose();
}
