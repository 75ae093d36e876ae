namespace ChainSeg.Core.Inventory;

/// <summary>
/// How far below the reorder point the inventory position lies when a periodic review places an order: a continuous-review
/// formula assumes the order goes out exactly at r, but reviewed once a period the position has usually fallen past it.
/// </summary>
/// <remarks>
/// Renewal approximation for period demand D (zero periods included): the undershoot has the equilibrium excess distribution
/// of D, so E[U] = E[D²] / 2E[D] and E[U²] = E[D³] / 3E[D] (Hadley &amp; Whitin 1963, §4-7; Silver, Pyke &amp; Thomas 2017, §6.7).
/// The reorder point then protects lead-time demand plus U.
/// </remarks>
/// <param name="Mean">E[U], in units.</param>
/// <param name="Variance">Var U, in units².</param>
public readonly record struct ReviewUndershoot(double Mean, double Variance)
{
    /// <summary>No undershoot: continuous review.</summary>
    public static ReviewUndershoot None { get; } = new(0.0, 0.0);

    /// <summary>The undershoot for review-period demand with the given raw moments E[D], E[D²], E[D³].</summary>
    /// <exception cref="ArgumentOutOfRangeException">a moment is negative or not finite.</exception>
    public static ReviewUndershoot FromMoments(double mean, double secondMoment, double thirdMoment)
    {
        Arguments.NonNegative(mean, nameof(mean), "Mean review-period demand");
        Arguments.NonNegative(secondMoment, nameof(secondMoment), "Second moment of review-period demand");
        Arguments.NonNegative(thirdMoment, nameof(thirdMoment), "Third moment of review-period demand");
        if (mean == 0.0)
        {
            return None;
        }

        double meanU = secondMoment / (2.0 * mean);
        return new ReviewUndershoot(meanU, Math.Max(0.0, thirdMoment / (3.0 * mean) - meanU * meanU));
    }

    /// <summary>
    /// The undershoot for a review every <paramref name="reviewPeriods"/> periods, from the raw moments of one period's demand,
    /// periods taken as independent (mean, variance and third central moment add up over the review period).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">reviewPeriods or a moment is negative or not finite.</exception>
    public static ReviewUndershoot ForReviewPeriod(double reviewPeriods, double mean, double secondMoment, double thirdMoment)
    {
        Arguments.NonNegative(reviewPeriods, nameof(reviewPeriods), "Review period");
        if (reviewPeriods == 0.0)
        {
            return None;
        }

        double variance = Math.Max(0.0, secondMoment - mean * mean);
        double thirdCentral = thirdMoment - 3.0 * mean * secondMoment + 2.0 * mean * mean * mean;
        double m = reviewPeriods * mean;
        double v = reviewPeriods * variance;
        return FromMoments(m, v + m * m, Math.Max(0.0, reviewPeriods * thirdCentral + 3.0 * m * v + m * m * m));
    }
}
