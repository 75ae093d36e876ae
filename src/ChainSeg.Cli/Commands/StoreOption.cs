using System.CommandLine;
using System.Text.Json;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Store;

namespace ChainSeg.Cli.Commands;

/// <summary>The <c>--out</c> / <c>--store</c> pair that commands reading results use to find the store.</summary>
public sealed class StoreOption(string folderOption = "--out")
{
    /// <summary>The folder a run wrote to (its chainseg.duckdb is used); <c>--out</c> unless the command needs that name.</summary>
    public Option<DirectoryInfo> Out { get; } = new(folderOption) { Description = "Output folder of a run (its chainseg.duckdb is read).", DefaultValueFactory = _ => new DirectoryInfo("chainseg-demo") };

    /// <summary>--store: an explicit store.</summary>
    public Option<string?> Store { get; } = new("--store") { Description = $"duckdb:PATH of the store, or the .duckdb file's path (overrides {folderOption})." };

    /// <summary>Adds both options to a command.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Out);
        command.Options.Add(Store);
    }

    /// <summary>Opens the store the options point at; for reading only (explain, compare) when <paramref name="readOnly"/>.</summary>
    /// <exception cref="ConfigurationException">There is no store there, or it cannot be opened.</exception>
    public ChainSegStore Open(ParseResult parsed, bool readOnly = false)
    {
        var location = StoreLocation.Parse(parsed.GetValue(Store), parsed.GetValue(Out)!.FullName);
        if (Directory.Exists(location.Target))
            throw new ConfigurationException($"cannot open store {location.Target}: it is a folder; pass the store file in it (--store duckdb:FOLDER/chainseg.duckdb) or {Out.Name} FOLDER.");
        if (!File.Exists(location.Target))
            throw new ConfigurationException(RecordedStore(parsed) is { } recorded
                ? $"no store at {location.Target}: the run in {parsed.GetValue(Out)!.FullName} used {recorded}; pass --store {recorded}."
                : $"no store at {location.Target}; pass {Out.Name} with the folder of a run or --store duckdb:PATH.");
        return readOnly ? ChainSegStore.OpenReadOnly(location.Target) : ChainSegStore.Open(location.Target);
    }

    // A run given --store keeps its store outside the folder; its run_summary.json records where. Null without --out's summary,
    // with --store given, or when the recorded store is not there either.
    private string? RecordedStore(ParseResult parsed)
    {
        if (parsed.GetValue(Store) is not null)
            return null;
        var summary = Path.Combine(parsed.GetValue(Out)!.FullName, OutputPublisher.SummaryFile);
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(summary));
            return json.RootElement.TryGetProperty("store", out var store) && store.ValueKind == JsonValueKind.String
                   && store.GetString() is { } recorded && recorded.StartsWith("duckdb:", StringComparison.Ordinal) && File.Exists(recorded["duckdb:".Length..])
                ? recorded
                : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return null;
        }
    }

    /// <summary>The <c>--config</c> file when given, else the configuration the store's current run was made with.</summary>
    /// <exception cref="ConfigurationException">The file is not valid, or the store has no complete run.</exception>
    public static ChainSegConfig ConfigFor(ChainSegStore store, FileInfo? config) =>
        config is not null ? ConfigLoader.Load(config.FullName)
        : store.CurrentRun() is { } run ? store.ConfigOf(run.RunId)
        : throw new ConfigurationException($"store {store.Path} has no complete run yet; run `chainseg run` first.");
}
