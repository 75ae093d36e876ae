using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class PoissonDemandSamplerTests
{
    [Fact]
    public void Next_ManyDraws_MatchMeanAndVarianceAndAreWholeUnits()
    {
        // Mean and variance both 3.2; standard error of the mean √(3.2/n), tolerance 3 of them; the variance within 2 %.
        var sampler = new PoissonDemandSampler(3.2);
        var random = new Random(2);
        double[] draws = Enumerable.Range(0, 200_000).Select(_ => sampler.Next(random)).ToArray();

        double mean = draws.Average();
        double variance = draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1);
        double se = Math.Sqrt(3.2 / draws.Length);
        Assert.All(draws, d => Assert.Equal(Math.Floor(d), d));
        Assert.InRange(mean, 3.2 - 3.0 * se, 3.2 + 3.0 * se);
        Assert.InRange(variance, 3.2 * 0.98, 3.2 * 1.02);
    }

    [Fact]
    public void Next_ZeroMean_ReturnsZero()
    {
        Assert.Equal(0.0, new PoissonDemandSampler(0.0).Next(new Random(1)));
    }

    [Fact]
    public void Constructor_NegativeMean_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDemandSampler(-0.1));
    }
}
