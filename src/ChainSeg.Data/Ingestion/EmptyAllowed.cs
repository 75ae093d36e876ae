namespace ChainSeg.Data.Ingestion;

/// <summary>
/// A required column the rows of some keys may leave empty, because a setting supplies what it would say: a cost pool's
/// driver, for a pool a time equation prices.
/// </summary>
/// <param name="Table">The canonical table.</param>
/// <param name="Column">The required column that may be empty.</param>
/// <param name="KeyColumn">The column whose value names the rows (as ingestion trims it).</param>
/// <param name="Keys">The values of <paramref name="KeyColumn"/> whose rows may leave <paramref name="Column"/> empty.</param>
public sealed record EmptyAllowed(string Table, string Column, string KeyColumn, IReadOnlyCollection<string> Keys);
