using ChainSeg.Core.Inventory;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class LeadTimeDemandTests
{
    [Fact]
    public void StandardDeviation_RandomLeadTime_MatchesLawOfTotalVarianceByEnumeration()
    {
        // Independent path: a lead time of 3 or 5 days with probability ½ each (mean 4, sd 1) and daily demand 100 ± 20.
        // Enumerate the two scenarios: Var = E[Var(D | L)] + Var(E[D | L]) = E[L·20²] + Var(100·L).
        double[] leadTimes = [3.0, 5.0];
        double withinScenario = leadTimes.Average(l => l * 20.0 * 20.0);
        double scenarioMeans = leadTimes.Average(l => Math.Pow(100.0 * l - 400.0, 2));
        double enumerated = Math.Sqrt(withinScenario + scenarioMeans);

        double sigmaL = LeadTimeDemand.StandardDeviation(new DemandRate(100.0, 20.0, TimeUnit.Day), new LeadTime(4.0, 1.0, TimeUnit.Day));

        Assert.Equal(enumerated, sigmaL, 12);
        Assert.Equal(Math.Sqrt(11600.0), sigmaL, 12);
    }

    // L σ_d² overflowed to infinity for σ_d = 1e160 although σ_L is a double (1.5e160, or √2·1e160 with a fixed lead time,
    // where d² × 0 was ∞ × 0 = NaN): calc safety-stock said the standard deviation "exceeds ±1.8e308". Independent path:
    // the same sum in units of 1e160, where the squares are small.
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.0)]
    public void StandardDeviation_SquaresBeyondDoubleRange_IsTheRepresentableAnswer(double leadTimeSd)
    {
        double inUnitsOf1e160 = Math.Sqrt(2.0 * 1.0 * 1.0 + 1.0 * 1.0 * leadTimeSd * leadTimeSd);

        double sigmaL = LeadTimeDemand.StandardDeviation(new DemandRate(1e160, 1e160, TimeUnit.Day), new LeadTime(2.0, leadTimeSd, TimeUnit.Day));

        Assert.Equal(inUnitsOf1e160 * 1e160, sigmaL, 1e146);
    }

    [Fact]
    public void Mean_DemandTimesLeadTime_IsProduct()
    {
        Assert.Equal(500.0, LeadTimeDemand.Mean(new DemandRate(250.0, 150.0, TimeUnit.Week), new LeadTime(2.0, 0.0, TimeUnit.Week)));
    }

    [Fact]
    public void StandardDeviation_ZeroLeadTime_IsZero()
    {
        Assert.Equal(0.0, LeadTimeDemand.StandardDeviation(new DemandRate(100.0, 30.0, TimeUnit.Day), new LeadTime(0.0, 0.0, TimeUnit.Day)));
    }

    [Fact]
    public void Fit_DifferentTimeUnits_ThrowsNamingBothUnits()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            LeadTimeDemand.Fit(DemandModel.Normal, new DemandRate(700.0, 50.0, TimeUnit.Week), new LeadTime(14.0, 2.0, TimeUnit.Day)));

        Assert.Contains("Week", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Day", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LeadTimeConvertedToDemandUnit_MatchesSameUnitInput()
    {
        var weekly = new DemandRate(700.0, 50.0, TimeUnit.Week);
        var inDays = new LeadTime(14.0, 3.5, TimeUnit.Day);

        var ltd = LeadTimeDemand.Fit(DemandModel.Normal, weekly, inDays.ConvertTo(TimeUnit.Week));

        Assert.Equal(1400.0, ltd.Mean, 12);
        Assert.Equal(Math.Sqrt(2.0 * 2500.0 + 700.0 * 700.0 * 0.25), ltd.StandardDeviation, 12);
    }

    [Fact]
    public void Fit_EachModel_ReturnsMatchingDistribution()
    {
        var demand = new DemandRate(2.0, 3.0, TimeUnit.Week);
        var leadTime = new LeadTime(3.0, 0.5, TimeUnit.Week);

        var poisson = Assert.IsType<PoissonDemand>(LeadTimeDemand.Fit(DemandModel.Poisson, demand, leadTime));
        var gamma = Assert.IsType<GammaDemand>(LeadTimeDemand.Fit(DemandModel.Gamma, demand, leadTime));

        Assert.Equal(6.0, poisson.Mean, 12);
        Assert.Equal(6.0, gamma.Mean, 12);
        Assert.Equal(Math.Sqrt(3.0 * 9.0 + 4.0 * 0.25), gamma.StandardDeviation, 12);
    }

    [Fact]
    public void Fit_GammaWithZeroVariance_IsPointMassAtMean()
    {
        var ltd = LeadTimeDemand.Fit(DemandModel.Gamma, new DemandRate(10.0, 0.0, TimeUnit.Day), new LeadTime(3.0, 0.0, TimeUnit.Day));

        Assert.Equal(30.0, ltd.Mean);
        Assert.Equal(0.0, ltd.StandardDeviation);
        Assert.Equal(30.0, ltd.Quantile(0.99));
    }
}
