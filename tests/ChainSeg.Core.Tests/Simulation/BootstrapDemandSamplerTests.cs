using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class BootstrapDemandSamplerTests
{
    private static readonly double[] History = [0.0, 0.0, 2.0, 14.0, 3.0, 0.0, 6.0, 1.0, 0.0, 9.0];

    [Fact]
    public void Next_ManyDraws_ReproduceHistoryMeanAndValues()
    {
        // Draws are uniform over the 10 periods, so the mean of n draws has standard error σ/√n (σ the history's population
        // standard deviation); tolerance 3 of them. Every draw is one of the observed values.
        var sampler = new BootstrapDemandSampler(History);
        var random = new Random(6);
        double[] draws = Enumerable.Range(0, 100_000).Select(_ => sampler.Next(random)).ToArray();

        double mean = History.Average();
        double sigma = Math.Sqrt(History.Sum(h => (h - mean) * (h - mean)) / History.Length);
        double se = sigma / Math.Sqrt(draws.Length);
        Assert.InRange(draws.Average(), mean - 3.0 * se, mean + 3.0 * se);
        Assert.All(draws, d => Assert.Contains(d, History));
        Assert.Equal(mean, sampler.Mean, 12);
        Assert.Equal(10, sampler.Periods);
    }

    [Fact]
    public void Next_ZeroShare_MatchesHistory()
    {
        // 4 of 10 periods had no demand; a draw is zero with probability 0.4, standard error √(0.24/n), tolerance 3 of them.
        var sampler = new BootstrapDemandSampler(History);
        var random = new Random(7);

        double zeros = Enumerable.Range(0, 100_000).Count(_ => sampler.Next(random) == 0.0) / 100_000.0;

        double se = Math.Sqrt(0.4 * 0.6 / 100_000);
        Assert.InRange(zeros, 0.4 - 3.0 * se, 0.4 + 3.0 * se);
    }

    [Fact]
    public void Constructor_SourceChangedLater_KeepsCopy()
    {
        double[] history = [5.0];
        var sampler = new BootstrapDemandSampler(history);
        history[0] = 9.0;

        Assert.Equal(5.0, sampler.Next(new Random(1)));
    }

    [Fact]
    public void Constructor_EmptyHistory_Throws()
    {
        Assert.Throws<ArgumentException>(() => new BootstrapDemandSampler([]));
    }

    [Fact]
    public void Constructor_NegativePeriod_ThrowsNamingRange()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new BootstrapDemandSampler([3.0, -1.0]));
        Assert.Contains("≥ 0", error.Message);
    }
}
