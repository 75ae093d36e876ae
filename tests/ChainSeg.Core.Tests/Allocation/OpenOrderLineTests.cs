using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class OpenOrderLineTests
{
    [Fact]
    public void Constructor_BlankLocation_MeansNoLocation()
    {
        var line = new OpenOrderLine("L1", "C1", "core", "A", 5, locationId: " ");

        Assert.Null(line.LocationId);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.PositiveInfinity)]
    public void Constructor_QuantityNotPositive_ThrowsNamingLineAndRange(double quantity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new OpenOrderLine("L1", "C1", "core", "A", quantity));

        Assert.Contains("'L1'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("> 0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_NaNMargin_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OpenOrderLine("L1", "C1", "core", "A", 1, unitMargin: double.NaN));
    }

    [Theory]
    [InlineData("", "C1", "core", "A")]
    [InlineData("L1", " ", "core", "A")]
    [InlineData("L1", "C1", "", "A")]
    [InlineData("L1", "C1", "core", "")]
    public void Constructor_BlankIdentifier_Throws(string lineId, string customerId, string segment, string sku)
    {
        Assert.ThrowsAny<ArgumentException>(() => new OpenOrderLine(lineId, customerId, segment, sku, 1));
    }
}
