using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ChainSeg.Core.Segmentation.Stability;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Segmentation;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg compare RUN_A RUN_B</c>: the transition table between two archived segmentations.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("run-a") { Description = "RUN or RUN:MODEL (RUN: a run id or its unique start, 'current' or 'previous'; MODEL defaults to the run's active model)." };
        var second = new Argument<string>("run-b") { Description = "RUN or RUN:MODEL to compare with." };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON (snake_case keys; every pair of segments with customers)." };
        var store = new StoreOption();
        var command = new Command("compare", "Compare two segmentations (runs or models): transition table, share changed, adjusted Rand index.") { first, second, json };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.Open(parsed, readOnly: true);
            var comparison = new SegmentationHistory(opened).Compare(parsed.GetValue(first)!, parsed.GetValue(second)!);
            if (parsed.GetValue(json))
                JsonOutput.Write(context, ToJson(comparison), Json);
            else
                Render(context.Console, comparison);
            return ChainSegApp.Ok;
        });
        return command;
    }

    private static readonly JsonSerializerOptions Json = JsonOutput.Options();

    /// <summary>One pair of segments with customers, for <c>--json</c>.</summary>
    private sealed record Transition(string From, string To, int Customers, double ShareOfFrom);

    /// <summary>The comparison as <c>--json</c> prints it; the changed shares and adjusted Rand index are null where they are undefined.</summary>
    private sealed record ComparisonJson(string From, string To, string FromModel, string ToModel, int FromVersion, int ToVersion, DateOnly FromAsOf, DateOnly ToAsOf, bool ModelChanged, int CustomersInBoth,
        double? ChangedShare, double? ChangedShareApartFromRenames, IReadOnlyList<SegmentRename> LikelyRenames, double? AdjustedRandIndex, int OnlyInFrom, int OnlyInTo,
        IReadOnlyList<string> SettingsChanged, IReadOnlyList<Transition> Transitions);

    private static ComparisonJson ToJson(SegmentationComparison c)
    {
        var m = c.Transitions;
        var pairs = c.FromSegments.SelectMany(from => c.ToSegments.Where(to => m.Count(from, to) > 0)
            .Select(to => new Transition(from, to, m.Count(from, to), m.RowShare(from, to)))).ToList();
        var renames = Renames(c);
        return new ComparisonJson(c.From, c.To, c.FromModel, c.ToModel, c.FromVersion, c.ToVersion, c.FromAsOf, c.ToAsOf, c.ModelChanged, m.CustomersInBoth, ChangedShare(c),
            ChangedShare(c) is null ? null : SegmentRenames.ShareChangedApartFrom(m, renames), renames, double.IsNaN(c.AdjustedRandIndex) ? null : c.AdjustedRandIndex,
            m.TotalLeft, m.TotalEntered, c.SettingsChanged, pairs);
    }

    // Segments of one model that changed name, not customers (a k-means centroid across a naming edge, a rule's segment
    // renamed in chainseg.yaml): read 92.7 % of a cluster as moving. Looked for wherever the changed share is given, for
    // any method, since the table shows a rename alike whatever named the segment; two models' names are not one another's.
    private static IReadOnlyList<SegmentRename> Renames(SegmentationComparison c) =>
        ChangedShare(c) is null ? [] : SegmentRenames.In(c.Transitions);

    // With no customer on both sides (runs of two data sets) nothing could change: null, not the 0 % that reads as stable.
    // Between two models a segment name of one is no segment of the other (abc-xyz's AX against behaviour's clusters read
    // "changed segment: 99.8 %"): null too; the adjusted Rand index, which compares partitions, stays.
    private static double? ChangedShare(SegmentationComparison c) =>
        c.Transitions.CustomersInBoth == 0 || c.FromModel != c.ToModel ? null : c.Transitions.ShareChanged;

    private static void Render(IAnsiConsole console, SegmentationComparison c)
    {
        var m = c.Transitions;
        // What is compared goes on a line of its own: as the table's title it was cut to the table's width (a model of
        // two segments read "20261201T195402Z-48a04…", naming neither model), and a title is markup, so a model named
        // tiers[eu] failed the command with "Could not find color or style 'eu'".
        console.WriteLine($"{c.From} → {c.To}");
        console.Write(MatrixWidth(c) <= console.Profile.Width ? Matrix(c) : Pairs(c));
        var renames = Renames(c);
        // The raw share stays the headline, as stability_summary gives it; the share apart from renames follows only where there is one.
        var apart = renames.Count == 0 ? "" : $", {Percent(SegmentRenames.ShareChangedApartFrom(m, renames))} apart from likely renames";
        console.MarkupLine($"customers in both: {m.CustomersInBoth:N0}; changed segment: {(ChangedShare(c) is { } changed ? Percent(changed) + apart : c.FromModel != c.ToModel ? "n/a (two models)" : "n/a")}; adjusted Rand index: {(double.IsNaN(c.AdjustedRandIndex) ? "n/a" : c.AdjustedRandIndex.ToString("F3", CultureInfo.InvariantCulture))}; only in {Markup.Escape(c.From)}: {m.TotalLeft:N0}; only in {Markup.Escape(c.To)}: {m.TotalEntered:N0}");
        // Two runs over different customers (another region's exports) give an all-zero table, which reads as no change.
        if (m.CustomersInBoth == 0 && (m.TotalLeft > 0 || m.TotalEntered > 0))
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"no customer is in both sides, so the table holds no transition; compare runs over the same customers to see who changed segment."));
        // Under one definition only k-means names segments from the data; a rules model renames them in its definition.
        var why = c.ModelChanged ? "renamed in the model's definition, or a k-means centroid that crossed a naming edge" : "a k-means centroid that crossed a naming edge";
        foreach (var rename in renames)
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"'{rename.From}' → '{rename.To}': {Percent(rename.ShareOfFrom)} of its customers, {Percent(rename.ShareOfTo)} of the other's; "
                + $"likely the same segment renamed ({why}), not customers moving."));
        // Each side defaults to its run's active model, so two runs whose active models differ compare two models: the
        // table says where one model's segments fall in the other's, which is no customer's move.
        if (c.FromModel != c.ToModel)
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"the two sides are different models ({c.FromModel} → {c.ToModel}), so the table shows how one model's segments fall into the other's, not customers changing segment; name the same model on both sides (RUN:MODEL) to follow customers between runs."));
        // Version 1 against version 2 of a model moves customers because the model changed, not only because they did.
        else if (c.ModelChanged)
            console.MarkupLine(c.FromVersion == c.ToVersion
                ? $"[yellow]note:[/] the model's definition differs between the two sides (version {c.FromVersion} on both: changed without a version bump), so the changes above include the model's own."
                : $"[yellow]note:[/] the two sides use different model versions (v{c.FromVersion} → v{c.ToVersion}), so the changes above include the model's own, not only the customers'.");
        // Runs follow one another, not their as_of: a run --as-of an earlier date after one of the latest data reads, as
        // previous → current, customers moving from the later date's segments to the earlier's.
        if (c.ToAsOf < c.FromAsOf)
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"the second side is as of {DateFormat.Iso(c.ToAsOf)}, before the first (as of {DateFormat.Iso(c.FromAsOf)}), so the table reads back in time; swap the two sides to follow customers forward."));
        // A model untouched on runs measured another way (quarters for months) still moves customers of its own accord.
        if (c.SettingsChanged.Count > 0)
            console.MarkupLine("[yellow]note:[/] " + Markup.Escape($"the two runs measured differently ({string.Join("; ", c.SettingsChanged)}), so the changes above include the settings' own, not only the customers'."));
    }

    private const string Corner = "from \\ to";

    private static string Percent(double share) => share.ToString("P1", CultureInfo.InvariantCulture);

    // The matrix: a row per earlier segment, a column per later one.
    private static Table Matrix(SegmentationComparison c)
    {
        var table = new Table().AddColumn(Markup.Escape(Corner));
        foreach (var to in c.ToSegments)
            table.AddColumn(Markup.Escape(to));
        foreach (var from in c.FromSegments)
            table.AddRow(c.ToSegments.Select(to => Count(c, from, to)).Prepend(Markup.Escape(from)).ToArray());
        return table;
    }

    // A matrix wider than the console would have its segment names cut to a few letters ("Abo…"), which say nothing, so
    // it is listed instead: a row per pair of segments with customers, the largest first within each earlier segment.
    private static Table Pairs(SegmentationComparison c)
    {
        var table = new Table().AddColumn("from").AddColumn("to")
            .AddColumn(new TableColumn("customers").RightAligned()).AddColumn(new TableColumn("share of from").RightAligned());
        foreach (var from in c.FromSegments)
            foreach (var to in c.ToSegments.Where(to => c.Transitions.Count(from, to) > 0).OrderByDescending(to => c.Transitions.Count(from, to)))
                table.AddRow(Markup.Escape(from), Markup.Escape(to), Count(c, from, to),
                    c.Transitions.RowShare(from, to).ToString("P1", CultureInfo.InvariantCulture));
        return table;
    }

    private static string Count(SegmentationComparison c, string from, string to) =>
        c.Transitions.Count(from, to).ToString("N0", CultureInfo.InvariantCulture);

    // Columns as wide as their widest cell, each padded by a space either side, with a border before each and one after.
    private static int MatrixWidth(SegmentationComparison c)
    {
        var widths = c.ToSegments.Select(to => c.FromSegments.Select(from => Count(c, from, to).Length).Append(to.Length).Max())
            .Prepend(c.FromSegments.Select(from => from.Length).Append(Corner.Length).Max()).ToList();
        return widths.Sum() + 3 * widths.Count + 1;
    }
}
