using ChainSeg.Core.Inventory;
using ChainSeg.Core.Simulation;
using ChainSeg.Core.Statistics;
using MathNet.Numerics;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class InventorySimulationTests
{
    private static StockingPoint Point(string id, IDemandSampler demand, ILeadTimeSampler leadTime, string segment = "A", double? initialOnHand = null) =>
        new(id, segment, demand, leadTime, unitCost: 10.0, holdingCostRate: 0.25, initialOnHand);

    private static List<SimulatedItem> Copies(int count, IDemandSampler demand, ILeadTimeSampler leadTime, ReplenishmentPolicy policy) =>
        Enumerable.Range(0, count).Select(i => new SimulatedItem(Point($"P{i}", demand, leadTime), policy)).ToList();

    private static PolicyBlueprint Blueprint(ReplenishmentKind kind, DemandModel model, double mean, double sd, double leadTime, double orderQty = 0.0) =>
        new(kind, model, new DemandRate(mean, sd, TimeUnit.Day), new LeadTime(leadTime, 0.0, TimeUnit.Day), orderQty);

    // Mean of independent estimates (one per stocking point) and its standard error from their spread.
    private static (double Mean, double StandardError) Spread(IEnumerable<double> estimates)
    {
        double[] values = estimates.ToArray();
        double mean = values.Average();
        double variance = values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1);
        return (mean, Math.Sqrt(variance / values.Length));
    }

    private static double BinomialStandardError(double p, int trials) => Math.Sqrt(p * (1.0 - p) / trials);

    private const int OneCycleReplications = 20_000;

    // Cycles of one long base-stock run share L of their L + 1 demand periods and are correlated, so these runs count exactly one
    // cycle in each of 20,000 independent replications (warm-up L + 1 periods: the arrival at period L + 1 opens the cycle, the
    // next arrival closes it), which makes the binomial standard error exact.
    private static StockingPointResult OneCyclePerReplication(IDemandSampler demand, int leadTime, ReplenishmentPolicy policy, int seed) =>
        InventorySimulation.RunItem(
            new SimulatedItem(Point("SKU", demand, new FixedLeadTime(leadTime)), policy),
            new SimulationSettings(periods: leadTime + 3, warmUpPeriods: leadTime + 1, replications: OneCycleReplications, seed: seed));

    private static void AssertCslWithinThreeStandardErrors(double target, StockingPointResult result)
    {
        double se = BinomialStandardError(target, OneCycleReplications);
        Assert.Equal(OneCycleReplications, result.Cycles);
        Assert.InRange(result.CycleServiceLevel, target - 3.0 * se, target + 3.0 * se);
    }

    // Acceptance (issue 4): a base-stock level set for a 95 % CSL achieves it. Normal demand 100 ± 20 per period (negative draws,
    // P = Φ(−5) ≈ 3·10⁻⁷, do not matter), lead time 4, review every period: protection interval L + R = 5, S = 500 + z·20√5 = 573.56.
    // With backorders, net stock at the end of each cycle is S − D(5) exactly, so the achieved CSL should be Φ(z) = 0.95.
    // One cycle per replication: binomial standard error √(0.95 · 0.05 / 20,000) = 0.00154; tolerance 3 of them (±0.0046).
    [Fact]
    public void RunItem_BaseStockSetForCsl95_AchievesCslWithinThreeStandardErrors()
    {
        var blueprint = Blueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, 100.0, 20.0, leadTime: 4.0);
        var policy = blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.95));

        var result = OneCyclePerReplication(new NormalDemandSampler(100.0, 20.0), 4, policy, seed: 11);

        Assert.Equal(573.56, ((BaseStockReplenishment)policy).OrderUpToLevel, 2);
        AssertCslWithinThreeStandardErrors(0.95, result);
    }

    // Acceptance: the same for a gamma model, where the analytic value is exact too: gamma demand 20 ± 10 (shape 4, scale 5) per
    // period summed over L + R = 4 periods is Gamma(16, 5), which is what LeadTimeDemand fits by moments. Target CSL 0.90;
    // one cycle per replication, binomial standard error √(0.9 · 0.1 / 20,000) = 0.00212, tolerance 3 of them.
    [Fact]
    public void RunItem_BaseStockSetForCsl90GammaDemand_AchievesCslWithinThreeStandardErrors()
    {
        var blueprint = Blueprint(ReplenishmentKind.BaseStock, DemandModel.Gamma, 20.0, 10.0, leadTime: 3.0);
        var policy = blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.90));

        var result = OneCyclePerReplication(new GammaDemandSampler(20.0, 10.0), 3, policy, seed: 5);

        Assert.Equal(16.0, ((GammaDemand)blueprint.ProtectionDemand).Shape, 9);
        AssertCslWithinThreeStandardErrors(0.90, result);
    }

    // Acceptance, fill rate through the loss function: S from SafetyStock.ForFillRate(β = 0.98, Q = mean demand per review), i.e.
    // σ₅·G(z) = 0.02 · 100. That textbook formula counts the expected shortage per cycle n₅(S) but not the backorders already
    // open when the cycle starts; the exact per-period shortage is n₅(S) − n₄(S) (n_k the normal loss over k periods), so the
    // analytic fill rate of the computed policy is 1 − (n₅(S) − n₄(S))/100. 16 independent stocking points of 20,000 periods;
    // standard error from the spread of their fill rates; tolerance 3 of them.
    [Fact]
    public void Run_BaseStockSetForFillRate98_AchievesAnalyticFillRateWithinThreeStandardErrors()
    {
        var blueprint = Blueprint(ReplenishmentKind.BaseStock, DemandModel.Normal, 100.0, 20.0, leadTime: 4.0);
        double s = blueprint.Analytic(ServiceTarget.FillRate(0.98)).ReorderPoint;
        var items = Copies(16, new NormalDemandSampler(100.0, 20.0), new FixedLeadTime(4), new BaseStockReplenishment(s));

        var result = InventorySimulation.Run(items, new SimulationSettings(periods: 20_010, warmUpPeriods: 10, seed: 3));

        double analytic = 1.0 - (new NormalDemand(500.0, 20.0 * Math.Sqrt(5.0)).Loss(s) - new NormalDemand(400.0, 40.0).Loss(s)) / 100.0;
        var (fill, se) = Spread(result.StockingPoints.Select(p => p.FillRate));
        Assert.Equal(0.98, 1.0 - new NormalDemand(500.0, 20.0 * Math.Sqrt(5.0)).Loss(s) / 100.0, 10);
        Assert.InRange(se, 1e-5, 2e-3);
        Assert.InRange(result.Segments.Single().FillRate, analytic - 3.0 * se, analytic + 3.0 * se);
        Assert.InRange(fill, analytic - 3.0 * se, analytic + 3.0 * se);
    }

    private const double FineRate = 0.1;
    private const double FineOrderQty = 40.0;

    // (r, Q) with Poisson demand of 0.1 a period and a 200-period lead time, 16 independent points of 300,000 measured periods.
    private static (SafetyStockResult Analytic, SimulationResult Result) RunFinePoisson(ServiceTarget target, int seed)
    {
        var blueprint = Blueprint(ReplenishmentKind.ReorderPointQuantity, DemandModel.Poisson, FineRate, Math.Sqrt(FineRate), leadTime: 200.0, orderQty: FineOrderQty);
        var items = Copies(16, new PoissonDemandSampler(FineRate), new FixedLeadTime(200), blueprint.ForTarget(target));
        return (blueprint.Analytic(target), InventorySimulation.Run(items, new SimulationSettings(periods: 310_000, warmUpPeriods: 10_000, seed: seed)));
    }

    // Poisson demand is a continuous-time Poisson process cut into periods, so short periods make per-period review continuous
    // review: 0.1 units per period, lead time 200 periods (lead-time demand Poisson(20)), Q = 40. Exactness check of the
    // approximation: the inventory position after ordering is uniform on {r + 1, …, r + Q} (Hadley & Whitin), an order is
    // triggered from r + 1 + j by a period demand D ≥ j + 1 and undershoots r by D − j − 1, so the exact per-period CSL is
    // Σ_u P(U = u) F₂₀(r − u) with P(U = u) ∝ Σ_j P(D = j + 1 + u), within 0.001 of the analytic F₂₀(r). Orders are 400 periods
    // apart, longer than the lead time, so cycles do not share demand and are nearly independent: binomial standard error
    // √(p(1 − p)/cycles). The simulation must be within 3 standard errors of the exact value, and within 3 standard errors plus
    // that discretisation gap of the analytic one.
    [Fact]
    public void Run_RqSetForCsl95PoissonDemand_AchievesAnalyticCslWithinThreeStandardErrors()
    {
        var (analytic, result) = RunFinePoisson(ServiceTarget.CycleServiceLevel(0.95), seed: 7);

        var segment = result.Segments.Single();
        var period = new PoissonDemand(FineRate);
        var leadTimeDemand = new PoissonDemand(20.0);
        double r = analytic.ReorderPoint;
        double weight = 0.0, exact = 0.0;
        for (int u = 0; u < 20; u++)
        {
            double w = Enumerable.Range(0, (int)FineOrderQty).Sum(j => period.Pmf(j + 1 + u));
            weight += w;
            exact += w * leadTimeDemand.Cdf(r - u);
        }

        exact /= weight;
        double se = BinomialStandardError(analytic.Csl, segment.Cycles);
        Assert.True(segment.Cycles > 10_000, $"{segment.Cycles} cycles");
        Assert.True(Math.Abs(exact - analytic.Csl) < 0.001, $"exact {exact}, analytic {analytic.Csl}");
        Assert.InRange(segment.CycleServiceLevel, exact - 3.0 * se, exact + 3.0 * se);
        double tolerance = 3.0 * se + Math.Abs(exact - analytic.Csl);
        Assert.InRange(segment.CycleServiceLevel, analytic.Csl - tolerance, analytic.Csl + tolerance);
    }

    // Same continuous-review setting with r from SafetyStock.ForFillRate(β = 0.98, Q = 40) through the Poisson loss function.
    // Analytic fill rate 1 − n(r)/Q; the exact per-period value with the position uniform on {r + 1, …, r + Q} is
    // 1 − Σ_y [n₂₀.₁(y) − n₂₀(y)] / (Q · 0.1), where one more period of demand (0.1) is exposed; the two differ by less than 0.001.
    // Standard error from the spread of 16 independent points; the simulation must be within 3 of them of the exact value, and
    // within 3 plus that discretisation gap of the analytic one.
    [Fact]
    public void Run_RqSetForFillRate98PoissonDemand_AchievesAnalyticFillRateWithinThreeStandardErrors()
    {
        var (analytic, result) = RunFinePoisson(ServiceTarget.FillRate(0.98), seed: 8);

        var over200 = new PoissonDemand(20.0);
        var over201 = new PoissonDemand(20.1);
        double r = analytic.ReorderPoint;
        double shortage = Enumerable.Range(1, (int)FineOrderQty).Sum(k => over201.Loss(r + k) - over200.Loss(r + k));
        double exact = 1.0 - shortage / (FineOrderQty * FineRate);
        var (fill, se) = Spread(result.StockingPoints.Select(p => p.FillRate));
        double expected = analytic.FillRate!.Value;
        Assert.True(expected >= 0.98);
        Assert.True(Math.Abs(exact - expected) < 0.001, $"exact {exact}, analytic {expected}");
        Assert.InRange(fill, exact - 3.0 * se, exact + 3.0 * se);
        double tolerance = 3.0 * se + Math.Abs(exact - expected);
        Assert.InRange(fill, expected - tolerance, expected + tolerance);
    }

    // Daily review of a "continuous" (r, Q) policy with normal demand 100 ± 30 a period, lead time 2, Q = 400, r for a 95 % CSL.
    // The textbook CSL assumes the order goes out the instant the position touches r; reviewed once a period, the position has
    // already fallen below r by an undershoot U. The exact per-period values, with the position after ordering uniform on (r, r + Q]
    // (a random walk on a circle of length Q), are
    //   CSL = ∫ F₂(r − u) g(u) du,  g(u) = [P(D > u) − P(D > u + Q)] / (E[D⁺] − n_D(Q))       (undershoot density, by quadrature),
    //   fill rate = 1 − [N₃(r) − N₃(r + Q) − N₂(r) + N₂(r + Q)] / (Q E[D⁺])                    (N_k the second-order loss over k periods),
    //   ready rate = 1 − [n₃(r) − n₃(r + Q)] / Q.
    // Orders are 4 periods apart, longer than the lead time, so cycles share no demand: binomial standard error for the CSL;
    // fill and ready rates use the spread of 16 independent points. Tolerance 3 standard errors each.
    [Fact]
    public void Run_RqReviewedEveryPeriodNormalDemand_MatchesExactUndershootValues()
    {
        const double mean = 100.0, sd = 30.0, q = 400.0;
        var blueprint = Blueprint(ReplenishmentKind.ReorderPointQuantity, DemandModel.Normal, mean, sd, leadTime: 2.0, orderQty: q);
        var policy = blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.95));
        var items = Copies(16, new NormalDemandSampler(mean, sd), new FixedLeadTime(2), policy);

        var result = InventorySimulation.Run(items, new SimulationSettings(periods: 40_500, warmUpPeriods: 500, seed: 21));

        double r = ((RqReplenishment)policy).ReorderPoint;
        var period = new NormalDemand(mean, sd);
        var over2 = new NormalDemand(2.0 * mean, sd * Math.Sqrt(2.0));
        var over3 = new NormalDemand(3.0 * mean, sd * Math.Sqrt(3.0));
        double meanDrawn = period.Loss(0.0);
        double triggerMass = meanDrawn - period.Loss(q);
        double csl = Integrate.GaussKronrod(
            u => over2.Cdf(r - u) * (1.0 - period.Cdf(u) - (1.0 - period.Cdf(u + q))) / triggerMass, 0.0, mean + 15.0 * sd, 1e-12);
        double fill = 1.0 - (over3.SecondOrderLoss(r) - over3.SecondOrderLoss(r + q) - over2.SecondOrderLoss(r) + over2.SecondOrderLoss(r + q)) / (q * meanDrawn);
        double ready = 1.0 - (over3.Loss(r) - over3.Loss(r + q)) / q;

        var segment = result.Segments.Single();
        double cslSe = BinomialStandardError(csl, segment.Cycles);
        var (simFill, fillSe) = Spread(result.StockingPoints.Select(p => p.FillRate));
        var (simReady, readySe) = Spread(result.StockingPoints.Select(p => p.ReadyRate));
        Assert.True(csl < 0.8, $"undershoot should cost service: exact CSL {csl}");
        Assert.InRange(segment.CycleServiceLevel, csl - 3.0 * cslSe, csl + 3.0 * cslSe);
        Assert.InRange(simFill, fill - 3.0 * fillSe, fill + 3.0 * fillSe);
        Assert.InRange(simReady, ready - 3.0 * readySe, ready + 3.0 * readySe);
    }

    // Stochastic lead times with crossing orders. With base stock and backorders each period's demand D is reordered at once as one
    // order and returns after its own lead time ℓ, so net stock at the end of period t is S minus the demand still in transit,
    // N = Σ_k D(t − k)·1{ℓ(t − k) ≥ k}. The terms are independent: term k is 0 with probability 1 − P(ℓ ≥ k), else Poisson(λ).
    // Convolving them gives the exact distribution of N and the ready rate P(N < S). Demand 2 per period; lead times resampled
    // from {1, 2, 2, 3, 7}. Whole orders travel together, so N is more variable than the Poisson(8) the formula assumes.
    // One measured period per replication after 8 periods of warm-up (the longest lead time has passed): exact binomial standard
    // error, tolerance 3 of them.
    [Fact]
    public void RunItem_BaseStockWithCrossingEmpiricalLeadTimes_MatchesExactPipelineDistribution()
    {
        int[] observed = [1, 2, 2, 3, 7];
        const double rate = 2.0, s = 13.0;
        var settings = new SimulationSettings(periods: 9, warmUpPeriods: 8, replications: 20_000, seed: 4);

        var result = InventorySimulation.RunItem(
            new SimulatedItem(Point("SKU", new PoissonDemandSampler(rate), new EmpiricalLeadTime(observed)), new BaseStockReplenishment(s)), settings);

        var demand = new PoissonDemand(rate);
        double[] inTransit = [1.0];
        for (int k = 0; k <= observed.Max(); k++)
        {
            double stillOut = observed.Count(l => l >= k) / (double)observed.Length;
            double[] term = Enumerable.Range(0, 40).Select(j => stillOut * demand.Pmf(j) + (j == 0 ? 1.0 - stillOut : 0.0)).ToArray();
            double[] next = new double[inTransit.Length + term.Length - 1];
            for (int a = 0; a < inTransit.Length; a++)
            {
                for (int b = 0; b < term.Length; b++)
                {
                    next[a + b] += inTransit[a] * term[b];
                }
            }

            inTransit = next;
        }

        double expected = inTransit.Take((int)s).Sum();
        double se = BinomialStandardError(expected, 20_000);
        Assert.True(expected < new PoissonDemand(8.0).Cdf(s - 1.0) - 10.0 * se, $"exact {expected}");
        Assert.InRange(result.ReadyRate, expected - 3.0 * se, expected + 3.0 * se);
    }

    // Lost sales, base stock S = 8, lead time 1, Poisson demand 5: stock on hand after receipts x and the order in transit always
    // add up to S, so x' = S − min(x, D), a Markov chain on {0, …, 8} whose stationary distribution (by power iteration) gives
    // the exact fill rate Σ π(x) E[min(x, D)] / 5. The backorder value 1 − (n₁₀(8) − n₅(8))/5 is far from it, so the test tells
    // the two apart. Standard error from the spread of 16 independent points; tolerance 3 of them.
    [Fact]
    public void Run_LostSalesBaseStock_MatchesMarkovChainFillRate()
    {
        const int s = 8;
        const double rate = 5.0;
        var items = Copies(16, new PoissonDemandSampler(rate), new FixedLeadTime(1), new BaseStockReplenishment(s));

        var result = InventorySimulation.Run(items, new SimulationSettings(periods: 20_010, warmUpPeriods: 10, seed: 9, shortages: ShortageHandling.LostSales));

        var demand = new PoissonDemand(rate);
        double[] pi = new double[s + 1];
        pi[s] = 1.0;
        for (int iteration = 0; iteration < 2_000; iteration++)
        {
            double[] next = new double[s + 1];
            for (int x = 0; x <= s; x++)
            {
                for (int d = 0; d < x; d++)
                {
                    next[s - d] += pi[x] * demand.Pmf(d);
                }

                next[s - x] += pi[x] * demand.UpperTail(x - 1);
            }

            pi = next;
        }

        double exact = Enumerable.Range(0, s + 1).Sum(x => pi[x] * (x - (x - rate + demand.Loss(x)))) / rate;
        double backorders = 1.0 - (new PoissonDemand(2.0 * rate).Loss(s) - demand.Loss(s)) / rate;
        var (fill, se) = Spread(result.StockingPoints.Select(p => p.FillRate));
        Assert.True(Math.Abs(exact - backorders) > 10.0 * se, $"lost sales {exact}, backorders {backorders}, se {se}");
        Assert.InRange(fill, exact - 3.0 * se, exact + 3.0 * se);
        Assert.All(result.StockingPoints, p => Assert.Equal(0.0, p.AverageBackorders));
    }

    [Fact]
    public void RunItem_ZeroVarianceDemand_FillsEverythingAndHoldsHalfTheOrderQuantity()
    {
        // Demand exactly 10 a period, lead time 3, r = 30 from any CSL (a point mass), Q = 50. By hand: after the first arrival
        // (period 8) every 5-period cycle starts with 50 on hand and ends at 0 the period before the next arrival; with demand
        // spread through each period the average stock is (45 + 35 + 25 + 15 + 5)/5 = 25 = Q/2, and 4 of 5 periods end with stock.
        var blueprint = Blueprint(ReplenishmentKind.ReorderPointQuantity, DemandModel.Normal, 10.0, 0.0, leadTime: 3.0, orderQty: 50.0);
        var item = new SimulatedItem(Point("SKU", new NormalDemandSampler(10.0, 0.0), new FixedLeadTime(3)), blueprint.ForTarget(ServiceTarget.CycleServiceLevel(0.95)));

        var result = InventorySimulation.RunItem(item, new SimulationSettings(periods: 8 + 5 * 200, warmUpPeriods: 8, replications: 2));

        Assert.Equal(1.0, result.FillRate);
        Assert.Equal(1.0, result.CycleServiceLevel);
        Assert.Equal(0.0, result.StockoutPeriods);
        Assert.Equal(2 * 199, result.Cycles);
        Assert.Equal(200.0, result.OrdersPlaced);
        Assert.Equal(25.0, result.AverageOnHand, 12);
        Assert.Equal(0.8, result.ReadyRate, 12);
        Assert.Equal(0.25 * 10.0 * 25.0, result.CarryingCost, 12);
        Assert.Equal(0.0, result.FillRateStandardError);
    }

    [Fact]
    public void RunItem_WarmUpCoversEmptyStart_ExcludesStartUpShortages()
    {
        // Demand 10 a period, base stock 40, lead time 3, starting empty. By hand: periods 0–3 ship nothing (the first order arrives
        // at period 4), from then on every period is filled. Measured from period 0, 160 of 200 units are filled; from period 4, all.
        var item = new SimulatedItem(Point("SKU", new NormalDemandSampler(10.0, 0.0), new FixedLeadTime(3), initialOnHand: 0.0), new BaseStockReplenishment(40.0));

        var cold = InventorySimulation.RunItem(item, new SimulationSettings(periods: 20));
        var warm = InventorySimulation.RunItem(item, new SimulationSettings(periods: 20, warmUpPeriods: 4));

        Assert.Equal(0.8, cold.FillRate, 12);
        Assert.Equal(4.0, cold.StockoutPeriods);
        Assert.Equal(20, cold.MeasuredPeriods);
        Assert.Equal(1.0, warm.FillRate);
        Assert.Equal(0.0, warm.StockoutPeriods);
        Assert.Equal(16, warm.MeasuredPeriods);
        Assert.Equal(160.0, warm.UnitsDemanded);
    }

    [Fact]
    public void RunItem_BootstrapDemand_ReproducesHistoryMean()
    {
        // Units demanded per period estimate the history's mean 3.5; draws are independent, so the standard error is the history's
        // standard deviation over √(periods); tolerance 3 of them.
        double[] history = [0.0, 0.0, 3.0, 5.0, 12.0, 0.0, 7.0, 1.0];
        var item = new SimulatedItem(Point("SKU", new BootstrapDemandSampler(history), new FixedLeadTime(2)), new BaseStockReplenishment(30.0));

        var result = InventorySimulation.RunItem(item, new SimulationSettings(periods: 50_000, replications: 2, seed: 1));

        double mean = history.Average();
        double sd = Math.Sqrt(history.Sum(h => (h - mean) * (h - mean)) / history.Length);
        double se = sd / Math.Sqrt(100_000);
        Assert.InRange(result.UnitsDemanded / 100_000, mean - 3.0 * se, mean + 3.0 * se);
    }

    private static List<SimulatedItem> Mixed() =>
    [
        new(Point("A1", new NormalDemandSampler(50.0, 15.0), new NormalLeadTime(3.0, 1.0), "A"), new RqReplenishment(160.0, 200.0)),
        new(Point("A2", new PoissonDemandSampler(0.7), new EmpiricalLeadTime([2, 3, 5]), "A"), new MinMaxReplenishment(3.0, 9.0)),
        new(Point("B1", new GammaDemandSampler(20.0, 25.0), new FixedLeadTime(4), "B"), new BaseStockReplenishment(180.0, reviewPeriod: 2)),
        new(Point("B2", new BootstrapDemandSampler([0.0, 4.0, 1.0, 9.0]), new FixedLeadTime(1), "B"), new RqReplenishment(8.0, 12.0)),
    ];

    [Fact]
    public void Run_SameSeed_GivesIdenticalResults()
    {
        var settings = new SimulationSettings(periods: 400, warmUpPeriods: 50, replications: 3, seed: 42);

        var first = InventorySimulation.Run(Mixed(), settings);
        var second = InventorySimulation.Run(Mixed(), settings);

        Assert.Equal(first.StockingPoints, second.StockingPoints);
        Assert.Equal(first.Segments, second.Segments);
    }

    [Fact]
    public void Run_DifferentSeed_GivesDifferentResults()
    {
        var first = InventorySimulation.Run(Mixed(), new SimulationSettings(periods: 400, seed: 1));
        var second = InventorySimulation.Run(Mixed(), new SimulationSettings(periods: 400, seed: 2));

        Assert.All(first.StockingPoints.Zip(second.StockingPoints), pair => Assert.NotEqual(pair.First.UnitsDemanded, pair.Second.UnitsDemanded));
    }

    [Fact]
    public void Run_ThreadCountAndInputOrder_DoNotChangeResults()
    {
        var sequential = InventorySimulation.Run(Mixed(), new SimulationSettings(periods: 400, replications: 2, seed: 5, maxDegreeOfParallelism: 1));
        var reversed = Mixed();
        reversed.Reverse();

        var parallel = InventorySimulation.Run(reversed, new SimulationSettings(periods: 400, replications: 2, seed: 5, maxDegreeOfParallelism: 4));

        Assert.Equal(sequential.StockingPoints, parallel.StockingPoints.Reverse());
        Assert.Equal(sequential.Segments, parallel.Segments);
    }

    [Fact]
    public void Run_MixedPoints_ReportsEachPointInInputOrderAndEachSegmentOnce()
    {
        var result = InventorySimulation.Run(Mixed(), new SimulationSettings(periods: 400, warmUpPeriods: 40, seed: 3));

        Assert.Equal(["A1", "A2", "B1", "B2"], result.StockingPoints.Select(p => p.Id));
        Assert.Equal(["A", "B"], result.Segments.Select(s => s.Segment));
        Assert.All(result.StockingPoints, p => Assert.InRange(p.FillRate, 0.0, 1.0));
        Assert.All(result.StockingPoints, p => Assert.Equal(360, p.MeasuredPeriods));
        Assert.Null(result.StockingPoints[0].FillRateStandardError);
    }

    [Fact]
    public void Run_DuplicateIds_Throws()
    {
        var items = Mixed();
        items.Add(items[0] with { Policy = new RqReplenishment(1.0, 2.0) });

        var error = Assert.Throws<ArgumentException>(() => InventorySimulation.Run(items, new SimulationSettings(periods: 10)));
        Assert.Contains("A1", error.Message);
    }

    [Fact]
    public void Run_ItemWithoutPolicy_Throws()
    {
        var items = Mixed();
        items.Add(new SimulatedItem(Point("NEW", new PoissonDemandSampler(1.0), new FixedLeadTime(1)), null!));

        var error = Assert.Throws<ArgumentException>(() => InventorySimulation.Run(items, new SimulationSettings(periods: 10)));
        Assert.Contains("policy", error.Message);
    }
}
