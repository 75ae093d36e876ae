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

        using var process = StartRun(data, output);
        var error = process.StandardError.ReadToEndAsync();
        // Progress lines (not a terminal): the signal goes when ingestion starts, stages before the commit.
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("ingest:", StringComparison.Ordinal)) { }
        Signal("-TERM", process.Id);
        var progress = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Contains("stopping at the next stage; a second Ctrl-C or SIGTERM ends it at once", progress);
        Assert.Equal((ChainSegApp.Failure, "cancelled: the run was stopped; the previous results are unchanged."), (process.ExitCode, (await error).Trim()));
        Assert.Equal(previous, Directory.GetFiles(output, "*.csv").ToDictionary(f => Path.GetFileName(f), File.ReadAllText));
        Assert.Empty(Directory.GetDirectories(output, ".*"));
        using var store = ChainSegStore.OpenReadOnly(Path.Combine(output, "chainseg.duckdb"));
        Assert.Equal(previousRun, store.CurrentRun()!.RunId);
        Assert.Equal((RunStatus.Failed, "cancelled"), (store.Runs()[0].Status, store.Runs()[0].Error));
    }

    [Fact]
    public async Task Run_CtrlCTwice_EndsTheProcessAtOnce()
    {
        // Ctrl-C stops a run at its next stage; a second one, for a stage that takes minutes, was ignored as the first was,
        // so nothing but kill -9 ended it (and simulate, allocate and explain, which stop at no stage, never ended early).
        if (!OperatingSystem.IsLinux())
            return;
        var data = Path.Combine(_folder.Path, "data");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "500", "--order-lines", "300000", "--seed", "4", "--out", data, "-q").ExitCode);

        using var process = StartRun(data, Path.Combine(_folder.Path, "out"));
        var error = process.StandardError.ReadToEndAsync();
        // Both signals while order_lines (300,000 lines) is ingested, a stage of seconds; the second once the run says it saw
        // the first, as a user sees it: sent sooner, while the first is still pending, the kernel merges the two into one.
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("ingesting order_lines", StringComparison.Ordinal)) { }
        Signal("-INT", process.Id);
        while (process.StandardOutput.ReadLine() is { } line && !line.Contains("stopping at the next stage", StringComparison.Ordinal)) { }
        Signal("-INT", process.Id);
        var output = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // Ended by the signal (128 + 2), not by the first Ctrl-C's cancellation at the next stage (exit code 1); compared
        // with the error stream so that a failure shows what the run said.
        Assert.Equal((130, ""), (process.ExitCode, (await error).Trim()));
        Assert.DoesNotContain("metrics:", await output);
    }

    [Fact]
    public async Task Simulate_CtrlC_EndsTheProcessAtOnce()
    {
        // simulate stops at no stage, and the first Ctrl-C was kept for a stage that never came: a simulation of 51 s ran
        // to its end after it, wrote its files and exited 0. It now ends the process, as a second Ctrl-C does.
        if (!OperatingSystem.IsLinux())
            return;
        var data = Path.Combine(_folder.Path, "data");
        var results = Path.Combine(_folder.Path, "results");
        var simulated = Path.Combine(_folder.Path, "simulated");
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("generate", "--customers", "200", "--order-lines", "20000", "--seed", "4", "--out", data, "-q").ExitCode);
        Assert.Equal(ChainSegApp.Ok, CliRun.Invoke("run", "--data", data, "--out", results, "-q").ExitCode);

        // Ten years of days, a thousand times over: minutes of work, so only the signal can end it within the test's wait.
        using var process = Start("simulate", "--results", results, "--out", simulated, "--days", "3650", "--replications", "1000");
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            while (process.StandardOutput.ReadLine() is { } line && !line.Contains("simulation:", StringComparison.Ordinal)) { }
            Signal("-INT", process.Id);
            var output = process.StandardOutput.ReadToEndAsync();

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(30)), "simulate was still running 30 s after Ctrl-C");
            Assert.Equal(130, process.ExitCode);
            Assert.DoesNotContain("wrote simulation.csv", await output);
            Assert.Equal("", (await error).Trim());
            Assert.False(File.Exists(Path.Combine(simulated, "simulation.csv")));
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task Generate_Sigterm_SaysTheCompanyIsIncomplete()
    {
        // Stopped while writing order lines, generate said "the run was stopped; the previous results are unchanged": it had
        // written part of a company, over any generated there before.
        if (!OperatingSystem.IsLinux())
            return;
        var data = Path.Combine(_folder.Path, "data");
        using var process = Start("generate", "--customers", "2000", "--order-lines", "2000000", "--out", data);
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            while (!File.Exists(Path.Combine(data, "order_lines.csv")) && !process.HasExited)
                await Task.Delay(20);
            Signal("-TERM", process.Id);

            Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "generate was still running 60 s after SIGTERM");
            await output;
            Assert.Equal((ChainSegApp.Failure, $"cancelled: generating was stopped; {data} holds an incomplete company (the files written so far, the last cut short): run the command again (generate with --force), or delete the folder."),
                (process.ExitCode, (await error).Trim()));
        }
        finally
        {
            Kill(process);
        }
    }

    // chainseg run as its own process (a signal to the test host would stop the tests), its output and errors read by the test.
    private static Process StartRun(string data, string output) => Start("run", "--data", data, "--out", output);

    // Every wait on the process (its lines, its exit) ends by then on a slow machine; a process still running is killed,
    // which ends the test's reads, so that a hang fails the test (exit 137) instead of holding the test run.
    private static readonly TimeSpan HangBound = TimeSpan.FromMinutes(5);

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "chainseg.dll"));
        foreach (var arg in args)
            start.ArgumentList.Add(arg);
        var process = Process.Start(start)!;
        var watchdog = new Timer(_ => Kill(process), null, HangBound, Timeout.InfiniteTimeSpan);
        process.Disposed += (_, _) => watchdog.Dispose();
        return process;
    }

    private static void Kill(Process process)
    {
        try
        {
            process.Kill();
        }
        catch (InvalidOperationException)
        {
            // Exited, or disposed, meanwhile.
        }
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", [signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public void Dispose() => _folder.Dispose();
}
