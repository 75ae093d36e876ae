using System.CommandLine;
using System.Globalization;
using ChainSeg.Core;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg generate</c>: a synthetic company in canonical CSVs, with the truth of what was planted.</summary>
public static class GenerateCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var customers = NumberOptions.WholeNumber<int>("--customers", "Number of customers.", (GeneratorOptions.MinCustomers, GeneratorOptions.MaxCustomers));
        var lines = NumberOptions.WholeNumber<long>("--order-lines", "Exact number of order lines (dirty rows included).", (GeneratorOptions.MinOrderLines, GeneratorOptions.MaxOrderLines));
        var seed = NumberOptions.WholeNumber("--seed", "Random seed; the same seed gives byte-identical files.", 42, SeedSetting.Range);
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the CSV files, chainseg.yaml and truth/.", Required = true };
        var force = new Option<bool>("--force") { Description = "Generate into an --out that holds CSV files, chainseg.yaml or truth/, overwriting those of the generated names." };
        var command = new Command("generate", "Generate a realistic synthetic company (canonical CSVs plus truth/ files) for demos, tests and benchmarks.")
        {
            customers, lines, seed, output, force,
        };
        command.SetAction(parsed =>
        {
            var options = Options(parsed.GetValue(customers), parsed.GetValue(lines), parsed.GetValue(seed));
            var folder = parsed.GetValue(output)!.FullName;
            OutputFolder.RequireRoom(folder, "generate", CompanyGenerator.Outputs);
            OutputFolder.Ensure(folder);
            // A folder of real exports (or a hand-written chainseg.yaml) must not be overwritten by a synthetic company.
            var existing = FilesItWrites(folder);
            if (existing.Count > 0 && !parsed.GetValue(force))
                throw new ConfigurationException($"--out {folder} already holds {Holds(existing, "generate")}; give an empty or new folder, or add --force.");
            Generate(context, options, folder);
            return ChainSegApp.Ok;
        });
        return command;
    }

    /// <summary>The entries <paramref name="existing"/> (of <see cref="FilesItWrites"/>) named as those <paramref name="command"/> would overwrite and those it would put its company beside (shared with <c>demo</c>).</summary>
    // Told apart: a run's outputs were said to be files "generate would overwrite", though it writes none of their names.
    internal static string Holds(List<string> existing, string command)
    {
        var written = CompanyGenerator.Outputs.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        var overwritten = existing.Where(written.Contains).ToList();
        var beside = existing.Where(n => !written.Contains(n)).ToList();
        static string Names(List<string> names) => FirstNames.Of(names, 4);
        return (overwritten.Count, beside.Count) switch
        {
            (_, 0) => $"{Names(overwritten)}, which {command} would overwrite",
            (0, _) => $"{Names(beside)}, which {command} would put its company beside",
            _ => $"{Names(overwritten)}, which {command} would overwrite, and {Names(beside)}, which it would put its company beside",
        };
    }

    /// <summary>The entries of <paramref name="folder"/> a generated company would overwrite (CSV files, chainseg.yaml, truth), by name.</summary>
    internal static List<string> FilesItWrites(string folder) =>
        Directory.EnumerateFileSystemEntries(folder)
            .Select(Path.GetFileName).OfType<string>().Where(n => n is "chainseg.yaml" or "truth" || n.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal).ToList();

    /// <summary>Generator options from the --customers, --order-lines and --seed flags (shared with <c>demo</c>).</summary>
    /// <exception cref="ConfigurationException">A flag is outside its valid range (the message names the range).</exception>
    public static GeneratorOptions Options(int customers, long orderLines, int seed)
    {
        if (customers is < GeneratorOptions.MinCustomers or > GeneratorOptions.MaxCustomers)
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"--customers must be in [{GeneratorOptions.MinCustomers}, {GeneratorOptions.MaxCustomers}]; got {customers}."));
        if (orderLines is < GeneratorOptions.MinOrderLines or > GeneratorOptions.MaxOrderLines)
            throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"--order-lines must be in [{GeneratorOptions.MinOrderLines}, {GeneratorOptions.MaxOrderLines}]; got {orderLines}."));
        return new GeneratorOptions(customers, orderLines, SeedSetting.Require(seed, "--seed"));
    }

    // It was told "the run was stopped; the previous results are unchanged", while the files written so far stay, cut short,
    // over any company generated there before.
    private static string Stopped(string outDirectory) =>
        $"generating was stopped; {outDirectory} holds an incomplete company (the files written so far, the last cut short): run the command again (generate with --force), or delete the folder.";

    /// <summary>Generates with a progress bar on a terminal; shared with <c>demo</c>.</summary>
    public static GenerationSummary Generate(CliContext context, GeneratorOptions options, string outDirectory)
    {
        GenerationSummary summary;
        if (!context.Quiet && context.Console.Profile.Capabilities.Interactive)
        {
            summary = context.Console.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
                .Start(progress =>
                {
                    var task = progress.AddTask("generating order lines", maxValue: options.OrderLines);
                    return context.AtStages(() => CompanyGenerator.Generate(options, outDirectory, new InlineProgress<long>(n => task.Value = n), context.Cancellation), Stopped(outDirectory));
                });
        }
        else
        {
            context.Say($"generating {options.Customers.ToString("N0", CultureInfo.InvariantCulture)} customers and {options.OrderLines.ToString("N0", CultureInfo.InvariantCulture)} order lines (seed {options.Seed})");
            summary = context.AtStages(() => CompanyGenerator.Generate(options, outDirectory, null, context.Cancellation), Stopped(outDirectory));
        }
        context.Say($"wrote {Markup.Escape(string.Join(", ", summary.RowsPerTable.Select(t => $"{t.Key} {t.Value.ToString("N0", CultureInfo.InvariantCulture)}")))} to {Markup.Escape(outDirectory)}");
        return summary;
    }
}
