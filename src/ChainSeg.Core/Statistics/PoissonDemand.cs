using MathNet.Numerics;

namespace ChainSeg.Core.Statistics;

/// <summary>Poisson demand with mean λ: the usual model for slow-moving, intermittent items sold one unit at a time.</summary>
public sealed class PoissonDemand : IDemandDistribution
{
    /// <summary>Creates Poisson(mean); mean 0 means no demand at all.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is negative or not finite.</exception>
    public PoissonDemand(double mean)
    {
        Mean = Arguments.NonNegative(mean, nameof(mean), "Mean demand");
    }

    /// <inheritdoc />
    public double Mean { get; }

    /// <inheritdoc />
    public double StandardDeviation => Math.Sqrt(Mean);

    /// <summary>P(D = k); zero unless k is a whole number ≥ 0.</summary>
    public double Pmf(double k)
    {
        if (k < 0.0 || k != Math.Floor(k))
        {
            return 0.0;
        }

        if (Mean == 0.0)
        {
            return k == 0.0 ? 1.0 : 0.0;
        }

        return Math.Exp(k * Math.Log(Mean) - Mean - SpecialFunctions.GammaLn(k + 1.0));
    }

    /// <inheritdoc />
    public double Cdf(double x)
    {
        if (x < 0.0)
        {
            return 0.0;
        }

        // P(D ≤ k) = Q(k + 1, λ), the regularised upper incomplete gamma function.
        return Mean == 0.0 ? 1.0 : SpecialFunctions.GammaUpperRegularized(Math.Floor(x) + 1.0, Mean);
    }

    /// <summary>P(D &gt; k), computed directly so it keeps its precision far in the tail.</summary>
    public double UpperTail(double k)
    {
        if (k < 0.0)
        {
            return 1.0;
        }

        return Mean == 0.0 ? 0.0 : SpecialFunctions.GammaLowerRegularized(Math.Floor(k) + 1.0, Mean);
    }

    /// <inheritdoc />
    public double Quantile(double p)
    {
        Arguments.OpenUnit(p, nameof(p), "Probability");
        if (Mean == 0.0)
        {
            return 0.0;
        }

        // Cornish-Fisher start, then step to the exact smallest k with F(k) ≥ p.
        double z = StandardNormal.InverseCdf(p);
        double k = Math.Max(0.0, Math.Floor(Mean + z * Math.Sqrt(Mean) + (z * z - 1.0) / 6.0));
        while (Cdf(k) < p)
        {
            k++;
        }

        while (k > 0.0 && Cdf(k - 1.0) >= p)
        {
            k--;
        }

        return k;
    }

    /// <inheritdoc />
    public double Loss(double x)
    {
        if (x <= 0.0)
        {
            return Mean - x;
        }

        // n(k) = (λ − k) P(D > k) + λ P(D = k) for whole k; n is linear between whole numbers.
        double k = Math.Floor(x);
        double tail = UpperTail(k);
        double atWhole = (Mean - k) * tail + Mean * Pmf(k);
        return Math.Max(atWhole - (x - k) * tail, 0.0);
    }

    /// <inheritdoc />
    public double InverseLoss(double loss)
    {
        Arguments.Positive(loss, nameof(loss), "Expected shortage");
        if (loss >= Mean)
        {
            // For x ≤ 0 every unit of demand is short: n(x) = λ − x.
            return Math.Ceiling(Mean - loss) + 0.0;
        }

        double sd = StandardDeviation;
        double r = Math.Max(0.0, Math.Floor(Mean + sd * StandardNormal.InverseLoss(Math.Max(loss / sd, StandardNormal.MinimumInvertibleLoss))));
        while (Loss(r) > loss)
        {
            r++;
        }

        while (r > 0.0 && Loss(r - 1.0) <= loss)
        {
            r--;
        }

        return r;
    }
}
