using Spectre.Console.Testing;

namespace ChainSeg.Cli.Tests;

/// <summary>Runs the real command line in-process against a TestConsole and captures stdout, stderr and the exit code.</summary>
public sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static CliRun Invoke(params string[] args) => InvokeAt(200, args);

    /// <summary>Runs the command line on a console <paramref name="width"/> characters wide.</summary>
    public static CliRun InvokeAt(int width, params string[] args)
    {
        var console = new TestConsole();
        console.Profile.Width = width;
        var error = new StringWriter();
        var code = ChainSegApp.Run(args, new CliContext(console, error, TimeProvider.System));
        return new CliRun(code, console.Output, error.ToString());
    }
}

/// <summary>A fresh folder under the system temp directory, deleted on dispose.</summary>
public sealed class TempFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "chainseg-cli-tests", Guid.NewGuid().ToString("N"));

    /// <summary>A folder that exists and takes no new files, even for root, whom file modes do not stop (tests may run as root): sysfs.</summary>
    public const string Unwritable = "/sys";

    public TempFolder() => Directory.CreateDirectory(Path);

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
