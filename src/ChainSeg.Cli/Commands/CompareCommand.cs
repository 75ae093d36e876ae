using System.CommandLine;
using System.Globalization;
using ChainSeg.Data.Segmentation;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg compare RUN_A RUN_B</c>: the transition table between two archived segmentations.</summary>
public static class CompareCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var first = new Argument<string>("run-a") { Description = "RUN or RUN:MODEL (RUN may be 'current' or 'previous'; MODEL defaults to the run's active model)." };
        var second = new Argument<string>("run-b") { Description = "RUN or RUN:MODEL to compare with." };
        var store = new StoreOption();
        var command = new Command("compare", "Compare two segmentations (runs or models): transition table, share changed, adjusted Rand index.") { first, second };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            using var opened = store.Open(parsed);
            var comparison = new SegmentationHistory(opened).Compare(parsed.GetValue(first)!, parsed.GetValue(second)!);
            Render(context.Console, comparison);
            return ChainSegApp.Ok;
        });
        return command;
    }

    private static void Render(IAnsiConsole console, SegmentationComparison c)
    {
        var m = c.Transitions;
        var table = new Table().Title($"{c.From} → {c.To}").AddColumn("from \\ to");
        foreach (var to in c.ToSegments)
            table.AddColumn(Markup.Escape(to));
        foreach (var from in c.FromSegments)
            table.AddRow(c.ToSegments.Select(to => m.Count(from, to).ToString("N0", CultureInfo.InvariantCulture)).Prepend(Markup.Escape(from)).ToArray());
        console.Write(table);
        console.MarkupLine($"customers in both: {m.CustomersInBoth:N0}; changed segment: {m.ShareChanged:P1}; adjusted Rand index: {(double.IsNaN(c.AdjustedRandIndex) ? "n/a" : c.AdjustedRandIndex.ToString("F3", CultureInfo.InvariantCulture))}; only in {Markup.Escape(c.From)}: {m.TotalLeft:N0}; only in {Markup.Escape(c.To)}: {m.TotalEntered:N0}");
    }
}
