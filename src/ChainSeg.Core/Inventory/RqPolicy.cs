using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Inventory;

/// <summary>How an (r,Q) policy is set.</summary>
public enum RqMethod
{
    /// <summary><c>eoq-ss</c>: Q = EOQ and r from a cycle service level, by default the critical ratio p/(p + h).</summary>
    EoqSafetyStock,

    /// <summary><c>exact</c>: (r,Q) minimising the exact expected cost of the policy under normal lead-time demand.</summary>
    Exact,
}

/// <summary>Continuous-review (r,Q) problem with backorders; costs are per time unit of the demand rate.</summary>
/// <param name="HoldingCost">h, per unit held per time unit.</param>
/// <param name="StockoutCost">p, per unit backordered per time unit.</param>
/// <param name="FixedCost">K, per order.</param>
/// <param name="Demand">Demand rate λ (mean) and its standard deviation per time unit.</param>
/// <param name="LeadTime">Lead time, in the demand's time unit.</param>
public sealed record RqInput(double HoldingCost, double StockoutCost, double FixedCost, DemandRate Demand, LeadTime LeadTime);

/// <summary>An (r,Q) policy and its exact expected cost; property names map to the calculator's JSON keys.</summary>
/// <param name="ReorderPoint">Reorder point r.</param>
/// <param name="OrderQty">Order quantity Q.</param>
/// <param name="ExpectedCost">Expected ordering, holding and backorder cost per time unit, g(r,Q).</param>
/// <param name="SafetyStock">r minus mean lead-time demand.</param>
/// <param name="Csl">Cycle service level Φ((r − μ)/σ) of the reorder point.</param>
/// <param name="FillRate">Fill rate 1 − n(r)/Q (DEFINITIONS.md), clamped to [0, 1].</param>
public sealed record RqResult(double ReorderPoint, double OrderQty, double ExpectedCost, double SafetyStock, double Csl, double FillRate);

/// <summary>
/// (r,Q) policies under normal lead-time demand, with the exact cost
/// g(r,Q) = [Kλ + hQ(r − μ + Q/2) + (h + p)(n₂(r) − n₂(r + Q))] / Q (Zipkin 2000 §6.4; Snyder &amp; Shen 2019 §5.2),
/// n₂ the second-order loss function of lead-time demand.
/// </summary>
public static class RqPolicy
{
    private const int BisectionSteps = 200;
    private const double RelativeTolerance = 1e-11;

    /// <summary>Sets (r,Q) by the chosen method; a cycle-service-level target may replace the critical ratio for <see cref="RqMethod.EoqSafetyStock"/>.</summary>
    /// <exception cref="ArgumentException">cycleServiceLevel is given with <see cref="RqMethod.Exact"/>, or the time units differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a cost or the demand rate is not positive, cycleServiceLevel is not in (0, 1), or the costs put the critical ratio at 0 or 1 in double precision.</exception>
    public static RqResult Optimize(RqInput input, RqMethod method, double? cycleServiceLevel = null)
    {
        var ltd = Validate(input, requirePositiveCosts: true);
        Arguments.Positive(input.Demand.Mean, nameof(input.Demand), "Demand rate");
        double h = input.HoldingCost;
        double p = input.StockoutCost;

        switch (method)
        {
            case RqMethod.EoqSafetyStock:
                double alpha = cycleServiceLevel is { } csl ? Arguments.OpenUnit(csl, nameof(cycleServiceLevel), "Cycle service level") : CriticalRatio.Invertible(h, p);
                double q = EconomicOrderQuantity.Optimize(input.FixedCost, h, input.Demand.Mean).OrderQty;
                return Describe(input, ltd, ltd.Quantile(alpha), q);
            case RqMethod.Exact:
                if (cycleServiceLevel is not null)
                {
                    throw new ArgumentException(
                        "A cycle-service-level target applies to the eoq-ss method only; the exact method sets r from the stockout cost.",
                        nameof(cycleServiceLevel));
                }

                return OptimizeExact(input, ltd);
            default:
                throw new ArgumentOutOfRangeException(nameof(method), method, "Method must be EoqSafetyStock or Exact.");
        }
    }

    /// <summary>Best reorder point for a fixed order quantity (a pallet or pack size), minimising the exact cost.</summary>
    /// <exception cref="ArgumentException">the time units differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a cost is not positive, the costs put the critical ratio at 0 or 1 in double precision, or orderQty is not positive.</exception>
    public static RqResult OptimizeReorderPoint(RqInput input, double orderQty)
    {
        var ltd = Validate(input, requirePositiveCosts: true);
        Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        return Describe(input, ltd, OptimalReorderPoint(input, ltd, orderQty), orderQty);
    }

