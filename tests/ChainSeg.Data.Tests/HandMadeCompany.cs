namespace ChainSeg.Data.Tests;

/// <summary>
/// A tiny company whose files a test writes out in full (order_lines.csv, shipments.csv, chainseg.yaml, …) in a folder of
/// its own, run through the real pipeline into that folder's out/. The files' content stays in the test: only where they
/// go and how the run finds them is here.
/// </summary>
internal sealed class HandMadeCompany(TempFolder folder, string name)
{
    private const string ConfigFile = "chainseg.yaml";

    /// <summary>The company's data folder.</summary>
    public string Data { get; } = folder.Sub(name);

    /// <summary>Writes one of the company's files and returns its path, for a test that reads it back with LINQ.</summary>
    public string File(string file, string content) => folder.File($"{name}/{file}", content);

    /// <summary>Runs the pipeline on the company's files under <paramref name="config"/>, else its chainseg.yaml when the test wrote one.</summary>
    public PipelineOutput Run(string? config = null)
    {
        var written = Path.Combine(Data, ConfigFile);
        return PipelineOutput.Run(Data, Path.Combine(Data, "out"), config ?? (System.IO.File.Exists(written) ? written : null));
    }
}
