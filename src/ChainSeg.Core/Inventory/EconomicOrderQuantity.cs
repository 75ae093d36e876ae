namespace ChainSeg.Core.Inventory;

/// <summary>Order quantity and its cost per time unit; property names map to the calculator's JSON keys.</summary>
/// <param name="OrderQty">Order quantity Q.</param>
/// <param name="AnnualCost">Ordering plus holding cost per time unit of the demand rate (per year for annual demand).</param>
/// <param name="OrderingCost">K·D/Q.</param>
/// <param name="HoldingCost">h·Q/2.</param>
/// <param name="OrdersPerPeriod">D/Q, orders per time unit.</param>
public readonly record struct EoqResult(double OrderQty, double AnnualCost, double OrderingCost, double HoldingCost, double OrdersPerPeriod);

/// <summary>Economic order quantity Q* = √(2KD/h) and the cost K·D/Q + h·Q/2 of any Q (h and D per the same time unit).</summary>
public static class EconomicOrderQuantity
{
    /// <summary>The cost-minimising order quantity; zero demand gives Q = 0 at no cost.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fixedCost or holdingCost is not positive, or demandRate is negative.</exception>
    public static EoqResult Optimize(double fixedCost, double holdingCost, double demandRate)
    {
        Arguments.Positive(fixedCost, nameof(fixedCost), "Fixed cost per order");
        Arguments.Positive(holdingCost, nameof(holdingCost), "Holding cost per unit per period");
        Arguments.NonNegative(demandRate, nameof(demandRate), "Demand rate");
        if (demandRate == 0.0)
        {
            return new EoqResult(0.0, 0.0, 0.0, 0.0, 0.0);
        }

        return Cost(fixedCost, holdingCost, demandRate, Math.Sqrt(2.0 * fixedCost * demandRate / holdingCost));
    }

    /// <summary>Ordering plus holding cost per time unit of ordering Q at a time.</summary>
    /// <exception cref="ArgumentOutOfRangeException">a cost or demandRate is negative, or orderQty is not positive.</exception>
    public static EoqResult Evaluate(double fixedCost, double holdingCost, double demandRate, double orderQty)
    {
        Arguments.NonNegative(fixedCost, nameof(fixedCost), "Fixed cost per order");
        Arguments.NonNegative(holdingCost, nameof(holdingCost), "Holding cost per unit per period");
        Arguments.NonNegative(demandRate, nameof(demandRate), "Demand rate");
        Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        return Cost(fixedCost, holdingCost, demandRate, orderQty);
    }

    private static EoqResult Cost(double fixedCost, double holdingCost, double demandRate, double orderQty)
    {
        double ordering = fixedCost * demandRate / orderQty;
        double holding = holdingCost * orderQty / 2.0;
        return new EoqResult(orderQty, ordering + holding, ordering, holding, demandRate / orderQty);
    }
}
