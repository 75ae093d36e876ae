using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Tests.Statistics;

public sealed class PoissonDemandTests
{
    // Independent path: ln p(k) = −λ + k ln λ − Σ_{i≤k} ln i accumulated term by term (no gamma functions), then summed.
    private static double[] BruteForcePmf(double mean, int upTo)
    {
        var pmf = new double[upTo + 1];
        double logFactorial = 0.0;
        for (int k = 0; k <= upTo; k++)
        {
            logFactorial += k > 0 ? Math.Log(k) : 0.0;
            pmf[k] = Math.Exp(-mean + k * Math.Log(mean) - logFactorial);
        }

        return pmf;
    }

    [Theory]
    [InlineData(0.4)]
    [InlineData(6.0)]
    [InlineData(50.0)]
    public void CdfAndLoss_WholeNumbers_MatchTermByTermSums(double mean)
    {
        var demand = new PoissonDemand(mean);
        var pmf = BruteForcePmf(mean, (int)(mean + 40 * Math.Sqrt(mean) + 40));

        double cumulative = 0.0;
        for (int k = 0; k < (int)(mean * 2 + 5); k++)
        {
            cumulative += pmf[k];
            double loss = 0.0;
            for (int x = k + 1; x < pmf.Length; x++)
            {
                loss += (x - k) * pmf[x];
            }

            Assert.Equal(cumulative, demand.Cdf(k), 1e-12);
            Assert.Equal(loss, demand.Loss(k), 1e-12 * Math.Max(1.0, loss));
        }
    }

    [Fact]
    public void Loss_BetweenWholeNumbers_IsLinear()
    {
        var demand = new PoissonDemand(3.2);

        Assert.Equal(0.5 * (demand.Loss(2.0) + demand.Loss(3.0)), demand.Loss(2.5), 13);
        Assert.Equal(3.2 + 1.5, demand.Loss(-1.5), 13);
    }

    [Theory]
    [InlineData(2.5, 0.95)]
    [InlineData(6.0, 0.8)]
    [InlineData(1000.0, 0.99)]
    public void Quantile_AnyProbability_IsSmallestWholeNumberReachingIt(double mean, double p)
    {
        var demand = new PoissonDemand(mean);
        var pmf = BruteForcePmf(mean, (int)(mean * 3 + 50));
        int expected = 0;
        for (double cumulative = pmf[0]; cumulative < p; cumulative += pmf[++expected])
        {
        }

        Assert.Equal(expected, demand.Quantile(p));
    }

    [Theory]
    [InlineData(2.5, 0.05)]
    [InlineData(6.0, 0.6)]
    [InlineData(0.3, 1e-6)]
    [InlineData(4.0, 9.5)]
    public void InverseLoss_AnyTarget_IsSmallestWholeNumberWithLossWithinTarget(double mean, double target)
    {
        var demand = new PoissonDemand(mean);

        double r = demand.InverseLoss(target);

        Assert.Equal(Math.Floor(r), r);
        Assert.True(demand.Loss(r) <= target);
        Assert.True(demand.Loss(r - 1.0) > target);
    }

    [Fact]
    public void Functions_ZeroMean_BehaveAsNoDemand()
    {
        var demand = new PoissonDemand(0.0);

        Assert.Equal(1.0, demand.Cdf(0.0));
        Assert.Equal(0.0, demand.Quantile(0.99));
        Assert.Equal(0.0, demand.Loss(1.0));
        Assert.Equal(0.0, demand.InverseLoss(0.5));
        Assert.Equal(1.0, demand.Pmf(0));
    }

    [Fact]
    public void Constructor_NegativeMean_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDemand(-0.1));
    }
}
