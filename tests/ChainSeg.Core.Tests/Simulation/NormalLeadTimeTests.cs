using ChainSeg.Core.Simulation;
using ChainSeg.Core.Statistics;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class NormalLeadTimeTests
{
    [Fact]
    public void Next_FractionalMeanWithoutDeviation_RoundsKeepingMean()
    {
        // 4.3 periods: 5 with probability 0.3, else 4, so the mean stays 4.3; standard error √(0.21/n), tolerance 3 of them.
        var leadTime = new NormalLeadTime(4.3, 0.0);
        var random = new Random(8);
        int[] draws = Enumerable.Range(0, 100_000).Select(_ => leadTime.Next(random)).ToArray();

        double se = Math.Sqrt(0.21 / draws.Length);
        Assert.All(draws, d => Assert.InRange(d, 4, 5));
        Assert.InRange(draws.Average(), 4.3 - 3.0 * se, 4.3 + 3.0 * se);
    }

    [Fact]
    public void Next_WideDeviation_KeepsCensoredMean()
    {
        // N(1, 1.5²) with negative draws set to 0 has mean σG(−μ/σ) (normal loss at 0); random rounding keeps it. The standard
        // deviation of a draw is below 1.6, so 100,000 draws give a standard error under 0.0051; tolerance 3 of those.
        var leadTime = new NormalLeadTime(1.0, 1.5);
        var random = new Random(9);
        int[] draws = Enumerable.Range(0, 100_000).Select(_ => leadTime.Next(random)).ToArray();

        double mean = 1.5 * StandardNormal.Loss(-1.0 / 1.5);
        Assert.All(draws, d => Assert.True(d >= 0));
        Assert.InRange(draws.Average(), mean - 3.0 * 0.0051, mean + 3.0 * 0.0051);
    }

    [Theory]
    [InlineData(-1.0, 0.0)]
    [InlineData(1.0, -0.5)]
    [InlineData(2_000_000.0, 0.0)]
    public void Constructor_InvalidParameters_Throws(double mean, double sd)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new NormalLeadTime(mean, sd));
    }
}
