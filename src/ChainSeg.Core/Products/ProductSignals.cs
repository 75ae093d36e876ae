namespace ChainSeg.Core.Products;

/// <summary>What Fisher's product axis reads of one SKU; a null signal is one the data cannot give.</summary>
/// <param name="GrossMarginPct">Gross margin ÷ revenue over the window; null without a cost or a positive revenue.</param>
/// <param name="ForecastError">WAPE of the monthly forecasts against the units sold; null without forecasts.</param>
/// <param name="LifeMonths">Months the SKU's life spans (see the product metrics); null when the history is too short to judge it.</param>
public sealed record ProductSignals(double? GrossMarginPct, double? ForecastError, double? LifeMonths);
