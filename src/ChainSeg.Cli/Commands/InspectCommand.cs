using System.CommandLine;
using ChainSeg.Data.Ingestion;

namespace ChainSeg.Cli.Commands;

/// <summary><c>chainseg inspect FILE</c>: sniffs a foreign export and prints a draft <c>sources:</c> block for chainseg.yaml.</summary>
public static class InspectCommand
{
    /// <summary>Builds the command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The export: .csv, .csv.gz, .parquet or .xlsx." };
        var table = new Option<string?>("--table") { Description = "The canonical table it feeds (default: the one its headers fit best)." };
        var sheet = new Option<string?>("--sheet") { Description = "Worksheet of a workbook (default: the first)." };
        var command = new Command("inspect", "Sniff a foreign export (delimiter, encoding, table, columns, date layouts, number culture) and print a draft sources: block for chainseg.yaml.")
        {
            file, table, sheet,
        };
        command.SetAction(parsed =>
        {
            var draft = ExportInspection.Inspect(parsed.GetValue(file)!.FullName, parsed.GetValue(table), parsed.GetValue(sheet));
            // Straight to the output, unwrapped and without markup: it is YAML to save (a header may hold brackets).
            context.Console.Profile.Out.Writer.Write(draft.ToYaml());
            return ChainSegApp.Ok;
        });
        return command;
    }
}
