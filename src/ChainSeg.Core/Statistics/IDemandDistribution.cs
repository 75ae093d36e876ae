namespace ChainSeg.Core.Statistics;

/// <summary>A demand distribution (typically lead-time demand) with what reorder-point and loss calculations need.</summary>
public interface IDemandDistribution
{
    /// <summary>Expected demand.</summary>
    double Mean { get; }

    /// <summary>Standard deviation of demand.</summary>
    double StandardDeviation { get; }

    /// <summary>P(D ≤ x).</summary>
    double Cdf(double x);

    /// <summary>Smallest x with P(D ≤ x) ≥ p (a whole number for discrete distributions).</summary>
    /// <exception cref="ArgumentOutOfRangeException">p is not in (0, 1).</exception>
    double Quantile(double p);

    /// <summary>First-order loss n(x) = E[(D − x)⁺]: expected units short when stocking x.</summary>
    double Loss(double x);

    /// <summary>Smallest x with n(x) ≤ loss (a whole number for discrete distributions).</summary>
    /// <exception cref="ArgumentOutOfRangeException">loss is not positive and finite.</exception>
    double InverseLoss(double loss);
}
