namespace ChainSeg.Core.Products;

/// <summary>
/// The cut-offs of Fisher's (1997) product axis: a signal at or past its cut-off votes innovative. Defaults are where
/// Fisher's table puts the innovative side's edge, forecast error 40 % (functional about 10 %, innovative 40–100 %) and a
/// life of 12 months (innovative 3 months to 1 year, functional more than 2 years), but for the margin: his 20 % is a
/// contribution margin (functional 5–20 %, innovative 20–60 %), after the variable selling and logistics costs that a
/// gross margin, which ChainSeg measures, still holds; functional goods' gross margins commonly pass 20 %, so the default
/// is 40 % of gross margin (0.20 fits a margin_amount that carries contribution margin).
/// </summary>
public sealed record FisherCutoffs
{
    /// <summary>(0, 1): the gross margin shares a margin cut-off may be.</summary>
    public static ValueRange MarginRange => ValueRange.OpenUnit;

    /// <summary>
    /// (0, 10]: the forecast errors (WAPE) a cut-off may be. WAPE passes 1 (Fisher's innovative errors run to 100 %), so the
    /// bound is wide; it refuses 40 written for 40 %, which would class every SKU's forecast error functional.
    /// </summary>
    public static ValueRange ForecastErrorRange { get; } = new(0, 10, LowIncluded: false, HighIncluded: true);

    /// <summary>(0, 1200]: the lives in months a cut-off may be, up to a century.</summary>
    public static ValueRange LifeMonthsRange { get; } = new(0, 1200, LowIncluded: false, HighIncluded: true);

    /// <summary>Creates the cut-offs.</summary>
    /// <param name="margin">Gross margin share of revenue from which margin votes innovative; in <see cref="MarginRange"/>.</param>
    /// <param name="forecastError">Forecast error (WAPE) from which forecast error votes innovative; in <see cref="ForecastErrorRange"/>.</param>
    /// <param name="lifeMonths">Life in months up to which life votes innovative; in <see cref="LifeMonthsRange"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException">A cut-off is outside its range.</exception>
    public FisherCutoffs(double margin = 0.40, double forecastError = 0.40, double lifeMonths = 12)
    {
        if (!MarginRange.Contains(margin))
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"The margin cut-off must be in {MarginRange}; got {margin}.");
        if (!ForecastErrorRange.Contains(forecastError))
            throw new ArgumentOutOfRangeException(nameof(forecastError), forecastError, $"The forecast error cut-off must be in {ForecastErrorRange}; got {forecastError}.");
        if (!LifeMonthsRange.Contains(lifeMonths))
            throw new ArgumentOutOfRangeException(nameof(lifeMonths), lifeMonths, $"The life cut-off must be in {LifeMonthsRange} months; got {lifeMonths}.");
        Margin = margin;
        ForecastError = forecastError;
        LifeMonths = lifeMonths;
    }

    /// <summary>Gross margin share of revenue at or above which margin votes innovative.</summary>
    public double Margin { get; }

    /// <summary>Forecast error (WAPE) at or above which forecast error votes innovative.</summary>
    public double ForecastError { get; }

    /// <summary>Life in months at or below which life votes innovative.</summary>
    public double LifeMonths { get; }

    /// <summary>The defaults: 40 % gross margin, 40 % forecast error, 12 months of life.</summary>
    public static FisherCutoffs Default { get; } = new();
}
