namespace ChainSeg.Data.Generation;

/// <summary>What one run of <see cref="CompanyGenerator.Generate"/> wrote.</summary>
/// <param name="RowsPerTable">Data rows (header excluded, dirty rows included) per canonical table, keyed by table name.</param>
/// <param name="DirtyRows">Planted dirty rows over all tables, as listed in truth/dirty_rows.csv.</param>
/// <param name="PlantedWarnings">Planted unparseable optional values, as listed in truth/planted_warnings.csv.</param>
/// <param name="PlantedShifts">Customers whose behaviour changes part-way, as listed in truth/planted_shifts.csv.</param>
/// <param name="Orders">Sales orders (prefix SO-) written, dirty extra orders excluded.</param>
/// <param name="ReturnOrders">Return orders (prefix RO-) written.</param>
public sealed record GenerationSummary(
    IReadOnlyDictionary<string, long> RowsPerTable,
    int DirtyRows,
    int PlantedWarnings,
    int PlantedShifts,
    long Orders,
    long ReturnOrders);
