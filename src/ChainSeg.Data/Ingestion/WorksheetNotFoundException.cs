namespace ChainSeg.Data.Ingestion;

/// <summary>A workbook lacks the worksheet a source or inspect names; the sheets it has, for the message that names the fix.</summary>
/// <param name="sheet">The sheet named.</param>
/// <param name="sheets">The workbook's sheets, in order.</param>
public sealed class WorksheetNotFoundException(string sheet, IReadOnlyList<string> sheets)
    : Exception($"no worksheet '{sheet}'; the workbook has: {string.Join(", ", sheets)}")
{
    /// <summary>The sheet named.</summary>
    public string Sheet { get; } = sheet;

    /// <summary>The workbook's sheets, in order.</summary>
    public IReadOnlyList<string> Sheets { get; } = sheets;
}
