using ChainSeg.Core.Inventory;
using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class ReplenishmentSettingsTests
{
    private static readonly LeadTime FourWeeks = new(4.0, 0.0, TimeUnit.Week);

    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    public void Constructor_OrderQuantityNotPositive_ThrowsNamingRange(double orderQuantity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new ReplenishmentSettings(FourWeeks, DemandModel.Normal, orderQuantity));

        Assert.Contains("Order quantity must be a finite number > 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_UndefinedModel_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ReplenishmentSettings(FourWeeks, (DemandModel)7));
    }

    [Fact]
    public void Constructor_Defaults_NormalWithoutOrderQuantity()
    {
        var settings = new ReplenishmentSettings(FourWeeks);

        Assert.Equal(DemandModel.Normal, settings.Model);
        Assert.Null(settings.OrderQuantity);
    }
}
