using ChainSeg.Core.Policies;

namespace ChainSeg.Core.Tests.Policies;

public sealed class SurchargeTests
{
    [Fact]
    public void For_Percentage_IsShareOfOrderValue()
    {
        // 2 % of 1,250.00 = 25.00.
        var surcharge = Surcharge.Percentage(2m);

        Assert.Equal(25.00m, surcharge.For(1250m));
        Assert.Equal("surcharge 2 % of 1,250.00 = 25.00", surcharge.Explain(1250m));
    }

    [Theory]
    [InlineData(2.5, 10.10, 0.25)] // 0.2525 rounds down to 0.25
    [InlineData(5.0, 0.10, 0.01)] // 0.005 is a half: away from zero, 0.01
    [InlineData(7.0, 0.0, 0.0)]
    public void For_PercentageWithFractionOfCent_RoundsHalfAwayFromZero(double percent, double orderValue, double expected)
    {
        Assert.Equal((decimal)expected, Surcharge.Percentage((decimal)percent).For((decimal)orderValue));
    }

    [Fact]
    public void For_PercentageOfUnknownOrderValue_IsUnknownAndSaysSo()
    {
        // It was charged 0 and explained as "surcharge 2 % of 0.00 = 0.00", as if the order were worth nothing.
        var surcharge = Surcharge.Percentage(2m);

        Assert.Null(surcharge.For(null));
        Assert.Equal("surcharge 2 % of order value: order_value unknown", surcharge.Explain(null));
        Assert.Equal(0m, surcharge.For(0m));
        Assert.Equal("surcharge 2 % of 0.00 = 0.00", surcharge.Explain(0m));
        Assert.Equal((25m, "surcharge 25.00 flat"), (Surcharge.Amount(25m).For(null), Surcharge.Amount(25m).Explain(null)));
        Assert.Equal((0m, "no surcharge"), (Surcharge.Percentage(0m).For(null), Surcharge.Percentage(0m).Explain(null)));
    }

    [Fact]
    public void For_Amount_IgnoresOrderValue()
    {
        var surcharge = Surcharge.Amount(25m);

        Assert.Equal(25m, surcharge.For(10m));
        Assert.Equal(25m, surcharge.For(100_000m));
        Assert.Equal("surcharge 25.00 flat", surcharge.Explain(10m));
    }

    [Fact]
    public void None_ChargesNothingAndSaysSo()
    {
        Assert.Equal(0m, Surcharge.None.For(999m));
        Assert.True(Surcharge.None.IsNone);
        Assert.Equal("no surcharge", Surcharge.None.Explain(999m));
        Assert.Equal("none", Surcharge.None.ToString());
    }

    [Theory]
    [InlineData("25", SurchargeKind.Amount, 25.0)]
    [InlineData(" 25.50 ", SurchargeKind.Amount, 25.5)]
    [InlineData("5%", SurchargeKind.Percentage, 5.0)]
    [InlineData("2.5 %", SurchargeKind.Percentage, 2.5)]
    [InlineData("none", SurchargeKind.Amount, 0.0)]
    public void Parse_ConfigText_ReadsKindAndValue(string text, SurchargeKind kind, double value)
    {
        var surcharge = Surcharge.Parse(text);

        Assert.Equal(kind, surcharge.Kind);
        Assert.Equal((decimal)value, surcharge.Value);
    }

    [Theory]
    [InlineData("25.00")]
    [InlineData("2.5 %")]
    [InlineData("none")]
    public void ToString_ConfigForm_ParsesBack(string text)
    {
        Assert.Equal(text, Surcharge.Parse(text).ToString());
    }

    [Theory]
    [InlineData("5 EUR")]
    [InlineData("1,000")]
    [InlineData("")]
    public void Parse_NotANumber_ThrowsFormatException(string text)
    {
        var ex = Assert.Throws<FormatException>(() => Surcharge.Parse(text));

        Assert.Contains("neither an amount", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Percentage_Over100_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Surcharge.Parse("120%"));

        Assert.Contains("Surcharge percentage must be in [0, 100]; got 120.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Amount_Negative_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Surcharge.Amount(-1m));

        Assert.Contains("Surcharge amount must be ≥ 0; got -1.00.", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void For_NegativeOrderValue_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Surcharge.Percentage(2m).For(-5m));

        Assert.Contains("Order value must be ≥ 0", ex.Message, StringComparison.Ordinal);
    }
}
