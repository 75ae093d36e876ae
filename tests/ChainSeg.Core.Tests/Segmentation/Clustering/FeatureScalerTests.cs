using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class FeatureScalerTests
{
    private static readonly string[] Columns = ["revenue", "orders_per_month", "otif"];

    [Fact]
    public void Transform_PlainDimension_ZScoresWithPopulationDeviation()
    {
        // 1, 2, 3: mean 2, population σ = √(2/3) = 0.8165; z = ∓1.2247 and 0.
        double[][] rows = [[1, 0, 0], [2, 0, 0], [3, 0, 0]];
        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue"], []));

        var features = scaler.Transform(Columns, rows);

        var z = 1.0 / Math.Sqrt(2.0 / 3.0);
        Assert.Equal([-z, 0.0, z], features.Values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(Math.Sqrt(2.0 / 3.0), scaler.StandardDeviations[0], 12);
    }

    [Fact]
    public void Transform_ChosenDimensions_KeepsSpecOrderAndIgnoresOtherColumns()
    {
        double[][] rows = [[100, 1, 0.9], [300, 3, 0.5]];
        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["otif", "revenue"], []));

        var features = scaler.Transform(Columns, rows);

        // Two values each side of the mean: z = ±1 in both dimensions; otif first.
        Assert.Equal([1.0, -1.0, -1.0, 1.0], features.Values.ToArray(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(["otif", "revenue"], scaler.Dimensions);
    }

    [Fact]
    public void Fit_MissingValues_ImputedWithMedianOfObserved()
    {
        double[][] rows = [[1, 0, 0], [double.NaN, 0, 0], [3, 0, 0], [10, 0, 0]];
        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue"], []));

        // Observed 1, 3, 10 → median 3; the missing row scores as a 3.
        Assert.Equal(3.0, scaler.Medians[0]);
        Assert.Equal(1, scaler.MissingCounts[0]);
        Assert.Equal(scaler.ToSigma(0, 3.0), scaler.ToSigma(0, double.NaN));
        Assert.Equal(17.0 / 4.0, scaler.Means[0], 12);
    }

    [Fact]
    public void Fit_EvenObservedCount_MedianIsMidpoint()
    {
        double[][] rows = [[1, 0, 0], [4, 0, 0], [double.NaN, 0, 0]];

        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue"], []));

        Assert.Equal(2.5, scaler.Medians[0]);
    }

    [Fact]
    public void Fit_AllMissing_ImputesZeroAndScoresZero()
    {
        double[][] rows = [[double.NaN, 0, 0], [double.NaN, 0, 0]];

        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue"], []));

        Assert.Equal(0.0, scaler.Medians[0]);
        Assert.Equal(0.0, scaler.ToSigma(0, double.NaN));
    }

    [Fact]
    public void Fit_LogScaled_UsesSignPreservingLog1p()
    {
        // e − 1 → ln(e) = 1 and −(e − 1) → −1: mean 0, σ = 1, so z equals the transformed value.
        double[][] rows = [[Math.E - 1, 0, 0], [-(Math.E - 1), 0, 0]];

        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue"], ["revenue"]));

        Assert.Equal(1.0, scaler.ToSigma(0, Math.E - 1), 12);
        Assert.Equal(-1.0, scaler.ToSigma(0, -(Math.E - 1)), 12);
        Assert.Equal(0.0, scaler.ToSigma(0, 0.0), 12);
    }

    [Theory]
    [InlineData(250_000.0)]
    [InlineData(-1_500.0)]
    [InlineData(0.0)]
    public void ToOriginalUnits_AfterToSigma_ReturnsOriginalValue(double revenue)
    {
        double[][] rows = [[100, 2, 0.9], [50_000, 8, 0.7], [-300, 1, 0.95], [2_000_000, 20, 0.99]];
        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue", "otif"], ["revenue"]));

        var original = scaler.ToOriginalUnits([scaler.ToSigma(0, revenue), scaler.ToSigma(1, 0.8)]);

        Assert.Equal(revenue, original[0], 6);
        Assert.Equal(0.8, original[1], 12);
    }

    [Fact]
    public void Fit_ConstantDimension_ZeroDeviationAndZeroSigma()
    {
        double[][] rows = [[5, 0.1, 0], [5, 0.1, 0], [5, 0.1, 0]];

        var scaler = FeatureScaler.Fit(Columns, rows, new FeatureSpec(["revenue", "orders_per_month"], []));

        Assert.Equal([0.0, 0.0], scaler.StandardDeviations);
        Assert.All(scaler.Transform(Columns, rows).Values.ToArray(), z => Assert.Equal(0.0, z));
        Assert.Equal([5.0, 0.1], scaler.ToOriginalUnits([1.3, -2.0]));
    }

    [Fact]
    public void Fit_UnknownDimension_ThrowsNamingItAndAvailableColumns()
    {
        var error = Assert.Throws<ArgumentException>(
            () => FeatureScaler.Fit(Columns, [[1, 2, 3]], new FeatureSpec(["margin"], [])));

        Assert.Contains("'margin'", error.Message, StringComparison.Ordinal);
        Assert.Contains("revenue, orders_per_month, otif", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_LogScaledNotAmongDimensions_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => FeatureScaler.Fit(Columns, [[1, 2, 3]], new FeatureSpec(["otif"], ["revenue"])));
    }

    [Fact]
    public void Fit_RepeatedDimension_Throws()
    {
        Assert.Throws<ArgumentException>(
            () => FeatureScaler.Fit(Columns, [[1, 2, 3]], new FeatureSpec(["otif", "otif"], [])));
    }

    [Fact]
    public void Transform_InfiniteValue_Throws()
    {
        var scaler = FeatureScaler.Fit(Columns, [[1, 2, 3], [2, 3, 4]], new FeatureSpec(["otif"], []));

        Assert.Throws<ArgumentException>(() => scaler.Transform(Columns, [[1, 2, double.PositiveInfinity]]));
    }

    [Fact]
    public void Fit_NoRows_Throws()
    {
        Assert.Throws<ArgumentException>(() => FeatureScaler.Fit(Columns, [], new FeatureSpec(["otif"], [])));
    }
}
