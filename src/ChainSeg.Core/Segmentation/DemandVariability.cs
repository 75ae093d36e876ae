namespace ChainSeg.Core.Segmentation;

/// <summary>
/// A customer's periodic demand summarised for XYZ analysis: how many periods the series has (empty periods included),
/// their mean, population standard deviation and coefficient of variation.
/// </summary>
/// <param name="Periods">Number of periods in the series.</param>
/// <param name="Mean">Mean demand per period (NaN without periods).</param>
/// <param name="StandardDeviation">Population standard deviation of demand per period (NaN without periods).</param>
/// <param name="CoefficientOfVariation">Standard deviation ÷ mean; NaN when undefined (under 2 periods, or mean ≤ 0).</param>
public readonly record struct DemandVariability(int Periods, double Mean, double StandardDeviation, double CoefficientOfVariation)
{
    /// <summary>Measures a dense series (one value per period, empty periods zero).</summary>
    public static DemandVariability Of(ReadOnlySpan<double> series)
    {
        var moments = PopulationMoments.Of(series);
        var cv = moments.Count >= 2 && moments.Mean > 0 ? moments.StandardDeviation / moments.Mean : double.NaN;
        return new DemandVariability(moments.Count, moments.Mean, moments.StandardDeviation, cv);
    }
}

/// <summary>
/// The customer metric columns that hold each customer's <see cref="DemandVariability"/>, so XYZ can classify the
/// variability the metrics report instead of measuring the series again.
/// </summary>
/// <param name="Periods">Periods in the series.</param>
/// <param name="Mean">Mean demand per period.</param>
/// <param name="StandardDeviation">Population standard deviation of demand per period.</param>
/// <param name="CoefficientOfVariation">CV; missing (NaN) where undefined.</param>
public sealed record DemandVariabilityColumns(string Periods, string Mean, string StandardDeviation, string CoefficientOfVariation)
{
    /// <summary>The names customer_metrics.csv uses.</summary>
    public static DemandVariabilityColumns CustomerMetrics { get; } = new("periods", "demand_mean", "demand_sd", "demand_cv");

    /// <summary>The four names, in order.</summary>
    public IReadOnlyList<string> Names => [Periods, Mean, StandardDeviation, CoefficientOfVariation];
}
