using ChainSeg.Core.Segmentation.Clustering;

namespace ChainSeg.Core.Tests.Segmentation.Clustering;

public sealed class ClusterSizeLimitsTests
{
    [Fact]
    public void Resolve_Shares_MinimumRoundsUpAndMaximumRoundsDown()
    {
        var limits = ClusterSizeLimits.FromShares(0.05, 0.5);

        // 0.05 × 101 = 5.05 → at least 6; 0.5 × 101 = 50.5 → at most 50.
        Assert.Equal((6, 50), limits.Resolve(101, 3));
    }

    [Fact]
    public void Resolve_ShareProductWithRoundingNoise_KeepsExactInteger()
    {
        // 0.1 × 30 is 3.0000000000000004 in binary floating point; the bound must still be 3, not 4.
        Assert.Equal((3, 30), ClusterSizeLimits.FromShares(0.1, 1.0).Resolve(30, 3));
    }

    [Fact]
    public void Resolve_CountAboveN_CappedAtN()
    {
        Assert.Equal((2, 10), ClusterSizeLimits.FromCounts(2, 500).Resolve(10, 2));
    }

    [Theory]
    [InlineData(100, 4, false)]
    [InlineData(100, 3, true)]
    [InlineData(100, 1, false)]
    [InlineData(100, 2, true)]
    public void IsFeasible_ShareLimits_MatchesKTimesBounds(int n, int k, bool expected)
    {
        // min 30 %, max 60 % of 100: k·30 ≤ 100 ≤ k·60 holds for k = 2 and 3 only.
        Assert.Equal(expected, ClusterSizeLimits.FromShares(0.3, 0.6).IsFeasible(n, k));
    }

