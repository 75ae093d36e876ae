namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The four supply chain types of Gattorna's behavioural alignment (Gattorna 2006, <i>Living Supply Chains</i>), each
/// serving one dominant buying behaviour; the segment names of the <c>gattorna</c> preset.
/// </summary>
public static class GattornaAlignment
{
    /// <summary>Collaborative customers with predictable demand: planned, continuous replenishment.</summary>
    public const string ContinuousReplenishment = "continuous_replenishment";

    /// <summary>Transactional, price-driven customers with regular demand: the efficient, lean chain.</summary>
    public const string Lean = "lean";

    /// <summary>Demanding customers who need it fast: the responsive, agile chain.</summary>
    public const string Agile = "agile";

    /// <summary>Customers with unpredictable, novel needs: the fully flexible (solutions) chain.</summary>
    public const string FullyFlexible = "fully_flexible";
}
