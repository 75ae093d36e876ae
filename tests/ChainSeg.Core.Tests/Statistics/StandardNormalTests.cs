using ChainSeg.Core.Statistics;
using MathNet.Numerics;

namespace ChainSeg.Core.Tests.Statistics;

public sealed class StandardNormalTests
{
    // Independent check: G(z) = ∫_z^∞ (x − z) φ(x) dx by adaptive Gauss-Kronrod quadrature of the density.
    [Theory]
    [InlineData(-4.0)]
    [InlineData(-1.5)]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(1.3)]
    [InlineData(2.0)]
    [InlineData(3.5)]
    public void Loss_AnyZ_MatchesNumericalIntegration(double z)
    {
        double integral = Integrate.GaussKronrod(x => (x - z) * StandardNormal.Pdf(x), z, z + 40.0, 1e-14);

        Assert.Equal(integral, StandardNormal.Loss(z), 12);
    }

    // Independent check: G₂(z) = ½∫_z^∞ (x − z)² φ(x) dx by quadrature.
    [Theory]
    [InlineData(-3.0)]
    [InlineData(0.0)]
    [InlineData(1.3)]
    [InlineData(2.5)]
    public void SecondOrderLoss_AnyZ_MatchesNumericalIntegration(double z)
    {
        double integral = 0.5 * Integrate.GaussKronrod(x => (x - z) * (x - z) * StandardNormal.Pdf(x), z, z + 40.0, 1e-14);

        Assert.Equal(integral, StandardNormal.SecondOrderLoss(z), 12);
    }

    [Theory]
    [InlineData(39.0)]
    [InlineData(41.0)]
    [InlineData(1e153)]
    [InlineData(1e160)]
    public void SecondOrderLoss_FarInTheTail_IsZeroNotNaN(double z)
    {
        // z² overflows past 1.3e154, and (z² + 1) × (1 − Φ(z)) was ∞ × 0 = NaN (calc loss reported it as out of range).
        Assert.InRange(StandardNormal.SecondOrderLoss(z), 0.0, 1e-300);
        Assert.InRange(StandardNormal.Loss(z), 0.0, 1e-300);
    }

    // Reference: stockpyl (L. V. Snyder), loss_functions.standard_normal_loss(1.3) = 0.04552796208651397 and
    // standard_normal_second_loss(1.3) = 0.01880706693657111, notation of Snyder & Shen (2019), eqs. (C.22), (C.27).
    [Fact]
    public void LossFunctions_AtZ1_3_MatchPublishedValues()
    {
        Assert.Equal(0.04552796208651397, StandardNormal.Loss(1.3), 14);
        Assert.Equal(0.01880706693657111, StandardNormal.SecondOrderLoss(1.3), 14);
    }

    [Fact]
    public void Loss_AtZero_EqualsDensityAtZero()
    {
        // G(0) = φ(0) − 0 = 1/√(2π), the first entry of every normal loss table (0.3989).
        Assert.Equal(1.0 / Math.Sqrt(2.0 * Math.PI), StandardNormal.Loss(0.0), 15);
    }

    [Theory]
    [InlineData(0.3)]
    [InlineData(1.7)]
    [InlineData(4.0)]
    public void Loss_NegativeArgument_SatisfiesReflectionIdentity(double z)
    {
        // E[(Z − z)⁺] − E[(z − Z)⁺] = E[Z] − z = −z, and by symmetry E[(z − Z)⁺] = G(−z) − ... gives G(−z) = G(z) + z.
        Assert.Equal(StandardNormal.Loss(z) + z, StandardNormal.Loss(-z), 13);
    }

    // Standard normal table: Φ⁻¹(0.95) = 1.644854, Φ⁻¹(0.975) = 1.959964, Φ⁻¹(0.99) = 2.326348.
    [Theory]
    [InlineData(0.95, 1.6448536269514722)]
    [InlineData(0.975, 1.959963984540054)]
    [InlineData(0.99, 2.3263478740408408)]
    public void InverseCdf_TableProbabilities_ReturnsTableQuantiles(double p, double z)
    {
        Assert.Equal(z, StandardNormal.InverseCdf(p), 9);
        Assert.Equal(p, StandardNormal.Cdf(z), 12);
    }

    [Fact]
    public void UpperTail_FarTail_KeepsRelativePrecision()
    {
        // 1 − Φ(10) = 7.6198530241605e-24; 1 − Cdf(10) would round to 0. Checked against quadrature of φ.
        double integral = Integrate.GaussKronrod(StandardNormal.Pdf, 10.0, 60.0, 1e-30);

        Assert.Equal(0.0, 1.0 - StandardNormal.Cdf(10.0));
        Assert.Equal(1.0, StandardNormal.UpperTail(10.0) / integral, 9);
        Assert.Equal(1.0, StandardNormal.UpperTail(10.0) / 7.6198530241605e-24, 9);
    }

    [Theory]
    [InlineData(1e-280)]
    [InlineData(1e-12)]
    [InlineData(0.001)]
    [InlineData(0.0833)]
    [InlineData(0.3)]
    [InlineData(0.39894)]
    [InlineData(1.0)]
    [InlineData(25.0)]
    [InlineData(1e6)]
    public void InverseLoss_AnyPositiveLoss_RoundTrips(double loss)
    {
        double z = StandardNormal.InverseLoss(loss);

        Assert.Equal(1.0, StandardNormal.Loss(z) / loss, 10);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1e-301)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void InverseLoss_NonPositiveOrUnrepresentable_Throws(double loss)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseLoss(loss));
        Assert.Contains("∞)", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(1.0)]
    [InlineData(1.2)]
    [InlineData(double.NaN)]
    public void InverseCdf_OutsideOpenUnitInterval_ThrowsNamingRange(double p)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => StandardNormal.InverseCdf(p));
        Assert.Contains("(0, 1)", ex.Message, StringComparison.Ordinal);
    }
}
