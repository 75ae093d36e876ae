using System.Globalization;
using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Tests.Segmentation.Rules;

public sealed class MarginReachTests
{
    private static readonly string[] Known = ["revenue", "otif_rate"];

    private static readonly Dictionary<string, double> Shares = new(StringComparer.Ordinal) { ["otif_rate"] = 1.0 };

    private static UnreachableThreshold? Check(string rule, double margin) =>
        MarginReach.FirstUnreachable(RuleExpression.Parse("reliable", rule, Known), margin, Shares);

    // Hand-computed: 0.95 + 15 % of 0.95 = 1.0925 > 1; the margin may be at most (1 − 0.95) / 0.95 = 0.0526…, written 0.05;
    // the threshold at most 1 / 1.15 = 0.8696…, written 0.86. Under 'not' the rule needs otif_rate ≥ the eased 0.95 < threshold.
    [Theory]
    [InlineData("otif_rate >= 95%")]
    [InlineData("not otif_rate < 0.95")]
    [InlineData("revenue >= 5 or otif_rate >= 0.95")]
    public void FirstUnreachable_ShareThresholdHardenedAboveOne_NamesTheHardenedValueAndTheLargestSettings(string rule)
    {
        var unreachable = Check(rule, 0.15);

        Assert.NotNull(unreachable);
        Assert.Equal("otif_rate ≥ 1.0925", unreachable.NeededText);
        Assert.Equal(1.0925, unreachable.Hardened, 12);
        Assert.Equal(0.05, unreachable.LargestMargin);
        Assert.Equal(0.86, unreachable.LargestThreshold);
    }

    // > 0.8 hardened by 25 % needs > 1.0, which no share is; 0.25 is exactly the limit and still out of reach, so 0.24, and
    // the threshold 1 / 1.25 = 0.8 likewise, so 0.79.
    [Fact]
    public void FirstUnreachable_StrictComparisonHardenedOntoTheBound_SuggestsJustBelowTheLimits()
    {
        var unreachable = Check("otif_rate > 0.8", 0.25);

        Assert.NotNull(unreachable);
        Assert.Equal("otif_rate > 1", unreachable.NeededText);
        Assert.Equal(0.24, unreachable.LargestMargin);
        Assert.Equal(0.79, unreachable.LargestThreshold);
    }

    // ≥ 100 % is out of reach under any margin above 0; at 10 % the threshold may be 1 / 1.1 = 0.909…, written 0.9.
    [Fact]
    public void FirstUnreachable_ThresholdAtTheBound_NoMarginKeepsItWithinReach()
    {
        var unreachable = Check("otif_rate >= 100%", 0.1);

        Assert.NotNull(unreachable);
        Assert.Null(unreachable.LargestMargin);
        Assert.Equal(0.9, unreachable.LargestThreshold);
    }

    // (1 − 0.999) / 0.999 = 0.001001: two decimals read 0, three keep it (0.999 × 1.001 = 0.999999 ≤ 1).
    [Fact]
    public void FirstUnreachable_LimitBelowTwoDecimals_WrittenWithTheDecimalsItNeeds()
    {
        Assert.Equal(0.001, Check("otif_rate >= 0.999", 0.01)?.LargestMargin);
    }

    [Theory]
    [InlineData("otif_rate >= 0.95", 0.05)]   // 0.9975
    [InlineData("otif_rate <= 0.5", 0.5)]     // hardened down to 0.25, which a share reaches
    [InlineData("otif_rate < 0.01", 0.99)]    // 0.0001: hardening lowers a positive threshold toward 0, never past it
    [InlineData("not otif_rate > 0.95", 0.5)] // needs ≤ 0.475
    [InlineData("otif_rate >= 0", 0.9)]       // 0 does not move
    [InlineData("otif_rate == 1", 0.5)]       // == does not move
    [InlineData("revenue >= 0.95", 0.5)]      // revenue has no upper bound
    [InlineData("otif_rate >= 1.5", 0.1)]     // out of reach as written: no margin made it so
    public void FirstUnreachable_WithinReachOrNotMadeSoByTheMargin_Null(string rule, double margin)
    {
        Assert.Null(Check(rule, margin));
    }

    // The margin is written as the other Core checks write a number, whatever the culture: 1.5, not 1,5.
    [Fact]
    public void FirstUnreachable_MarginOfOneAndAHalfUnderGermanCulture_NamesTheValueInvariantly()
    {
        var previous = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("de-DE");

            var error = Assert.Throws<ArgumentOutOfRangeException>(() => Check("otif_rate >= 0.95", 1.5));

            Assert.StartsWith("Margin must be in [0, 1); got 1.5.", error.Message);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }
}
