namespace ChainSeg.Cli;

/// <summary>The <c>chainseg</c> command line.</summary>
public static class ChainSegApp
{
    /// <summary>Parses and runs one command line; returns the process exit code.</summary>
    public static int Run(string[] args) => 0;
}
