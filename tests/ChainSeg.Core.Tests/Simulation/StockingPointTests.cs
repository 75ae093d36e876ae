using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class StockingPointTests
{
    private static readonly IDemandSampler Demand = new PoissonDemandSampler(1.0);
    private static readonly ILeadTimeSampler LeadTime = new FixedLeadTime(2);

    [Fact]
    public void Constructor_ValidValues_KeepsThem()
    {
        var point = new StockingPoint("SKU@DC", "core", Demand, LeadTime, 12.5, 0.2, initialOnHand: 4.0);

        Assert.Equal("SKU@DC", point.Id);
        Assert.Equal("core", point.Segment);
        Assert.Equal(4.0, point.InitialOnHand);
    }

    [Fact]
    public void Constructor_EmptyId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new StockingPoint("", "core", Demand, LeadTime, 1.0, 0.2));
    }

    [Theory]
    [InlineData(-1.0, 0.2, null)]
    [InlineData(1.0, -0.2, null)]
    [InlineData(1.0, 0.2, -3.0)]
    public void Constructor_NegativeValue_ThrowsNamingRange(double unitCost, double rate, double? initialOnHand)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new StockingPoint("SKU", "core", Demand, LeadTime, unitCost, rate, initialOnHand));
        Assert.Contains("≥ 0", error.Message);
    }
}
