namespace ChainSeg.Core.Segmentation;

/// <summary>One customer's cell in the ABC × XYZ matrix.</summary>
/// <param name="CustomerId">The customer.</param>
/// <param name="Abc">Value class.</param>
/// <param name="Xyz">Variability class.</param>
/// <param name="Bucket">The bucket XYZ was measured on.</param>
public sealed record AbcXyzDetail(string CustomerId, AbcClass Abc, XyzClass Xyz, DemandBucket Bucket)
{
    /// <summary>The two-letter cell, e.g. "AX".</summary>
    public string Cell => AbcXyzMatrix.CellName(Abc, Xyz);
}
