using ChainSeg.Data.Pipeline;
using Spectre.Console;

namespace ChainSeg.Cli;

/// <summary>Shows pipeline progress: a live status line on a terminal, plain timestamped lines otherwise, nothing with --quiet.</summary>
public static class StageReporter
{
    /// <summary>Runs <paramref name="work"/> while reporting its stages.</summary>
    public static T Run<T>(CliContext context, Func<IProgress<StageProgress>, T> work)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        if (context.Quiet)
            return work(new InlineProgress<StageProgress>(_ => { }));
        if (!context.Console.Profile.Capabilities.Interactive)
            return work(new InlineProgress<StageProgress>(p => context.Console.WriteLine($"[{clock.Elapsed.TotalSeconds,6:F1}s] {p.Stage}: {p.Message}")));

        return context.Console.Status().Spinner(Spinner.Known.Dots).Start("starting", status =>
            work(new InlineProgress<StageProgress>(p =>
            {
                status.Status($"[grey]{clock.Elapsed.TotalSeconds:F0}s[/] {Markup.Escape(p.Message)}");
                context.Console.MarkupLine($"[grey]{clock.Elapsed.TotalSeconds,6:F1}s[/] {Markup.Escape(p.Stage)}: {Markup.Escape(p.Message)}");
            })));
    }
}
