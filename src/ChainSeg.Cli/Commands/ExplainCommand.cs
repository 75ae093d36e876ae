using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Metrics;
using ChainSeg.Data.Segmentation;
using ChainSeg.Data.Store;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg explain CUSTOMER</c>: why a customer is in its segments, with its metrics and history.</summary>
public static class ExplainCommand
{
    // price_realisation and cost_to_serve_pct side by side: the two axes of the shapiro preset's matrix; then the cost and
    // the net contribution it leaves (DEFINITIONS.md Profitability), which the pools below break down.
    /// <summary>Metrics shown first; the rest follow with --all. The customer master's texts lead: rules compare them (region == 'EU').</summary>
    private static readonly string[] KeyMetrics =
        ["name", "country", "region", "channel", "revenue", "gross_margin_pct", "orders", "orders_per_month", "lines_per_order", "avg_order_value", "demand_cv", "demand_class", "recency_days", "otif_rate", "price_realisation", "cost_to_serve_pct", "cost_to_serve", "net_contribution"];

    // Metrics a run without cost pools does not compute: empty there, which n/a (or 0) would read as a customer costing nothing.
    private static readonly HashSet<string> CostPoolMetrics = ["cost_to_serve", "cost_to_serve_pct", "net_contribution"];

    // Metrics that are fractions (the shares bounded by 1, and the percents, price realisation and return rate that can pass
    // it): 0.2691 reads as 0.27 % unless the percent is beside it.
    private static readonly HashSet<string> ReadAsPercent = [.. MetricDefinitions.Shares, "gross_margin_pct", "price_realisation", "cost_to_serve_pct", "return_rate"];

