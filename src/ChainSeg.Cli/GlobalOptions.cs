using System.CommandLine;

namespace ChainSeg.Cli;

/// <summary>Options every command accepts (one instance per parsed command line).</summary>
public sealed class GlobalOptions
{
    /// <summary>--verbose: stack traces with errors.</summary>
    public Option<bool> Verbose { get; } = new("--verbose") { Description = "Show details (stack traces) with errors.", Recursive = true };

    /// <summary>--quiet: only errors.</summary>
    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print only errors.", Recursive = true };
}
