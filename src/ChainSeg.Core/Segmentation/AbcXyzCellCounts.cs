namespace ChainSeg.Core.Segmentation;

/// <summary>Customers per cell of the 9-cell ABC × XYZ matrix, empty cells included.</summary>
public sealed class AbcXyzCellCounts
{
    private readonly int[,] _counts;

    internal AbcXyzCellCounts(int[,] counts) => _counts = counts;

    /// <summary>Customers in one cell.</summary>
    public int this[AbcClass abc, XyzClass xyz] => _counts[(int)abc, (int)xyz];

    /// <summary>Customers in all cells.</summary>
    public int Total => _counts.Cast<int>().Sum();

    /// <summary>All nine cells in the order AX, AY, AZ, BX, …, CZ with their counts.</summary>
    public IReadOnlyList<KeyValuePair<string, int>> Cells =>
        (from abc in Enum.GetValues<AbcClass>()
         from xyz in Enum.GetValues<XyzClass>()
         select new KeyValuePair<string, int>(AbcXyzMatrix.CellName(abc, xyz), this[abc, xyz])).ToArray();
}
