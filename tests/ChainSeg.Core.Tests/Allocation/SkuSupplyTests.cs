using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class SkuSupplyTests
{
    [Fact]
    public void Constructor_ZeroSupply_IsAllowed()
    {
        var supply = new SkuSupply("A", 0.0, "DC1");

        Assert.Equal((0.0, "DC1"), (supply.Quantity, supply.LocationId));
    }

    [Fact]
    public void Constructor_NegativeSupply_ThrowsNamingSku()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SkuSupply("A-7", -1.0));

        Assert.Contains("'A-7'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("≥ 0", ex.Message, StringComparison.Ordinal);
    }
}
