using System.CommandLine;
using ChainSeg.Core;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Generation;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg demo</c>: generate a sample company and run everything on the embedded store.</summary>
public static class DemoCommand
{
    /// <summary>Default demo size: big enough to be realistic, done in well under a minute on 2 cores.</summary>
    public const int DefaultCustomers = 5_000;

    /// <summary>Default number of order lines.</summary>
    public const long DefaultOrderLines = 500_000;

    // Shortage and capacity examples worked from the demo's own data: what `chainseg allocate` does on real files.
    private static void WriteAllocationExamples(CliContext context, RunResult result)
    {
        using var store = ChainSeg.Data.Store.ChainSegStore.Open(result.StorePath);
        var config = store.ConfigOf(result.RunId);
        var folder = Path.Combine(result.OutDirectory, "allocation");
        var shortage = ChainSeg.Data.Allocation.ShortageAllocation.Example(store, config, result.AsOf);
        ChainSeg.Data.Allocation.ShortageAllocation.Write(shortage, folder);
        ChainSeg.Data.Allocation.CapacityPlanning.Write(ChainSeg.Data.Allocation.CapacityPlanning.FromRun(store, config), folder);
        if (!context.Quiet)
            context.Console.Write(AllocateCommand.SegmentTable(shortage));
        context.Say($"allocation examples (last 14 days of the 20 busiest SKUs at 60 % supply; peak-month capacity) in {Spectre.Console.Markup.Escape(folder)}");
    }

    // demo writes its company over DIR/data: a company an earlier demo or generate wrote (it has truth/) is its to replace,
    // exports of one's own are not (a project folder's data/ lost its order_lines.csv and chainseg.yaml without a word).
    private static void RequireOwnData(string outDirectory, string data)
    {
        if (!Directory.Exists(data) || Directory.Exists(Path.Combine(data, "truth")))
            return;
        var existing = GenerateCommand.FilesItWrites(data);
        if (existing.Count > 0)
            throw new ConfigurationException($"--out {outDirectory}: its data folder holds {GenerateCommand.Holds(existing, "demo")} (no truth/ there: demo did not generate it); give demo an empty or new folder.");
    }

    // demo publishes its run into DIR itself: a folder of exports (one's own, or a company generate wrote) would get the
    // outputs among them, which run refuses for its data folder, since a later run or inspect of the folder reads them as exports.
    private static void RequireNoExports(string outDirectory)
    {
        if (!Directory.Exists(outDirectory) || ChainSeg.Data.Ingestion.SourceResolver.ExportsIn(outDirectory) is not { Count: > 0 } exports)
            return;
        throw new ConfigurationException($"--out {outDirectory} holds exports ({FirstNames.Of(exports, 4)}): demo would publish its outputs among them, where a run or inspect of the folder reads them as exports; give demo an empty or new folder.");
    }

    // demo keeps its store in DIR and has no --store: a file there that is no database is refused naming --out, before the
    // company is generated (the store's own refusal said "Pass another --store").
    private static void RequireOwnStore(string outDirectory)
    {
        var store = Path.Combine(outDirectory, ChainSeg.Data.Store.StoreLocation.DefaultFileName);
        bool database;
        try
        {
            database = ChainSeg.Data.Store.ChainSegStore.IsDatabaseOrNew(store);
        }
        catch (UnauthorizedAccessException)
        {
            return; // the run's opening of the store says so
        }
        if (!database)
            throw new ConfigurationException($"--out {outDirectory}: its {ChainSeg.Data.Store.StoreLocation.DefaultFileName}, where demo keeps its store, is not a DuckDB database; move the file away, or pass another --out.");
    }

    // Everything demo writes in DIR, checked before it generates: the company in data/, the run's outputs and store, the
    // allocation examples.
    private static void RequireRoom(string outDirectory) =>
        OutputFolder.RequireRoom(outDirectory, "demo",
        [
            .. CompanyGenerator.Outputs.Select(o => "data/" + o),
            .. RunPipeline.Outputs(ChainSeg.Data.Ingestion.CanonicalSchema.Tables.Select(t => t.Name)),
            ChainSeg.Data.Store.StoreLocation.DefaultFileName,
            .. ChainSeg.Data.Allocation.ShortageAllocation.Files.Concat(ChainSeg.Data.Allocation.CapacityPlanning.Files).Select(f => "allocation/" + f),
        ]);

    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var output = new Option<DirectoryInfo>("--out") { Description = "Folder for the sample data (data/) and all outputs.", DefaultValueFactory = _ => new DirectoryInfo("chainseg-demo") };
        var customers = NumberOptions.WholeNumber("--customers", "Customers in the sample company.", DefaultCustomers, (GeneratorOptions.MinCustomers, GeneratorOptions.MaxCustomers));
        var lines = NumberOptions.WholeNumber("--order-lines", "Order lines in the sample company.", DefaultOrderLines, (GeneratorOptions.MinOrderLines, GeneratorOptions.MaxOrderLines));
        var seed = NumberOptions.WholeNumber("--seed", "Random seed of the sample company.", 42, SeedSetting.Range);
        var command = new Command("demo", "Generate a sample company (seeded) and run the whole pipeline on the embedded DuckDB store.")
        {
            output, customers, lines, seed,
        };
        command.SetAction(parsed =>
        {
            var options = GenerateCommand.Options(parsed.GetValue(customers), parsed.GetValue(lines), parsed.GetValue(seed));
            var outDirectory = parsed.GetValue(output)!.FullName;
            RequireRoom(outDirectory);
            RequireNoExports(outDirectory);
            RequireOwnStore(outDirectory);
            OutputFolder.Ensure(outDirectory);
            var data = Path.Combine(outDirectory, "data");
            RequireOwnData(outDirectory, data);
            GenerateCommand.Generate(context, options, data);
            var result = RunCommand.Execute(context, new RunRequest(data, outDirectory));
            WriteAllocationExamples(context, result);
            return ChainSegApp.Ok;
        });
        return command;
    }
}
