using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class FixedLeadTimeTests
{
    [Fact]
    public void Next_Always_ReturnsPeriods()
    {
        var leadTime = new FixedLeadTime(6);
        var random = new Random(1);

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Equal(6, leadTime.Next(random)));
    }

    [Fact]
    public void Constructor_Negative_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new FixedLeadTime(-1));
    }
}
