using ChainSeg.Core.Segmentation.Rules;
using ChainSeg.Core.Segmentation.Stability;

namespace ChainSeg.Core.Tests.Segmentation.Stability;

public sealed class SegmentHysteresisTests
{
    private static readonly ThresholdBands Abc = new("revenue", [20_000, 100_000], ["C", "B", "A"]);

    [Fact]
    public void ByPeriods_TwoRequired_MovesOnSecondConsecutivePeriod()
    {
        var result = SegmentHysteresis.ByPeriods(["A", "B", "B", "B"], periods: 2);

        Assert.Equal(["A", "A", "B", "B"], result.Select(r => r.Segment));
        Assert.Equal([false, true, false, false], result.Select(r => r.Held));
        Assert.Equal("held in A: raw B for 1 of 2 consecutive periods", result[1].Reason);
        Assert.Equal("moved from A to B after 2 consecutive periods in B", result[2].Reason);
        Assert.Equal("unchanged", result[3].Reason);
    }

    [Fact]
    public void ByPeriods_SegmentGivenForAMissingValue_LeftAtOnceButAHeldCustomerGainsNoSuchStanding()
    {
        // CZ at period 0 came for want of a CV: CX at period 1 is taken at once. At period 2 raw CZ is valueless again, but
        // the customer is held in CX, whose standing that does not change: raw CY at period 3 is held as any move.
        var result = SegmentHysteresis.ByPeriods(["CZ", "CX", "CZ", "CY"], periods: 2, valuelessAt: new HashSet<int> { 0, 2 });

        Assert.Equal(["CZ", "CX", "CX", "CX"], result.Select(r => r.Segment));
        Assert.Equal([false, false, true, true], result.Select(r => r.Held));
        Assert.Equal("CX at once after CZ: no earlier position to hold", result[1].Reason);
    }

    [Fact]
    public void ByPeriods_SegmentMergedAwayThisPeriod_HoldsNoOne()
    {
        // "big" merged away at period 2: the customer takes its raw segment at once instead of being held in a segment the
        // model no longer has; at period 1 "big" still exists and holds it as usual.
        IReadOnlySet<string>[] merged = [new HashSet<string>(), new HashSet<string>(), new HashSet<string> { "big" }];

        var result = SegmentHysteresis.ByPeriods(["big", "standard", "standard"], periods: 3, mergedAwayInPeriod: merged);

        Assert.Equal(["big", "big", "standard"], result.Select(r => r.Segment));
        Assert.Equal([false, true, false], result.Select(r => r.Held));
        Assert.Equal("standard at once from big: big is merged away this period (under min_segment_share), so it holds no one", result[2].Reason);
    }

    [Fact]
    public void ByPeriods_ReleasedBySizeLimits_TakesRawThenHeldThere()
    {
        // Size limits release the customer to B at period 1 (hysteresis alone held it in A); raw A at period 2 is then 1 of 2
        // consecutive periods away from B, so it is held in B, not flipped back.
        var result = SegmentHysteresis.ByPeriods(["A", "B", "A", "A"], periods: 2, releasedAt: new HashSet<int> { 1 });

        Assert.Equal(["A", "B", "B", "A"], result.Select(r => r.Segment));
        Assert.Equal([false, false, true, false], result.Select(r => r.Held));
        Assert.Equal("B from A: released to keep the segments within their size limits", result[1].Reason);
    }

    [Fact]
    public void ByMargin_ReleasedBySizeLimits_TakesRawThenMarginHoldsThere()
    {
        // Centroid distances (A, B): period 1 is B's by a hair (0.9 < 1.0, not 25 % closer), released to B; at period 2 A is
        // nearer by 10 %, short of 25 %, so the margin holds the customer in B.
        string[] segments = ["A", "B"];
        PeriodObservation?[] path =
        [
            new DistanceObservation("A", [0.5, 2.0], segments),
            new DistanceObservation("B", [1.0, 0.9], segments),
            new DistanceObservation("A", [0.9, 1.0], segments),
        ];

        var result = SegmentHysteresis.ByMargin(path, 0.25, releasedAt: new HashSet<int> { 1 });

        Assert.Equal(["A", "B", "B"], result.Select(r => r.Segment));
        Assert.Equal([false, false, true], result.Select(r => r.Held));
    }

