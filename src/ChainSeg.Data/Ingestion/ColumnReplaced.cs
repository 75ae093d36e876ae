namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A required column a setting replaces for the rows of some keys: those rows may leave it empty or hold a value outside
/// its rule, since nothing reads it there: a cost pool's driver, for a pool a time equation prices.
/// </summary>
/// <param name="Table">The canonical table.</param>
/// <param name="Column">The required column the setting replaces.</param>
/// <param name="KeyColumn">The column whose value names the rows (as ingestion trims it).</param>
/// <param name="Keys">The values of <paramref name="KeyColumn"/> whose rows the setting replaces <paramref name="Column"/> for.</param>
public sealed record ColumnReplaced(string Table, string Column, string KeyColumn, IReadOnlyCollection<string> Keys);
