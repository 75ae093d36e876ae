namespace ChainSeg.Data.Store;

/// <summary>One row of the run registry.</summary>
/// <param name="RunId">UTC start and config hash, e.g. 20261125T161502Z-3f9a2c.</param>
/// <param name="StartedAt">UTC start.</param>
/// <param name="EndedAt">UTC end, null while running.</param>
/// <param name="Status">One of <see cref="RunStatus"/>.</param>
/// <param name="ConfigHash">Hash of the configuration.</param>
/// <param name="InputHashes">JSON list of input files and their SHA-256.</param>
/// <param name="IsCurrent">True for the run whose results are current.</param>
/// <param name="Error">Why the run failed, or null.</param>
/// <param name="DataDropped">True once the run's schema was dropped (beyond <see cref="ChainSegStore.RunsKept"/>); its archived assignments remain.</param>
public sealed record RunRecord(
    string RunId,
    DateTime StartedAt,
    DateTime? EndedAt,
    string Status,
    string ConfigHash,
    string InputHashes,
    bool IsCurrent,
    string? Error,
    bool DataDropped = false)
{
    /// <summary>Schema that holds this run's canonical tables and results.</summary>
    public string Schema => ChainSegStore.SchemaOf(RunId);
}

/// <summary>Run states in the registry.</summary>
public static class RunStatus
{
    /// <summary>Started and not finished.</summary>
    public const string Running = "running";
    /// <summary>Finished; its results are complete.</summary>
    public const string Complete = "complete";
    /// <summary>Stopped by an error or a cancellation; its partial data was dropped.</summary>
    public const string Failed = "failed";
    /// <summary>Found running when the store was next opened: the process died.</summary>
    public const string Interrupted = "interrupted";
}
