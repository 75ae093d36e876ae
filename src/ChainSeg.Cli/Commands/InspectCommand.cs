using System.CommandLine;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg inspect FILE|DIR</c>: sniffs a foreign export (or a folder of them) and prints a draft <c>sources:</c> block for chainseg.yaml.</summary>
public static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The export (.csv, .csv.gz, .parquet or .xlsx), or a folder of exports to draft one config for." };
        var table = new Option<string?>("--table") { Description = "The canonical table it feeds (default: the one its headers fit best)." };
        var sheet = new Option<string?>("--sheet") { Description = "Worksheet of a workbook (default: the first)." };
        var command = new Command("inspect", "Sniff a foreign export (delimiter, encoding, table, columns, date layouts, number culture) and print a draft sources: block for chainseg.yaml.")
        {
            file, table, sheet,
        };
        command.SetAction(parsed =>
        {
            var path = Path.GetFullPath(parsed.GetValue(file)!);
            if (Directory.Exists(path) && (parsed.GetValue(table) is not null || parsed.GetValue(sheet) is not null))
                throw new ConfigurationException("--table and --sheet apply to one file; pass the file rather than the folder.");
            var yaml = Directory.Exists(path)
                ? ExportInspection.InspectFolder(path).ToYaml()
                : ExportInspection.Inspect(path, parsed.GetValue(table), parsed.GetValue(sheet)).ToYaml();
            // Straight to the output, unwrapped and without markup: it is YAML to save (a header may hold brackets).
            context.Console.Profile.Out.Writer.Write(yaml);
            return ChainSegApp.Ok;
        });
        return command;
    }
}
