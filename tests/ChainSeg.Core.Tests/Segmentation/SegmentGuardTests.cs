using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Tests.Segmentation;

public sealed class SegmentGuardTests
{
    private static SegmentAssignment[] Assignments(params string[] segments) =>
        segments.Select((s, i) => new SegmentAssignment($"c{i}", s, "")).ToArray();

    [Fact]
    public void Check_SixSegments_NoCountWarning()
    {
        var warnings = SegmentGuard.Check(Assignments("a", "b", "c", "d", "e", "f"));

        Assert.DoesNotContain(warnings, w => w.Kind == "too_many_segments");
    }

    [Fact]
    public void Check_SevenSegments_WarnsListingThem()
    {
        var warnings = SegmentGuard.Check(Assignments("a", "b", "c", "d", "e", "f", "g"));

        Assert.Equal("The model yields 7 segments, more than 6: a, b, c, d, e, f, g.", Assert.Single(warnings).Message);
    }

    // Volume 1 + 49 + 50 = 100: segment "tiny" holds 1 % of revenue (< 2 %) although it has a third of the customers.
    [Fact]
    public void Check_SegmentUnderTwoPercentOfVolume_Warns()
    {
        var warnings = SegmentGuard.Check(Assignments("tiny", "big", "big"), [1.0, 49.0, 50.0], "revenue");

        Assert.Equal("Segment 'tiny' holds 1.0 % of revenue, under 2 %.", Assert.Single(warnings).Message);
    }

    // A k-means model with k in the hundreds warned once per small segment, hundreds of lines: one warning counts them and
    // names the first few. 93 customers in "big" and one in each of s1…s7: 1 % each, under 2 %.
    [Fact]
    public void Check_ManySmallSegments_OneWarningCountingThemAndNamingTheFirstFew()
    {
        string[] segments = [.. Enumerable.Repeat("big", 93), .. Enumerable.Range(1, 7).Select(k => $"s{k}")];

        var warnings = SegmentGuard.Check(Assignments(segments), options: new SegmentGuardOptions(warnAboveSegments: 10));

        Assert.Equal("7 segments hold under 2 % of customers each ('s1' 1.0 %, 's2' 1.0 %, 's3' 1.0 %, 's4' 1.0 %, 's5' 1.0 %, …).",
            Assert.Single(warnings, w => w.Kind == "small_segment").Message);
    }

    // 1 + 49 = 50 counts, the negative and missing values none: "tiny" holds 2 % exactly, which is not under 2 %.
    [Fact]
    public void Check_NegativeAndMissingVolume_CountAsZero()
    {
        var warnings = SegmentGuard.Check(Assignments("tiny", "big", "big", "big"), [1.0, 49.0, -500.0, double.NaN], "revenue",
            new SegmentGuardOptions(warnBelowVolumeShare: 0.02));

        Assert.Empty(warnings);
    }

    // 0.7 + 0.1 of 2.0 is 40 %, which the running sum makes 0.39999999999999997: at the minimum, so no warning, as
    // min_segment_share keeps such a segment (RuleSegmenterTests.Assign_ShareExactlyAtMinShareAfterRounding_Viable). The
    // guard warned "holds 40.0 % of revenue, under 40 %" beside the model keeping it.
    [Fact]
    public void Check_ShareExactlyAtTheMinimumAfterRounding_NoWarning()
    {
        var warnings = SegmentGuard.Check(Assignments("small", "small", "big"), [0.7, 0.1, 1.2], "revenue",
            new SegmentGuardOptions(warnBelowVolumeShare: 0.4));

        Assert.Empty(warnings);
    }

    [Fact]
    public void Check_ZeroTotalVolume_WarnsOnce()
    {
        var warnings = SegmentGuard.Check(Assignments("a", "b"), [0.0, 0.0], "revenue");

        Assert.Equal("no_volume", Assert.Single(warnings).Kind);
    }

    [Fact]
    public void Check_OnlyMissingAndNegativeVolume_SaysNoCustomerHasAPositiveVolume()
    {
        // ABC on gross_margin without product costs (all missing), or with every margin negative: the total is not zero,
        // and the warning said "Total gross_margin is zero".
        var warnings = SegmentGuard.Check(Assignments("a", "b"), [double.NaN, -40.0], "gross_margin");

        Assert.Equal(
            "No customer has a positive gross_margin (missing and negative values count as zero), so segment volume shares cannot be checked.",
            Assert.Single(warnings).Message);
    }

    [Fact]
    public void Check_VolumeNotAligned_Throws()
    {
        Assert.Throws<ArgumentException>(() => SegmentGuard.Check(Assignments("a", "b"), [1.0]));
    }

    [Fact]
    public void Check_NoAssignments_NoWarnings()
    {
        Assert.Empty(SegmentGuard.Check([]));
    }
}
