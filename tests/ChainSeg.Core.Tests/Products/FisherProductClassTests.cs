using ChainSeg.Core.Products;

namespace ChainSeg.Core.Tests.Products;

// Fisher (1997), "What is the right supply chain for your product?", HBR 75(2): the cut-offs are the innovative side's
// edges of his table (margin 20 %, forecast error 40 %, life 1 year); a class needs two of the three signals.
public sealed class FisherProductClassTests
{
    private static FisherClassification Classify(double? margin, double? error, double? life) =>
        FisherProductClass.Classify(new ProductSignals(margin, error, life), Fisher1997);

    // Fisher's own edges, the margin as his contribution margin (20 %); ChainSeg's default margin is 40 % of gross margin.
    private static readonly FisherCutoffs Fisher1997 = new(margin: 0.20, forecastError: 0.40, lifeMonths: 12);

    [Fact]
    public void Classify_AllThreeSignalsInnovative_IsInnovativeNamingEach()
    {
        var result = Classify(0.55, 0.62, 9);

        Assert.Equal(FisherProductClass.Innovative, result.ProductClass);
        Assert.Equal("innovative (3 of 3 signals): gross margin 55.0 % ≥ 20 %, forecast WAPE 62.0 % ≥ 40 %, life 9 months ≤ 12", result.Reason);
    }

    [Fact]
    public void Classify_AllThreeSignalsFunctional_IsFunctionalNamingEach()
    {
        var result = Classify(0.12, 0.1, 36);

        Assert.Equal(FisherProductClass.Functional, result.ProductClass);
        Assert.Equal("functional (3 of 3 signals): gross margin 12.0 % < 20 %, forecast WAPE 10.0 % < 40 %, life 36 months > 12", result.Reason);
    }

    // Each signal alone on the innovative side is outvoted by the other two: a functional good with a 30 % gross margin
    // (common, as Fisher's 20 % is a contribution margin) stays functional.
    [Theory]
    [InlineData(0.30, 0.10, 36)]
    [InlineData(0.10, 0.60, 36)]
    [InlineData(0.10, 0.10, 6)]
    public void Classify_OneSignalInnovative_IsFunctional(double margin, double error, double life) =>
        Assert.Equal(FisherProductClass.Functional, Classify(margin, error, life).ProductClass);

    // Any two signals on the innovative side carry the vote.
    [Theory]
    [InlineData(0.30, 0.60, 36)]
    [InlineData(0.30, 0.10, 6)]
    [InlineData(0.10, 0.60, 6)]
    public void Classify_TwoSignalsInnovative_IsInnovative(double margin, double error, double life)
    {
        var result = Classify(margin, error, life);

        Assert.Equal(FisherProductClass.Innovative, result.ProductClass);
        Assert.StartsWith("innovative (2 of 3 signals): ", result.Reason, StringComparison.Ordinal);
    }

    // A signal exactly on its cut-off is on the innovative side: Fisher's innovative margins start at 20 %, forecast errors at
    // 40 %, and lives run up to 1 year.
    [Fact]
    public void Classify_EverySignalOnItsCutoff_IsInnovative()
    {
        var result = Classify(0.20, 0.40, 12);

        Assert.Equal(FisherProductClass.Innovative, result.ProductClass);
        Assert.Equal("innovative (3 of 3 signals): gross margin 20.0 % ≥ 20 %, forecast WAPE 40.0 % ≥ 40 %, life 12 months ≤ 12", result.Reason);
    }

    // Just on the functional side of each cut-off, shown with the digits that tell the value from the cut-off.
    [Fact]
    public void Classify_EverySignalJustPastItsCutoff_IsFunctionalWithDigitsThatTellThemApart()
    {
        var result = Classify(0.19999, 0.39999, 12.001);

        Assert.Equal(FisherProductClass.Functional, result.ProductClass);
        Assert.Equal("functional (3 of 3 signals): gross margin 19.999 % < 20 %, forecast WAPE 39.999 % < 40 %, life 12.001 months > 12", result.Reason);
    }

    [Fact]
    public void Classify_ForecastMissingAndTheOthersAgree_IsClassifiedOnThemAndSaysWhatIsMissing()
    {
        var result = Classify(0.5, null, 8);

        Assert.Equal(FisherProductClass.Innovative, result.ProductClass);
        Assert.Equal("innovative (2 of 2 signals): gross margin 50.0 % ≥ 20 %, life 8 months ≤ 12; missing forecast error (no forecasts for its months)", result.Reason);
    }

    [Fact]
    public void Classify_OneSignalMissingAndTheOthersSplit_IsUnclassified()
    {
        var result = Classify(0.3, null, 30);

        Assert.Equal(FisherProductClass.Unclassified, result.ProductClass);
        Assert.Equal("unclassified (signals split 1 innovative to 1 functional): gross margin 30.0 % ≥ 20 %, life 30 months > 12; missing forecast error (no forecasts for its months)", result.Reason);
    }

    [Fact]
    public void Classify_TwoSignalsMissing_IsUnclassifiedNamingBoth()
    {
        var result = Classify(null, 0.05, null);

        Assert.Equal(FisherProductClass.Unclassified, result.ProductClass);
        Assert.Equal("unclassified (1 of 3 signals, 2 needed): forecast WAPE 5.0 % < 40 %; missing gross margin (no unit cost or margin_amount), life (on sale too briefly to judge)", result.Reason);
    }

    [Fact]
    public void Classify_NoSignal_IsUnclassified() =>
        Assert.Equal(FisherProductClass.Unclassified, Classify(null, null, null).ProductClass);

    [Fact]
    public void Classify_CustomCutoffs_AreWhatTheSignalsAreJudgedBy()
    {
        var result = FisherProductClass.Classify(new ProductSignals(0.3, 0.3, 20), new FisherCutoffs(margin: 0.4, forecastError: 0.25, lifeMonths: 24));

        Assert.Equal("innovative (2 of 3 signals): gross margin 30.0 % < 40 %, forecast WAPE 30.0 % ≥ 25 %, life 20 months ≤ 24", result.Reason);
    }

    [Theory]
    [InlineData(0, 0.4, 12, "margin")]
    [InlineData(1, 0.4, 12, "margin")]
    [InlineData(0.2, 0, 12, "forecastError")]
    [InlineData(0.2, double.PositiveInfinity, 12, "forecastError")]
    [InlineData(0.2, 0.4, 0, "lifeMonths")]
    [InlineData(0.2, 0.4, double.NaN, "lifeMonths")]
    // product_axis refused these (40 written for 40 %, a life past a century) while the constructor took them.
    [InlineData(0.2, 40, 12, "forecastError")]
    [InlineData(0.2, 0.4, 1201, "lifeMonths")]
    public void FisherCutoffs_OutOfRange_Throws(double margin, double error, double life, string parameter) =>
        Assert.Equal(parameter, Assert.Throws<ArgumentOutOfRangeException>(() => new FisherCutoffs(margin, error, life)).ParamName);
}
