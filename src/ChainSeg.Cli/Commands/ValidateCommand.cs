using System.CommandLine;
using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg validate</c>: checks a configuration and reads the first rows of every source, without running.</summary>
public static class ValidateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var config = new Option<FileInfo?>("--config") { Description = "chainseg.yaml to check (default: chainseg.yaml in --data when present)." };
        var data = new Option<DirectoryInfo?>("--data") { Description = "Folder with the exports (canonical file names, or mapped by chainseg.yaml)." };
        var sample = NumberOptions.WholeNumber("--sample", "Rows read from each source, through the same checks as a run.", ConfigCheck.DefaultSampleRows, (1, int.MaxValue));
        var command = new Command("validate", "Check a configuration without running: settings, files, columns, and the first rows of every source as a run would read them.")
        {
            config, data, sample,
        };
        command.SetAction(parsed =>
        {
            var configPath = parsed.GetValue(config)?.FullName;
            var dataDirectory = parsed.GetValue(data)?.FullName;
            if (configPath is null && dataDirectory is null)
                throw new ConfigurationException("nothing to check: pass --config FILE (a chainseg.yaml) or --data DIR (exports with canonical names).");
            var rows = parsed.GetValue(sample);
            var report = ConfigCheck.Run(configPath, dataDirectory, rows, context.Time);
            // A column that mostly fails to parse in the first rows is a format, culture or encoding to set, not data to live with.
            var advice = report.Advice.ToList();
            if (!context.Quiet)
                Print(context.Console, report, rows, advice.Count);
            foreach (var (table, text) in advice)
                context.Error.WriteLine($"error: {table}: {text}");
            // --quiet prints only errors (ARCHITECTURE.md §5), as run and allocate keep their warnings under it.
            if (!context.Quiet)
                foreach (var warning in report.DataWarnings.Select(w => $"{w.Table}: {w.Advice}")
                             .Concat(report.PolicyWarnings).Concat(report.MetricWarnings).Concat(report.CostWarnings).Concat(report.ModelWarnings))
                    context.Error.WriteLine($"warning: {warning}");
            return advice.Count == 0 ? ChainSegApp.Ok : ChainSegApp.UsageError;
        });
        return command;
    }

    private static void Print(IAnsiConsole console, ConfigReport report, int rows, int problems)
    {
        var title = $"First {rows.ToString("N0", CultureInfo.InvariantCulture)} rows of each source, as a run reads them";
        console.Write(RunCommand.QualityTable(title, report.Sources.Select(s => (s.Table, (string?)s.Source, s.Quality))));
        foreach (var sample in report.Sources)
            foreach (var row in sample.Quarantined)
                console.MarkupLine(Markup.Escape($"  {sample.Table} {row}"));
        console.MarkupLine(Markup.Escape($"Models: {string.Join(", ", report.Models.Select(m => m == report.ActiveModel ? m + " (active)" : m))}."));
        var verdict = problems == 0
            ? "settings, files and columns are valid. References between tables (customers, SKUs) are checked by a run, on all rows."
            : $"settings and files are read, but the first rows show {problems} problem{(problems == 1 ? "" : "s")} a setting must fix (the errors say which).";
        console.MarkupLine(Markup.Escape($"{report.ConfigFile ?? "Default configuration"}: {verdict}"));
    }
}
