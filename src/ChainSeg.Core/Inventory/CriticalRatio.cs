namespace ChainSeg.Core.Inventory;

/// <summary>The critical ratio p/(p + h): the cycle service level an optimal base stock or reorder point aims at.</summary>
internal static class CriticalRatio
{
    // A ratio whose complement h/(p + h) is below 2⁻⁵³ rounds to 1; a stockout cost at most 1e15 times the holding cost keeps
    // it clear of that, and already asks for a service level of 1 − 1e-15.
    private const double MaxCostRatio = 1e15;

    /// <summary>p/(p + h); NaN when both costs are 0. Written as 1/(1 + h/p) so that p + h cannot overflow (p = h = 1e308 is ½).</summary>
    public static double Of(double holdingCost, double stockoutCost) => 1.0 / (1.0 + holdingCost / stockoutCost);

    /// <summary>p/(p + h) for positive costs, where its quantile is finite.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The ratio rounds to 0 or 1 in double precision, where the optimal stock is infinite.</exception>
    public static double Invertible(double holdingCost, double stockoutCost)
    {
        double ratio = Of(holdingCost, stockoutCost);
        if (ratio is > 0.0 and < 1.0)
            return ratio;
        string costs = $"stockout cost p = {Arguments.Format(stockoutCost)} against holding cost h = {Arguments.Format(holdingCost)}";
        throw new ArgumentOutOfRangeException(nameof(stockoutCost), ratio, ratio >= 1.0
            ? $"With {costs} the critical ratio p/(p + h) rounds to 1 in double precision, where the optimal stock is infinite; give a stockout cost at most {Arguments.Format(MaxCostRatio)} times the holding cost."
            : $"With {costs} the critical ratio p/(p + h) rounds to 0 in double precision, where the optimal stock is unbounded below; give a holding cost at most {Arguments.Format(MaxCostRatio)} times the stockout cost.");
    }
}
