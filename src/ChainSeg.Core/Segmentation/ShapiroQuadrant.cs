namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The four quadrants of Shapiro, Rangan, Moriarty &amp; Ross's customer classification matrix (1987, "Manage customers for
/// profits (not just sales)", Harvard Business Review 65(5)): net price realised against cost-to-serve; the segment names of
/// the <c>shapiro</c> preset.
/// </summary>
public static class ShapiroQuadrant
{
    /// <summary>High price, high cost-to-serve: customers who pay for the service they demand.</summary>
    public const string CarriageTrade = "carriage_trade";

    /// <summary>High price, low cost-to-serve: the most profitable, to be kept.</summary>
    public const string Passive = "passive";

    /// <summary>Low price, high cost-to-serve: powerful buyers who demand both, where margin is lost.</summary>
    public const string Aggressive = "aggressive";

    /// <summary>Low price, low cost-to-serve: price-sensitive customers content with basic service.</summary>
    public const string BargainBasement = "bargain_basement";

    /// <summary>Customers without a price realisation or a cost-to-serve share to place (no list price, no cost pools).</summary>
    public const string Unplaced = "unplaced";
}
