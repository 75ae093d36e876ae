using ChainSeg.Core.Simulation;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class NormalDemandSamplerTests
{
    [Fact]
    public void Next_HighVariability_MatchesCensoredNormalMoments()
    {
        // Independent path: for X ~ N(1, 2²), E[max(X, 0)] = n(0) = σG(−μ/σ) and E[max(X, 0)²] = 2σ²G₂(−μ/σ) (loss functions
        // at 0), and a draw is zero with probability Φ(−0.5). 200,000 draws; standard errors sd/√n for the mean and
        // √(p(1 − p)/n) for the zero share; tolerance 3 of them.
        var sampler = new NormalDemandSampler(1.0, 2.0);
        var random = new Random(1);
        double[] draws = Enumerable.Range(0, 200_000).Select(_ => sampler.Next(random)).ToArray();

        double mean = 2.0 * StandardNormal.Loss(-0.5);
        double sd = Math.Sqrt(2.0 * 4.0 * StandardNormal.SecondOrderLoss(-0.5) - mean * mean);
        double se = sd / Math.Sqrt(draws.Length);
        Assert.All(draws, d => Assert.True(d >= 0.0));
        Assert.InRange(draws.Average(), mean - 3.0 * se, mean + 3.0 * se);
        double zeroShare = StandardNormal.Cdf(-0.5);
        double zeroSe = Math.Sqrt(zeroShare * (1.0 - zeroShare) / draws.Length);
        Assert.InRange(draws.Count(d => d == 0.0) / (double)draws.Length, zeroShare - 3.0 * zeroSe, zeroShare + 3.0 * zeroSe);
    }

    [Fact]
    public void Next_ZeroDeviation_ReturnsMean()
    {
        var sampler = new NormalDemandSampler(7.5, 0.0);

        Assert.Equal(7.5, sampler.Next(new Random(3)));
    }

    [Theory]
    [InlineData(-1.0, 1.0)]
    [InlineData(1.0, -1.0)]
    [InlineData(double.NaN, 1.0)]
    public void Constructor_InvalidParameters_Throws(double mean, double sd)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new NormalDemandSampler(mean, sd));
        Assert.Contains("≥ 0", error.Message);
    }
}
