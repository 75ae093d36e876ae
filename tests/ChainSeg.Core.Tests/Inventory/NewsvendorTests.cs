using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class NewsvendorTests
{
    private static readonly NewsvendorInput Example4_1 = new(HoldingCost: 0.18, StockoutCost: 0.70, DemandMean: 50.0, DemandSd: 8.0);

    // Snyder & Shen (2019), Examples 4.1 and 4.3: h = 0.18, p = 0.70, D ~ N(50, 8²): S* = 56.60, g(S*) = 1.9976,
    // g(60) = 2.1561, g(40) = 7.3561 (values as reproduced by stockpyl's newsvendor doctests; its g(40) comes from
    // numerical integration and agrees with the closed form to 5·10⁻⁹, hence the tolerance).
    [Fact]
    public void Optimize_SnyderShenExample4_3_MatchesPublishedValues()
    {
        var result = Newsvendor.Optimize(Example4_1);

        Assert.Equal(56.60395592743389, result.BaseStock, 9);
        Assert.Equal(1.9976051931766445, result.ExpectedCost, 9);
        Assert.Equal(0.70 / 0.88, result.CriticalRatio, 14);
    }

    [Theory]
    [InlineData(60.0, 2.156131552870387)]
    [InlineData(40.0, 7.35613154776623)]
    public void Evaluate_SnyderShenExample4_1_MatchesPublishedCosts(double baseStock, double cost)
    {
        Assert.Equal(cost, Newsvendor.Evaluate(Example4_1, baseStock).ExpectedCost, 1e-8);
    }

    [Fact]
    public void Optimize_NormalDemand_CostEqualsClosedForm()
    {
        // Independent identity for normal demand: g(S*) = (h + p) σ φ(z*).
        var result = Newsvendor.Optimize(Example4_1);
        double z = StandardNormal.InverseCdf(0.70 / 0.88);

        Assert.Equal(0.88 * 8.0 * StandardNormal.Pdf(z), result.ExpectedCost, 12);
    }

    // Snyder & Shen (2019), Example 4.4 (base-stock policy, L = 4): S* = 264.77, g(S*) = 4.4668 (values as reproduced
    // by stockpyl's test_example_4_4).
    [Fact]
    public void Optimize_SnyderShenExample4_4WithLeadTime_MatchesPublishedValues()
    {
        var result = Newsvendor.Optimize(Example4_1 with { LeadTime = 4.0 });

        Assert.Equal(264.7668943741548, result.BaseStock, 8);
        Assert.Equal(4.466781004149578, result.ExpectedCost, 9);
        Assert.Equal(250.0, result.ProtectionDemandMean, 12);
        Assert.Equal(8.0 * Math.Sqrt(5.0), result.ProtectionDemandSd, 12);
    }

    // Poisson(6) demand, h = 1, p = 4 (data of Snyder & Shen 2019, Example 4.7): S* = 8 with g = 3.5701 and g(5) = 6.5903
    // (stockpyl newsvendor_discrete doctest); re-checked here by enumerating every S from 0 to 30 term by term.
    [Fact]
    public void Optimize_PoissonExample_MatchesPublishedValuesAndEnumeration()
    {
        var input = new NewsvendorInput(1.0, 4.0, 6.0, 0.0, Distribution: DemandModel.Poisson);

        var result = Newsvendor.Optimize(input);

        Assert.Equal(8.0, result.BaseStock);
        Assert.Equal(3.5701069457709416, result.ExpectedCost, 10);
        Assert.Equal(6.590296024616343, Newsvendor.Evaluate(input, 5.0).ExpectedCost, 10);
        var enumerated = Enumerable.Range(0, 31).Select(s => (S: s, Cost: EnumeratedPoissonCost(s, 6.0, 1.0, 4.0))).MinBy(x => x.Cost);
        Assert.Equal(enumerated.S, result.BaseStock);
        Assert.Equal(enumerated.Cost, result.ExpectedCost, 10);
    }

    // Poisson(50), h = 0.18, p = 0.70: S* = 56, g = 1.7972 (stockpyl newsvendor_poisson doctest).
    [Fact]
    public void Optimize_PoissonFifty_MatchesPublishedValues()
    {
        var result = Newsvendor.Optimize(Example4_1 with { Distribution = DemandModel.Poisson });

        Assert.Equal(56.0, result.BaseStock);
        Assert.Equal(1.797235211809178, result.ExpectedCost, 9);
    }

    // At the largest Poisson mean the base stock is exact for, against quantiles computed apart from MathNet: the smallest k
    // with Q(k + 1, λ) ≥ p, the regularised upper incomplete gamma function evaluated by mpmath 1.3 at 40 digits
    // (mp.gammainc(k + 1, 1e9, mp.inf, regularized=True)), stepping k from the Cornish-Fisher start as the product does.
    [Theory]
    [InlineData(0.18, 0.70, 1_000_026_104.0)]
    [InlineData(0.001, 0.999, 1_000_097_723.0)]
    [InlineData(0.99, 0.01, 999_926_435.0)]
    public void Optimize_PoissonAtTheLargestExactMean_MatchesAnIndependentQuantile(double holding, double stockout, double baseStock)
    {
        var result = Newsvendor.Optimize(new NewsvendorInput(holding, stockout, Newsvendor.MaxPoissonMean, 0.0, Distribution: DemandModel.Poisson));

        Assert.Equal(baseStock, result.BaseStock);
    }

    // The calculator never returned for a mean of 1e300 (the quantile's search steps one unit at a time through an
    // incomplete gamma function that slows with √λ), and at 1e12 it was 27 units off the exact 1,000,000,825,494.
    [Theory]
    [InlineData(1e300, 0.0)]
    [InlineData(1e12, 0.0)]
    [InlineData(1e8, 10.0)] // 1e8 a period over L + 1 = 11 periods: 1.1e9 in all
    public void Optimize_PoissonBeyondTheLargestExactMean_RefusedNamingTheNormalModel(double mean, double leadTime)
    {
        var input = new NewsvendorInput(0.18, 0.70, mean, 0.0, leadTime, DemandModel.Poisson);

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Newsvendor.Optimize(input));
        Assert.StartsWith($"Poisson demand over the protection interval, mean × (L + 1), must be at most 1E+09; got {(mean * (leadTime + 1)).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}. ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"√mean = {Math.Sqrt(mean).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)}.", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Newsvendor.Evaluate(input, mean));
    }

    [Fact]
    public void Optimize_Gamma_IsNoWorseThanNeighbouringLevels()
    {
        var input = new NewsvendorInput(1.0, 9.0, 20.0, 30.0, LeadTime: 1.0, Distribution: DemandModel.Gamma);

        var result = Newsvendor.Optimize(input);

        Assert.Equal(0.9, GammaDemand.FromMoments(40.0, 30.0 * Math.Sqrt(2.0)).Cdf(result.BaseStock), 9);
        Assert.True(Newsvendor.Evaluate(input, result.BaseStock - 0.5).ExpectedCost > result.ExpectedCost);
        Assert.True(Newsvendor.Evaluate(input, result.BaseStock + 0.5).ExpectedCost > result.ExpectedCost);
    }

    [Fact]
    public void Optimize_ZeroSd_StocksMeanAtNoCost()
    {
        var result = Newsvendor.Optimize(Example4_1 with { DemandSd = 0.0 });

        Assert.Equal(50.0, result.BaseStock);
        Assert.Equal(0.0, result.ExpectedCost);
    }

    [Theory]
    [InlineData(0.0, 0.7)]
    [InlineData(0.18, 0.0)]
    [InlineData(-1.0, 0.7)]
    public void Optimize_NonPositiveCost_Throws(double h, double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Newsvendor.Optimize(Example4_1 with { HoldingCost = h, StockoutCost = p }));

        Assert.Contains("> 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluate_NegativeLeadTime_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Newsvendor.Evaluate(Example4_1 with { LeadTime = -1.0 }, 50.0));
    }

    private static double EnumeratedPoissonCost(int s, double mean, double h, double p)
    {
        double cost = 0.0, pmf = Math.Exp(-mean);
        for (int d = 0; d < 200; d++)
        {
            cost += pmf * (h * Math.Max(s - d, 0) + p * Math.Max(d - s, 0));
            pmf *= mean / (d + 1);
        }

        return cost;
    }
}
