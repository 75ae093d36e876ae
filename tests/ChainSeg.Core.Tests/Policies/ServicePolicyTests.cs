using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class ServicePolicyTests
{
    private static ServicePolicy Stocked(int leadTimeDays = 2, int windowDays = 1, int priority = 1) =>
        new(ServiceTarget.CycleServiceLevel(0.98), FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, leadTimeDays, new TimeOnly(14, 0), windowDays, priority);

    [Fact]
    public void Constructor_ValidStockedPolicy_KeepsValuesAndDefaultsToNoSurcharge()
    {
        var policy = Stocked();

        Assert.Equal(0.98, policy.Target!.Value);
        Assert.Equal(2, policy.LeadTimeDays);
        Assert.Equal(new TimeOnly(14, 0), policy.Cutoff);
        Assert.Equal(1, policy.DeliveryWindowDays);
        Assert.Same(Surcharge.None, policy.Surcharge);
        Assert.True(policy.CarriesSafetyStock);
    }

    [Fact]
    public void Constructor_MakeToOrderWithoutTarget_CarriesNoSafetyStock()
    {
        var policy = new ServicePolicy(null, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, 10, new TimeOnly(12, 0), 3, 4, Surcharge.Amount(25m));

        Assert.False(policy.CarriesSafetyStock);
        Assert.Null(policy.Target);
    }

    [Fact]
    public void Constructor_MakeToOrderWithTarget_ThrowsSayingItCarriesNoSafetyStock()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new ServicePolicy(ServiceTarget.CycleServiceLevel(0.9), FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, 10, new TimeOnly(12, 0), 3, 4));

        Assert.Contains("A make_to_order policy carries no safety stock, so it takes no csl or fill_rate target; got csl 0.9.", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FulfilmentMode.MakeToStock, "make_to_stock")]
    [InlineData(FulfilmentMode.AssembleToOrder, "assemble_to_order")]
    public void Constructor_StockedModeWithoutTarget_ThrowsNamingMode(FulfilmentMode mode, string name)
    {
        var ex = Assert.Throws<ArgumentException>(() => new ServicePolicy(null, mode, ServiceRoute.WarehousePick, 2, new TimeOnly(14, 0), 1, 1));

        Assert.Contains($"A {name} policy needs a csl or fill_rate target", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(366)]
    public void Constructor_LeadTimeOutOfRange_ThrowsNamingRange(int days)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Stocked(leadTimeDays: days));

        Assert.Contains($"Lead time must be in [0, 365] business days; got {days}.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NegativeWindow_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Stocked(windowDays: -2));

        Assert.Contains("Delivery window must be in [0, 365] business days; got -2.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PriorityZero_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Stocked(priority: 0));

        Assert.Contains("Priority must be ≥ 1 (1 = highest); got 0.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UndefinedRoute_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new ServicePolicy(ServiceTarget.FillRate(0.99), FulfilmentMode.MakeToStock, (ServiceRoute)9, 2, new TimeOnly(14, 0), 1, 1));
    }

    [Fact]
    public void Constructor_ZeroLeadTimeAndWindow_AreValid()
    {
        var policy = Stocked(leadTimeDays: 0, windowDays: 0);

        Assert.Equal(0, policy.LeadTimeDays);
        Assert.Equal(0, policy.DeliveryWindowDays);
    }

    [Fact]
    public void Describe_StockedPolicy_NamesEveryChoice()
    {
        var policy = new ServicePolicy(
            ServiceTarget.FillRate(0.99), FulfilmentMode.AssembleToOrder, ServiceRoute.CrossDock, 1, new TimeOnly(16, 30), 0, 2, Surcharge.Percentage(3m));

        Assert.Equal(
            "0.99 fill rate, assemble_to_order, cross_dock, 1 business day, cut-off 16:30, window 0, priority 2, surcharge 3 %",
            policy.Describe());
    }

    [Fact]
    public void Equality_SameValues_AreEqual()
    {
        Assert.Equal(Stocked(), Stocked());
        Assert.NotEqual(Stocked(), Stocked(priority: 2));
    }
}