    [Theory]
    [InlineData(-0.1, 0.5)]
    [InlineData(0.2, 1.5)]
    [InlineData(0.6, 0.5)]
    [InlineData(0.0, 0.0)]
    [InlineData(double.NaN, 0.5)]
    public void FromShares_OutOfRange_Throws(double minimum, double maximum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterSizeLimits.FromShares(minimum, maximum));
    }

    [Theory]
    [InlineData(-1, 5)]
    [InlineData(0, 0)]
    [InlineData(6, 5)]
    public void FromCounts_OutOfRange_Throws(int minimum, int maximum)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ClusterSizeLimits.FromCounts(minimum, maximum));
    }

    [Theory]
    [InlineData(100, 2, 4, 0.3, 0.5, true)]   // k = 2 and 3 fit
    [InlineData(5, 1, 3, 0, 0.1, false)]      // ⌊0.1·5⌋ = 0 members: no k has room
    public void Infeasibility_Range_NullOnlyWhenSomeKFits(int n, int smallest, int largest, double minimum, double maximum, bool fits)
    {
        var limits = ClusterSizeLimits.FromShares(minimum, maximum);

        Assert.Equal(fits, limits.Infeasibility(n, smallest, largest) is null);
        Assert.Equal(fits, Enumerable.Range(smallest, largest - smallest + 1).Any(k => limits.IsFeasible(n, k)));
    }

    [Theory]
    // 6 points in 3 clusters: min_share 0.4 resolves to ⌈2.4⌉ = 3 members, 9 > 6; ⌊6/3⌋ = 2 fit, a share of 2/6 = 0.3333…,
    // written rounded down (0.334 would resolve to ⌈2.004⌉ = 3 again).
    [InlineData(0.4, 1.0, 6, 3, "lower the minimum to 2 (share 0.333 or less) or the number of clusters.", 0.333, 1.0)]
    // max_share 0.3 resolves to ⌊1.8⌋ = 1 member, 3 < 6; ⌈6/3⌉ = 2 are needed, 0.3333…, written rounded up (0.333 would resolve to ⌊1.998⌋ = 1).
    [InlineData(0.0, 0.3, 6, 3, "raise the maximum to 2 (share 0.334 or more) or the number of clusters.", 0.0, 0.334)]
    // 7 points in 2 clusters at most 0.5: ⌊3.5⌋ = 3, 6 < 7; ⌈7/2⌉ = 4 needed, 4/7 = 0.5714…, up to 0.572.
    [InlineData(0.0, 0.5, 7, 2, "raise the maximum to 4 (share 0.572 or more) or the number of clusters.", 0.0, 0.572)]
    public void Resolve_UnmetShare_NamesAShareThatMeetsTheLimits(double min, double max, int n, int k, string advice, double fixedMin, double fixedMax)
    {
        // The advice gave no value ("lower the minimum or the number of clusters"); the value it now gives must fit as written.
        var error = Assert.Throws<ArgumentException>(() => ClusterSizeLimits.FromShares(min, max).Resolve(n, k));

        Assert.EndsWith(advice, error.Message, StringComparison.Ordinal);
        Assert.True(ClusterSizeLimits.FromShares(fixedMin, fixedMax).IsFeasible(n, k));
    }

    [Fact]
    public void Resolve_OneClusterOverOneDistinctProfile_SaysClusterAndProfileInTheSingular()
    {
        // ⌊0.5·4⌋ = 2 members in 1 cluster hold 2 of the 4 points (the run's error read "1 clusters × maximum …"); the one
        // cluster needs all ⌈4/1⌉ = 4, a share of 4/4 = 1.
        var error = Assert.Throws<ArgumentException>(() => ClusterSizeLimits.FromShares(0, 0.5).Resolve(4, 1, distinctCap: 1));

        Assert.Equal("Cluster size limits cannot be met: 1 cluster × maximum 2 (share 0.5) = 2 members, fewer than the 4 points; "
            + "raise the maximum to 4 (share 1): the 4 points hold only 1 distinct profile, so k cannot go above 1.", error.Message);
    }

    [Fact]
    public void Resolve_OneClusterOfAtMostOneMember_SaysMemberInTheSingular()
    {
        // 1 cluster needs ⌈2/1⌉ = 2 members.
        var error = Assert.Throws<ArgumentException>(() => ClusterSizeLimits.FromCounts(0, 1).Resolve(2, 1));

        Assert.Equal("Cluster size limits cannot be met: 1 cluster × maximum 1 = 1 member, fewer than the 2 points; "
            + "raise the maximum to 2 or the number of clusters.", error.Message);
    }

    [Fact]
    public void Resolve_MinimumAboveTheOnePoint_SaysPointInTheSingular()
    {
        // 1 cluster of the 1 point fits ⌊1/1⌋ = 1 member.
        var error = Assert.Throws<ArgumentException>(() => ClusterSizeLimits.FromCounts(2, 5).Resolve(1, 1));

        Assert.Equal("Cluster size limits cannot be met: 1 cluster × minimum 2 = 2 members, but there is only 1 point; "
            + "lower the minimum to 1 or the number of clusters.", error.Message);
    }

    [Fact]
    public void Infeasibility_RangeBreaksAfterOneCluster_SaysClusterInTheSingular()
    {
        // 10 points, at least ⌈0.6·10⌉ = 6 and at most ⌊0.7·10⌋ = 7 a cluster: 1 cluster holds 7, 2 need 12. Either bound
        // mends it: a minimum of ⌊10/2⌋ = 5 lets 2 clusters (2 × 5 ≤ 10 ≤ 2 × 7), a maximum of ⌈10/1⌉ = 10 lets 1.
        var message = ClusterSizeLimits.FromShares(0.6, 0.7).Infeasibility(10, 1, 3);

        Assert.Equal("Cluster size limits cannot be met by any k from 1 to 3: 1 cluster × maximum 7 (share 0.7) = 7 members, fewer than "
            + "the 10 points, and 2 clusters × minimum 6 (share 0.6) = 12, more than them; lower the minimum to 5 (share 0.5 or less) "
            + "or raise the maximum to 10 (share 1).", message);
        Assert.Null(ClusterSizeLimits.FromShares(0.5, 0.7).Infeasibility(10, 1, 3));
        Assert.Null(ClusterSizeLimits.FromShares(0.6, 1).Infeasibility(10, 1, 3));
    }
}