    /// <summary>Exact expected cost per time unit of a given (r,Q).</summary>
    /// <exception cref="ArgumentException">the time units differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a cost is negative, reorderPoint is not finite or orderQty is not positive.</exception>
    public static RqResult Evaluate(RqInput input, double reorderPoint, double orderQty)
    {
        var ltd = Validate(input, requirePositiveCosts: false);
        Arguments.Finite(reorderPoint, nameof(reorderPoint), "Reorder point");
        Arguments.Positive(orderQty, nameof(orderQty), "Order quantity");
        return Describe(input, ltd, reorderPoint, orderQty);
    }

    private static NormalDemand Validate(RqInput input, bool requirePositiveCosts)
    {
        ArgumentNullException.ThrowIfNull(input);
        Func<double, string, string, double> check = requirePositiveCosts ? Arguments.Positive : Arguments.NonNegative;
        check(input.HoldingCost, nameof(input.HoldingCost), "Holding cost per unit per period");
        check(input.StockoutCost, nameof(input.StockoutCost), "Stockout cost per unit per period");
        check(input.FixedCost, nameof(input.FixedCost), "Fixed cost per order");
        return new NormalDemand(LeadTimeDemand.Mean(input.Demand, input.LeadTime), LeadTimeDemand.StandardDeviation(input.Demand, input.LeadTime));
    }

    private static RqResult OptimizeExact(RqInput input, NormalDemand ltd)
    {
        // min over r of g(r,Q) is convex in Q (Zheng 1992): bracket the minimum around the EOQ, then golden-section search.
        double Cost(double q) => ExactCost(input, ltd, OptimalReorderPoint(input, ltd, q), q);

        double eoq = EconomicOrderQuantity.Optimize(input.FixedCost, input.HoldingCost, input.Demand.Mean).OrderQty;
        double a = 0.5 * eoq, b = eoq, c = 2.0 * eoq;
        double fb = Cost(b);
        for (double fc = Cost(c); fc < fb; fc = Cost(c))
        {
            (a, b, fb, c) = (b, c, fc, 2.0 * c);
        }

        for (double fa = Cost(a); fa < fb; fa = Cost(a))
        {
            (c, b, fb, a) = (b, a, fa, 0.5 * a);
        }

        double q = GoldenSectionMinimum(Cost, a, c);
        return Describe(input, ltd, OptimalReorderPoint(input, ltd, q), q);
    }

    // For a fixed Q the best r equalises the one-period cost at both ends of [r, r + Q]: G(r) = G(r + Q).
    // G is convex with minimum at S* = F⁻¹(p/(p+h)), so the root lies in [S* − Q, S*] and G(r) − G(r + Q) decreases in r.
    private static double OptimalReorderPoint(RqInput input, NormalDemand ltd, double q)
    {
        double h = input.HoldingCost;
        double p = input.StockoutCost;
        double PeriodCost(double y) => h * (y - ltd.Mean) + (h + p) * ltd.Loss(y);

        double hi = ltd.Quantile(CriticalRatio.Invertible(h, p));
        double lo = hi - q;
        for (int i = 0; i < BisectionSteps && hi - lo > RelativeTolerance * (Math.Abs(hi) + q); i++)
        {
            double mid = 0.5 * (lo + hi);
            if (PeriodCost(mid) > PeriodCost(mid + q))
            {
                lo = mid;
            }
            else
            {
                hi = mid;
            }
        }

        return 0.5 * (lo + hi);
    }

    private static double GoldenSectionMinimum(Func<double, double> f, double a, double c)
    {
        double invPhi = (Math.Sqrt(5.0) - 1.0) / 2.0;
        double x1 = c - invPhi * (c - a), x2 = a + invPhi * (c - a);
        double f1 = f(x1), f2 = f(x2);
        while (c - a > RelativeTolerance * (Math.Abs(a) + Math.Abs(c)))
        {
            if (f1 <= f2)
            {
                (c, x2, f2) = (x2, x1, f1);
                x1 = c - invPhi * (c - a);
                f1 = f(x1);
            }
            else
            {
                (a, x1, f1) = (x1, x2, f2);
                x2 = a + invPhi * (c - a);
                f2 = f(x2);
            }
        }

        return 0.5 * (a + c);
    }

    private static double ExactCost(RqInput input, NormalDemand ltd, double r, double q)
    {
        double h = input.HoldingCost;
        double p = input.StockoutCost;

        // ∫_r^{r+Q} G(y) dy with G(y) = h(y − μ) + (h + p)n(y), and n₂' = −n.
        double integral = h * q * (r - ltd.Mean + 0.5 * q) + (h + p) * (ltd.SecondOrderLoss(r) - ltd.SecondOrderLoss(r + q));
        return (input.FixedCost * input.Demand.Mean + integral) / q;
    }

    private static RqResult Describe(RqInput input, NormalDemand ltd, double r, double q) =>
        new(
            ReorderPoint: r,
            OrderQty: q,
            ExpectedCost: ExactCost(input, ltd, r, q),
            SafetyStock: r - ltd.Mean,
            Csl: ltd.Cdf(r),
            FillRate: Math.Clamp(1.0 - ltd.Loss(r) / q, 0.0, 1.0));
}
