using System.CommandLine;
using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Finance;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Monitoring;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Segmentation;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg run</c>: the whole pipeline on one's own exports.</summary>
public static class RunCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with the exports (canonical file names, or mapped by chainseg.yaml)." };
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for outputs; the default store chainseg.duckdb lives here too.", Required = true };
        var config = new Option<FileInfo?>("--config") { Description = "chainseg.yaml (default: chainseg.yaml in --data when present)." };
        var store = new Option<string?>("--store") { Description = "duckdb:PATH (default: chainseg.duckdb in --out)." };
        var asOf = new Option<string?>("--as-of") { Description = "Reference date yyyy-MM-dd for windows and recency (default: latest order date)." };
        var command = new Command("run", "Run the pipeline: ingest and check the exports, compute customer metrics, segment customers, derive service and inventory policies, write outputs.")
        {
            data, output, config, store, asOf,
        };
        command.SetAction(parsed =>
        {
            var request = new RunRequest(parsed.GetValue(data)?.FullName, parsed.GetValue(output)!.FullName,
                parsed.GetValue(config)?.FullName, parsed.GetValue(store), RunPipeline.ParseAsOf(parsed.GetValue(asOf), "--as-of", context.Time));
            if (request.DataDirectory is null && request.ConfigPath is null)
                throw new ConfigurationException("nothing to read: pass --data DIR (exports with canonical names) or --config FILE (a chainseg.yaml with sources:).");
            var result = Execute(context, request);
            return result is null ? ChainSegApp.Failure : ChainSegApp.Ok;
        });
        return command;
    }

    /// <summary>Runs the pipeline with progress and prints the summary; shared with <c>demo</c>.</summary>
    public static RunResult Execute(CliContext context, RunRequest request)
    {
        var result = context.AtStages(() => StageReporter.Run(context, progress => new RunPipeline(context.Time).Execute(request, progress, context.Cancellation)),
            "the run was stopped; the previous results are unchanged.");
        if (context.Quiet)
            return result;
        PrintSummary(context.Console, result);
        // On the error stream, apart from the summary: a column that mostly fails to parse is a setting to fix, not data to
        // live with. Not under --quiet, which prints only errors (ARCHITECTURE.md §5); quality.json keeps the advice.
        foreach (var (table, quality) in result.Quality)
            foreach (var advice in quality.Advice)
                context.Error.WriteLine($"warning: {table}: {advice}");
        // What the run left alone in --out (a backup another store's run left there), as run_summary.json lists it.
        foreach (var warning in result.Warnings)
            context.Error.WriteLine($"warning: {warning}");
        return result;
    }

    // The active model at a glance: segments with customers, revenue share and OTIF; the latest stability; one reason.
    private static void PrintSegmentation(IAnsiConsole console, SegmentationDigest digest, IReadOnlyList<DateOnly> periodEnds)
    {
        // A positive share shows as positive ("0.04 %", as the small_segment warning below says it), never "0.0 %".
        static string Percent(double? share)
        {
            if (share is not { } v || !double.IsFinite(v))
                return "–";
            var decimals = 1;
            while (v != 0 && Math.Round(v * 100, decimals) == 0 && decimals < 5)
                decimals++;
            return (v * 100).ToString("F" + decimals, CultureInfo.InvariantCulture) + " %";
        }
        // The OTIF column names the run's definition (DEFINITIONS.md): per order or per order line, with its window and tolerance.
        var segments = new Table().Title($"Segments: {Markup.Escape(digest.Model)} (active model)").AddColumns("segment", "customers", "revenue share", $"OTIF ({Markup.Escape(digest.OtifDefinition)})");
        foreach (var s in digest.Segments)
            segments.AddRow(Markup.Escape(s.Segment), s.Customers.ToString("N0", CultureInfo.InvariantCulture), Percent(s.RevenueShare), Percent(s.OtifRate));
        console.Write(segments);
        if (digest.Stability is { } st)
            console.MarkupLine($"Stability {DateFormat.Iso(st.From)} → {DateFormat.Iso(st.To)}: {Percent(st.ChangedShare)} changed segment ({Percent(st.RawChangedShare)} before hysteresis); adjusted Rand index {(double.IsNaN(st.AdjustedRandIndex) ? "n/a" : st.AdjustedRandIndex.ToString("F3", CultureInfo.InvariantCulture))}");
        // Said rather than left out: stability.periods: 1, or data that start after the last calendar end before as_of, leave
        // nothing to compare.
        else if (periodEnds.Count == 1)
            console.MarkupLine($"Stability: not measured: one period end ({DateFormat.Iso(periodEnds[0])}); it needs segmentation.stability.periods of 2 or more and orders before the previous period end");
        if (digest.Example is { } e)
            console.MarkupLine(Markup.Escape(ExampleLine(e.CustomerId, e.Segment, e.Reason)));
    }

    /// <summary>The summary's example line: the customer, its segment and the reason, the segment said once.</summary>
    internal static string ExampleLine(string customerId, string segment, string reason) =>
        $"Example: {customerId} is {segment}: {(reason.StartsWith(segment + ": ", StringComparison.Ordinal) ? reason[(segment.Length + 2)..] : reason)}";

    /// <summary>Rows read, accepted, merged and quarantined per table, with the top reasons; the source column only when given.</summary>
    internal static Table QualityTable(string title, IEnumerable<(string Table, string? Source, TableQuality Quality)> tables)
    {
        var rows = tables.ToList();
        var withSource = rows.Any(r => r.Source is not null);
        var table = new Table().Title(Markup.Escape(title)).AddColumn("table");
        if (withSource)
            table.AddColumn("source");
        table.AddColumns("read", "accepted", "merged", "quarantined", "top reasons");
        foreach (var (name, source, q) in rows)
        {
            var cells = new List<string> { Markup.Escape(name) };
            if (withSource)
                cells.Add(Markup.Escape(source ?? ""));
            cells.AddRange([Count(q.RowsRead), Count(q.RowsAccepted), Count(q.RowsMerged), Count(q.RowsQuarantined), Markup.Escape(string.Join("\n", q.TopReasons(3)))]);
            table.AddRow(cells.ToArray());
        }
        return table;
    }

    // Every model's warnings (DEFINITIONS.md guards, a version changed without a bump, a rule that cannot match), as
    // run_summary.json lists them ("kind: detail"); null without any.
    private static Table? ModelWarnings(SegmentationSummary segmentation)
    {
        var rows = segmentation.Models.SelectMany(m => m.Warnings.Select(w => w.Split(": ", 2)).Select(parts => (m.Model, Kind: parts[0], Detail: parts[^1]))).ToList();
        if (rows.Count == 0)
            return null;
        var table = new Table().Title("[yellow]Model warnings[/]").AddColumns("model", "warning", "detail");
        foreach (var (model, kind, detail) in rows)
            table.AddRow(Markup.Escape(model), Markup.Escape(kind), Markup.Escape(detail));
        return table;
    }

    // An amount as the summary prints it, followed by the reporting currency's code when currency: names one.
    private static string Money(double amount, string format, string? currency) =>
        amount.ToString(format, CultureInfo.InvariantCulture) + (currency is null ? "" : " " + currency);

    /// <summary>The summary's whale-curve line (DEFINITIONS.md Profitability): the peak, where it peaks and the loss tail, amounts in <paramref name="currency"/> when given.</summary>
    /// <param name="missing">Why it is not measured when <paramref name="whale"/> is null (<see cref="RunResult.WhaleCurveMissing"/>).</param>
    internal static string WhaleCurveLine(WhaleCurveSummary? whale, string? currency = null, string? missing = null)
    {
        if (whale is null)
            return "Whale curve: not measured" + (missing is null ? "" : ": " + missing);
        static string Pct(double? v) => v is { } x ? (x * 100).ToString("F1", CultureInfo.InvariantCulture) + " %" : "n/a";
        return string.Create(CultureInfo.InvariantCulture,
            $"Whale curve (net contribution): peaks at {Pct(whale.PeakPctOfTotal)} of the total {Money(whale.TotalNetContribution, "N0", currency)} with the top {Pct(whale.PeakCustomerShare)} of customers; "
            + $"the {Pct(whale.LossCustomerShare)} loss-making give back {Money(whale.LossAmount, "N0", currency)} ({Pct(whale.LossPctOfTotal)} of the total); whale_curve.csv, segment_pnl.csv");
    }

    /// <summary>The summary's unused capacity line (DEFINITIONS.md cost-to-serve, time-driven ABC): each time-driven pool's unused minutes and their cost, in <paramref name="currency"/> when given; null without a time equation.</summary>
    internal static string? UnusedCapacityLine(IReadOnlyList<PoolCapacity> capacities, string? currency = null) => capacities.Count == 0 ? null
        : "Unused capacity (time-driven ABC, carried by no customer): "
            + string.Join("; ", capacities.Select(c => string.Create(CultureInfo.InvariantCulture,
                $"{c.Activity} {c.UnusedMinutes:N0} of {c.PracticalMinutes:N0} minutes ({c.UnusedMinutes / c.PracticalMinutes * 100:F1} %), {Money(c.UnusedCost, "N0", currency)} at {Money(c.RatePerMinute, RateFormat(c.RatePerMinute), currency)} a minute")))
            + "; run_summary.json unused_capacity";

    // A rate a minute to the cent, or to two significant digits below ten cents: 0.0584 read 0.06, 3 % off.
    private static string RateFormat(double rate) =>
        "N" + (rate > 0 ? Math.Max(2, 1 - (int)Math.Floor(Math.Log10(rate))) : 2).ToString(CultureInfo.InvariantCulture);

    /// <summary>The summary's alerts line: how many alerts.csv lists, by severity, or that nothing is watched.</summary>
    internal static string? AlertsLine(AlertSummary? alerts) => alerts switch
    {
        null => null,
        { Configured: false } => "Alerts: none watched (no alerts: targets or drift limits in chainseg.yaml); KPIs by segment and period end in kpis_by_segment.csv",
        { Count: 0 } => "Alerts: 0, every watched KPI within its target and drift limit (alerts.csv, kpis_by_segment.csv)",
        _ => string.Create(CultureInfo.InvariantCulture,
            $"Alerts: {alerts.Count} ({alerts.Critical} critical, {alerts.Warning} warning, {alerts.Info} info) in alerts.csv; KPIs by segment in kpis_by_segment.csv"),
    };

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static void PrintSummary(IAnsiConsole console, RunResult result)
    {
        console.Write(QualityTable($"Run {result.RunId} (as of {DateFormat.Iso(result.AsOf)})", result.Quality.Select(q => (q.Key, (string?)null, q.Value))));
        if (result.Digest is { } digest)
            PrintSegmentation(console, digest, result.Segmentation.PeriodEnds);
        if (ModelWarnings(result.Segmentation) is { } warnings)
            console.Write(warnings);
        if (result.ProductAxis is { } axis)
            console.MarkupLine($"Products (Fisher 1997): {Count(axis.Functional)} functional, {Count(axis.Innovative)} innovative, {Count(axis.Unclassified)} unclassified (product_classes.csv)");
        console.MarkupLine(Markup.Escape(WhaleCurveLine(result.WhaleCurve, result.Currency, result.WhaleCurveMissing)));
        if (UnusedCapacityLine(result.Capacities, result.Currency) is { } capacityLine)
            console.MarkupLine(Markup.Escape(capacityLine));
        if (AlertsLine(result.Alerts) is { } alertsLine)
            console.MarkupLine(Markup.Escape(alertsLine));
        var accounts = result.Accounts is { } n ? $" as {n.ToString("N0", CultureInfo.InvariantCulture)} {Agreement.For(n, "account")} (metrics.roll_up_hierarchy)" : "";
        console.MarkupLine($"{result.Customers.ToString("N0", CultureInfo.InvariantCulture)} {Agreement.For(result.Customers, "customer")} measured{accounts}. Outputs in [bold]{Markup.Escape(result.OutDirectory)}[/]: {Markup.Escape(string.Join(", ", result.Outputs.Where(o => !o.StartsWith("quarantine/", StringComparison.Ordinal))))}, quarantine/");
        console.MarkupLine($"Store: {Markup.Escape(result.StorePath)}");
    }
}
