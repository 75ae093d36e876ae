namespace ChainSeg.Data.Store;

/// <summary>One row of the run registry.</summary>
public sealed record RunRecord(
    string RunId,
    DateTime StartedAt,
    DateTime? EndedAt,
    string Status,
    string ConfigHash,
    string InputHashes,
    bool IsCurrent,
    string? Error)
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
