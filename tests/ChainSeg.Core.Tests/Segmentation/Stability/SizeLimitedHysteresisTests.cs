using System.Globalization;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class SizeLimitedHysteresisTests
{
    [Fact]
    public void Release_HeldSegmentsWithinBounds_NobodyReleased()
    {
        // Two customers swap segments and both are held: sizes stay 2/2.
        int[] raw = [0, 1, 1, 0];
        int[] held = [0, 0, 1, 1];

        Assert.Empty(SizeLimitedHysteresis.Release(raw, held, [2, 2], [2, 2]));
    }

    [Fact]
    public void Release_HoldingOverfillsASegment_FewestHeldCustomersTakeTheirRawSegment()
    {
        // Raw 4/4/4 (bounds 3–5); hysteresis holds customers 4 and 5 in segment 0, which would make 6/2/4. Releasing one
        // of them is enough (5/3/4).
        int[] raw = [0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2];
        int[] held = [0, 0, 0, 0, 0, 0, 1, 1, 2, 2, 2, 2];

        var released = SizeLimitedHysteresis.Release(raw, held, [3, 3, 3], [5, 5, 5]);

        var final = held.ToArray();
        foreach (var i in released)
            final[i] = raw[i];
        Assert.Single(released);
        Assert.Contains(released[0], new[] { 4, 5 });
        Assert.All(Enumerable.Range(0, 3), g => Assert.InRange(final.Count(s => s == g), 3, 5));
    }

    [Fact]
    public void ReleaseOverPeriods_ReleaseEndsTheHold_LaterPeriodsFollowTheRawSegment()
    {
        // Customer 1 moves from segment 0 to 1 at period 1 and hysteresis { periods: 3 } holds it in 0 at periods 1 and 2.
        // Period 1's bounds (at most 1 in segment 0) release it; period 2's (at most 2) would not. Without ending the hold
        // its history read 0, 1, 0, 1 where the raw segments went 0, 1, 1, 1.
        int[][] raw = [[0, 0, 1], [0, 1, 1], [0, 1, 1], [0, 1, 1]];
        int[][] held = [[0, 0, 1], [0, 0, 1], [0, 0, 1], [0, 1, 1]];
        (int[], int[])?[] bounds = [null, ([0, 0], [1, 3]), ([0, 0], [2, 3]), null];

        var released = SizeLimitedHysteresis.ReleaseOverPeriods(raw, held, p => bounds[p], ByPeriods(raw, held, 3));

        Assert.Equal([0, 1, 1, 1], held.Select(period => period[1]));
        Assert.Equal([[], [1], [], []], released.Select(p => p.ToArray()));
    }

    [Fact]
    public void ReleaseOverPeriods_RawSegmentReturnsAfterARelease_HeldInTheReleasedSegment()
    {
        // Customer 1's raw segments go 0, 1, 0 and hysteresis { periods: 2 } holds it in 0 throughout. Period 1's bounds (at
        // most 1 in segment 0) release it to 1; from there on hysteresis holds it in 1, as the README's rule says (a move
        // after 2 consecutive periods in the new segment), so period 2 (no bounds) keeps it in 1. Before, the release
        // ended only a hold in 0 and the history flipped 0, 1, 0: two moves in two periods under periods: 2.
        int[][] raw = [[0, 0, 1], [0, 1, 1], [0, 0, 1]];
        int[][] held = [[0, 0, 1], [0, 0, 1], [0, 0, 1]];
        (int[], int[])?[] bounds = [null, ([0, 0], [1, 3]), null];

        SizeLimitedHysteresis.ReleaseOverPeriods(raw, held, p => bounds[p], ByPeriods(raw, held, 2));

        Assert.Equal([0, 1, 1], held.Select(period => period[1]));
        Assert.Equal([0, 0, 0], held.Select(period => period[0]));
    }

    // What the segmentation stage does on a release: the customer's path again under hysteresis { periods: n }, from its
    // raw segment at the release on.
    private static Action<int, int> ByPeriods(int[][] raw, int[][] held, int n)
    {
        var releases = new Dictionary<int, HashSet<int>>();
        return (customer, period) =>
        {
            var at = releases.TryGetValue(customer, out var known) ? known : releases[customer] = [];
            at.Add(period);
            var path = SegmentHysteresis.ByPeriods(raw.Select(p => (string?)p[customer].ToString(CultureInfo.InvariantCulture)).ToList(), n, releasedAt: at);
            for (var q = period; q < raw.Length; q++)
                held[q][customer] = int.Parse(path[q].Segment!, CultureInfo.InvariantCulture);
        };
    }

    [Fact]
    public void Release_CustomersWithoutSegmentOrInUnboundedSegments_LeftAlone()
    {
        // Code 2 (inactive, unbounded) and customers without a raw segment take no room; customer 1 held in 0 overfills it.
        int[] raw = [0, 1, 2, 2, -1];
        int[] held = [0, 0, 2, 2, -1];

        Assert.Equal([1], SizeLimitedHysteresis.Release(raw, held, [1, 1, 0], [1, 1, int.MaxValue]));
    }
}
