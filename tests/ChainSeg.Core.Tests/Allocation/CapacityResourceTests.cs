using ChainSeg.Core.Allocation;

namespace ChainSeg.Core.Tests.Allocation;

public sealed class CapacityResourceTests
{
    [Fact]
    public void Constructor_ZeroCapacity_IsAllowed()
    {
        Assert.Equal(0.0, new CapacityResource("picking", 0).Capacity);
    }

    [Theory]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    public void Constructor_InvalidCapacity_ThrowsNamingResource(double capacity)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new CapacityResource("picking", capacity));

        Assert.Contains("'picking'", ex.Message, StringComparison.Ordinal);
    }
}
