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
    /// <remarks>--out is also --results, the name route, allocate and simulate give the run's folder.</remarks>
    public Option<DirectoryInfo> Out { get; } = new(folderOption, folderOption == "--out" ? ["--results"] : []) { Description = "Output folder of a run (its chainseg.duckdb is read).", DefaultValueFactory = _ => new DirectoryInfo("chainseg-demo") };

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
        var folder = parsed.GetValue(Out)!.FullName;
        var recorded = RecordedRun(parsed);
        if (!File.Exists(location.Target))
            throw new ConfigurationException(recorded is { } run
                ? $"no store at {location.Target}: the run in {folder} used {run.Store}; pass --store {run.Store}."
                : $"no store at {location.Target}; pass {Out.Name} with the folder of a run or --store duckdb:PATH.");
        var store = readOnly ? ChainSegStore.OpenReadOnly(location.Target) : ChainSegStore.Open(location.Target);
        // The folder's files are of the run its summary names; reading a store whose current run is another would explain a
        // segment its assignments.csv does not show: a later run wrote the folder with --store elsewhere (the folder's store
        // holds the runs before it), or wrote another folder into this folder's store.
        if (recorded is { } summary && store.CurrentRun()?.RunId is var current && current != summary.RunId
            && !DiedPublishing(folder, location.Target, summary.RunId, current))
        {
            store.Dispose();
            throw new ConfigurationException(summary.Store != $"duckdb:{location.Target}"
                ? $"the outputs in {folder} are of run {summary.RunId}, kept in store {summary.Store}, not in {location.Target} "
                  + $"(whose current run is {current ?? "none"}); pass --store {summary.Store} to read that run, or --store duckdb:{location.Target} for the runs kept in the folder."
                : $"the outputs in {folder} are of run {summary.RunId}, but the current run of {location.Target} is {current ?? "none"}, whose outputs went to another folder; "
                  + $"pass that folder as {Out.Name}, or --store duckdb:{location.Target} for the runs kept in the store.");
        }
        return store;
    }

    // A run killed after moving its files into the folder and before the store made it current left the outputs of the
    // store's current run in its backup, which the next run puts back: the store's current run is the folder's results.
    private static bool DiedPublishing(string folder, string storePath, string runId, string? current) =>
        current is not null && SummaryIn(new OutputPublisher(folder, storePath).BackupFolder(runId)).RunId == current;

    // A run given --store keeps its store outside the folder; its run_summary.json records the run and where. Null without
    // --out's summary, with --store given, or when the recorded store is not there.
    private (string RunId, string Store)? RecordedRun(ParseResult parsed)
    {
        if (parsed.GetValue(Store) is not null)
            return null;
        var (runId, store) = SummaryIn(parsed.GetValue(Out)!.FullName);
        return runId is not null && store is not null && store.StartsWith("duckdb:", StringComparison.Ordinal) && File.Exists(store["duckdb:".Length..])
            ? (runId, store)
            : null;
    }

    // The run id and store a folder's run_summary.json records, each null when the file, or that string in it, is missing or unreadable.
    private static (string? RunId, string? Store) SummaryIn(string folder)
    {
        try
        {
            using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, OutputPublisher.SummaryFile)));
            var root = json.RootElement;
            string? Text(string name) => root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
            return (Text("run_id"), Text("store"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return (null, null);
        }
    }

    /// <summary>The <c>--config</c> file when given, else the configuration the store's current run was made with.</summary>
    /// <exception cref="ConfigurationException">The file is not valid, or the store has no complete run.</exception>
    public static ChainSegConfig ConfigFor(ChainSegStore store, FileInfo? config) =>
        config is not null ? ConfigLoader.Load(config.FullName)
        : store.CurrentRun() is { } run ? store.ConfigOf(run.RunId)
        : throw new ConfigurationException($"store {store.Path} has no complete run yet; run `chainseg run` first.");
}
