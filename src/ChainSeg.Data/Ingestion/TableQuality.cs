using System.Globalization;
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
    /// <summary>
    /// What to configure when a large share of the rows have a column that does not parse (usually a date layout or
    /// number culture the source does not declare), one line per column with a value as written; which value 10 % of the
    /// rows or more name that their master table lacks; for customers, which are on a parent cycle and, in a run that
    /// rolls up, which name a parent the master lacks and which are deeper in the hierarchy than the roll-up follows.
    /// </summary>
    [JsonPropertyName("advice")]
    public IReadOnlyList<string> Advice { get; init; } = [];

    /// <summary>The part of <see cref="Advice"/> on rows to correct in the exports, not on a setting (customers on a parent cycle, unknown references).</summary>
    [JsonIgnore]
    public IReadOnlyList<string> DataAdvice { get; init; } = [];

    /// <summary>
    /// Data advice a run adds to <see cref="Advice"/> only when it rolls up (customers whose parent_id names no customer, each
    /// then its own account); validate's sample would name parents that lie beyond it.
    /// </summary>
    [JsonIgnore]
    public IReadOnlyList<string> RollUpAdvice { get; init; } = [];

    /// <summary>The part of <see cref="Advice"/> that names a setting to fix (a date layout, number culture or encoding).</summary>
    [JsonIgnore]
    public IEnumerable<string> SettingAdvice => Advice.Except(DataAdvice);

    /// <summary>The most frequent quarantine reasons with their counts ("unparseable:order_date 20"), ties by reason.</summary>
    public IEnumerable<string> TopReasons(int count) =>
        Reasons.OrderByDescending(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal).Take(count)
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Key} {r.Value:N0}"));

    /// <summary>Rows above the header (report titles, notes, blank and group-title rows), skipped: not data rows, so not counted as read.</summary>
    [JsonPropertyName("title_rows_skipped")]
    public long TitleRowsSkipped { get; init; }

    /// <summary>Whether every row read is accounted for.</summary>
    [JsonPropertyName("reconciles")]
    public bool Reconciles => RowsRead == RowsAccepted + RowsMerged + RowsQuarantined;
}
