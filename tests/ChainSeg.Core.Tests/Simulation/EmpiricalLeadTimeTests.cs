using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class EmpiricalLeadTimeTests
{
    [Fact]
    public void Next_ManyDraws_MatchObservedShares()
    {
        // Observed {2, 3, 3, 3, 9}: shares 0.2, 0.6, 0.2; each frequency within 3 binomial standard errors √(p(1 − p)/n).
        var leadTime = new EmpiricalLeadTime([2, 3, 3, 3, 9]);
        var random = new Random(10);
        int[] draws = Enumerable.Range(0, 100_000).Select(_ => leadTime.Next(random)).ToArray();

        foreach (var (value, share) in new[] { (2, 0.2), (3, 0.6), (9, 0.2) })
        {
            double se = Math.Sqrt(share * (1.0 - share) / draws.Length);
            Assert.InRange(draws.Count(d => d == value) / (double)draws.Length, share - 3.0 * se, share + 3.0 * se);
        }

        Assert.Equal(draws.Length, draws.Count(d => d is 2 or 3 or 9));
        Assert.Equal(5, leadTime.Observations);
    }

    [Fact]
    public void Constructor_Empty_Throws()
    {
        Assert.Throws<ArgumentException>(() => new EmpiricalLeadTime([]));
    }

    [Fact]
    public void Constructor_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EmpiricalLeadTime([1, -2]));
    }
}
