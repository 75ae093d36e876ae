using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class GammaDemandSamplerTests
{
    [Fact]
    public void Next_LumpyDemand_MatchesMeanAndDeviation()
    {
        // Mean 4, sd 6 (shape 0.44, below 1: the hard case for samplers). Standard error of the mean 6/√n, tolerance 3 of them;
        // the sample standard deviation within 3 %.
        var sampler = new GammaDemandSampler(4.0, 6.0);
        var random = new Random(4);
        double[] draws = Enumerable.Range(0, 200_000).Select(_ => sampler.Next(random)).ToArray();

        double mean = draws.Average();
        double sd = Math.Sqrt(draws.Sum(d => (d - mean) * (d - mean)) / (draws.Length - 1));
        double se = 6.0 / Math.Sqrt(draws.Length);
        Assert.All(draws, d => Assert.True(d >= 0.0));
        Assert.InRange(mean, 4.0 - 3.0 * se, 4.0 + 3.0 * se);
        Assert.InRange(sd, 6.0 * 0.97, 6.0 * 1.03);
    }

    [Theory]
    [InlineData(5.0, 0.0, 5.0)]
    [InlineData(0.0, 0.0, 0.0)]
    [InlineData(0.0, 3.0, 0.0)]
    public void Next_DegenerateParameters_ReturnsMean(double mean, double sd, double expected)
    {
        Assert.Equal(expected, new GammaDemandSampler(mean, sd).Next(new Random(1)));
    }

    [Fact]
    public void Constructor_NegativeDeviation_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new GammaDemandSampler(1.0, -1.0));
    }
}
