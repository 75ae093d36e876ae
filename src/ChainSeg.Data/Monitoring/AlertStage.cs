using ChainSeg.Core.Monitoring;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;
using DuckDB.NET.Data;

namespace ChainSeg.Data.Monitoring;

/// <summary>How many alerts a run raised, by severity, for run_summary.json and the console.</summary>
/// <param name="Count">Alerts in alerts.csv.</param>
/// <param name="Critical">Of them critical.</param>
/// <param name="Warning">Of them warnings.</param>
/// <param name="Info">Of them notes (a drift the better way).</param>
/// <param name="Configured">False when chainseg.yaml has no alerts: (then nothing is watched and alerts.csv holds its header alone).</param>
public sealed record AlertSummary(int Count, int Critical, int Warning, int Info, bool Configured)
{
    /// <summary>The watched KPIs nothing could be compared for at as_of (<see cref="KpiAlerts.Unwatched"/>), each a run warning.</summary>
    public IReadOnlyList<string> Unwatched { get; init; } = [];

    /// <summary>The money drifts from an earlier value of 0 or less no <c>drift_amount:</c> judges (<see cref="KpiAlerts.Unjudged"/>), one run warning per KPI.</summary>
    public IReadOnlyList<UnjudgedDrift> Unjudged { get; init; } = [];

    /// <summary>Why an unwatched KPI is empty for every customer where the run knows (<see cref="CustomerMetrics.MissingInputs"/>), by KPI.</summary>
    public IReadOnlyDictionary<string, string> WhyEmpty { get; init; } = new Dictionary<string, string>();

    /// <summary>The <c>alert_kpi_unwatched</c> run warnings, one per KPI watched in vain, then the <c>alert_drift_unjudged</c> ones, one per KPI.</summary>
    public IEnumerable<string> Warnings(DateOnly asOf) => Unwatched.Select(kpi =>
        $"alert_kpi_unwatched: alerts: watches {kpi}, but no segment it applies to has a value of it at as_of {DateFormat.Iso(asOf)} "
        + "(for a drift limit, at the period end before as well), so no alert can be raised for it"
        // A metric_without_values warning is a model's: where no model reads the KPI, the reason is said here or nowhere.
        + (WhyEmpty.GetValueOrDefault(kpi) is { } why ? $" ({why}); measure it or take it out of alerts:."
            : "; load what it is measured from (kpis_by_segment.csv shows it empty, metric_without_values says why) or take it out of alerts:."))
        .Concat(Unjudged.GroupBy(u => u.Kpi, StringComparer.Ordinal).Select(kpi =>
            $"alert_drift_unjudged: alerts.drift.{kpi.Key} is a share of the earlier value, which was 0 or less for {Segments(kpi.Count())} "
            + $"({string.Join("; ", kpi.Select(u => u.Change))}), where a share means nothing, so {(kpi.Count() == 1 ? "its" : "their")} drift was not judged; "
            + $"set alerts.drift_amount.{kpi.Key} (the change in money that is still no alert) to judge it."));

    private static string Segments(int count) => count == 1 ? "1 segment" : $"{count} segments";
}

/// <summary>Checks the active model's KPIs (<see cref="SegmentKpiTable"/>) against the alert rules and keeps the alerts in the run schema for alerts.csv.</summary>
public sealed class AlertStage(DuckDBConnection connection, string runSchema)
{
    /// <summary>The run-schema table of the alerts.</summary>
    public const string Table = "alerts";

    /// <summary>The output file.</summary>
    public const string File = "alerts.csv";

    /// <summary>
    /// Evaluates the rules against <paramref name="model"/>'s KPIs (the run's active model) and writes the alerts table (empty
    /// without rules); a KPI watched in vain is explained by what <paramref name="options"/> and the data leave unmeasured.
    /// </summary>
    public AlertSummary Run(KpiAlertRules rules, string model, MetricsOptions? options = null)
    {
        var values = SegmentKpiTable.ReadActive(connection, runSchema);
        var alerts = KpiAlerts.Evaluate(values, rules, SegmentationMethods.Inactive);
        var unwatched = KpiAlerts.Unwatched(values, rules, SegmentationMethods.Inactive);
        var s = Sql.Id(runSchema);
        connection.Execute($"""
            CREATE OR REPLACE TABLE {s}.{Table} (model VARCHAR, segment VARCHAR, kpi VARCHAR, definition VARCHAR, period_end DATE, value DOUBLE, target DOUBLE,
                tolerance DOUBLE, previous_period_end DATE, previous_value DOUBLE, kind VARCHAR, severity VARCHAR, message VARCHAR, alert_index INTEGER)
            """);
        using (var appender = connection.CreateAppender(runSchema, Table))
        {
            var index = 0;
            foreach (var a in alerts)
            {
                var row = appender.CreateRow().AppendValue(model).AppendValue(a.Segment).AppendValue(a.Kpi).AppendValue(a.Definition)
                    .AppendValue(a.PeriodEnd.ToDateTime(TimeOnly.MinValue)).AppendValue(a.Value).AppendValue(a.Target).AppendValue(a.Tolerance)
                    .AppendValue(a.PreviousPeriodEnd?.ToDateTime(TimeOnly.MinValue)).AppendValue(a.PreviousValue).AppendValue(a.Kind).AppendValue(a.Severity)
                    .AppendValue(a.Message).AppendValue(index++);
                row.EndRow();
            }
        }
        return new AlertSummary(alerts.Count, alerts.Count(a => a.Severity == AlertSeverity.Critical), alerts.Count(a => a.Severity == AlertSeverity.Warning),
            alerts.Count(a => a.Severity == AlertSeverity.Info), !rules.IsEmpty)
        {
            Unwatched = unwatched,
            Unjudged = KpiAlerts.Unjudged(values, rules, SegmentationMethods.Inactive),
            WhyEmpty = unwatched.Count == 0 ? new Dictionary<string, string>() : CustomerMetrics.MissingInputs(connection, runSchema, options),
        };
    }

    /// <summary>The query of alerts.csv: critical first, then warnings and notes, each by segment and KPI.</summary>
    public static string OutputQuery(string runSchema) =>
        $"""
        SELECT model, segment, kpi, definition, period_end, value, target, tolerance, previous_period_end, previous_value, kind, severity, message
        FROM {Sql.Id(runSchema)}.{Table}
        ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, alert_index
        """;
}
