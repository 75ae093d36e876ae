using System.Text.Json.Serialization;

namespace ChainSeg.Data.Ingestion;

/// <summary>Row accounting of one canonical table (ARCHITECTURE.md §4): read = accepted + merged + quarantined, each counted on its own.</summary>
public sealed record TableQuality(
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("rows_read")] long RowsRead,
    [property: JsonPropertyName("rows_accepted")] long RowsAccepted,
    [property: JsonPropertyName("rows_merged")] long RowsMerged,
    [property: JsonPropertyName("rows_quarantined")] long RowsQuarantined,
    [property: JsonPropertyName("reasons")] IReadOnlyDictionary<string, long> Reasons,
    [property: JsonPropertyName("warnings")] IReadOnlyDictionary<string, long> Warnings)
{
    /// <summary>Whether every row read is accounted for.</summary>
    [JsonPropertyName("reconciles")]
    public bool Reconciles => RowsRead == RowsAccepted + RowsMerged + RowsQuarantined;
}
