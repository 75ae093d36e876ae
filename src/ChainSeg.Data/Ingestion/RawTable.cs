namespace ChainSeg.Data.Ingestion;

/// <summary>A source loaded as text into the staging schema: one VARCHAR column per source header, rows in file order.</summary>
/// <param name="Name">Qualified table name; its rowid follows file order.</param>
/// <param name="Headers">Source column headers (also the raw column names).</param>
/// <param name="FilesTable">Qualified table of (file_index, path, first_rowid, rows).</param>
/// <param name="RejectsTable">Qualified table of malformed records: (file_index, data_row, error, raw_line).</param>
/// <param name="RowsLoaded">Well-formed records loaded.</param>
/// <param name="RowsRejected">Malformed records, counted on their own.</param>
public sealed record RawTable(string Name, IReadOnlyList<string> Headers, string FilesTable, string RejectsTable, long RowsLoaded, long RowsRejected)
{
    /// <summary>Column names a raw table keeps for itself (the file index, and DuckDB's rowid, which a column so named would hide), which no header may take.</summary>
    public static readonly IReadOnlyList<string> ReservedColumns = ["_file", "rowid"];
}
