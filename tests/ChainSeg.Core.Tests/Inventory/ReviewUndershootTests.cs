using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Tests.Inventory;

public sealed class ReviewUndershootTests
{
    [Fact]
    public void FromMoments_ConstantDemand_UniformOnZeroToD()
    {
        // Demand of exactly d = 6 per review: the position crosses r at a point uniform over the last step, so U ~ U(0, 6):
        // mean 3, variance 6²/12 = 3 (the renewal excess of a constant is uniform).
        var u = ReviewUndershoot.FromMoments(6.0, 36.0, 216.0);

        Assert.Equal(3.0, u.Mean, 12);
        Assert.Equal(3.0, u.Variance, 12);
    }

    [Fact]
    public void FromMoments_ExponentialDemand_ExcessIsExponentialToo()
    {
        // Exponential demand with mean 4 is memoryless: the excess is exponential with mean 4, variance 16.
        // Raw moments of Exp(mean 4): E[D] = 4, E[D²] = 2·16 = 32, E[D³] = 6·64 = 384.
        var u = ReviewUndershoot.FromMoments(4.0, 32.0, 384.0);

        Assert.Equal(4.0, u.Mean, 12);
        Assert.Equal(16.0, u.Variance, 12);
    }

    [Fact]
    public void FromMoments_NoDemand_None()
    {
        Assert.Equal(ReviewUndershoot.None, ReviewUndershoot.FromMoments(0.0, 0.0, 0.0));
    }

    [Fact]
    public void ForReviewPeriod_OnePeriod_SameAsFromMoments()
    {
        Assert.Equal(ReviewUndershoot.FromMoments(2.0, 10.0, 70.0), ReviewUndershoot.ForReviewPeriod(1.0, 2.0, 10.0, 70.0));
    }

    [Fact]
    public void ForReviewPeriod_SeveralPeriodsOfConstantDemand_ConstantOverTheReview()
    {
        // 3 periods of exactly 2: review demand is exactly 6, so the same as FromMoments(6, 36, 216).
        var u = ReviewUndershoot.ForReviewPeriod(3.0, 2.0, 4.0, 8.0);

        Assert.Equal(3.0, u.Mean, 12);
        Assert.Equal(3.0, u.Variance, 12);
    }

    [Fact]
    public void ForReviewPeriod_ContinuousReview_None()
    {
        Assert.Equal(ReviewUndershoot.None, ReviewUndershoot.ForReviewPeriod(0.0, 2.0, 10.0, 70.0));
    }

    [Fact]
    public void FromMoments_NegativeMoment_ThrowsNamingRange()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => ReviewUndershoot.FromMoments(-1.0, 1.0, 1.0));

        Assert.Contains("must be a finite number ≥ 0", ex.Message, StringComparison.Ordinal);
    }
}
