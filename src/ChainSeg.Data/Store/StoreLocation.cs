using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Store;

/// <summary>Where results, history and the run registry live: <c>duckdb:PATH</c> (default) or <c>postgres:CONNSTR</c>.</summary>
public sealed record StoreLocation(string Kind, string Target)
{
    /// <summary>File name of the embedded store inside the output folder.</summary>
    public const string DefaultFileName = "chainseg.duckdb";

    /// <summary>
    /// Parses a <c>--store</c> value; null gives the embedded store in <paramref name="outDirectory"/>. A bare path to a
    /// <c>.duckdb</c> file (such as a run's <c>chainseg-demo/chainseg.duckdb</c>), or to a folder, is read as <c>duckdb:PATH</c>.
    /// </summary>
    /// <exception cref="ConfigurationException">The value is empty or not of a supported form.</exception>
    public static StoreLocation Parse(string? value, string outDirectory)
    {
        if (value is null)
            return new("duckdb", Path.GetFullPath(Path.Combine(outDirectory, DefaultFileName)));
        // Given but empty (an unset shell variable) is not left out: the store in --out may not be the one meant.
        if (string.IsNullOrWhiteSpace(value))
            throw new ConfigurationException("--store is empty; pass duckdb:PATH, or leave --store out for chainseg.duckdb in the output folder.");
        // A folder given bare (--store results) is read as the store it names too, for the opening to say it is a folder and
        // name the store file in it, where "not understood" named neither.
        if ((value.EndsWith(".duckdb", StringComparison.OrdinalIgnoreCase) || Directory.Exists(value))
            && !value.StartsWith("duckdb:", StringComparison.OrdinalIgnoreCase))
            return new("duckdb", Path.GetFullPath(value));
        var colon = value.IndexOf(':');
        var kind = colon < 0 ? "" : value[..colon].ToLowerInvariant();
        var target = colon < 0 ? "" : value[(colon + 1)..];
        return kind switch
        {
            "duckdb" when !string.IsNullOrWhiteSpace(target) => new("duckdb", Path.GetFullPath(target)),
            "postgres" or "postgresql" => throw new ConfigurationException("--store postgres: is not available in this build (the PostgreSQL state store belongs to the server, not yet built); use --store duckdb:PATH or leave --store out."),
            _ => throw new ConfigurationException($"--store '{value}' is not understood; use duckdb:PATH (for example duckdb:./chainseg.duckdb)."),
        };
    }
}
