using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class SegmentCapacityDemandTests
{
    [Fact]
    public void Constructor_NegativeMargin_IsAllowed()
    {
        var demand = new SegmentCapacityDemand("tail", 10, -2.5, 0.1, new Dictionary<string, double> { ["picking"] = 0.5 });

        Assert.Equal((-2.5, 0.5), (demand.UnitContribution, demand.ResourceUsage["picking"]));
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(1.01)]
    public void Constructor_ShareOutsideUnitInterval_ThrowsNamingRange(double share)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentCapacityDemand("a", 10, 1, share, new Dictionary<string, double>()));

        Assert.Contains("[0, 1]", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeUsage_ThrowsNamingResource()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(
            () => new SegmentCapacityDemand("a", 10, 1, 0, new Dictionary<string, double> { ["picking"] = -1 }));

        Assert.Contains("'picking'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeDemand_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SegmentCapacityDemand("a", -1, 1, 0, new Dictionary<string, double>()));
    }
}
