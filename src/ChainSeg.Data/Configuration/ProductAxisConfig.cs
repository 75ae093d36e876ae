namespace ChainSeg.Data.Configuration;

/// <summary>Cut-offs of Fisher's product axis (<c>product_axis:</c>); a signal at or past its cut-off votes innovative.</summary>
public sealed class ProductAxisConfig
{
    /// <summary>Gross margin share of revenue from which a SKU's margin votes innovative (Fisher 1997: 20 % of contribution margin; see <see cref="Core.Products.FisherCutoffs"/>).</summary>
    public double Margin { get; set; } = 0.40;

    /// <summary>Forecast WAPE from which a SKU's forecast error votes innovative (Fisher 1997: 40 %).</summary>
    public double ForecastError { get; set; } = 0.40;

    /// <summary>Life in months up to which a SKU's life votes innovative (Fisher 1997: 1 year).</summary>
    public double LifeMonths { get; set; } = 12;
}
