using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class OrderLineTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    public void Constructor_QuantityNotPositive_ThrowsNamingRange(double quantity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OrderLine("SKU-1", quantity));

        Assert.Contains("Order line quantity must be a finite number > 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankSku_Throws()
    {
        Assert.Throws<ArgumentException>(() => new OrderLine(" ", 1.0));
    }
}
