using ChainSeg.Core.Products;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Pipeline;
using ChainSeg.Data.Products;

namespace ChainSeg.Data.Tests.Products;

public sealed class ProductAxisConfigTests
{
    [Fact]
    public void Cutoffs_LeftOut_AreFishersEdgesWithTheMarginAsGrossMargin() =>
        Assert.Equal((0.4, 0.4, 12.0), Of(ProductAxisStage.Cutoffs(ConfigLoader.Parse(""))));

    [Fact]
    public void Cutoffs_Written_AreRead() =>
        Assert.Equal((0.35, 0.3, 18.0), Of(ProductAxisStage.Cutoffs(ConfigLoader.Parse("product_axis:\n  margin: 0.35\n  forecast_error: 0.3\n  life_months: 18\n"))));

    private static (double, double, double) Of(FisherCutoffs c) => (c.Margin, c.ForecastError, c.LifeMonths);

    // validate and run both check the settings before any data is read (ConfigCheck.Settings), each in one line.
    [Theory]
    [InlineData("margin: 20", "product_axis.margin must be in (0, 1) (the gross margin share from which a SKU's margin votes innovative, such as 0.2 for 20 %); got 20.")]
    [InlineData("margin: 0", "product_axis.margin must be in (0, 1) (the gross margin share from which a SKU's margin votes innovative, such as 0.4 for 40 %); got 0.")]
    [InlineData("forecast_error: 0", "product_axis.forecast_error must be in (0, 10] (the forecast WAPE from which a SKU's forecast error votes innovative, such as 0.4 for 40 %); got 0.")]
    [InlineData("forecast_error: 40", "product_axis.forecast_error must be in (0, 10] (the forecast WAPE from which a SKU's forecast error votes innovative, such as 0.4 for 40 %); got 40.")]
    [InlineData("life_months: -3", "product_axis.life_months must be in (0, 1200] (the months of life up to which a SKU's life votes innovative, such as 12 for a year); got -3.")]
    [InlineData("life_months: 1201", "product_axis.life_months must be in (0, 1200] (the months of life up to which a SKU's life votes innovative, such as 12 for a year); got 1201.")]
    public void Settings_CutoffOutOfRange_IsRefusedNamingTheRange(string setting, string message)
    {
        var config = ConfigLoader.Parse($"product_axis:\n  {setting}\n");

        Assert.Equal(message, Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(config)).Message);
    }

    [Fact]
    public void Parse_UnknownKeyUnderProductAxis_IsRefused() =>
        Assert.Throws<ConfigurationException>(() => ConfigLoader.Parse("product_axis:\n  margins: 0.3\n"));
}
