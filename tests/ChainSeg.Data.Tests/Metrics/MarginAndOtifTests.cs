using System.Globalization;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Store;

namespace ChainSeg.Data.Tests.Metrics;

// Margin and OTIF of hand-made lines and shipments, where the right figure can be read off by eye.
public sealed class MarginAndOtifTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    [Fact]
    public void GrossMargin_ALineWithoutCost_LeavesTheCustomersAndItsSegmentsMarginEmpty()
    {
        // S3 has no unit_cost: C10's cost of goods summed the costed line alone (60), a 70 % margin on 200 that counted the
        // 100 of S3 as pure margin. Unknown stays unknown, for the customer and for the segment it is in; C20, fully
        // costed, keeps its margin: 300 − 3 × 60 = 120.
        var company = new HandMadeCompany(_folder, "margin");
        company.File("products.csv", "sku,unit_cost\nS1,60\nS3,\n");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O10,C10,S1,2025-03-05,1,100
            O10,C10,S3,2025-03-05,10,10
            O20,C20,S1,2025-03-06,3,100
            """);
        company.File("chainseg.yaml", """
            segmentation:
              models:
                split:
                  method: rules
                  rules:
                    - { segment: small, when: "revenue < 250" }
                  fallback: large
            """);

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal(("", "", "200.0"), (metrics["C10"]["cost_of_goods"], metrics["C10"]["gross_margin"], metrics["C10"]["revenue"]));
        Assert.Equal(("180.0", "120.0", "0.4"), (metrics["C20"]["cost_of_goods"], metrics["C20"]["gross_margin"], metrics["C20"]["gross_margin_pct"]));
        var summary = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")).ToDictionary(r => r["segment"]);
        Assert.Equal(("", ""), (summary["small"]["gross_margin"], summary["small"]["gross_margin_pct"]));
        Assert.Equal(("120.0", "0.4"), (summary["large"]["gross_margin"], summary["large"]["gross_margin_pct"]));
    }

    [Fact]
    public void GrossMargin_CustomerWithoutLinesInTheWindow_IsZeroNotUnknown()
    {
        // D is master data alone and E's only line (2025-01-10) is before the one-month window: nothing sold, so cost of goods
        // 0 and gross margin 0 − 0 = 0, as their revenue reads 0; only the margin % is empty (0 ÷ 0). They read an empty
        // margin before, as if a line were uncosted, while their inactive segment's sum took them as 0. C20: 300 − 3 × 60 = 120.
        var company = new HandMadeCompany(_folder, "nolines");
        company.File("products.csv", "sku,unit_cost\nS1,60\n");
        company.File("customers.csv", "customer_id\nC20\nD\nE\n");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O10,E,S1,2025-01-10,1,100
            O20,C20,S1,2025-03-06,3,100
            """);
        company.File("chainseg.yaml", """
            window: 1 month
            segmentation:
              models:
                all:
                  method: rules
                  rules:
                    - { segment: buyers, when: "revenue > 0" }
                  fallback: others
            """);

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        foreach (var customer in new[] { "D", "E" })
            Assert.Equal(("0.0", "0.0", "0.0", ""), (metrics[customer]["revenue"], metrics[customer]["cost_of_goods"], metrics[customer]["gross_margin"], metrics[customer]["gross_margin_pct"]));
        Assert.Equal(("180.0", "120.0", "0.4"), (metrics["C20"]["cost_of_goods"], metrics["C20"]["gross_margin"], metrics["C20"]["gross_margin_pct"]));
        var summary = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")).ToDictionary(r => r["segment"]);
        Assert.Equal(("2", "0.0", "0.0", ""), (summary["inactive"]["customers"], summary["inactive"]["revenue"], summary["inactive"]["gross_margin"], summary["inactive"]["gross_margin_pct"]));
        Assert.Equal(("120.0", "0.4"), (summary["buyers"]["gross_margin"], summary["buyers"]["gross_margin_pct"]));
    }

    [Fact]
    public void MoneySums_ReturnsCancellingTheSaleExactly_ReadZeroNotMinusZero()
    {
        // R bought one S1 at 0.30 and returned one S2 at 0.10 and one S3 at 0.20: 0 in cents, but in doubles
        // 0.3 − 0.1 − 0.2 = −2.8e-17 in any order of the three (0.1 + 0.2 exceeds 0.3 in binary), which round(…, 6) kept as
        // −0.0: revenue, cost of goods and margin read "-0.0" and the ABC reason "value -0". Which way such a sum falls depends
        // on the order DuckDB adds lines (on the Online Retail data, reversing the file turned one customer's -0.0 into 0.0 and
        // another's 0.0 into -0.0). C2 (3 × 100) gives ABC a positive total.
        var company = new HandMadeCompany(_folder, "minuszero");
        company.File("products.csv", "sku,unit_cost\nS1,0.3\nS2,0.1\nS3,0.2\n");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,R,S1,2025-03-05,1,0.3
            R1,R,S2,2025-03-06,-1,0.1
            R1,R,S3,2025-03-06,-1,0.2
            O2,C2,S1,2025-03-06,3,100
            """);
        company.File("chainseg.yaml", """
            segmentation:
              models:
                value:
                  method: abc
            """);

        var output = company.Run();

        var r = output.Metrics().Single(m => m["customer_id"] == "R");
        Assert.Equal(("0.0", "0.0", "0.0", "0.3"), (r["revenue"], r["cost_of_goods"], r["gross_margin"], r["returned_value"]));
        var reason = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "assignments.csv")).Single(a => a["customer_id"] == "R")["reason"];
        Assert.Equal("C by revenue: value 0.00 is not positive (excluded from the total)", reason);
    }

    [Fact]
    public void GrossMarginPct_ReturnsOutweighingSales_IsEmptyNotAHealthyMargin()
    {
        // R returned an S1 bought before the window (revenue −100, its cost of goods −60): a margin of −40 over revenue −100
        // read 0.4, the 40 % margin of a good customer, to a rule such as gross_margin_pct < 0.1. Without positive revenue there
        // is no margin share: empty. A sells at the same 40 %.
        var company = new HandMadeCompany(_folder, "marginreturns");
        company.File("products.csv", "sku,unit_cost\nS1,60\n");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,S1,2025-03-06,3,100
            R1,R,S1,2025-03-10,-1,100
            """);

        var metrics = company.Run().MetricsByCustomer();

        Assert.Equal(("-100.0", "-60.0", "-40.0", ""), (metrics["R"]["revenue"], metrics["R"]["cost_of_goods"], metrics["R"]["gross_margin"], metrics["R"]["gross_margin_pct"]));
        Assert.Equal("0.4", metrics["A"]["gross_margin_pct"]);
    }

    [Fact]
    public void CostToServePct_ReturnsOnlyCustomer_IsEmptyNotANegativeOrZeroShare()
    {
        // R only returned goods in the window (revenue −10) and the one pool is driven by orders, of which R has none: its
        // cost-to-serve is 0, and 0 ÷ −10 is −0.0 in doubles, written "-0.0" once; a customer with a cost read a negative share,
        // the cheapest to serve of all to a rule or a median split. Without positive revenue there is no share: empty. A buys
        // 2 × 50 in one order and carries the whole pool: 1000 × 31 days (2025-03-01 … 03-31) ÷ 365.25 = 84.87, ÷ revenue 100 = 0.8487.
        var company = new HandMadeCompany(_folder, "ctspct");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,S1,2025-03-01,2,50
            R1,R,S1,2025-03-31,-1,10
            """);
        company.File("cost_pools.csv", "activity,driver,annual_cost\norder_processing,orders,1000\nreturns_handling,returns,500\n");

        var metrics = company.Run().MetricsByCustomer();

        // R carries the returns pool, so it has a cost, and no share of revenue it does not have.
        Assert.Equal(("-10.0", ""), (metrics["R"]["revenue"], metrics["R"]["cost_to_serve_pct"]));
        Assert.True(double.Parse(metrics["R"]["cost_to_serve"], CultureInfo.InvariantCulture) > 0);
        Assert.Equal((Math.Round(1000 * 31 / 365.25, 2).ToString(CultureInfo.InvariantCulture), "0.8487"), (metrics["A"]["cost_to_serve"], metrics["A"]["cost_to_serve_pct"]));
    }

    [Fact]
    public void Otif_ShipmentsWithoutReadableDates_AreUnknownNotLate()
    {
        // O1's shipment has promised and delivered dates in a layout nobody configured (blanked, warned), O2's is on time:
        // O1 counted as late before, as did every order of an export without date columns (OTIF 0 % for all). Its timeliness is
        // unknown: left out of the on-time and OTIF rates, still in full (its quantity was shipped).
        var company = new HandMadeCompany(_folder, "otif");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,S,X,2025-04-20,10,1
            O2,S,X,2025-05-20,10,1
            O3,U,X,2025-05-21,10,1
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,promised_date,delivered_date,quantity_shipped
            H1,O1,25/04/2025,24/04/2025,10
            H2,O2,2025-05-25,2025-05-24,10
            H3,O3,31/05/2025,30/05/2025,10
            """);

        var output = company.Run();
        var metrics = output.MetricsByCustomer();

        // The blanked dates are warnings of a kept row, and the advice names the setting as it does for quarantined ones.
        var advice = output.Tables.GetProperty("shipments").GetProperty("advice").EnumerateArray().Select(a => a.GetString()!).ToList();
        Assert.Contains(advice, a => a.StartsWith("2 of 3 rows (66.7 %) have an unparseable promised_date (left empty);", StringComparison.Ordinal) && a.Contains("sources.shipments.formats", StringComparison.Ordinal));
        Assert.Equal(("1.0", "1.0", "1.0", "2"), (metrics["S"]["otif_rate"], metrics["S"]["on_time_rate"], metrics["S"]["in_full_rate"], metrics["S"]["orders_with_shipments"]));
        Assert.Equal(("", "", "1.0"), (metrics["U"]["otif_rate"], metrics["U"]["on_time_rate"], metrics["U"]["in_full_rate"]));
    }

    [Fact]
    public void Otif_OrderWithAShipmentOfUnknownTimeliness_IsUnknownAndPooledByKnownOrders()
    {
        // O1 ships 5 on time and 5 without a promised date: neither on time nor OTIF is known (it read on time, in full
        // and not OTIF). U's O2 is late, V's O3 on time; in one segment OTIF pools over the 2 orders of known timeliness:
        // 1 of 2, where weighting U's rate by its 2 orders with shipments gave 1 of 3.
        var company = new HandMadeCompany(_folder, "otif-mixed");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,U,X,2025-04-20,10,1
            O2,U,X,2025-05-20,10,1
            O3,V,X,2025-05-21,10,1
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,promised_date,delivered_date,quantity_shipped
            H1a,O1,2025-04-25,2025-04-24,5
            H1b,O1,,2025-04-24,5
            H2,O2,2025-05-25,2025-05-28,10
            H3,O3,2025-05-26,2025-05-24,10
            """);
        company.File("chainseg.yaml", """
            segmentation:
              models:
                one: { method: rules, rules: [{ segment: all, when: "revenue > 0" }] }
            """);

        var output = company.Run();

        var u = output.Metrics().Single(m => m["customer_id"] == "U");
        Assert.Equal(("0.0", "0.0", "1.0", "1", "2"), (u["otif_rate"], u["on_time_rate"], u["in_full_rate"], u["orders_timed"], u["orders_with_shipments"]));
        var summary = Assert.Single(CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "segment_summary.csv")), r => r["model"] == "one");
        Assert.Equal("0.5", summary["otif_rate"]);
    }

    [Fact]
    public void Otif_ShipmentNotDeliveredAndNotYetDueAtAsOf_IsOpenNotLate()
    {
        // A shipment without a delivery date is late once its last on-time day (promised_date + late_days) has passed by
        // as_of; before that it is in transit, its timeliness unknown (left out of the on-time and OTIF rates as a missing
        // promise is). P's O2, ordered the day before as_of and promised three days after, read late: every customer that
        // ordered in the last days of an export lost on-time share for deliveries nobody could have made yet. An earlier
        // snapshot (2025-05-12) in the same batch judges at its own date: O3, due 2025-05-15, was open then.
        var company = new HandMadeCompany(_folder, "otif-open");
        var linesPath = company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,P,X,2025-05-01,10,1
            O3,P,X,2025-05-10,10,1
            O2,P,X,2025-05-30,10,1
            O4,Q,X,2025-05-31,10,1
            O5,Q,X,2025-05-02,10,1
            """);
        var shipmentsPath = company.File("shipments.csv", """
            shipment_id,order_id,promised_date,delivered_date,quantity_shipped
            H1,O1,2025-05-05,2025-05-04,10
            H3,O3,2025-05-15,,10
            H2,O2,2025-06-02,,10
            H4,O4,2025-05-31,,10
            H5,O5,2025-05-06,2025-05-09,10
            """);

        var output = company.Run();
        var earlier = new DateOnly(2025, 5, 12);
        var atEarlier = EarlierSnapshot(output, earlier, "on_time_rate, otif_rate, orders_timed",
            r => (OnTime: r.IsDBNull(1) ? "" : r.GetDouble(1).ToString("R", Invariant), Otif: r.IsDBNull(2) ? "" : r.GetDouble(2).ToString("R", Invariant), Timed: r.GetInt64(3)));

        // Per order at a date: late when a shipment was delivered after its promise, or is undelivered past it; open
        // (unknown) when one is undelivered and not yet due; else on time. Every order here ships its full quantity.
        var lines = CsvFile.ReadRecords(linesPath);
        var shipments = CsvFile.ReadRecords(shipmentsPath);
        static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", Invariant);
        (double? OnTime, int Timed) Expected(string customer, DateOnly asOf)
        {
            var verdicts = lines.Where(l => l["customer_id"] == customer && Day(l["order_date"]) <= asOf).Select(l => shipments.Where(s => s["order_id"] == l["order_id"])
                .Select(s => s["delivered_date"] == "" ? (Day(s["promised_date"]) < asOf ? false : (bool?)null) : Day(s["delivered_date"]) <= Day(s["promised_date"]))
                .Aggregate((bool?)true, (order, shipment) => order == false || shipment == false ? false : order is null || shipment is null ? null : true))
                .Where(v => v is not null).ToList();
            return (verdicts.Count == 0 ? null : verdicts.Average(v => v!.Value ? 1.0 : 0.0), verdicts.Count);
        }

        var metrics = output.MetricsByCustomer();
        foreach (var customer in new[] { "P", "Q" })
        {
            var (rate, timed) = Expected(customer, output.Result.AsOf);
            var text = rate?.ToString("0.0###", Invariant) ?? "";
            Assert.Equal((text, text, timed.ToString(Invariant)), (metrics[customer]["on_time_rate"], metrics[customer]["otif_rate"], metrics[customer]["orders_timed"]));
            var (earlyRate, earlyTimed) = Expected(customer, earlier);
            Assert.Equal((earlyRate?.ToString("R", Invariant) ?? "", earlyRate?.ToString("R", Invariant) ?? "", (long)earlyTimed), atEarlier[customer]);
        }
        Assert.Equal(("0.5", "2", "1.0"), (metrics["P"]["on_time_rate"], metrics["P"]["orders_timed"], metrics["P"]["in_full_rate"]));
        Assert.Equal(("1", 1L), (atEarlier["P"].OnTime, atEarlier["P"].Timed));
    }

    [Fact]
    public void Otif_OrderWithALateShipment_IsNeitherOnTimeNorOnTimeAndInFull()
    {
        // DEFINITIONS.md otif.order: OTIF is the joint event per order, so an order that is not on time is not OTIF. A's O1
        // got its 10 X on time and 2 more X late; B's O2 got X and Y on time and a Z it never ordered late; C's O3 got its X
        // on time beside 3 X promised for 2025-05-15 and never delivered (overdue at as_of 2025-05-31, so late); D's O4 is
        // on time. Each order's lines had their quantity delivered on time, which OTIF read as on time and in full: A, B
        // and C at on_time_rate 0 beside otif_rate 1. By hand: A, B, C late, in full, not OTIF; D all three.
        var company = new HandMadeCompany(_folder, "joint");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,A,X,2025-05-10,10,1
            O2,B,X,2025-05-10,10,1
            O2,B,Y,2025-05-10,5,1
            O3,C,X,2025-05-10,10,1
            O4,D,X,2025-05-31,10,1
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date
            H1a,O1,X,10,2025-05-15,2025-05-14
            H1b,O1,X,2,2025-05-15,2025-05-20
            H2a,O2,X,10,2025-05-15,2025-05-15
            H2a,O2,Y,5,2025-05-15,2025-05-15
            H2b,O2,Z,1,2025-05-15,2025-05-19
            H3a,O3,X,10,2025-05-15,2025-05-14
            H3b,O3,X,3,2025-05-15,
            H4,O4,X,10,2025-06-02,2025-05-31
            """);

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal(new DateOnly(2025, 5, 31), output.Result.AsOf);
        foreach (var late in new[] { "A", "B", "C" })
            Assert.Equal((late, "1", "0.0", "1.0", "0.0"),
                (late, metrics[late]["orders_timed"], metrics[late]["on_time_rate"], metrics[late]["in_full_rate"], metrics[late]["otif_rate"]));
        Assert.Equal(("1", "1.0", "1.0", "1.0"), (metrics["D"]["orders_timed"], metrics["D"]["on_time_rate"], metrics["D"]["in_full_rate"], metrics["D"]["otif_rate"]));
    }

    [Fact]
    public void Otif_EarlierSnapshot_JudgesOrdersWithTheShipmentsKnownAtItsDate()
    {
        // A stability snapshot at 2025-05-12 stands for a run made that day: a shipment shipped later did not exist yet,
        // and a delivery made later had not happened. It read the whole export: P's O2 (shipped 05-11, due 05-14,
        // delivered late on 05-20) was late on 05-12 though in transit; Q's O4 had only its first 5 of 10 units shipped
        // (the other 5 went out on 05-13) yet read in full and OTIF; R's O5, shipped on 05-13, counted as an order with
        // shipments. By hand at 05-12: P: O1 on time and in full, O2 in transit (in full: its 10 units were shipped), so
        // on time 1 of 1 timed, in full 2 of 2, OTIF 1 of 1; Q: O3 undelivered past its promise (late, in full), O4 short
        // with its promise (05-12) not past, so open (no requested_date), so on time 0 of 1, in full 1 of 1, OTIF 0 of 1;
        // R: no shipment yet. At as_of (the whole export):
        // P on time 1 of 2; Q on time 1 of 2, in full 2 of 2, OTIF 1 of 2; R on time, in full and OTIF 1 of 1.
        var company = new HandMadeCompany(_folder, "known");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price
            O1,P,X,2025-05-01,10,1
            O2,P,X,2025-05-10,10,1
            O3,Q,X,2025-05-08,10,1
            O4,Q,X,2025-05-09,10,1
            O5,R,X,2025-05-11,10,1
            O6,R,X,2025-05-31,10,1
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,ship_date,promised_date,delivered_date
            H1,O1,X,10,2025-05-02,2025-05-05,2025-05-04
            H2,O2,X,10,2025-05-11,2025-05-14,2025-05-20
            H3,O3,X,10,2025-05-09,2025-05-10,2025-05-13
            H4a,O4,X,5,2025-05-10,2025-05-12,2025-05-11
            H4b,O4,X,5,2025-05-13,2025-05-15,2025-05-14
            H5,O5,X,10,2025-05-13,2025-05-15,2025-05-14
            """);

        var output = company.Run();
        var atEarlier = ServiceAt(output, new DateOnly(2025, 5, 12));

        Assert.Equal("2 1 1.0 1.0 1.0", atEarlier["P"]);
        Assert.Equal("2 1 0.0 1.0 0.0", atEarlier["Q"]);
        Assert.Equal("0 0", atEarlier["R"]);
        var metrics = output.MetricsByCustomer();
        Assert.Equal("2 2 0.5 1.0 0.5", Service(metrics["P"]));
        Assert.Equal("2 2 0.5 1.0 0.5", Service(metrics["Q"]));
        Assert.Equal("1 1 1.0 1.0 1.0", Service(metrics["R"]));
    }

    [Fact]
    public void Otif_PartlyShippedOrderNotYetDue_IsOpenAtTheExportDate()
    {
        // An order shipped short of in full whose rest is not yet due (requested_date + late_days on or after as_of; without
        // a requested_date, its shipments' latest promised_date + late_days) is open: out of the in-full, on-time and OTIF
        // denominators, as an order in transit is. It read not in full, failing customers for orders still days from due.
        // as_of 2025-05-31 (Z's order), late_days 2, tolerance 0.1 (in full at 9 of 10). By hand, per customer
        // "orders_with_shipments orders_timed on_time in_full otif":
        // A: O1 5 of 10, requested 06-05: open; O2 in full on time: "2 1 1.0 1.0 1.0" (read "2 2 1.0 0.5 0.5").
        // B: O3 5 of 10, requested 05-20 + 2 < 05-31: past due, not in full: "1 1 1.0 0.0 0.0".
        // C: no requested_date. O4 5 of 10 promised 06-03: open; O5 5 of 10 promised 05-05 + 2 < 05-31: not in full: "2 1 1.0 0.0 0.0".
        // D: O6 5 of 10, requested 05-29 + 2 = 05-31, the last on-time day: open: "1 0". E: O7 requested 05-28 + 2 < 05-31: "1 1 1.0 0.0 0.0".
        // F: O8 9 of 10, in full within the tolerance, never open: "1 1 1.0 1.0 1.0".
        // G: O9 X shipped, Y not (10 of 20): open: "1 0". H: O10 X shipped twice over, Y not (the total 20 is reached, line Y
        // is short): open: "1 0" (read "1 1 1.0 0.0 0.0").
        // I: O11 5 of 10 delivered 05-30 against a promise of 05-27 + 2: late already, as an order in transit with a late
        // delivery is, so timed and not OTIF; in full unknown: "1 1 0.0 0.0" (on_time, otif; read "1 1 0.0 0.0 0.0").
        var company = new HandMadeCompany(_folder, "open");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O1,A,X,2025-05-29,10,1,2025-06-05
            O2,A,X,2025-05-10,10,1,2025-05-15
            O3,B,X,2025-05-10,10,1,2025-05-20
            O4,C,X,2025-05-28,10,1,
            O5,C,X,2025-05-01,10,1,
            O6,D,X,2025-05-20,10,1,2025-05-29
            O7,E,X,2025-05-20,10,1,2025-05-28
            O8,F,X,2025-05-29,10,1,2025-06-05
            O9,G,X,2025-05-29,10,1,2025-06-05
            O9,G,Y,2025-05-29,10,1,2025-06-05
            O10,H,X,2025-05-29,10,1,2025-06-05
            O10,H,Y,2025-05-29,10,1,2025-06-05
            O11,I,X,2025-05-25,10,1,2025-06-05
            O12,Z,X,2025-05-31,10,1,
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date
            H1,O1,X,5,2025-06-02,2025-05-30
            H2,O2,X,10,2025-05-15,2025-05-14
            H3,O3,X,5,2025-05-15,2025-05-14
            H4,O4,X,5,2025-06-03,2025-05-30
            H5,O5,X,5,2025-05-05,2025-05-04
            H6,O6,X,5,2025-05-26,2025-05-25
            H7,O7,X,5,2025-05-26,2025-05-25
            H8,O8,X,9,2025-06-02,2025-05-30
            H9,O9,X,10,2025-06-02,2025-05-30
            H10,O10,X,20,2025-06-02,2025-05-30
            H11,O11,X,5,2025-05-27,2025-05-30
            """);
        company.File("chainseg.yaml", "metrics:\n  otif: { late_days: 2, in_full_tolerance: 0.1 }\n");

        var output = company.Run();

        Assert.Equal(new DateOnly(2025, 5, 31), output.Result.AsOf);
        var metrics = output.MetricsByCustomer();
        Assert.Equal("2 1 1.0 1.0 1.0", Service(metrics["A"]));
        Assert.Equal("1 1 1.0 0.0 0.0", Service(metrics["B"]));
        Assert.Equal("2 1 1.0 0.0 0.0", Service(metrics["C"]));
        Assert.Equal("1 0", Service(metrics["D"]));
        Assert.Equal("1 1 1.0 0.0 0.0", Service(metrics["E"]));
        Assert.Equal("1 1 1.0 1.0 1.0", Service(metrics["F"]));
        Assert.Equal("1 0", Service(metrics["G"]));
        Assert.Equal("1 0", Service(metrics["H"]));
        Assert.Equal(("1", "0.0", "", "0.0"), (metrics["I"]["orders_timed"], metrics["I"]["on_time_rate"], metrics["I"]["in_full_rate"], metrics["I"]["otif_rate"]));
        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(d => d["column"], d => d["meaning"]);
        Assert.All(new[] { "orders_timed", "in_full_rate", "otif_rate" }, c => Assert.Contains("partly shipped and not yet due", definitions[c], StringComparison.Ordinal));
    }

    [Fact]
    public void Otif_EarlierSnapshot_PartlyShippedOrderNotYetDueThere_IsOpenThere()
    {
        // A snapshot at 2025-05-12 judges each order with the shipments known then, and an order short of in full whose
        // rest was not yet due then is open there (out of the in-full, on-time and OTIF denominators). By hand at 05-12
        // and at as_of 05-31, "orders_with_shipments orders_timed on_time in_full otif":
        // P: O1 requested 05-16, 5 of 10 shipped by 05-12 (the rest shipped 05-14, on time): open "1 0"; then "1 1 1.0 1.0 1.0".
        // Q: O2 requested 05-10, 5 of 10 shipped by 05-12 (the rest shipped 05-20, on time): past due at 05-12, "1 1 1.0 0.0 0.0"; then "1 1 1.0 1.0 1.0".
        // R: O3 requested 05-20, 5 of 10 shipped, nothing after: open "1 0"; then past due "1 1 1.0 0.0 0.0".
        // S: O4 without requested_date, 5 of 10 shipped, promised 05-14: open "1 0"; then past its promise "1 1 1.0 0.0 0.0".
        // R's and S's shipments all came before 05-12, so only the rest's due date tells their verdict at 05-12 from the
        // one at as_of.
        var company = new HandMadeCompany(_folder, "open-early");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O1,P,X,2025-05-08,10,1,2025-05-16
            O2,Q,X,2025-05-02,10,1,2025-05-10
            O3,R,X,2025-05-05,10,1,2025-05-20
            O4,S,X,2025-05-09,10,1,
            O9,Z,X,2025-05-31,10,1,
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,ship_date,promised_date,delivered_date
            H1a,O1,X,5,2025-05-09,2025-05-11,2025-05-10
            H1b,O1,X,5,2025-05-14,2025-05-16,2025-05-15
            H2a,O2,X,5,2025-05-03,2025-05-05,2025-05-04
            H2b,O2,X,5,2025-05-20,2025-05-22,2025-05-21
            H3,O3,X,5,2025-05-06,2025-05-08,2025-05-07
            H4,O4,X,5,2025-05-10,2025-05-14,2025-05-11
            """);

        var output = company.Run();
        var atEarlier = ServiceAt(output, new DateOnly(2025, 5, 12));

        Assert.Equal(("1 0", "1 1 1.0 0.0 0.0", "1 0", "1 0"), (atEarlier["P"], atEarlier["Q"], atEarlier["R"], atEarlier["S"]));
        var metrics = output.MetricsByCustomer();
        Assert.Equal(("1 1 1.0 1.0 1.0", "1 1 1.0 1.0 1.0"), (Service(metrics["P"]), Service(metrics["Q"])));
        Assert.Equal(("1 1 1.0 0.0 0.0", "1 1 1.0 0.0 0.0"), (Service(metrics["R"]), Service(metrics["S"])));
    }

    // The service figures the OTIF tests read, in this order, from customer_metrics.csv (Service) and from a snapshot (ServiceAt).
    private static readonly string[] ServiceColumns = ["orders_with_shipments", "orders_timed", "on_time_rate", "in_full_rate", "otif_rate"];

    // One customer's service figures joined by spaces, the empty ones left out as concat_ws leaves out a snapshot's NULLs.
    private static string Service(Dictionary<string, string> metrics) => string.Join(' ', ServiceColumns.Select(c => metrics[c]).Where(v => v != ""));

    // Every customer's service figures at an EarlierSnapshot, joined as Service joins them.
    private static Dictionary<string, string> ServiceAt(PipelineOutput output, DateOnly earlier) =>
        EarlierSnapshot(output, earlier, $"concat_ws(' ', {string.Join(", ", ServiceColumns)})", r => r.GetString(1));

    // A snapshot at `earlier` (window from 2025-05-01) made in the run's store, read per customer from `columns`.
    // It is made in one batch with a snapshot at the run's as_of, never read, as stability's snapshots are, where an
    // order's verdict must be taken at each snapshot's own date.
    private static Dictionary<string, T> EarlierSnapshot<T>(PipelineOutput output, DateOnly earlier, string columns, Func<DuckDB.NET.Data.DuckDBDataReader, T> read)
    {
        var schema = ChainSegStore.SchemaOf(output.Result.RunId);
        var start = new DateOnly(2025, 5, 1);
        using var store = ChainSegStore.Open(output.Result.StorePath);
        CustomerMetrics.CreateSnapshots(store.Connection, schema,
            [new MetricSnapshotRequest(new MetricsOptions(earlier, start), "_early"), new MetricSnapshotRequest(new MetricsOptions(output.Result.AsOf, start), "_late")]);
        return store.Connection.Query($"SELECT customer_id, {columns} FROM \"{schema}\".customer_metrics_early", r => (r.GetString(0), read(r)))
            .ToDictionary(r => r.Item1, r => r.Item2);
    }

    public void Dispose() => _folder.Dispose();
}
