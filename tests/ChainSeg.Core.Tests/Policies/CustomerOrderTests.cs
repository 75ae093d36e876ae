using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class CustomerOrderTests
{
    private static readonly DateTime At = new(2025, 3, 3, 9, 0, 0);

    [Fact]
    public void Constructor_NegativeValue_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CustomerOrder("O1", "C1", "AX", At, null, -10m, []));

        Assert.Contains("Order value must be ≥ 0; got -10.00.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_BlankOrderId_Throws()
    {
        Assert.Throws<ArgumentException>(() => new CustomerOrder("", "C1", "AX", At, null, 10m, []));
    }

    [Fact]
    public void Constructor_NullLine_ThrowsNamingOrder()
    {
        var ex = Assert.Throws<ArgumentException>(() => new CustomerOrder("O1", "C1", "AX", At, null, 10m, [null!]));

        Assert.Contains("Order O1 has a null line.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_WithoutSegment_IsAllowed()
    {
        var order = new CustomerOrder("O1", "C1", null, At, new DateOnly(2025, 3, 7), 10m, [new OrderLine("SKU-1", 2.0)]);

        Assert.Null(order.Segment);
        Assert.Single(order.Lines);
    }
}
