using MathNet.Numerics;

namespace ChainSeg.Core.Statistics;

/// <summary>Gamma-distributed demand (shape a, scale b): non-negative and right-skewed, a common fit for lumpy lead-time demand.</summary>
public sealed class GammaDemand : IDemandDistribution, ITailLoss
{
    /// <summary>Creates Gamma(shape, scale) with mean shape·scale and variance shape·scale².</summary>
    /// <exception cref="ArgumentOutOfRangeException">shape or scale is not positive and finite.</exception>
    public GammaDemand(double shape, double scale)
    {
        Shape = Arguments.Positive(shape, nameof(shape), "Gamma shape");
        Scale = Arguments.Positive(scale, nameof(scale), "Gamma scale");
    }

    /// <summary>Fits a gamma distribution by the method of moments: shape = (μ/σ)², scale = σ²/μ.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean or standardDeviation is not positive and finite.</exception>
    public static GammaDemand FromMoments(double mean, double standardDeviation)
    {
        Arguments.Positive(mean, nameof(mean), "Mean demand");
        Arguments.Positive(standardDeviation, nameof(standardDeviation), "Demand standard deviation");
        double cv = standardDeviation / mean;
        return new GammaDemand(1.0 / (cv * cv), standardDeviation * cv);
    }

    /// <summary>Shape parameter a.</summary>
    public double Shape { get; }

    /// <summary>Scale parameter b.</summary>
    public double Scale { get; }

    /// <inheritdoc />
    public double Mean => Shape * Scale;

    /// <inheritdoc />
    public double StandardDeviation => Math.Sqrt(Shape) * Scale;

    /// <summary>Density f(x).</summary>
    public double Pdf(double x)
    {
        if (x < 0.0)
        {
            return 0.0;
        }

        double y = x / Scale;
        return Math.Exp((Shape - 1.0) * Math.Log(y) - y - SpecialFunctions.GammaLn(Shape)) / Scale;
    }

    /// <inheritdoc />
    public double Cdf(double x) => x <= 0.0 ? 0.0 : SpecialFunctions.GammaLowerRegularized(Shape, x / Scale);

    /// <summary>P(D &gt; x), computed directly so it keeps its precision far in the tail.</summary>
    public double UpperTail(double x) => x <= 0.0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(Shape, x / Scale);

    /// <inheritdoc />
    public double Quantile(double p)
    {
        Arguments.OpenUnit(p, nameof(p), "Probability");
        return Scale * SpecialFunctions.GammaLowerRegularizedInv(Shape, p);
    }

    /// <inheritdoc />
    public double Loss(double x)
    {
        if (x <= 0.0)
        {
            return Mean - x;
        }

        // With y = x/b: E[(D − x)⁺] = b[(a − y)P(D > x) + y·f_Y(y)], f_Y the Gamma(a, 1) density (Zipkin 2000, p. 457).
        double y = x / Scale;
        double yDensity = Math.Exp(Shape * Math.Log(y) - y - SpecialFunctions.GammaLn(Shape));
        return Math.Max(Scale * ((Shape - y) * UpperTail(x) + yDensity), 0.0);
    }

    /// <inheritdoc />
    public double InverseLoss(double loss)
    {
        Arguments.Positive(loss, nameof(loss), "Expected shortage");
        if (loss >= Mean)
        {
            // For x ≤ 0 all demand is short: n(x) = μ − x.
            return Mean - loss;
        }

        double upper = Mean + StandardDeviation;
        while (Loss(upper) > loss)
        {
            upper *= 2.0;
        }

        return SafeguardedNewton.DecreasingRoot(new LogLossGap<GammaDemand>(this, Math.Log(loss)), lower: 0.0, upper, start: 0.5 * upper);
    }

    /// <inheritdoc />
    (double Loss, double Tail) ITailLoss.LossAndTail(double x) => (Loss(x), UpperTail(x));
}
