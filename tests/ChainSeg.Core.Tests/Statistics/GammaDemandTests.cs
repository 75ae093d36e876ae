using ChainSeg.Core.Statistics;
using MathNet.Numerics;

namespace ChainSeg.Core.Tests.Statistics;

public sealed class GammaDemandTests
{
    [Fact]
    public void FromMoments_MeanAndSd_ReproducesThem()
    {
        var demand = GammaDemand.FromMoments(40.0, 25.0);

        Assert.Equal(40.0, demand.Mean, 12);
        Assert.Equal(25.0, demand.StandardDeviation, 12);
        Assert.Equal(2.56, demand.Shape, 12);
        Assert.Equal(15.625, demand.Scale, 12);
    }

    // Reference: stockpyl (L. V. Snyder), loss_functions.gamma_loss(4, 2, 3) = 2.635971381157268 (shape 2, scale 3;
    // formula of Zipkin 2000, p. 457). Independent check: ∫_x^∞ (y − x) f(y) dy by quadrature of the density.
    [Fact]
    public void Loss_PublishedExample_MatchesReferenceAndQuadrature()
    {
        var demand = new GammaDemand(2.0, 3.0);
        double integral = Integrate.GaussKronrod(y => (y - 4.0) * demand.Pdf(y), 4.0, 400.0, 1e-13);

        Assert.Equal(2.635971381157268, demand.Loss(4.0), 12);
        Assert.Equal(integral, demand.Loss(4.0), 10);
    }

    [Theory]
    [InlineData(0.35, 10.0, 2.0)]
    [InlineData(3.0, 2.0, 9.0)]
    [InlineData(50.0, 1.5, 70.0)]
    public void CdfAndLoss_AnyShape_MatchQuadrature(double shape, double scale, double x)
    {
        var demand = new GammaDemand(shape, scale);
        double upper = demand.Mean + 60.0 * demand.StandardDeviation;

        double cdf = Integrate.GaussKronrod(demand.Pdf, x, upper, 1e-13);
        double loss = Integrate.GaussKronrod(y => (y - x) * demand.Pdf(y), x, upper, 1e-13);

        Assert.Equal(1.0 - cdf, demand.Cdf(x), 10);
        Assert.Equal(loss, demand.Loss(x), 9);
    }

    [Theory]
    [InlineData(0.35, 10.0, 0.95)]
    [InlineData(3.0, 2.0, 0.5)]
    [InlineData(50.0, 1.5, 0.999)]
    public void Quantile_AnyProbability_IsInverseOfCdf(double shape, double scale, double p)
    {
        var demand = new GammaDemand(shape, scale);

        Assert.Equal(p, demand.Cdf(demand.Quantile(p)), 9);
    }

    // Independent path: MathNet's inverse of the regularized incomplete gamma function, over shapes from very lumpy to
    // nearly normal and probabilities up to the far upper tail; below p = 0.2 at shape 0.05 the quantile is about 1e-40, where
    // MathNet's inverse and its CDF stop at their absolute tolerances, so there the check is the series F(y) ≈ y^a / Γ(a + 1).
    [Theory]
    [InlineData(0.05)]
    [InlineData(0.3)]
    [InlineData(1.0)]
    [InlineData(7.5)]
    [InlineData(120.0)]
    [InlineData(5000.0)]
    public void Quantile_ShapesAndProbabilities_MatchTheIncompleteGammaInverse(double shape)
    {
        var demand = new GammaDemand(shape, 4.0);
        foreach (var p in new[] { 0.01, 0.2, 0.5, 0.8, 0.95, 0.99, 0.9999 })
        {
            double quantile = demand.Quantile(p);
            double y = quantile / 4.0;
            double cdf = y < 1e-8 ? Math.Exp(shape * Math.Log(y) - SpecialFunctions.GammaLn(shape + 1.0)) : demand.Cdf(quantile);
            Assert.Equal(1.0, cdf / p, 7);
            if (p >= 0.2)
                Assert.Equal(1.0, quantile / (4.0 * SpecialFunctions.GammaLowerRegularizedInv(shape, p)), 8);
        }
    }

    [Theory]
    [InlineData(0.35, 10.0, 0.05)]
    [InlineData(3.0, 2.0, 1.0)]
    [InlineData(50.0, 1.5, 1e-8)]
    [InlineData(2.0, 5.0, 25.0)]
    [InlineData(0.05, 3.0, 0.01)]
    [InlineData(500.0, 0.2, 0.004)]
    public void InverseLoss_AnyTarget_IsInverseOfLoss(double shape, double scale, double target)
    {
        var demand = new GammaDemand(shape, scale);

        double x = demand.InverseLoss(target);

        Assert.Equal(1.0, demand.Loss(x) / target, 9);
    }

    [Fact]
    public void FromMoments_ZeroSd_Throws()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => GammaDemand.FromMoments(10.0, 0.0));
        Assert.Contains("> 0", ex.Message, StringComparison.Ordinal);
    }
}
