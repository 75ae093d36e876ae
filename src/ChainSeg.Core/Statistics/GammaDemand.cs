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
        _logGammaShape = SpecialFunctions.GammaLn(shape);
    }

    // ln Γ(a), needed by every density evaluation.
    private readonly double _logGammaShape;

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

        return StandardDensity(x / Scale) / Scale;
    }

    // Density of Gamma(a, 1) at y > 0.
    private double StandardDensity(double y) => Math.Exp((Shape - 1.0) * Math.Log(y) - y - _logGammaShape);

    /// <inheritdoc />
    public double Cdf(double x) => x <= 0.0 ? 0.0 : SpecialFunctions.GammaLowerRegularized(Shape, x / Scale);

    /// <summary>P(D &gt; x), computed directly so it keeps its precision far in the tail.</summary>
    public double UpperTail(double x) => x <= 0.0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(Shape, x / Scale);

    /// <inheritdoc />
    public double Quantile(double p)
    {
        Arguments.OpenUnit(p, nameof(p), "Probability");
        // Wilson–Hilferty: (Y/a)^(1/3) is nearly normal with mean 1 − 1/(9a) and variance 1/(9a) (Johnson, Kotz & Balakrishnan
        // 1994, §17.5). Where it falls at or below zero (small shapes, low p), F(y) ≈ y^a / Γ(a + 1) near zero gives the start.
        double c = 1.0 / (9.0 * Shape);
        double cube = 1.0 - c + StandardNormal.InverseCdf(p) * Math.Sqrt(c);
        double start = cube > 0.0 ? Shape * cube * cube * cube : Math.Exp((Math.Log(p) + SpecialFunctions.GammaLn(Shape + 1.0)) / Shape);
        if (cube <= 0.0 && start < 1e-8)
        {
            // The series F(y) = y^a / Γ(a + 1) · (1 − a·y / (a + 1) + …) makes that start exact to a relative O(y), below the
            // absolute resolution Newton would stop at.
            return Scale * start;
        }

        double upper = Math.Max(2.0 * start, Shape + 1.0);
        var gap = new LogProbabilityGap(this, p);
        while (gap.Evaluate(upper).Value > 0.0)
        {
            upper *= 2.0;
        }

        return Scale * SafeguardedNewton.DecreasingRoot(gap, lower: 0.0, upper, start: Math.Min(start, upper));
    }

    /// <inheritdoc />
    public double Loss(double x)
    {
        if (x <= 0.0)
        {
            return Mean - x;
        }

        return LossAbove(x, UpperTail(x));
    }

    // n(x) for x > 0 given its upper tail P(D > x). With y = x/b: E[(D − x)⁺] = b[(a − y)P(D > x) + y·f_Y(y)], f_Y the
    // Gamma(a, 1) density (Zipkin 2000, p. 457).
    private double LossAbove(double x, double upperTail)
    {
        double y = x / Scale;
        return Math.Max(Scale * ((Shape - y) * upperTail + y * StandardDensity(y)), 0.0);
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

        // The normal approximation with the same mean and deviation starts Newton close to the root for all but small shapes.
        double sd = StandardDeviation;
        double guess = Mean + sd * StandardNormal.InverseLoss(Math.Max(loss / sd, StandardNormal.MinimumInvertibleLoss));
        double upper = Math.Max(Mean + sd, 1.25 * guess);
        while (Loss(upper) > loss)
        {
            upper *= 2.0;
        }

        double start = guess > 0.0 && guess < upper ? guess : 0.5 * upper;
        return SafeguardedNewton.DecreasingRoot(new LogLossGap<GammaDemand>(this, Math.Log(loss)), lower: 0.0, upper, start);
    }

    /// <inheritdoc />
    /// <remarks>One incomplete gamma function serves both: the tail is the costly part of the loss.</remarks>
    (double Loss, double Tail) ITailLoss.LossAndTail(double x)
    {
        if (x <= 0.0)
        {
            return (Mean - x, 1.0);
        }

        double tail = UpperTail(x);
        return (LossAbove(x, tail), tail);
    }

    // In standard units y = x / b, the gap between the log of a tail probability and its target, decreasing in y: the upper tail
    // ln Q(a, y) − ln(1 − p) for p ≥ ½, and ln p − ln P(a, y) below, so the side that is small keeps its precision.
    private readonly struct LogProbabilityGap(GammaDemand demand, double p) : IDecreasingFunction
    {
        public (double Value, double Slope) Evaluate(double y)
        {
            if (y <= 0.0)
            {
                return (p >= 0.5 ? -Math.Log(1.0 - p) : double.PositiveInfinity, double.NegativeInfinity);
            }

            double density = demand.StandardDensity(y);
            if (p >= 0.5)
            {
                double upperTail = SpecialFunctions.GammaUpperRegularized(demand.Shape, y);
                return (Math.Log(upperTail) - Math.Log(1.0 - p), -density / upperTail);
            }

            double lowerTail = SpecialFunctions.GammaLowerRegularized(demand.Shape, y);
            return (Math.Log(p) - Math.Log(lowerTail), -density / lowerTail);
        }
    }
}
