using ChainSeg.Data.Generation;

namespace ChainSeg.Data.Tests;

/// <summary>A company generated once into a temp folder, run through the pipeline under any number of configurations.</summary>
public sealed class GeneratedCompanyFolder : IDisposable
{
    private readonly TempFolder _folder = new();

    public GeneratedCompanyFolder(GeneratorOptions options)
    {
        Data = _folder.Sub("data");
        CompanyGenerator.Generate(options, Data);
    }

    public string Data { get; }

    public string Folder(string name) => _folder.Sub(name + "-" + Guid.NewGuid().ToString("N")[..6]);

    /// <summary>Runs with the generated identifiers section followed by <paramref name="yaml"/>.</summary>
    public PipelineOutput Run(string yaml, string? output = null)
    {
        var config = Path.Combine(Folder("config"), "chainseg.yaml");
        File.WriteAllText(config, "identifiers:\n  customer_id:\n    strip_prefixes: [C]\n" + yaml);
        return PipelineOutput.Run(Data, output ?? Folder("out"), config);
    }

    public void Dispose() => _folder.Dispose();
}
