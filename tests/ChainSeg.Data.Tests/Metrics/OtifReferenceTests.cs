using System.Globalization;
using System.Text.Json;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Tests.Metrics;

// DEFINITIONS.md, on-time reference: the committed (promised) date by default, the requested date as a variant
// (metrics.otif.reference: promised | requested). Under `requested` a shipment is judged against its order's latest
// requested_date (order_lines.requested_date; an order without one is unpromised, as a shipment without promised_date
// is), for on time, due dates (in transit) and the open-order rule. Expected figures are worked out by hand in comments,
// per customer as "orders_with_shipments|orders_timed|on_time_rate|in_full_rate|otif_rate" (empty where unknown).
public sealed class OtifReferenceTests : IDisposable
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly TempFolder _folder = new();

    // as_of is 2025-05-31 (Z's order; Z has no shipment). Every order is 10 units of X (B's of X and Y).
    // A: O1 requested 05-12, promised 05-15, delivered 05-14: on time to the promise, late to the request.
    //    O2 requested 05-20, promised 05-15, delivered 05-15: on time to both.
    //    promised "2|2|1.0|1.0|1.0"; requested "2|2|0.5|1.0|0.5".
    // B: O3's lines request 05-10 (X) and 05-16 (Y), the latest 05-16; both promised 05-12, delivered 05-15: late to the
    //    promise, on time to the latest request (late to the earliest, 05-10, which the definition does not use).
    //    promised "1|1|0.0|1.0|0.0"; requested "1|1|1.0|1.0|1.0".
    // C: O4 without requested_date, promised 05-15, delivered 05-14; O5 requested 05-20, promised 05-15, delivered 05-18.
    //    promised: O4 on time, O5 late: "2|2|0.5|1.0|0.5"; requested: O4 unpromised (out of the timed orders), O5 on time:
    //    "2|1|1.0|1.0|1.0".
    // D: O6 requested 06-05, promised 05-28, shipped in full and not delivered: due 05-28 < as_of, late to the promise;
    //    due 06-05 ≥ as_of, in transit to the request. promised "1|1|0.0|1.0|0.0"; requested "1|0||1.0|".
    // F: O8 without requested_date, 5 of 10 shipped, promised 06-02, delivered 05-30. promised: the rest is due 06-02 ≥
    //    as_of, so the order is open "1|0|||"; requested: unpromised and without a due date for its rest, it is judged as
    //    it stands, not in full: "1|0||0.0|".
    [Theory]
    [InlineData(null, "otif.order", "2|2|1.0|1.0|1.0", "1|1|0.0|1.0|0.0", "2|2|0.5|1.0|0.5", "1|1|0.0|1.0|0.0", "1|0|||")]
    [InlineData("promised", "otif.order", "2|2|1.0|1.0|1.0", "1|1|0.0|1.0|0.0", "2|2|0.5|1.0|0.5", "1|1|0.0|1.0|0.0", "1|0|||")]
    [InlineData("requested", "otif.order[ref=requested,late=0,early=any,tol=0]", "2|2|0.5|1.0|0.5", "1|1|1.0|1.0|1.0", "2|1|1.0|1.0|1.0", "1|0||1.0|", "1|0||0.0|")]
    public void Otif_Reference_JudgesEachShipmentAgainstThePromiseOrTheOrdersLatestRequest(string? reference, string id,
        string a, string b, string c, string d, string f)
    {
        var company = new HandMadeCompany(_folder, reference ?? "default");
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O1,A,X,2025-05-05,10,1,2025-05-12
            O2,A,X,2025-05-05,10,1,2025-05-20
            O3,B,X,2025-05-05,10,1,2025-05-10
            O3,B,Y,2025-05-05,10,1,2025-05-16
            O4,C,X,2025-05-05,10,1,
            O5,C,X,2025-05-05,10,1,2025-05-20
            O6,D,X,2025-05-25,10,1,2025-06-05
            O8,F,X,2025-05-28,10,1,
            O9,Z,X,2025-05-31,10,1,2025-06-10
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date
            H1,O1,X,10,2025-05-15,2025-05-14
            H2,O2,X,10,2025-05-15,2025-05-15
            H3,O3,X,10,2025-05-12,2025-05-15
            H3,O3,Y,10,2025-05-12,2025-05-15
            H4,O4,X,10,2025-05-15,2025-05-14
            H5,O5,X,10,2025-05-15,2025-05-18
            H6,O6,X,10,2025-05-28,
            H8,O8,X,5,2025-06-02,2025-05-30
            """);
        company.File("chainseg.yaml", reference is null ? "window: all\n" : $"metrics:\n  otif: {{ reference: {reference} }}\n");

        var output = company.Run();

        Assert.Equal(new DateOnly(2025, 5, 31), output.Result.AsOf);
        var metrics = output.MetricsByCustomer();
        Assert.Equal((a, b, c, d, f), (ServiceFigures.Of(metrics["A"]), ServiceFigures.Of(metrics["B"]), ServiceFigures.Of(metrics["C"]), ServiceFigures.Of(metrics["D"]), ServiceFigures.Of(metrics["F"])));
        // The id names the variant wherever an OTIF figure is reported: metric_definitions.csv, segment_summary.csv and
        // run_summary.json.
        var outDir = output.Result.OutDirectory;
        var definitions = CsvFile.ReadRecords(Path.Combine(outDir, "metric_definitions.csv")).ToDictionary(r => r["column"]);
        Assert.Equal(id, definitions["otif_rate"]["definition_id"]);
        Assert.Equal(id + ".on_time", definitions["on_time_rate"]["definition_id"]);
        Assert.All(CsvFile.ReadRecords(Path.Combine(outDir, "segment_summary.csv")), s => Assert.Equal(id, s["otif_definition"]));
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(outDir, "run_summary.json")));
        Assert.Equal(id, summary.RootElement.GetProperty("definitions").GetProperty("otif").GetString());
        // The meaning says which date the on-time window is around.
        Assert.Contains(reference == "requested" ? "the latest requested_date of the order's lines" : "the shipment's promised_date",
            definitions["on_time_rate"]["meaning"], StringComparison.Ordinal);
    }

    // late_days 2 and early_days 1 around the reference date; as_of 2025-05-31.
    // K: requested 05-10, promised 05-08, delivered 05-12: request + 2, on time; promise + 4, late.
    // L: requested 05-10, promised 05-12, delivered 05-13: request + 3, late; promise + 1, on time.
    // M: requested 05-10, promised 05-09, delivered 05-08: request − 2, too early; promise − 1, on time.
    // N: requested 05-29, promised 05-25, undelivered: due 05-31 ≥ as_of, in transit; due 05-27 < as_of, late.
    // P: requested 05-28, promised 06-05, undelivered: due 05-30 < as_of, late; due 06-07, in transit.
    // Q: requested 05-29, 5 of 10 delivered 05-25 (promised 05-26): the rest is due 05-29 + 2 = 05-31 ≥ as_of under both
    //    references (by default the rest is due at the request too), so the order is open; but delivered 4 days before
    //    the request, more than early_days 1, it is late already to the request: "1|1|0.0||0.0"; to the promise (1 day
    //    early) open: "1|0|||".
    // R: requested 05-28, 5 of 10 delivered 05-28 (promised 05-27): the rest due 05-30 < as_of, not open; on time to
    //    both, not in full: "1|1|1.0|0.0|0.0".
    [Theory]
    [InlineData("requested", "otif.order[ref=requested,late=2,early=1,tol=0]",
        "1|1|1.0|1.0|1.0", "1|1|0.0|1.0|0.0", "1|1|0.0|1.0|0.0", "1|0||1.0|", "1|1|0.0|1.0|0.0", "1|1|0.0||0.0")]
    [InlineData("promised", "otif.order[late=2,early=1,tol=0]",
        "1|1|0.0|1.0|0.0", "1|1|1.0|1.0|1.0", "1|1|1.0|1.0|1.0", "1|1|0.0|1.0|0.0", "1|0||1.0|", "1|0|||")]
    public void Otif_LateAndEarlyDays_AreCountedAroundTheReferenceDate(string reference, string id, string k, string l, string m, string n, string p, string q)
    {
        var company = new HandMadeCompany(_folder, "window-" + reference);
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O20,K,X,2025-05-05,10,1,2025-05-10
            O21,L,X,2025-05-05,10,1,2025-05-10
            O22,M,X,2025-05-05,10,1,2025-05-10
            O23,N,X,2025-05-27,10,1,2025-05-29
            O24,P,X,2025-05-27,10,1,2025-05-28
            O25,Q,X,2025-05-20,10,1,2025-05-29
            O26,R,X,2025-05-20,10,1,2025-05-28
            O27,Z,X,2025-05-31,10,1,2025-06-10
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,promised_date,delivered_date
            H20,O20,X,10,2025-05-08,2025-05-12
            H21,O21,X,10,2025-05-12,2025-05-13
            H22,O22,X,10,2025-05-09,2025-05-08
            H23,O23,X,10,2025-05-25,
            H24,O24,X,10,2025-06-05,
            H25,O25,X,5,2025-05-26,2025-05-25
            H26,O26,X,5,2025-05-27,2025-05-28
            """);
        company.File("chainseg.yaml", $"metrics:\n  otif: {{ reference: {reference}, late_days: 2, early_days: 1 }}\n");

        var output = company.Run();

        var metrics = output.MetricsByCustomer();
        Assert.Equal((k, l, m, n, p), (ServiceFigures.Of(metrics["K"]), ServiceFigures.Of(metrics["L"]), ServiceFigures.Of(metrics["M"]), ServiceFigures.Of(metrics["N"]), ServiceFigures.Of(metrics["P"])));
        Assert.Equal((q, "1|1|1.0|0.0|0.0"), (ServiceFigures.Of(metrics["Q"]), ServiceFigures.Of(metrics["R"])));
        var definitions = CsvFile.ReadRecords(Path.Combine(output.Result.OutDirectory, "metric_definitions.csv")).ToDictionary(r => r["column"]);
        Assert.Equal(id, definitions["otif_rate"]["definition_id"]);
    }

    // Snapshots at 2025-05-15 and at as_of 2025-05-31 (window from 05-01), each judging with what it knew then.
    // G: O30 requested 05-20, promised 05-12, shipped 05-11, delivered 05-18 (after the first snapshot).
    //    requested: at 05-15 undelivered and due 05-20, in transit "1|0||1.0|"; at 05-31 on time "1|1|1.0|1.0|1.0".
    //    promised: at 05-15 overdue since 05-12 "1|1|0.0|1.0|0.0"; at 05-31 late "1|1|0.0|1.0|0.0".
    // H: O31 X ordered 05-10 requested 05-14, shipped 05-11 promised 05-16 delivered 05-15; Y ordered 05-20 (after the
    //    first snapshot) requested 05-25, promised 05-22, delivered 05-24.
    //    requested: at 05-15 the order is X alone, its latest request 05-14, delivered 05-15: late "1|1|0.0|1.0|0.0"; at
    //    05-31 the latest request is 05-25, both lines on time "1|1|1.0|1.0|1.0".
    //    promised: at 05-15 X on time "1|1|1.0|1.0|1.0"; at 05-31 Y late "1|1|0.0|1.0|0.0".
    [Theory]
    [InlineData(OtifReference.Requested, "1|0||1.0|", "1|1|1.0|1.0|1.0", "1|1|0.0|1.0|0.0", "1|1|1.0|1.0|1.0")]
    [InlineData(OtifReference.Promised, "1|1|0.0|1.0|0.0", "1|1|0.0|1.0|0.0", "1|1|1.0|1.0|1.0", "1|1|0.0|1.0|0.0")]
    public void Otif_EarlierSnapshot_JudgesAgainstTheReferenceItKnew(OtifReference reference, string gEarly, string gLate, string hEarly, string hLate)
    {
        var company = new HandMadeCompany(_folder, "snapshots-" + reference);
        company.File("order_lines.csv", """
            order_id,customer_id,sku,order_date,quantity,unit_price,requested_date
            O30,G,X,2025-05-10,10,1,2025-05-20
            O31,H,X,2025-05-10,10,1,2025-05-14
            O31,H,Y,2025-05-20,10,1,2025-05-25
            O32,Z,X,2025-05-31,10,1,2025-06-10
            """);
        company.File("shipments.csv", """
            shipment_id,order_id,sku,quantity_shipped,ship_date,promised_date,delivered_date
            H30,O30,X,10,2025-05-11,2025-05-12,2025-05-18
            H31a,O31,X,10,2025-05-11,2025-05-16,2025-05-15
            H31b,O31,Y,10,2025-05-21,2025-05-22,2025-05-24
            """);

        var output = company.Run();
        var start = new DateOnly(2025, 5, 1);
        var figures = ServiceFigures.AtSnapshots(output, [.. new[] { new DateOnly(2025, 5, 15), output.Result.AsOf }
            .Select(asOf => new MetricsOptions(asOf, start) { Otif = new OtifDefinition(Reference: reference) })]);

        Assert.Equal((gEarly, gLate), (figures(0, "G"), figures(1, "G")));
        Assert.Equal((hEarly, hLate), (figures(0, "H"), figures(1, "H")));
    }

    // metrics.otif.level (OtifLineTests) is refused the same way.
    [Theory]
    [InlineData("reference", "customer", "use promised (the default) or requested")]
    [InlineData("reference", "''", "use promised (the default) or requested")]
    [InlineData("level", "lines", "use order (the default) or line")]
    [InlineData("level", "''", "use order (the default) or line")]
    public void Validate_UnknownReferenceOrLevel_OneLineNamingTheKeyAndTheTwoValues(string key, string value, string choices)
    {
        var config = ConfigLoader.Parse($"metrics:\n  otif: {{ {key}: {value} }}\n");

        var error = Assert.Throws<ConfigurationException>(() => MetricsOptions.From(config, new DateOnly(2025, 5, 31), new DateOnly(2024, 5, 31)));

        Assert.DoesNotContain('\n', error.Message);
        Assert.StartsWith("metrics.otif." + key, error.Message, StringComparison.Ordinal);
        Assert.Contains(choices, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Requested", OtifReference.Requested)]
    [InlineData(" promised ", OtifReference.Promised)]
    public void From_ReferenceInAnyCase_IsRead(string value, OtifReference expected)
    {
        var config = ConfigLoader.Parse($"metrics:\n  otif: {{ reference: '{value}' }}\n");

        Assert.Equal(expected, MetricsOptions.From(config, new DateOnly(2025, 5, 31), new DateOnly(2024, 5, 31)).Otif.Reference);
    }

    public void Dispose() => _folder.Dispose();
}
