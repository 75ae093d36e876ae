namespace ChainSeg.Data.Ingestion;

/// <summary>A source's <c>header_row</c> lies below the file's last row; both, for the message that names the fix.</summary>
/// <param name="row">The header row configured.</param>
/// <param name="lastRow">The file's last row (line of a CSV, sheet row of a workbook).</param>
public sealed class HeaderRowBeyondEndException(int row, int lastRow)
    : Exception($"header_row {row} is below the last row ({lastRow})")
{
    /// <summary>The header row configured.</summary>
    public int Row { get; } = row;

    /// <summary>The file's last row.</summary>
    public int LastRow { get; } = lastRow;
}
