namespace ChainSeg.Core.Statistics;

/// <summary>Normally distributed demand N(μ, σ²); σ = 0 is allowed and means demand is known exactly.</summary>
public sealed class NormalDemand : IDemandDistribution
{
    /// <summary>Creates N(mean, standardDeviation²).</summary>
    /// <exception cref="ArgumentOutOfRangeException">mean is not finite, or standardDeviation is negative or not finite.</exception>
    public NormalDemand(double mean, double standardDeviation)
    {
        Mean = Arguments.Finite(mean, nameof(mean), "Mean demand");
        StandardDeviation = Arguments.NonNegative(standardDeviation, nameof(standardDeviation), "Demand standard deviation");
    }

    /// <inheritdoc />
    public double Mean { get; }

    /// <inheritdoc />
    public double StandardDeviation { get; }

    /// <inheritdoc />
    public double Cdf(double x)
    {
        if (StandardDeviation == 0.0)
        {
            return x >= Mean ? 1.0 : 0.0;
        }

        return StandardNormal.Cdf((x - Mean) / StandardDeviation);
    }

    /// <inheritdoc />
    public double Quantile(double p)
    {
        Arguments.OpenUnit(p, nameof(p), "Probability");
        return StandardDeviation == 0.0 ? Mean : Mean + StandardDeviation * StandardNormal.InverseCdf(p);
    }

    /// <inheritdoc />
    public double Loss(double x)
    {
        if (StandardDeviation == 0.0)
        {
            return Math.Max(Mean - x, 0.0);
        }

        return StandardDeviation * StandardNormal.Loss((x - Mean) / StandardDeviation);
    }

    /// <summary>Second-order loss n₂(x) = ½E[((D − x)⁺)²]; its derivative is −n(x), which makes the exact (r,Q) cost closed-form.</summary>
    public double SecondOrderLoss(double x)
    {
        if (StandardDeviation == 0.0)
        {
            double shortage = Math.Max(Mean - x, 0.0);
            return 0.5 * shortage * shortage;
        }

        return StandardDeviation * StandardDeviation * StandardNormal.SecondOrderLoss((x - Mean) / StandardDeviation);
    }

    /// <inheritdoc />
    public double InverseLoss(double loss)
    {
        Arguments.Positive(loss, nameof(loss), "Expected shortage");
        return StandardDeviation == 0.0
            ? Mean - loss
            : Mean + StandardDeviation * StandardNormal.InverseLoss(loss / StandardDeviation);
    }
}
