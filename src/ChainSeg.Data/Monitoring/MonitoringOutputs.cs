namespace ChainSeg.Data.Monitoring;

/// <summary>The monitoring output files (ARCHITECTURE.md §2 Monitoring: KPIs by segment, alerts) and the SQL that writes each from the run schema.</summary>
public static class MonitoringOutputs
{
    /// <summary>File name → query, in the order they are written.</summary>
    public static IReadOnlyList<(string File, string Query)> Queries(string runSchema) =>
    [
        (SegmentKpiTable.File, SegmentKpiTable.OutputQuery(runSchema)),
        (AlertStage.File, AlertStage.OutputQuery(runSchema)),
    ];
}
