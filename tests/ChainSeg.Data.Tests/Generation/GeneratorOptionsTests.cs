using ChainSeg.Data.Generation;

namespace ChainSeg.Data.Tests.Generation;

public sealed class GeneratorOptionsTests
{
    [Theory]
    [InlineData(9)]
    [InlineData(10_000_001)]
    [InlineData(-1)]
    public void Constructor_CustomersOutOfRange_ThrowsNamingTheRange(int customers)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(customers, 1_000));

        Assert.Equal("Customers", error.ParamName);
        Assert.Contains("[10, 10000000]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(99L)]
    [InlineData(2_000_000_001L)]
    public void Constructor_OrderLinesOutOfRange_ThrowsNamingTheRange(long orderLines)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(100, orderLines));

        Assert.Equal("OrderLines", error.ParamName);
        Assert.Contains("[100, 2000000000]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.001)]
    [InlineData(0.0501)]
    [InlineData(double.NaN)]
    public void DirtyShare_OutOfRange_ThrowsNamingTheRange(double share)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(100, 1_000) { DirtyShare = share });

        Assert.Equal("DirtyShare", error.ParamName);
        Assert.Contains("[0, 0.05]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(9)]
    [InlineData(1_000_001)]
    public void Products_OutOfRange_ThrowsNamingTheRange(int products)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new GeneratorOptions(100, 1_000) { Products = products });

        Assert.Equal("Products", error.ParamName);
        Assert.Contains("[10, 1000000]", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_OutOfRangeCustomers_Throws()
    {
        var options = new GeneratorOptions(100, 1_000);

        Assert.Throws<ArgumentOutOfRangeException>(() => options with { Customers = 5 });
    }

    [Fact]
    public void Constructor_BoundaryValues_AreAccepted()
    {
        var smallest = new GeneratorOptions(10, 100) { DirtyShare = 0, Products = 10 };
        var largest = new GeneratorOptions(10_000_000, 2_000_000_000) { DirtyShare = 0.05, Products = 1_000_000 };

        Assert.Equal((10, 100L, 0.0, 10), (smallest.Customers, smallest.OrderLines, smallest.DirtyShare, smallest.EffectiveProducts));
        Assert.Equal((10_000_000, 2_000_000_000L, 0.05, 1_000_000), (largest.Customers, largest.OrderLines, largest.DirtyShare, largest.EffectiveProducts));
    }

    [Fact]
    public void Constructor_Defaults_SeedFortyTwoAndTwoPerMilleDirt()
    {
        var options = new GeneratorOptions(100, 1_000);

        Assert.Equal(42, options.Seed);
        Assert.Equal(0.002, options.DirtyShare);
        Assert.Null(options.Products);
    }

    [Theory]
    [InlineData(10, 200)]
    [InlineData(1_000, 500)]
    [InlineData(5_000, 2_500)]
    [InlineData(100_000, 20_000)]
    public void EffectiveProducts_Unset_IsHalfTheCustomersClampedTo200And20000(int customers, int expected)
    {
        Assert.Equal(expected, new GeneratorOptions(customers, 1_000).EffectiveProducts);
    }
}
