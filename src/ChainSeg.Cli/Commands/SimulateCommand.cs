using System.CommandLine;
using System.Globalization;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;
using ChainSeg.Data.Inventory;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Store;
using Spectre.Console;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg simulate</c>: Monte-Carlo check of the current run's inventory policies by segment.</summary>
public static class SimulateCommand
{
    // Table prefix of a re-simulation in the run's schema, apart from the tables the run itself published.
    private const string ResimulatedPrefix = "resimulated_";

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for simulation.csv, simulation_sku_locations.csv and tradeoff_curve.csv.", Required = true };
        // Each defaults to the run's simulation: settings, so a plain `simulate` reproduces the run's own simulation.
        var skuLocations = NumberOptions.OptionalWholeNumber<int>("--sku-locations", "Most SKU-locations simulated (deterministic sample; default: the run's simulation.sku_locations).", (1, int.MaxValue));
        var days = NumberOptions.OptionalWholeNumber<int>("--days", "Simulated days after a 90-day warm-up (default: the run's simulation.days).", (1, SimulationOptions.MaxDays));
        var replications = NumberOptions.OptionalWholeNumber<int>("--replications", "Replications per SKU-location (default: the run's simulation.replications).", (1, SimulationOptions.MaxReplications));
        var seed = NumberOptions.OptionalWholeNumber<int>("--seed", "Master seed; the same seed gives the same figures (default: the run's simulation.seed).", SeedSetting.Range);
        var store = new StoreOption("--results");
        var command = new Command("simulate", "Simulate the current run's inventory policies day by day: achieved CSL, fill rate, stockouts, inventory and carrying cost by segment, and a service-vs-inventory curve.")
        {
            output, skuLocations, days, replications, seed,
        };
        store.AddTo(command);
        command.SetAction(parsed =>
        {
            // Each named with its value: "--sku-locations, --days and --replications must be at least 1" left the wrong one to find.
            foreach (var (flag, value) in new[] { ("--sku-locations", parsed.GetValue(skuLocations)), ("--days", parsed.GetValue(days)), ("--replications", parsed.GetValue(replications)) })
                if (value < 1)
                    throw new ConfigurationException($"{flag} must be at least 1; got {value}.");
            if (parsed.GetValue(days) is { } asked)
                SimulationOptions.RequireDays(asked, "--days");
            if (parsed.GetValue(replications) is { } times)
                SimulationOptions.RequireReplications(times, "--replications");
            if (parsed.GetValue(seed) is { } master)
                SeedSetting.Require(master, "--seed");
            using var opened = store.Open(parsed);
            var run = opened.CurrentRun() ?? throw new ConfigurationException($"store {opened.Path} has no complete run yet; run `chainseg run` first.");
            var folder = parsed.GetValue(output)!.FullName;
            // The published run's results are left untouched (README), and a run's folder (its summary, or the store a run
            // keeps beside its outputs) holds files of the names simulate writes. Compared with links followed: the store's
            // folder reached through a linked folder, or the store through one, is the same folder.
            if (File.Exists(Path.Combine(folder, OutputPublisher.SummaryFile))
                || RealPath.Of(Path.TrimEndingDirectorySeparator(folder)) == Path.GetDirectoryName(RealPath.Of(opened.Path)))
                throw new ConfigurationException($"--out {folder} is a run's output folder, whose {string.Join(", ", SimulationStage.Tables.Select(t => t + ".csv"))} simulate would overwrite; pass another folder.");
            OutputFolder.RequireRoom(folder, "simulate", SimulationStage.Tables.Select(t => t + ".csv"));
            OutputFolder.Ensure(folder);
            var configured = SimulationOptions.From(StoreOption.ConfigFor(opened, null));
            var options = configured with
            {
                SkuLocations = parsed.GetValue(skuLocations) ?? configured.SkuLocations,
                Days = parsed.GetValue(days) ?? configured.Days,
                Replications = parsed.GetValue(replications) ?? configured.Replications,
                Seed = parsed.GetValue(seed) ?? configured.Seed,
            };
            var segments = StageReporter.Run(context, progress =>
            {
                progress.Report(new("simulation", string.Create(CultureInfo.InvariantCulture, $"simulating up to {options.SkuLocations:N0} SKU-locations for {options.Days:N0} days")));
                // Its own tables: a re-simulation never alters the published run's results.
                return new SimulationStage(opened.Connection, run.Schema, ResimulatedPrefix).Run(options);
            });
            foreach (var table in SimulationStage.Tables)
                opened.Connection.Execute($"COPY (SELECT * FROM {Sql.Id(run.Schema)}.{Sql.Id(ResimulatedPrefix + table)} ORDER BY ALL) TO {Sql.Str(Path.Combine(folder, table + ".csv"))} (FORMAT csv, HEADER true)");
            if (!context.Quiet)
            {
                var table = new Table().Title($"simulated policies of run {run.RunId}").AddColumns("segment / demand class", "SKU-locations", "achieved CSL", "fill rate (fill.unit)", "avg inventory value");
                foreach (var (segment, demandClass, s) in segments)
                    table.AddRow(Markup.Escape($"{segment} / {demandClass}"), s.StockingPoints.ToString(CultureInfo.InvariantCulture),
                        Percent(s.CycleServiceLevel, "P1"), Percent(s.FillRate, "P2"),
                        s.AverageInventoryValue.ToString("N0", CultureInfo.InvariantCulture));
                context.Console.Write(table);
                context.Say($"wrote simulation.csv, simulation_sku_locations.csv and tradeoff_curve.csv to {Markup.Escape(folder)}");
            }
            return ChainSegApp.Ok;
        });
        return command;
    }

    // A simulated measure without observations (no completed cycle, no demand) reads n/a, not 100 %.
    private static string Percent(double value, string format) => double.IsNaN(value) ? "n/a" : value.ToString(format, CultureInfo.InvariantCulture);
}
