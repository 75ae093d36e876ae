namespace ChainSeg.Core.Statistics;

/// <summary>A distribution's first-order loss n(x) together with its upper tail P(D &gt; x) = −n'(x).</summary>
internal interface ITailLoss
{
    /// <summary>n(x) and P(D &gt; x).</summary>
    (double Loss, double Tail) LossAndTail(double x);
}

/// <summary>
/// ln n(x) − ln target as a decreasing function for Newton's method: the logarithm keeps the far tail well scaled where
/// n itself is tiny, and ln n is concave for log-concave densities (normal, gamma with shape ≥ 1), so steps rarely need the bracket.
/// </summary>
internal readonly struct LogLossGap<TDistribution>(TDistribution distribution, double logTarget) : IDecreasingFunction
    where TDistribution : ITailLoss
{
    /// <inheritdoc />
    public (double Value, double Slope) Evaluate(double x)
    {
        var (loss, tail) = distribution.LossAndTail(x);
        return (Math.Log(loss) - logTarget, -tail / loss);
    }
}
