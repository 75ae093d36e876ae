using System.Diagnostics;
using System.IO.Pipes;
using ChainSeg.Cli.Tests.Commands;

namespace ChainSeg.Cli.Tests;

/// <summary>--config that is no file (a pipe, a FIFO, a device) is refused in one line naming the fix; /dev/null stays an empty configuration.</summary>
public sealed class ConfigNotAFileTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly TinyRuns _runs = new();

    private string Data
    {
        get
        {
            var data = Directory.CreateDirectory(Path.Combine(_folder.Path, "data")).FullName;
            File.WriteAllText(Path.Combine(data, "order_lines.csv"), "order_id,customer_id,sku,order_date,quantity,unit_price\nSO-1,C1,X,2025-01-01,2,5\n");
            return data;
        }
    }

    private static string Refused(string path, string kind) =>
        $"error: --config {path} is {kind}, not a file: ChainSeg reads its configuration more than once, records its path with the run and reads paths in it "
        + "from its folder; save it as a file (e.g. cat > chainseg.yaml) and pass that.";

    // Within a time limit: the regression this guards against is a run blocked for ever, which SIGTERM does not end either
    // (a run keeps running to its next stage).
    private static CliRun WithinAMinute(params string[] args)
    {
        var run = Task.Run(() => CliRun.Invoke(args));
        Assert.True(run.Wait(TimeSpan.FromMinutes(1)), "the command still waits for its --config");
        return run.Result;
    }

    // A FIFO (mkfifo) nobody writes to: the run blocked for ever opening it.
    [Fact]
    public void Run_ConfigIsAFifo_UsageErrorWithoutWaitingForAWriter()
    {
        var fifo = Path.Combine(_folder.Path, "chainseg.yaml");
        using (var mkfifo = Process.Start("mkfifo", fifo))
            mkfifo.WaitForExit();

        var run = WithinAMinute("run", "--data", Data, "--config", fifo, "--out", Path.Combine(_folder.Path, "out"), "-q");

        Assert.Equal((ChainSegApp.UsageError, Refused(fifo, "a pipe")), (run.ExitCode, run.Error.Trim()));
    }

    // `--config <(cat chainseg.yaml)` and `cat chainseg.yaml | chainseg … --config /dev/stdin` give a link to "pipe:[N]" in
    // /proc: run and allocate said "config file not found: /dev/fd/63", of a file that was there.
    [Theory]
    [InlineData("run")]
    [InlineData("allocate")]
    public void Command_ConfigIsAPipe_UsageErrorNamingTheFix(string command)
    {
        if (command == "allocate")
            _runs.Run("SO-1,C1,X,2025-01-01,2,5\n");
        using var pipe = new AnonymousPipeServerStream(PipeDirection.Out);
        var path = $"/proc/self/fd/{pipe.ClientSafePipeHandle.DangerousGetHandle()}";
        string[] args = command == "run"
            ? ["run", "--data", Data, "--config", path, "--out", Path.Combine(_folder.Path, "out"), "-q"]
            : ["allocate", "--capacity", "--results", _runs.Out, "--config", path, "--out", Path.Combine(_folder.Path, "out"), "-q"];

        var run = WithinAMinute(args);

        Assert.Equal((ChainSegApp.UsageError, Refused(path, "a pipe")), (run.ExitCode, run.Error.Trim()));
    }

    [Fact]
    public void Run_ConfigIsADevice_UsageErrorNamingTheFix()
    {
        var run = WithinAMinute("run", "--data", Data, "--config", "/dev/zero", "--out", Path.Combine(_folder.Path, "out"), "-q");

        Assert.Equal((ChainSegApp.UsageError, Refused("/dev/zero", "a device")), (run.ExitCode, run.Error.Trim()));
    }

    // The way to run without the data folder's chainseg.yaml: an empty configuration, the defaults.
    [Fact]
    public void Run_ConfigIsDevNull_RunsOnTheDefaults()
    {
        File.WriteAllText(Path.Combine(Data, "chainseg.yaml"), "window: nonsense\n");

        var run = WithinAMinute("run", "--data", Data, "--config", "/dev/null", "--out", Path.Combine(_folder.Path, "out"), "-q");

        Assert.Equal((ChainSegApp.Ok, ""), (run.ExitCode, run.Error));
    }

    public void Dispose()
    {
        _runs.Dispose();
        _folder.Dispose();
    }
}
