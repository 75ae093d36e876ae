using System.Diagnostics;
using System.Text.Json;
using ChainSeg.Data.Store;

namespace ChainSeg.Cli.Tests;

/// <summary>The command line as a process, stopped by a signal as a scheduler stops it.</summary>
public sealed class TerminationTests : IDisposable
{
    private readonly TempFolder _folder = new();

    [Fact]
    public async Task Run_SigtermDuringTheRun_StopsWithOneLineAndKeepsThePreviousRun()
    {
        // SIGTERM (a scheduler's timeout) killed the process mid-stage without a word (exit 143), leaving the run 'running'
        // in the store and its staging folder behind until the next run; Ctrl-C stopped it as a failed run with one line.
        if (!OperatingSystem.IsLinux())
            return;
        var data = Path.Combine(_folder.Path, "data");
        var output = Path.Combine(_folder.Path, "out");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "200", "--order-lines", "20000", "--seed", "4", "--out", data, "-q").ExitCode);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", output, "-q").ExitCode);
        var previous = Directory.GetFiles(output, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText);
        var previousRun = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "run_summary.json"))).RootElement.GetProperty("run_id").GetString();

        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "chainseg.dll"), "run", "--data", data, "--out", output })
            start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        // Progress lines (not a terminal): the signal goes when ingestion starts, stages before the commit.
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("ingest:", StringComparison.Ordinal)) { }
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            kill.WaitForExit();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal((ChainSegApp.Failure, "cancelled: the run was stopped; the previous results are unchanged."), (process.ExitCode, (await error).Trim()));
        Assert.Equal(previous, Directory.GetFiles(output, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Assert.Empty(Directory.GetDirectories(output, ".*"));
        using var store = ChainSegStore.OpenReadOnly(Path.Combine(output, "chainseg.duckdb"));
        Assert.Equal(previousRun, store.CurrentRun()!.RunId);
        Assert.Equal((RunStatus.Failed, "cancelled"), (store.Runs()[0].Status, store.Runs()[0].Error));
    }

    public void Dispose() => _folder.Dispose();
}