    // A period end before the customer's first order line: it was no customer then, so it has no segment (not inactive).
    private const string NotYet = "(not yet)";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var customer = new Argument<string>("customer") { Description = "Customer id as customer_metrics.csv lists it, in another case, standardised as the configuration does (c00012, 12 for C-00012) or as another system writes it, without the system's name, where the crosswalk links that id (700012)." };
        var run = new Option<string?>("--run") { Description = "Run id or its unique start (20261203T205630Z), current or previous (default: the current run)." };
        var model = new Option<string?>("--model") { Description = "Show this model alone: its segment and reason, segments at period ends and archived segments (metrics stay). Default: every model of the run." };
        var all = new Option<bool>("--all") { Description = "Show every metric, not only the key ones and those a reason cites." };
        var json = new Option<bool>("--json") { Description = "Print the explanation as JSON (snake_case keys, every metric, numbers as numbers)." };
        var store = new StoreOption();
        var command = new Command("explain", "Explain a customer's segments: reasons, metrics, per-period segments and history across runs.") { customer, run, model, all, json };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            // A blank id (an empty shell variable) is no customer to look up: the closest ids it suggested answered nothing asked.
            var id = parsed.GetValue(customer)!;
            if (string.IsNullOrWhiteSpace(id))
                throw new ConfigurationException("explain: the customer id is empty; pass an id as customer_metrics.csv lists it (chainseg explain C-00007).");
            using var opened = store.Open(parsed, readOnly: true);
            var explanation = new SegmentationHistory(opened).Explain(id, parsed.GetValue(run), parsed.GetValue(model));
            if (parsed.GetValue(json))
                JsonOutput.Write(context, explanation, Json);
            else
                Render(context.Console, explanation, parsed.GetValue(all));
            return ChainSegApp.Ok;
        });
        return command;
    }

    // Metrics as an object keyed by column, so a caller reads explanation.metrics.otif_rate.
    private static readonly JsonSerializerOptions Json = JsonOutput.Options(new MetricsConverter());

    private sealed class MetricsConverter : JsonConverter<IReadOnlyList<KeyValuePair<string, object?>>>
    {
        public override IReadOnlyList<KeyValuePair<string, object?>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            throw new NotSupportedException();

        public override void Write(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, object?>> value, JsonSerializerOptions options)
        {
            writer.WriteStartObject();
            foreach (var (name, metric) in value)
            {
                writer.WritePropertyName(name);
                if (metric is System.Numerics.BigInteger count)
                    writer.WriteRawValue(count.ToString(CultureInfo.InvariantCulture));
                else
                    JsonSerializer.Serialize(writer, metric, metric?.GetType() ?? typeof(object), options);
            }
            writer.WriteEndObject();
        }
    }

    // Dates as ISO, as customer_metrics.csv, --json and the period table write them: the invariant culture's 01/11/2024
    // reads as 1 November to most of the planners who use it. Numbers with the reasons' thousands separators ("revenue
    // 6,102.18" above "6102.18" read as two figures) and every digit the store holds: the run rounds each column to the
    // decimals customer_metrics.csv writes, and a rate to 12 significant digits as cost_to_serve.csv does, so 15 significant
    // digits drop none of them. 15 decimals did: a rate of 0.0000123456789012 read 0.000012345678901.
    private static string Value(object? value) => value switch
    {
        null => "[dim]n/a[/]",
        DateOnly date => DateFormat.Iso(date),
        DateTime time => DateFormat.Iso(DateOnly.FromDateTime(time)),
        double number when double.IsFinite(number) => Significant(number),
        decimal number => number.ToString("#,0.############################", CultureInfo.InvariantCulture),
        long or int or short or byte or ulong or uint or ushort or sbyte or System.Numerics.BigInteger => ((IFormattable)value).ToString("N0", CultureInfo.InvariantCulture),
        _ => Markup.Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    // A double to 15 significant digits (a double's own), with thousands separators and without an exponent: as many
    // decimals as put the 15th digit after the point, none for a number of 15 digits or more before it.
    private static string Significant(double number)
    {
        var decimals = number == 0 ? 0 : Math.Max(0, 14 - (int)Math.Floor(Math.Log10(Math.Abs(number))));
        return number.ToString(decimals == 0 ? "#,0" : "#,0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }

    // A share as customer_metrics.csv holds it, with its percent: "0.2691 (26.91 %)"; an amount with the run's currency.
    private static string MetricValue(string name, object? value, string? currency) => ReadAsPercent.Contains(name) && value is double share && double.IsFinite(share)
        ? Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"{share} ({share * 100:0.##} %)"))
        : MoneyMetrics.Contains(name) && value is not null ? Amount(value, currency) : Value(value);

    // An amount followed by the code of the currency the run named ("25.71 GBP", as the run's console lines write it), so
    // a reader of a run made under another configuration does not take its pounds for euros; bare when the run named none.
    private static string Amount(object value, string? currency) => currency is null ? Value(value) : $"{Value(value)} {Markup.Escape(currency)}";

    // A metrics row as a table (the key metrics and those the reasons cite, or every column with --all), each metric beside
    // its definition id (metric_definitions.csv), as every KPI ChainSeg reports names its definition (DEFINITIONS.md). An
    // order_profile reason's drivers (drop_size, deliveries_per_order) or a rule's metric are no key metric, and a reason
    // citing a figure the table leaves out cannot be checked against it.
    private static Table MetricsTable(IEnumerable<KeyValuePair<string, object?>> row, bool all, CustomerExplanation e, IReadOnlyList<string> reasons)
    {
        bool Cited(string metric) => reasons.Any(r => Regex.IsMatch(r, $@"(?<![\w]){Regex.Escape(metric)}(?![\w])"));
        var table = new Table().AddColumns("metric", "value", "definition");
        foreach (var (name, value) in row.Where(m => all ? m.Key != "customer_id" : KeyMetrics.Contains(m.Key) || (m.Key != "customer_id" && Cited(m.Key))))
            table.AddRow(Markup.Escape(name), e.CostPools is null && CostPoolMetrics.Contains(name) ? "not computed (no cost_pools)" : MetricValue(name, value, e.Currency),
                Markup.Escape(e.Definitions.GetValueOrDefault(name, "")));
        return table;
    }


    // Where a dropped run's customer still has metrics: the current run (leave out --run) when it has the customer, else the
    // kept run that does; a customer who left the data before every kept run has none, and leaving out --run answers "not in run".
    private static string WhereMetricsAre(CustomerExplanation e) => e.KeptRun switch
    {
        null => $"No kept run has {e.CustomerId}, so its metrics are gone with the tables.",
        { IsCurrent: true } => "For metrics, explain a kept run (leave out --run).",
        var kept => $"For metrics, explain it in a kept run: --run {kept.RunId}.",
    };

    // A customer heading its own account under a roll-up while customers.csv names its parent is one the roll-up did not
    // follow up to its top account (ingestion blanks unknown parents and cycles, so depth is the one reason left): "an
    // account of its own" read as if it had no parent. Null when no model rolls up or the customer has no parent.
    private static string? TooDeepToRollUp(CustomerExplanation e) =>
        e.Account is { } account && account.AccountId == e.CustomerId
            && e.Metrics.FirstOrDefault(m => m.Key == "parent_id").Value is string { Length: > 0 } parent
            ? $"{e.CustomerId} heads its own account though its parent_id names {parent}: it is more than {CustomerMetrics.HierarchyDepthLimit} levels below its top account (hierarchy_too_deep), deeper than roll_up_hierarchy follows; {CustomerMetrics.FlattenHierarchy(one: true)}."
            : null;

    // Each table's heading is a line of its own: as a table title it was cut to the table's width, and a metrics table is
    // narrow, so a long id read "ACME-INTERNATIONAL-HOLDINGS-…" and the account a roll-up read was not named.
    private static void Render(IAnsiConsole console, CustomerExplanation e, bool all)
    {
        console.MarkupLine($"[bold]{Markup.Escape(e.CustomerId)}[/] in run {Markup.Escape(e.RunId)}");
        var segments = new Table().AddColumns("model", "segment", "why");
        foreach (var a in e.Assignments)
            segments.AddRow(Markup.Escape($"{a.Model} v{a.ModelVersion}{(a.IsActiveModel ? " (active)" : "")}"), Markup.Escape(a.Segment), Markup.Escape(a.Reason));
        console.Write(segments);
        var reasons = e.Assignments.Select(a => a.Reason).ToList();

        if (e.TablesDropped)
            console.MarkupLine($"Run {Markup.Escape(e.RunId)} is older than the {ChainSegStore.RunsKept} runs whose tables the store keeps: its metrics and per-period segments are gone, the archived segments above remain. {Markup.Escape(WhereMetricsAre(e))}");
        else
        {
            var metrics = MetricsTable(e.Metrics, all, e, reasons);
            if (TooDeepToRollUp(e) is { } tooDeep)
                console.WriteLine(tooDeep);
            // A customer without parent or children is an account of its own: its rolled-up row is its own lines, shown once
            // (two equal tables, or "own metrics: not measured" above its own row under metrics.roll_up_hierarchy).
            if (e.Account is { Customers: 1 } alone && alone.AccountId == e.CustomerId)
            {
                console.WriteLine($"{e.CustomerId}'s metrics (an account of its own: roll-up models read the same)");
                console.Write(e.MetricsRolledUp ? MetricsTable(alone.Metrics, all, e, reasons) : metrics);
            }
            // Under metrics.roll_up_hierarchy the run measured accounts alone: its row for an account is the rolled-up one
            // below, and a child has none, so no table would read as the customer's own lines.
            else if (e.MetricsRolledUp && e.Account is not null)
                console.WriteLine($"{e.CustomerId}'s own metrics: not measured, metrics.roll_up_hierarchy measures accounts");
            else
            {
                if (e.Account is not null)
                    console.WriteLine($"{e.CustomerId}'s own metrics");
                console.Write(metrics);
            }
            // Roll-up models read the account's metrics (its own lines and its children's), not the customer's alone.
            if (RolledUpWithOthers(e) && e.Account is { } account)
            {
                console.WriteLine($"account {account.AccountId} ({account.Customers} {(account.Customers == 1 ? "customer" : "customers")} rolled up), as roll-up models read it");
                console.Write(MetricsTable(account.Metrics, all, e, reasons));
            }
            if (e.CostPools is { Count: > 0 } pools)
                RenderCostPools(console, e, pools);
        }

        if (e.Periods.Count > 0)
        {
            // Every period end of the run: one before the customer's first order has no segment, which says "not yet" rather than
            // leaving out the column or reading as inactive.
            var ends = e.Periods.Select(p => p.PeriodEnd).Concat(e.PeriodEnds).Distinct().Order().ToList();
            var models = e.Periods.GroupBy(p => p.Model).ToList();
            var cells = models.Select(model => ends.Select(end => model.FirstOrDefault(p => p.PeriodEnd == end) is { } p
                ? p.Segment == p.RawSegment ? p.Segment : $"{p.Segment} (raw {p.RawSegment})"
                : NotYet).ToList()).ToList();
            console.WriteLine("segments at period ends");
            console.Write(PeriodsWidth(models.Select(m => m.Key).ToList(), ends, cells) <= console.Profile.Width
                ? PeriodColumns(models.Select(m => m.Key).ToList(), ends, cells)
                : PeriodRows(models.Select(m => m.Key).ToList(), ends, cells));
        }
        if (e.History.Count > 0)
        {
            // The run id is what --run and compare take: wrapped, it reads as two ids and pastes as none. The model and
            // segment columns give way instead.
            var history = new Table().AddColumns(new TableColumn("run").NoWrap(), new TableColumn("as of").NoWrap(), new TableColumn("model"), new TableColumn("segment"));
            foreach (var h in e.History)
                history.AddRow(Markup.Escape(h.RunId), DateFormat.Iso(h.AsOf),
                    Markup.Escape($"{h.Model} v{h.ModelVersion}{(h.DefinitionChanged ? " (changed without a version bump)" : "")}"),
                    Markup.Escape((h.LikelyRenamedFrom is null ? h.Segment : $"{h.Segment} (likely renamed from {h.LikelyRenamedFrom})")
                        + (h.SettingsChanged.Count > 0 ? " (measured differently)" : "")));
            console.WriteLine("archived runs");
            console.Write(history);
            // Beneath the table, once per run (its models share the settings): in a cell, the list wrapped the table to
            // a column of words. The settings are run-wide, so the segments of every model of that run moved with them.
            foreach (var (run, changed) in e.History.Where(h => h.SettingsChanged.Count > 0).Select(h => (h.RunId, Changed: string.Join("; ", h.SettingsChanged))).Distinct())
                console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"{run} measured differently from the run before: {changed}, so a segment changed there may be the settings', not the customer's."));
        }
    }

    // cost_to_serve.csv lists every pool for every customer, at 0 × rate = 0 where the customer had no driver volume: an
    // inactive customer's table was all zeros (eight rows on the demo), and a customer without returns read a returns row
    // of 0 beside the pools it is charged. The pools charged are listed; the rest are counted and named (--json keeps all).
    private static void RenderCostPools(IAnsiConsole console, CustomerExplanation e, IReadOnlyList<PoolCost> pools)
    {
        var charged = pools.Where(p => p.Charged).ToList();
        // Under a model's roll-up the pools are the customer's own, beneath its account's rolled-up table (cost_to_serve.csv
        // charges customers); under metrics.roll_up_hierarchy the run charges accounts, so a head's pools are its account's.
        var own = !e.MetricsRolledUp && RolledUpWithOthers(e);
        var whose = e.MetricsRolledUp && RolledUpWithOthers(e) ? $"account {e.Account!.AccountId}" : e.CustomerId;
        var accountAbove = own ? $"account {e.Account!.AccountId}'s figures above are its customers' rolled up" : null;
        if (charged.Count == 0)
        {
            // Beneath an account's rolled-up table, which does charge its customers' pools, "no cost pools charged" read as the account's.
            var noVolume = $"none of its {pools.Count} pools' drivers has volume in the window";
            console.WriteLine((NoOrdersInWindow(e.Metrics), own) switch
            {
                (false, true) => $"{e.CustomerId}'s own cost-to-serve: no cost pools charged ({noVolume}; {accountAbove})",
                (false, false) => $"{whose}: no cost pools charged ({noVolume})",
                (true, true) => $"{e.CustomerId}'s own cost-to-serve: no orders of its own in the window, no cost pools charged ({accountAbove})",
                (true, false) => $"{whose}: no orders in the window: no cost pools charged",
            });
            return;
        }
        console.WriteLine(own ? $"{e.CustomerId}'s own cost-to-serve by cost pool (cost_to_serve.csv; {accountAbove})"
            : whose == e.CustomerId ? $"{e.CustomerId}'s cost-to-serve by cost pool (cost_to_serve.csv)"
            : $"{whose}'s cost-to-serve by cost pool (cost_to_serve.csv; its customers' rolled up)");
        // The currency in the headers, as chainseg.xlsx names a money column's: after each rate it wrapped the cell on 80 columns.
        var unit = e.Currency is null ? "" : $" ({Markup.Escape(e.Currency)})";
        var table = new Table().AddColumns("pool", "driver", "driver volume × rate" + unit, "cost" + unit);
        foreach (var p in charged)
            table.AddRow(Markup.Escape(p.Pool), Markup.Escape(p.Driver), $"{Value(p.DriverVolume)} × {Value(p.Rate)}", Value(p.Cost));
        console.Write(table);
        // A direct cost (costs.direct, driver direct) has no driver volume to lack: its amount is the cost the data records.
        var uncharged = pools.Where(p => !p.Charged && p.Driver != DirectCostNames.Driver).Select(p => p.Pool).ToList();
        if (uncharged.Count > 0)
            console.WriteLine($"and {uncharged.Count} {(uncharged.Count == 1 ? "pool" : "pools")} not charged (no driver volume in the window): {string.Join(", ", uncharged)}");
        var noDirectCost = pools.Where(p => !p.Charged && p.Driver == DirectCostNames.Driver).Select(p => DirectCostWords.GetValueOrDefault(p.Pool, p.Pool)).ToList();
        if (noDirectCost.Count > 0)
            console.WriteLine($"and no {string.Join(" or ", noDirectCost)} cost in the window");
    }

    // How a sentence names each direct cost's pool.
    private static readonly Dictionary<string, string> DirectCostWords = new(StringComparer.Ordinal) { ["freight"] = "freight", ["service_events"] = "service-event" };

    // Whether the customer is one of several in a roll-up account, whose rolled-up table explain shows beside its own figures.
    private static bool RolledUpWithOthers(CustomerExplanation e) => e.Account is { } account && !(account.Customers == 1 && account.AccountId == e.CustomerId);

    // Whether the metrics row counts no order in the window (orders 0); false without the column (a roll-up child's empty row).
    private static bool NoOrdersInWindow(IEnumerable<KeyValuePair<string, object?>> metrics) =>
        metrics.FirstOrDefault(m => m.Key == "orders").Value switch
        {
            System.Numerics.BigInteger count => count.IsZero,
            IConvertible number and not string => number.ToDouble(CultureInfo.InvariantCulture) == 0,
            _ => false,
        };

    // A column per period end, a row per model: cells[model][end].
    private static Table PeriodColumns(IReadOnlyList<string> models, IReadOnlyList<DateOnly> ends, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        var table = new Table().AddColumn("model");
        foreach (var end in ends)
            table.AddColumn(DateFormat.Iso(end));
        for (var m = 0; m < models.Count; m++)
            table.AddRow(cells[m].Select(Markup.Escape).Prepend(Markup.Escape(models[m])).ToArray());
        return table;
    }

    // More period ends than the console fits (stability: { periods: 12, bucket: month } on 80 columns) had every column cut
    // to "20…", naming no end, so the table turns: a row per period end, a column per model.
    private static Table PeriodRows(IReadOnlyList<string> models, IReadOnlyList<DateOnly> ends, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        var table = new Table().AddColumn("period end");
        foreach (var model in models)
            table.AddColumn(Markup.Escape(model));
        for (var p = 0; p < ends.Count; p++)
            table.AddRow(cells.Select(c => Markup.Escape(c[p])).Prepend(DateFormat.Iso(ends[p])).ToArray());
        return table;
    }

    // The column layout's width with no cell wrapped: each column as wide as its widest cell, padded by a space either side,
    // with a border before each column and one after the last.
    private static int PeriodsWidth(IReadOnlyList<string> models, IReadOnlyList<DateOnly> ends, IReadOnlyList<IReadOnlyList<string>> cells)
    {
        var widths = ends.Select((end, p) => cells.Select(c => c[p].Length).Append(DateFormat.Iso(end).Length).Max())
            .Prepend(models.Select(m => m.Length).Append("model".Length).Max()).ToList();
        return widths.Sum() + 3 * widths.Count + 1;
    }
}