    [Fact]
    public void ByPeriods_SegmentEveryMemberLeftTogether_StillHolds()
    {
        // A one-member "premium" segment (or one whose members all dip in the same quarter) is empty in the raw segments at
        // period 1, but not merged away: the dip is held, where releasing it made hysteresis hold the customer in
        // "standard" when it recovered (worse than no hysteresis).
        IReadOnlySet<string>[] merged = [new HashSet<string>(), new HashSet<string>(), new HashSet<string>()];

        var result = SegmentHysteresis.ByPeriods(["premium", "standard", "premium"], periods: 2, mergedAwayInPeriod: merged);

        Assert.Equal(["premium", "premium", "premium"], result.Select(r => r.Segment));
        Assert.Equal([false, true, false], result.Select(r => r.Held));
    }

    [Fact]
    public void ByPeriods_OneOffBlip_NeverMoves()
    {
        var result = SegmentHysteresis.ByPeriods(["A", "B", "A", "C", "A"], periods: 2);

        Assert.All(result, r => Assert.Equal("A", r.Segment));
        Assert.Equal(2, result.Count(r => r.Held));
    }

    [Fact]
    public void ByPeriods_AlternatingNewSegments_RunRestartsOnEachChange()
    {
        // B then C: neither has two consecutive periods, so the customer stays in A.
        var result = SegmentHysteresis.ByPeriods(["A", "B", "C", "C"], periods: 2);

        Assert.Equal(["A", "A", "A", "C"], result.Select(r => r.Segment));
        Assert.Equal("held in A: raw C for 1 of 2 consecutive periods", result[2].Reason);
    }

    [Fact]
    public void ByPeriods_EmptyPeriod_KeepsSegmentAndBreaksTheRun()
    {
        var result = SegmentHysteresis.ByPeriods(["A", "B", null, "B", "B"], periods: 2);

        Assert.Equal(["A", "A", "A", "A", "B"], result.Select(r => r.Segment));
        Assert.Equal("no raw segment this period; kept A", result[2].Reason);
        Assert.Null(result[2].RawSegment);
    }

    [Fact]
    public void ByPeriods_LeadingEmptyPeriods_NoSegmentUntilFirstAssignment()
    {
        var result = SegmentHysteresis.ByPeriods([null, null, "C"], periods: 3);

        Assert.Equal([null, null, "C"], result.Select(r => r.Segment));
        Assert.Equal("no assignment yet", result[0].Reason);
        Assert.Equal("initial assignment", result[2].Reason);
    }

    [Fact]
    public void ByPeriods_OneRequired_FollowsRawSegment()
    {
        var result = SegmentHysteresis.ByPeriods(["A", "B", "A"], periods: 1);

        Assert.Equal(["A", "B", "A"], result.Select(r => r.Segment));
        Assert.Equal("moved from A to B after 1 consecutive period in B", result[1].Reason);
    }

    [Fact]
    public void ByPeriods_NoPeriods_EmptyResult()
    {
        Assert.Empty(SegmentHysteresis.ByPeriods([], periods: 2));
    }

