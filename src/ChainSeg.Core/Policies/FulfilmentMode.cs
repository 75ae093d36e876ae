namespace ChainSeg.Core.Policies;

/// <summary>Where the customer order decoupling point sits; config names in <see cref="PolicyVocabulary"/>.</summary>
public enum FulfilmentMode
{
    /// <summary>Finished goods held in stock against forecast (<c>make_to_stock</c>).</summary>
    MakeToStock,

    /// <summary>Components held in stock, the end item assembled once the order arrives (<c>assemble_to_order</c>).</summary>
    AssembleToOrder,

    /// <summary>Nothing stocked for the customer: produced or procured per order, so no safety stock (<c>make_to_order</c>).</summary>
    MakeToOrder,
}
