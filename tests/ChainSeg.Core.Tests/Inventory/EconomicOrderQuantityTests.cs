using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class EconomicOrderQuantityTests
{
    // Snyder & Shen (2019), Fundamentals of Supply Chain Theory, 2nd ed., Example 3.1: K = 8, h = 0.225, λ = 1300
    // gives Q* = 304.05 and g(Q*) = 68.41 (values as reproduced by stockpyl's economic_order_quantity doctest).
    [Fact]
    public void Optimize_SnyderShenExample3_1_MatchesPublishedValues()
    {
        var result = EconomicOrderQuantity.Optimize(8.0, 0.225, 1300.0);

        Assert.Equal(304.0467800264368, result.OrderQty, 9);
        Assert.Equal(68.41052550594829, result.AnnualCost, 9);
        Assert.Equal(result.OrderingCost, result.HoldingCost, 9);
    }

    [Fact]
    public void Evaluate_GivenQuantity_AddsOrderingAndHoldingCost()
    {
        // By hand: 8·1300/400 + 0.225·400/2 = 26 + 45.
        var result = EconomicOrderQuantity.Evaluate(8.0, 0.225, 1300.0, 400.0);

        Assert.Equal(71.0, result.AnnualCost, 12);
        Assert.Equal(3.25, result.OrdersPerPeriod, 12);
    }

    [Theory]
    [InlineData(0.9)]
    [InlineData(1.1)]
    public void Optimize_AnyOtherQuantity_CostsMore(double factor)
    {
        var best = EconomicOrderQuantity.Optimize(120.0, 2.5, 5000.0);

        Assert.True(EconomicOrderQuantity.Evaluate(120.0, 2.5, 5000.0, best.OrderQty * factor).AnnualCost > best.AnnualCost);
    }

    [Fact]
    public void Optimize_ZeroDemand_OrdersNothing()
    {
        var result = EconomicOrderQuantity.Optimize(8.0, 0.225, 0.0);

        Assert.Equal(0.0, result.OrderQty);
        Assert.Equal(0.0, result.AnnualCost);
    }

    [Theory]
    [InlineData(0.0, 0.2, 100.0)]
    [InlineData(8.0, -0.2, 100.0)]
    [InlineData(8.0, 0.2, -1.0)]
    public void Optimize_InvalidArguments_Throw(double k, double h, double d)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => EconomicOrderQuantity.Optimize(k, h, d));
    }

    [Fact]
    public void Evaluate_ZeroQuantity_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => EconomicOrderQuantity.Evaluate(8.0, 0.2, 100.0, 0.0));

        Assert.Contains("> 0", ex.Message, StringComparison.Ordinal);
    }
}
