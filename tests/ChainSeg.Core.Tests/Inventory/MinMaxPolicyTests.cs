using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class MinMaxPolicyTests
{
    [Fact]
    public void FromReorderPoint_Always_MinIsReorderPointAndMaxAddsQuantity()
    {
        var result = MinMaxPolicy.FromReorderPoint(600.0, 1000.0);

        Assert.Equal(600.0, result.Min);
        Assert.Equal(1600.0, result.Max);
    }

    [Fact]
    public void FromReorderPoint_FromSafetyStockAndEoq_ChainsTheCalculators()
    {
        var ltd = LeadTimeDemand.Fit(DemandModel.Normal, new DemandRate(25.0, 15.0, TimeUnit.Week), new LeadTime(2.0, 0.0, TimeUnit.Week));
        var eoq = EconomicOrderQuantity.Optimize(50.0, 0.4, 1300.0);
        var ss = SafetyStock.ForCycleServiceLevel(ltd, 0.95, eoq.OrderQty);

        var result = MinMaxPolicy.FromReorderPoint(ss.ReorderPoint, eoq.OrderQty);

        Assert.Equal(ss.ReorderPoint, result.Min);
        Assert.Equal(ss.ReorderPoint + eoq.OrderQty, result.Max, 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void FromReorderPoint_NonPositiveQuantity_Throws(double q)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => MinMaxPolicy.FromReorderPoint(10.0, q));
    }
}
