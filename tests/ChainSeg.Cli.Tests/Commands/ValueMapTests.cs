using System.Text.Json;

namespace ChainSeg.Cli.Tests.Commands;

// A German ERP writes its service events' kinds in German (Retoure, Reklamation, Eilauftrag): every event was quarantined
// as invalid_value:event_type, with no advice, and no setting could read them; the fix was to rewrite the export.
// A source's values: maps an export's codes onto the canonical ones, by configuration.
public sealed class ValueMapTests : IDisposable
{
    private readonly TempFolder _folder = new();

    private const string Orders = "order_id,customer_id,sku,order_date,quantity,unit_price\nA1,C1,X,2025-03-03,2,10\nA2,C2,X,2025-03-04,1,10\nA3,C1,X,2025-03-12,1,10\n";
    private const string Events = "Kunde;Ereignisart;Datum;Auftrag\nC1;Retoure;06.03.2025;A1\nC1; eilauftrag ;07.03.2025;A3\nC2;Reklamation;08.03.2025;A2\nC2;expedite;09.03.2025;A2\n";
    private const string EventsSource = """
          service_events:
            path: ereignisse.csv
            delimiter: ';'
            formats: { event_date: dd.MM.yyyy }
            columns: { customer_id: Kunde, event_type: Ereignisart, event_date: Datum, order_id: Auftrag }
        """;

    private void Company(string values)
    {
        File.WriteAllText(Path.Combine(_folder.Path, "order_lines.csv"), Orders);
        File.WriteAllText(Path.Combine(_folder.Path, "ereignisse.csv"), Events);
        File.WriteAllText(Path.Combine(_folder.Path, "chainseg.yaml"), "sources:\n" + EventsSource + "\n" + values);
    }

    [Fact]
    public void Run_GermanEventTypesMappedUnderValues_AcceptsEveryEventAndCountsThemAsTheirKind()
    {
        Company("    values:\n      event_type: { Retoure: return, Reklamation: complaint, Eilauftrag: expedite }\n");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
        using var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "quality.json")));
        var events = quality.RootElement.GetProperty("tables").GetProperty("service_events");
        Assert.Equal((4, 0), (events.GetProperty("rows_accepted").GetInt32(), events.GetProperty("rows_quarantined").GetInt32()));
        // By hand: C1 has one Eilauftrag (expedite) and C2 an expedite written in English; C2 one Reklamation.
        var metrics = File.ReadAllLines(Path.Combine(output, "customer_metrics.csv"));
        var header = metrics[0].Split(',');
        string Cell(string customer, string column) => metrics.Single(l => l.StartsWith(customer + ",", StringComparison.Ordinal)).Split(',')[Array.IndexOf(header, column)];
        Assert.Equal(("1", "1", "0", "1"), (Cell("C1", "expedites"), Cell("C2", "expedites"), Cell("C1", "complaints"), Cell("C2", "complaints")));
    }

    // Without values:, the quarantine's advice names the values found, the kinds allowed and the setting that maps them.
    [Fact]
    public void Run_GermanEventTypesUnmapped_AdviceNamesTheValuesAndTheSetting()
    {
        Company("");
        var output = Path.Combine(_folder.Path, "out");

        var run = CliRun.Invoke("run", "--data", _folder.Path, "--out", output, "-q");

        Assert.Equal(ChainSegApp.Ok, run.ExitCode);
        using var quality = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "quality.json")));
        var advice = quality.RootElement.GetProperty("tables").GetProperty("service_events").GetProperty("advice").EnumerateArray().Select(a => a.GetString()).ToList();
        Assert.Contains("event_type: 3 of 4 rows hold no event type ('Retoure', 'eilauftrag', 'Reklamation') and were quarantined; map each under "
            + "sources.service_events.values.event_type to one of return, complaint, expedite, claim, credit_note, sla_breach, order_change, or correct the export.", advice);
    }

    [Theory]
    [InlineData("    values:\n      event_type: { Retoure: returns }\n",
        "sources.service_events.values.event_type: 'returns' is no event_type (did you mean 'return'?); map 'Retoure' to one of return, complaint, expedite, claim, credit_note, sla_breach, order_change.")]
    [InlineData("    values:\n      event_typ: { Retoure: return }\n",
        "sources.service_events.values: 'event_typ' is no coded column of service_events (did you mean 'event_type'?); values: maps the codes of event_type.")]
    [InlineData("    values:\n      order_id: { A1: A9 }\n",
        "sources.service_events.values: 'order_id' is no coded column of service_events; values: maps the codes of event_type.")]
    [InlineData("    values:\n      event_type: { Retoure: }\n",
        "sources.service_events.values.event_type: 'Retoure' maps to nothing; map it to one of return, complaint, expedite, claim, credit_note, sla_breach, order_change.")]
    public void Validate_ValuesNamingWhatCannotBeMapped_OneLineWithTheFixAndExitCode2(string values, string expected)
    {
        Company(values);

        var validate = CliRun.Invoke("validate", "--data", _folder.Path, "-q");

        Assert.Equal(ChainSegApp.UsageError, validate.ExitCode);
        Assert.Equal("error: " + expected, validate.Error.Trim());
    }

    public void Dispose() => _folder.Dispose();
}