    [Fact]
    public void ByPeriods_ZeroRequired_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentHysteresis.ByPeriods(["A"], periods: 0));
    }

    [Fact]
    public void ByPeriods_NewCustomerAfterInactivePeriods_TakesRawSegmentAtOnce()
    {
        // First order in the last quarter: inactive at the three earlier quarter ends is no segment to hold on to.
        var result = SegmentHysteresis.ByPeriods(["inactive", "inactive", "inactive", "standard"], periods: 2, inactiveSegment: "inactive");

        Assert.Equal(["inactive", "inactive", "inactive", "standard"], result.Select(r => r.Segment));
        Assert.False(result[3].Held);
        Assert.Equal("standard at once after inactive: no earlier position to hold", result[3].Reason);
    }

    [Fact]
    public void ByPeriods_CustomerStopsOrdering_InactiveAtOnce()
    {
        var result = SegmentHysteresis.ByPeriods(["strategic", "strategic", "inactive"], periods: 3, inactiveSegment: "inactive");

        Assert.Equal("inactive", result[2].Segment);
        Assert.False(result[2].Held);
        Assert.Equal("inactive at once from strategic: a fact, not held back by hysteresis", result[2].Reason);
    }

    [Fact]
    public void ByPeriods_ReturningCustomer_HysteresisAppliesAgainAfterTheReturn()
    {
        var result = SegmentHysteresis.ByPeriods(["core", "inactive", "standard", "core"], periods: 2, inactiveSegment: "inactive");

        // Back as standard at once; the next move (to core) is a real flip and needs two periods.
        Assert.Equal(["core", "inactive", "standard", "standard"], result.Select(r => r.Segment));
        Assert.True(result[3].Held);
    }

    [Fact]
    public void ByPeriods_WithoutInactiveSegment_InactiveIsHeldLikeAnySegment()
    {
        var result = SegmentHysteresis.ByPeriods(["inactive", "standard"], periods: 2);

        Assert.Equal("inactive", result[1].Segment);
        Assert.True(result[1].Held);
    }

    [Fact]
    public void ByMargin_FixedSegment_TakenAtOnceAndLeftAtOnce()
    {
        var result = SegmentHysteresis.ByMargin(
            [new FixedObservation("inactive"), new BandedObservation(105_000, Abc), new FixedObservation("inactive"), new BandedObservation(80_000, Abc)], margin: 0.1);

        // 105,000 is A without the margin test: a customer coming from inactive has no band to be held in.
        Assert.Equal(["inactive", "A", "inactive", "B"], result.Select(r => r.Segment));
        Assert.All(result, r => Assert.False(r.Held));
        Assert.Equal("A at once after inactive: no earlier position to hold", result[1].Reason);
        Assert.Equal("inactive at once from A: a fact, not held back by hysteresis", result[2].Reason);
    }

    [Fact]
    public void ByMargin_CentroidNotCloserByMargin_Held()
    {
        // Distances to clusters of segments [gold, silver]: raw silver at 0.95 against gold at 1.0 is only 5 % closer.
        var result = SegmentHysteresis.ByMargin(
        [
            new DistanceObservation("gold", [0.2, 1.5], ["gold", "silver"]),
            new DistanceObservation("silver", [1.0, 0.95], ["gold", "silver"]),
            new DistanceObservation("silver", [1.0, 0.85], ["gold", "silver"]),
        ], margin: 0.1);

        Assert.Equal(["gold", "gold", "silver"], result.Select(r => r.Segment));
        Assert.True(result[1].Held);
        Assert.Equal("held in gold: silver's centroid at distance 0.95 is not 10 % closer than gold's 1.00 (needs < 0.90)", result[1].Reason);
        Assert.Equal("moved from gold to silver: centroid distance 0.85 is more than 10 % closer than gold's 1.00", result[2].Reason);
    }

    [Fact]
    public void ByMargin_DistancesOfManyDigits_PrintTwoDecimalsAsTheClusterReasonDoes()
    {
        // gold at 4.22217, silver at 3.9: 10 % closer needs < 0.9 × 4.22217 = 3.799953. The k-means reason prints distances
        // with two decimals; this read "distance 3.9 … gold's 4.22217 (needs < 3.79995)".
        var result = SegmentHysteresis.ByMargin(
        [
            new DistanceObservation("gold", [0.2, 1.5], ["gold", "silver"]),
            new DistanceObservation("silver", [4.22217, 3.9], ["gold", "silver"]),
        ], margin: 0.1);

        Assert.Equal("held in gold: silver's centroid at distance 3.90 is not 10 % closer than gold's 4.22 (needs < 3.80)", result[1].Reason);
    }

    [Fact]
    public void ByMargin_DistanceJustAboveTheEdge_PrintsDigitsEnoughToTellThemApart()
    {
        // 3.8001 against the edge 3.799953: "3.80 (needs < 3.80)" would read as a tie; four decimals tell them apart.
        var result = SegmentHysteresis.ByMargin(
        [
            new DistanceObservation("gold", [0.2, 1.5], ["gold", "silver"]),
            new DistanceObservation("silver", [4.22217, 3.8001], ["gold", "silver"]),
        ], margin: 0.1);

        Assert.Equal("held in gold: silver's centroid at distance 3.8001 is not 10 % closer than gold's 4.22 (needs < 3.8000)", result[1].Reason);
    }

    [Fact]
    public void ByMargin_SeveralClustersInOneSegment_NearestOfThemCounts()
    {
        // gold has two clusters; the customer's nearest gold centroid (0.5) is what it must beat.
        var result = SegmentHysteresis.ByMargin(
        [
            new DistanceObservation("gold", [0.3, 2.0, 2.0], ["gold", "gold", "silver"]),
            new DistanceObservation("silver", [1.2, 0.5, 0.46], ["gold", "gold", "silver"]),
        ], margin: 0.1);

        Assert.Equal("gold", result[1].Segment);
    }

    [Fact]
    public void ByMargin_DistancesAndSegmentsDiffer_Throws()
    {
        Assert.Throws<ArgumentException>(() => SegmentHysteresis.ByMargin([new DistanceObservation("a", [1.0], ["a", "b"])], 0.1));
    }

    private static RuleObservation Rules(string raw, bool[] eased, bool[] hardened, params string[] merged) =>
        new(raw, ["strategic", "core"], eased, hardened, "standard", merged.ToHashSet());

    [Fact]
    public void ByMargin_RawRuleHoldsOnlyAsWritten_MovesAsFarAsTheMarginAllows()
    {
        // Rules strategic (revenue ≥ 100,000), core (≥ 20,000), fallback standard, margin 10 %. A standard customer's revenue
        // rises to 105,000: raw strategic, but strategic's threshold hardened is 110,000 (fails) and core's 22,000 holds.
        // It moves to core, as far as the margin allows (ABC's bands move so), not to strategic on core's rule; at 115,000 the
        // next period strategic holds hardened and it moves on.
        var result = SegmentHysteresis.ByMargin(
            [Rules("standard", [false, false], [false, false]), Rules("strategic", [true, true], [false, true]), Rules("strategic", [true, true], [true, true])], margin: 0.1);

        Assert.Equal(["standard", "core", "strategic"], result.Select(r => r.Segment));
        Assert.StartsWith("moved from standard to core: the core rule holds", result[1].Reason, StringComparison.Ordinal);
        Assert.False(result[1].Held);
        Assert.StartsWith("moved from core to strategic: the strategic rule holds", result[2].Reason, StringComparison.Ordinal);
    }

    // Rules strategic (revenue ≥ 100,000), core (≥ 20,000), fallback standard, margin 10 %. A strategic customer's revenue falls
    // to 19,000: strategic fails eased (90,000), so it leaves; its raw segment is standard, but core's rule still holds eased
    // (18,000). It is not clearly beyond core's boundary, so it falls only to core, as ABC's bands fall to B; at 17,000 core
    // fails eased too and it moves on to standard.
    [Fact]
    public void ByMargin_RuleFailsEasedWhileALaterRuleHoldsEased_FallsOnlyAsFarAsTheMarginAllows()
    {
        var result = SegmentHysteresis.ByMargin(
            [Rules("strategic", [true, true], [true, true]), Rules("standard", [false, true], [false, false]), Rules("standard", [false, false], [false, false])],
            margin: 0.1);

        Assert.Equal(["strategic", "core", "standard"], result.Select(r => r.Segment));
        Assert.Equal(["strategic", "standard", "standard"], result.Select(r => r.RawSegment));
        Assert.False(result[1].Held);
        Assert.Equal("moved from strategic to core: no strategic rule holds even with thresholds eased by 10 %, and the core rule still holds with them eased", result[1].Reason);
        Assert.Equal("moved from core to standard: no core rule holds even with thresholds eased by 10 %", result[2].Reason);
    }

    // The fall stops short of the raw segment only at a rule between the two: one the customer satisfies as written is its
    // raw segment's rule, and a segment merged away this period holds no one.
    [Fact]
    public void ByMargin_RuleFailsEased_LandsNoFurtherThanItsRawRuleNorInAMergedAwaySegment()
    {
        string[] rules = ["strategic", "core", "developing"];
        RuleObservation Observation(string raw, bool[] eased, int rawRule, params string[] merged) =>
            new(raw, rules, eased, [false, false, false], "standard", merged.ToHashSet()) { RawRule = rawRule };
        var start = Observation("strategic", [true, true, true], 0);

        var toRaw = SegmentHysteresis.ByMargin([start, Observation("core", [false, true, true], 1)], margin: 0.1);
        var pastMerged = SegmentHysteresis.ByMargin([start, Observation("standard", [false, true, true], -1, "core")], margin: 0.1);

        Assert.Equal("core", toRaw[1].Segment);
        Assert.Equal("moved from strategic to core: no strategic rule holds even with thresholds eased by 10 %", toRaw[1].Reason);
        Assert.Equal("developing", pastMerged[1].Segment);
    }

    // Rules strategic (orders ≥ 10 a month), core (revenue ≥ 100,000), margin 10 %. A core customer's revenue falls to 80,000
    // (core fails eased, 90,000) while its orders rise to 10.5 a month: strategic holds as written but not hardened (11). It must
    // leave core, and the only segment its facts give is strategic as written: it moves there, and the reason says so rather
    // than leave the rise unexplained; the same facts hardened-in say the rule holds hardened.
    [Fact]
    public void ByMargin_RuleFailsEasedWhileAnEarlierRuleHoldsAsWritten_MovesUpToItSayingWhy()
    {
        RuleObservation Observation(string raw, bool[] eased, bool[] hardened) =>
            new(raw, ["strategic", "core"], eased, hardened, "standard", new HashSet<string>()) { RawRule = raw == "strategic" ? 0 : raw == "core" ? 1 : -1 };
        var start = Observation("core", [false, true], [false, true]);

        var asWritten = SegmentHysteresis.ByMargin([start, Observation("strategic", [true, false], [false, false])], margin: 0.1);
        var hardened = SegmentHysteresis.ByMargin([start, Observation("strategic", [true, false], [true, false])], margin: 0.1);

        Assert.Equal("strategic", asWritten[1].Segment);
        Assert.Equal("moved from core to strategic: no core rule holds even with thresholds eased by 10 %, and the strategic rule holds as written, though not hardened by 10 %: the segment its facts give", asWritten[1].Reason);
        Assert.Equal("strategic", hardened[1].Segment);
        Assert.Equal("moved from core to strategic: no core rule holds even with thresholds eased by 10 %, and the strategic rule holds with them hardened by 10 %", hardened[1].Reason);
    }

    [Fact]
    public void ByMargin_RuleStillHoldsEased_HeldInItsSegment()
    {
        // A strategic customer slips just under the strategic thresholds (raw core) but the rule holds eased by the margin.
        var result = SegmentHysteresis.ByMargin(
            [Rules("strategic", [true, true], [true, true]), Rules("core", [true, true], [false, true]), Rules("core", [false, true], [false, true])], margin: 0.1);

        Assert.Equal(["strategic", "strategic", "core"], result.Select(r => r.Segment));
        Assert.Equal("held in strategic: its rule holds with thresholds eased by 10 %, and no earlier rule holds hardened by 10 %", result[1].Reason);
        Assert.Equal("moved from strategic to core: no strategic rule holds even with thresholds eased by 10 %", result[2].Reason);
    }

    [Fact]
    public void ByMargin_EarlierRuleHoldsOnlyJust_HeldUntilItHoldsHardened()
    {
        var result = SegmentHysteresis.ByMargin(
            [Rules("standard", [false, false], [false, false]), Rules("core", [false, true], [false, false]), Rules("core", [false, true], [false, true])], margin: 0.1);

        Assert.Equal(["standard", "standard", "core"], result.Select(r => r.Segment));
        Assert.Equal("held in standard: no rule holds with thresholds hardened by 10 %", result[1].Reason);
        Assert.Equal("moved from standard to core: the core rule holds with thresholds hardened by 10 %", result[2].Reason);
    }

    // A rule may name the fallback segment (strategic ≥ 100,000, standard ≥ 50,000, core ≥ 20,000, fallback standard): it keeps
    // its customers from the later rules, so it holds them as any rule segment's rule does. Revenue 48,000 fails standard's
    // rule as written (raw core) but holds it eased to 45,000: held, not moved to core on core's rule hardened to 22,000.
    // At 21,000 standard's rule fails eased too, and the customer is held as the fallback is, by no rule holding hardened.
    [Fact]
    public void ByMargin_RuleOfTheFallbackSegment_HoldsItsCustomersAsARuleDoes()
    {
        string[] rules = ["strategic", "standard", "core"];
        RuleObservation Observation(string raw, bool[] eased, bool[] hardened) => new(raw, rules, eased, hardened, "standard", new HashSet<string>());

        var result = SegmentHysteresis.ByMargin(
        [
            Observation("standard", [false, true, true], [false, true, true]),
            Observation("core", [false, true, true], [false, false, true]),
            Observation("core", [false, false, true], [false, false, false]),
        ], margin: 0.1);

        Assert.Equal(["standard", "standard", "standard"], result.Select(r => r.Segment));
        Assert.Equal("held in standard: its rule holds with thresholds eased by 10 %, and no earlier rule holds hardened by 10 %", result[1].Reason);
        Assert.Equal("held in standard: no rule holds with thresholds hardened by 10 %", result[2].Reason);
    }

    [Fact]
    public void ByMargin_RawSegmentUnchanged_ReadsNoRuleOutcome()
    {
        // Rule outcomes may be evaluated when read (RuleSegmenter.MarginObservations): a customer whose raw segment is its
        // held one, or who starts, must not need them.
        var unread = new Unread(2);

        var result = SegmentHysteresis.ByMargin(
            [new RuleObservation("core", ["strategic", "core"], unread, unread, "standard", new HashSet<string>()),
             new RuleObservation("core", ["strategic", "core"], unread, unread, "standard", new HashSet<string>())], margin: 0.1);

        Assert.Equal(["initial assignment", "unchanged"], result.Select(r => r.Reason));
    }

    [Fact]
    public void ByMargin_HeldInARuleSegment_ReadsOnlyItsRulesEasedAndEarlierRulesHardened()
    {
        // Three rules; the customer is held in core (rule 1): rule 0 is read hardened, rule 1 eased, and rule 2 not at all.
        var eased = new Recorded([false, true, true]);
        var hardened = new Recorded([false, false, true]);
        string[] rules = ["strategic", "core", "small"];

        var result = SegmentHysteresis.ByMargin(
            [Rules("core", [false, true], [false, true]), new RuleObservation("small", rules, eased, hardened, "standard", new HashSet<string>())], margin: 0.1);

        Assert.Equal("core", result[1].Segment);
        Assert.True(result[1].Held);
        Assert.Equal([1], eased.Read);
        Assert.Equal([0], hardened.Read);
    }

    private sealed class Unread(int count) : IReadOnlyList<bool>
    {
        public int Count => count;

        public bool this[int index] => throw new InvalidOperationException($"rule outcome {index} read");

        public IEnumerator<bool> GetEnumerator() => throw new InvalidOperationException("rule outcomes enumerated");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    private sealed class Recorded(bool[] outcomes) : IReadOnlyList<bool>
    {
        public List<int> Read { get; } = [];

        public int Count => outcomes.Length;

        public bool this[int index]
        {
            get
            {
                Read.Add(index);
                return outcomes[index];
            }
        }

        public IEnumerator<bool> GetEnumerator() => throw new InvalidOperationException("rule outcomes enumerated");

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    [Fact]
    public void ByMargin_SegmentMergedAwayThisPeriod_TakesRawSegment()
    {
        var result = SegmentHysteresis.ByMargin(
            [Rules("core", [false, true], [false, true]), Rules("standard", [false, true], [false, true], "core")], margin: 0.1);

        Assert.Equal("standard", result[1].Segment);
        Assert.Equal("core is not a segment this period; took standard", result[1].Reason);
    }

    // Core customer K now clearly passes the strategic rule (it holds hardened), but strategic is under min_segment_share and
    // merges into the fallback: K's raw segment is standard. The rule before core's holds hardened, so K leaves core, where it
    // was held there with the reason "no earlier rule holds hardened" beside a raw reason "strategic: revenue 9,000 ≥ 5,000".
    [Fact]
    public void ByMargin_EarlierRuleOfASegmentMergedIntoTheFallbackHoldsHardened_LeavesItsSegment()
    {
        var result = SegmentHysteresis.ByMargin(
            [Rules("core", [false, true], [false, true]), Rules("standard", [true, true], [true, false], "strategic")], margin: 0.1);

        Assert.Equal(["core", "standard"], result.Select(r => r.Segment));
        Assert.False(result[1].Held);
        Assert.Equal("moved from core to standard: the strategic rule holds with thresholds hardened by 10 %, and strategic is merged away into standard this period",
            result[1].Reason);
    }

    // With merge_into: nearest a merged strategic customer goes to the next viable rule it satisfies, which core's rule, holding
    // eased, nearly is: K stays, and the reason no longer says no earlier rule holds hardened (strategic's does).
    [Fact]
    public void ByMargin_EarlierRuleOfASegmentMergedIntoTheNearestHoldsHardened_HeldSayingViable()
    {
        var nearest = Rules("standard", [true, true], [true, false], "strategic") with { MergeInto = SmallSegmentMerge.NearestViable };

        var result = SegmentHysteresis.ByMargin([Rules("core", [false, true], [false, true]), nearest], margin: 0.1);

        Assert.Equal(["core", "core"], result.Select(r => r.Segment));
        Assert.Equal("held in core: its rule holds with thresholds eased by 10 %, and no earlier rule of a viable segment holds hardened by 10 %", result[1].Reason);
    }

    // Rules strategic, mid, core; strategic's rule lists merge_into: [mid] (as a shapiro quadrant lists the quadrants beside
    // it). Core customer K passes strategic's rule hardened, and strategic merges away into mid: K moves to mid, and the
    // reason says so, where it said "merged away into standard", the fallback no customer of strategic went to.
    [Fact]
    public void ByMargin_EarlierRuleOfASegmentMergedIntoASegmentItsRuleLists_MovesThere()
    {
        RuleObservation Three(string raw, bool[] eased, bool[] hardened, params string[] merged) =>
            new(raw, ["strategic", "mid", "core"], eased, hardened, "standard", merged.ToHashSet());
        var listed = Three("mid", [true, true, true], [true, false, false], "strategic") with { ListedMerges = new Dictionary<int, string> { [0] = "mid" } };

        var result = SegmentHysteresis.ByMargin([Three("core", [false, false, true], [false, false, true]), listed], margin: 0.1);

        Assert.Equal(["core", "mid"], result.Select(r => r.Segment));
        Assert.Equal("moved from core to mid: the strategic rule holds with thresholds hardened by 10 %, and strategic is merged away into mid this period", result[1].Reason);
    }

    [Fact]
    public void ByMargin_JustAboveCutOff_HeldUntilBeyondMargin()
    {
        // A starts at 100,000; with a 10 % margin a B customer moves up only from 110,000.
        var result = SegmentHysteresis.ByMargin(
            [new BandedObservation(80_000, Abc), new BandedObservation(105_000, Abc), new BandedObservation(110_000, Abc)], margin: 0.1);

        Assert.Equal(["B", "B", "A"], result.Select(r => r.Segment));
        Assert.Equal(["B", "A", "A"], result.Select(r => r.RawSegment));
        Assert.Equal("held in B: revenue 105,000.00 crosses the threshold 100,000.00 but not by 10 % (needs 110,000.00)", result[1].Reason);
        Assert.Equal("moved from B to A: revenue 110,000.00 clears 110,000.00 (threshold 100,000.00 + 10 %)", result[2].Reason);
    }

    [Fact]
    public void ByMargin_JustBelowCutOff_HeldUntilBelowMargin()
    {
        var result = SegmentHysteresis.ByMargin(
            [new BandedObservation(150_000, Abc), new BandedObservation(95_000, Abc), new BandedObservation(89_999, Abc)], margin: 0.1);

        Assert.Equal(["A", "A", "B"], result.Select(r => r.Segment));
        Assert.True(result[1].Held);
        Assert.Equal("held in A: revenue 95,000.00 crosses the threshold 100,000.00 but not by 10 % (needs 90,000.00)", result[1].Reason);
        Assert.Equal("moved from A to B: revenue 89,999.00 falls past 90,000.00 (threshold 100,000.00 − 10 %)", result[2].Reason);
    }

    [Fact]
    public void ByMargin_ExactlyAtLowerMargin_StillHeld()
    {
        // Upper-inclusive bands: 90,000 is not below 90,000, so the customer stays in A.
        var result = SegmentHysteresis.ByMargin([new BandedObservation(150_000, Abc), new BandedObservation(90_000, Abc)], margin: 0.1);

        Assert.Equal("A", result[1].Segment);
    }

    [Fact]
    public void ByMargin_RawTwoBandsAway_MovesAsFarAsMarginAllows()
    {
        // C → raw A at 105,000: clears B's 20,000 + 10 % but not A's 110,000, so the customer moves to B.
        var result = SegmentHysteresis.ByMargin([new BandedObservation(5_000, Abc), new BandedObservation(105_000, Abc)], margin: 0.1);

        Assert.Equal("B", result[1].Segment);
        Assert.Equal("A", result[1].RawSegment);
        Assert.False(result[1].Held);
        Assert.Equal("moved from C to B: revenue 105,000.00 clears 22,000.00 (threshold 20,000.00 + 10 %)", result[1].Reason);
    }

    [Fact]
    public void ByMargin_LowerInclusiveCvBands_MarginAppliesAboveCutOff()
    {
        var xyz = new ThresholdBands("demand_cv", [0.5, 1.0], ["X", "Y", "Z"], upperInclusive: false);

        var result = SegmentHysteresis.ByMargin([new BandedObservation(0.3, xyz), new BandedObservation(0.55, xyz), new BandedObservation(0.56, xyz)], margin: 0.1);

        // Moving X → Y needs CV > 0.5 × 1.1 = 0.55: 0.55 is held, 0.56 moves.
        Assert.Equal(["X", "X", "Y"], result.Select(r => r.Segment));
    }

    [Theory]
    // Within rounding of the cut-off 1.0: this read "CV 1 crosses the threshold 1" (six significant digits).
    [InlineData(1.0000004, "held in Y: CV 1.0000004 crosses the threshold 1.00 but not by 10 % (needs 1.10)")]
    [InlineData(1.0004, "held in Y: CV 1.0004 crosses the threshold 1.00 but not by 10 % (needs 1.10)")]
    // Near the edge 1.1 instead: the edge gets the digits that tell it from the value.
    [InlineData(1.0999996, "held in Y: CV 1.0999996 crosses the threshold 1.00 but not by 10 % (needs 1.1000000)")]
    [InlineData(1.05123, "held in Y: CV 1.05 crosses the threshold 1.00 but not by 10 % (needs 1.10)")]
    public void ByMargin_CvNearACutOff_PrintsTwoDecimalsOrEnoughToTellValueAndCutOffApart(double cv, string expected)
    {
        var xyz = new ThresholdBands("CV", [0.5, 1.0], ["X", "Y", "Z"], upperInclusive: false);

        var result = SegmentHysteresis.ByMargin([new BandedObservation(0.8, xyz), new BandedObservation(cv, xyz)], margin: 0.1);

        Assert.Equal(("Y", "Z"), (result[1].Segment, result[1].RawSegment));
        Assert.Equal(expected, result[1].Reason);
    }

    [Theory]
    // ABC's cut is the lowest value in the class above (1,234.565 here). The value took the digits that tell it from the
    // cut, but the cut printed with two decimals: "revenue 1,234.566 crosses the threshold 1,234.57", a value below it.
    [InlineData(1_000, 1_234.566, "held in B: revenue 1,234.566 crosses the threshold 1,234.565 but not by 10 % (needs 1,358.02)")]
    [InlineData(5_000, 1_234.564, "held in A: revenue 1,234.56 crosses the threshold 1,234.565 but not by 10 % (needs 1,111.11)")]
    public void ByMargin_ThresholdOfThreeDecimals_PrintsEveryDigitOfIt(double before, double value, string expected)
    {
        var abc = new ThresholdBands("revenue", [100, 1_234.565], ["C", "B", "A"]);

        var result = SegmentHysteresis.ByMargin([new BandedObservation(before, abc), new BandedObservation(value, abc)], margin: 0.1);

        Assert.True(result[1].Held);
        Assert.Equal(expected, result[1].Reason);
    }

    [Fact]
    public void ByMargin_ValueBelowTheLowerEdgeByAHair_PrintsDigitsEnoughToTellThemApart()
    {
        // Moving A → B needs revenue ≤ 90,000 (upper-inclusive bands: above means ≥); 89,999.996 falls past it, and
        // value and edge print with three decimals, which say by how little.
        var result = SegmentHysteresis.ByMargin([new BandedObservation(150_000, Abc), new BandedObservation(89_999.996, Abc)], margin: 0.1);

        Assert.Equal("moved from A to B: revenue 89,999.996 falls past 90,000.000 (threshold 100,000.00 − 10 %)", result[1].Reason);
    }

    [Fact]
    public void ByMargin_NegativeThreshold_MarginUsesAbsoluteValue()
    {
        // A net-return band below −1,000: moving down needs < −1,000 − 100 = −1,100.
        var bands = new ThresholdBands("revenue", [-1_000], ["net_return", "buyer"]);

        var result = SegmentHysteresis.ByMargin([new BandedObservation(500, bands), new BandedObservation(-1_050, bands), new BandedObservation(-1_101, bands)], margin: 0.1);

        Assert.Equal(["buyer", "buyer", "net_return"], result.Select(r => r.Segment));
    }

    [Fact]
    public void ByMargin_ZeroMargin_FollowsRawBands()
    {
        var result = SegmentHysteresis.ByMargin([new BandedObservation(5_000, Abc), new BandedObservation(100_000, Abc), new BandedObservation(99_999, Abc)], margin: 0.0);

        Assert.Equal(["C", "A", "B"], result.Select(r => r.Segment));
    }

    [Fact]
    public void ByMargin_CutOffsMoveBetweenPeriods_EachPeriodUsesItsOwn()
    {
        var q2 = new ThresholdBands("revenue", [20_000, 120_000], ["C", "B", "A"]);

        // 125,000 was clearly A under Q1's 100,000 cut-off; Q2 raises it to 120,000 (+10 % = 132,000 to enter, 108,000 to leave).
        var result = SegmentHysteresis.ByMargin([new BandedObservation(125_000, Abc), new BandedObservation(115_000, q2), new BandedObservation(107_000, q2)], margin: 0.1);

        Assert.Equal(["A", "A", "B"], result.Select(r => r.Segment));
    }

    [Fact]
    public void ByMargin_SegmentMissingFromNewBands_TakesRawSegment()
    {
        var renamed = new ThresholdBands("revenue", [50_000], ["small", "large"]);

        var result = SegmentHysteresis.ByMargin([new BandedObservation(150_000, Abc), new BandedObservation(60_000, renamed)], margin: 0.1);

        Assert.Equal("large", result[1].Segment);
        Assert.Equal("A is not a revenue band this period; took large", result[1].Reason);
    }

    [Fact]
    public void ByMargin_EmptyPeriod_KeepsSegment()
    {
        var result = SegmentHysteresis.ByMargin([new BandedObservation(150_000, Abc), null, new BandedObservation(95_000, Abc)], margin: 0.1);

        Assert.Equal(["A", "A", "A"], result.Select(r => r.Segment));
        Assert.Equal("no raw segment this period; kept A", result[1].Reason);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(double.NaN)]
    public void ByMargin_MarginOutOfRange_Throws(double margin)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SegmentHysteresis.ByMargin([new BandedObservation(1, Abc)], margin));
    }

    [Fact]
    public void ByMargin_NonFiniteValue_Throws()
    {
        Assert.Throws<ArgumentException>(() => SegmentHysteresis.ByMargin([new BandedObservation(double.NaN, Abc)], 0.1));
    }
}
