using ChainSeg.Core.Segmentation.Rules;

namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Keeps segments from flipping every period. Pure functions from one customer's per-period raw segments
/// (and, for the margin rule, metric values and cut-offs or centroid distances) to stabilised segments with a reason per period.
/// The first assigned period sets the segment; a period without a raw segment keeps it and breaks any run.
/// </summary>
/// <remarks>
/// Hysteresis holds back moves between segments a customer could plausibly flip between; it never holds back a fact.
/// A customer who stopped ordering is inactive now, whatever its past segment: keeping it in a service tier would keep
/// reserving stock and capacity for demand that has stopped. A new or returning customer has no segment worth holding
/// (inactive is the absence of one), so it takes its raw segment at once; hysteresis applies from there on.
/// </remarks>
public static class SegmentHysteresis
{
    /// <summary>The reason of a step that kept the raw segment the customer already had.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>
    /// <c>hysteresis: { periods: N }</c> — a customer moves to a new segment only after N consecutive periods
    /// with that same raw segment (N = 1 follows the raw segment at once).
    /// </summary>
    /// <param name="rawSegments">Raw segment per period, oldest first; null where the customer had no assignment.</param>
    /// <param name="periods">Consecutive periods required (≥ 1).</param>
    /// <param name="inactiveSegment">The segment meaning "no orders in the window" (e.g. <c>inactive</c>): taken at once, and left at once; null when the method has none.</param>
    /// <param name="mergedAwayInPeriod">
    /// The segments the model merged away at each period (a rule segment under its minimum share), or null. A merged-away
    /// segment holds no one there: its customers take their raw segment at once, as holding them would bring back a segment
    /// the model no longer has. A segment that is merely empty still holds: when all its customers dip together (a single
    /// member, a seasonal quarter), releasing them is the flip hysteresis is there to prevent.
    /// </param>
    /// <param name="releasedAt">Periods at which segment size limits released the customer to its raw segment (<see cref="SizeLimitedHysteresis"/>), or null: it takes its raw segment there, and is held there from then on like any other.</param>
    /// <param name="valuelessAt">Periods whose raw segment was given for a missing value (ABC without its value, XYZ without a CV), or null: a segment so taken is no position to hold, and the customer leaves it at once, as margin hysteresis leaves a <see cref="FixedObservation"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is below 1.</exception>
    public static IReadOnlyList<StabilisedSegment> ByPeriods(IReadOnlyList<string?> rawSegments, int periods, string? inactiveSegment = null,
        IReadOnlyList<IReadOnlySet<string>>? mergedAwayInPeriod = null, IReadOnlySet<int>? releasedAt = null, IReadOnlySet<int>? valuelessAt = null)
    {
        ArgumentNullException.ThrowIfNull(rawSegments);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var result = new List<StabilisedSegment>(rawSegments.Count);
        string? current = null;
        string? candidate = null;
        var run = 0;
        // Whether the current segment was last taken for a missing value: held there, it stays without standing.
        var currentValueless = false;
        // The customer is in raw from period t: a new run toward another segment starts from nothing.
        void Settle(string raw, int t)
        {
            current = raw;
            currentValueless = valuelessAt?.Contains(t) == true;
            candidate = null;
            run = 0;
        }

        for (var t = 0; t < rawSegments.Count; t++)
        {
            var raw = rawSegments[t];
            if (raw is null)
            {
                candidate = null;
                run = 0;
                result.Add(new StabilisedSegment(t, null, current, false, Missing(current)));
                continue;
            }

            var leavesValueless = currentValueless && raw != current;
            if (current is null || raw == current || leavesValueless || (inactiveSegment is not null && (raw == inactiveSegment || current == inactiveSegment)))
            {
                var reason = current is null ? "initial assignment"
                    : raw == current ? Unchanged
                    : AtOnce(current, raw, inactiveSegment!);
                Settle(raw, t);
                result.Add(new StabilisedSegment(t, raw, current, false, reason));
                continue;
            }

            if (releasedAt?.Contains(t) == true)
            {
                result.Add(new StabilisedSegment(t, raw, raw, false, Released(current, raw)));
                Settle(raw, t);
                continue;
            }

            if (mergedAwayInPeriod is not null && mergedAwayInPeriod[t].Contains(current))
            {
                result.Add(new StabilisedSegment(t, raw, raw, false, $"{raw} at once from {current}: {current} is merged away this period (under min_segment_share), so it holds no one"));
                Settle(raw, t);
                continue;
            }

            run = raw == candidate ? run + 1 : 1;
            candidate = raw;
            if (run >= periods)
            {
                result.Add(new StabilisedSegment(
                    t, raw, raw, false, $"moved from {current} to {raw} after {run} consecutive {Agreement.For(run, "period")} in {raw}"));
                Settle(raw, t);
            }
            else
            {
                result.Add(new StabilisedSegment(
                    t, raw, current, true, $"held in {current}: raw {raw} for {run} of {periods} consecutive periods"));
            }
        }

        return result;
    }

    /// <summary>
    /// <c>hysteresis: { margin: m }</c> — a customer leaves its segment only when clearly beyond the boundary.
    /// Against cut-offs (<see cref="BandedObservation"/>): a cut-off t is crossed only when the value is beyond it by the
    /// relative margin, above t + m·|t| to move up, below t − m·|t| to move down (same inclusiveness as the bands); a
    /// customer whose raw band is several bands away moves as far as the margin allows, and the cut-offs of each period
    /// apply to that period. Against centroids (<see cref="DistanceObservation"/>): the customer stays in its segment
    /// unless the raw segment's centroid is closer by more than the margin, d(raw) &lt; (1 − m)·d(current). Against rules
    /// (<see cref="RuleObservation"/>): the customer stays while one of its segment's rules holds with thresholds eased by
    /// m and no earlier rule holds with them hardened by m, and moves to the first rule that does (as far as the margin allows);
    /// a customer whose segment's rules fail even eased falls to the first later rule still holding eased, short of its raw
    /// segment's rule, else to its raw segment. A
    /// <see cref="FixedObservation"/> is taken at once, and a customer coming from one takes its raw segment at once.
    /// </summary>
    /// <param name="observations">One per period, oldest first; null where the customer had no value (the segment is kept).</param>
    /// <param name="margin">Relative margin in [0, 1) (0.1 = 10 %).</param>
    /// <param name="releasedAt">Periods at which segment size limits released the customer to its raw segment (<see cref="SizeLimitedHysteresis"/>), or null: it takes its raw segment there, and the margin holds it there from then on.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">A value or distance is not finite, or distances and segments differ in length.</exception>
    public static IReadOnlyList<StabilisedSegment> ByMargin(IReadOnlyList<PeriodObservation?> observations, double margin, IReadOnlySet<int>? releasedAt = null)
    {
        ArgumentNullException.ThrowIfNull(observations);
        Arguments.InRange(margin, ValueRange.PartialUnit, nameof(margin), "Margin");

        var result = new List<StabilisedSegment>(observations.Count);
        string? current = null;
        var currentIsFact = false;
        for (var t = 0; t < observations.Count; t++)
        {
            var observation = observations[t];
            StabilisedSegment step;
            if (observation is null)
            {
                step = new StabilisedSegment(t, null, current, false, Missing(current));
            }
            else
            {
                var raw = RawOf(observation, t);
                step = current is null ? new StabilisedSegment(t, raw, raw, false, "initial assignment")
                    : raw == current ? new StabilisedSegment(t, raw, raw, false, Unchanged)
                    : observation is FixedObservation || currentIsFact ? new StabilisedSegment(t, raw, raw, false, AtOnce(current, raw, observation is FixedObservation ? raw : current))
                    : releasedAt?.Contains(t) == true ? new StabilisedSegment(t, raw, raw, false, Released(current, raw))
                    : observation is BandedObservation banded ? Step(banded, current, margin) with { Period = t }
                    : observation is RuleObservation rules ? Step(rules, current, margin) with { Period = t }
                    : Step((DistanceObservation)observation, current, margin) with { Period = t };
                currentIsFact = observation is FixedObservation;
            }

            result.Add(step);
            current = step.Segment;
        }

        return result;
    }

    private static string RawOf(PeriodObservation observation, int period)
    {
        switch (observation)
        {
            case FixedObservation f:
                return f.Segment;
            case BandedObservation b:
                if (!double.IsFinite(b.Value))
                {
                    throw new ArgumentException($"Period {period}: value {b.Value} is not finite.", nameof(observation));
                }

                return b.Bands.SegmentOf(b.Value);
            case DistanceObservation d:
                if (d.Distances.Count != d.Segments.Count || d.Distances.Count == 0)
                {
                    throw new ArgumentException(
                        $"Period {period}: {d.Distances.Count} distances for {d.Segments.Count} cluster segments; they must match and not be empty.", nameof(observation));
                }

                if (d.Distances.Any(x => !double.IsFinite(x)))
                {
                    throw new ArgumentException($"Period {period}: a centroid distance is not finite.", nameof(observation));
                }

                return d.RawSegment;
            case RuleObservation r:
                if (r.HoldsEased.Count != r.RuleSegments.Count || r.HoldsHardened.Count != r.RuleSegments.Count)
                {
                    throw new ArgumentException($"Period {period}: rule outcomes and rule segments differ in number.", nameof(observation));
                }

                return r.RawSegment;
            default:
                throw new ArgumentException($"Period {period}: unknown observation {observation.GetType().Name}.", nameof(observation));
        }
    }

    private static StabilisedSegment Step(DistanceObservation observation, string current, double margin)
    {
        var raw = observation.RawSegment;
        var toCurrent = Nearest(observation, current);
        if (double.IsNaN(toCurrent))
        {
            return new StabilisedSegment(0, raw, raw, false, $"{current} is not a cluster segment this period; took {raw}");
        }

        var toRaw = Nearest(observation, raw);
        var edge = (1 - margin) * toCurrent;
        var percent = Percent(margin);
        var rawText = Beside(toRaw, ReasonFormat.Nearer(toRaw, edge, toCurrent));
        return toRaw < edge
            ? new StabilisedSegment(0, raw, raw, false,
                $"moved from {current} to {raw}: centroid distance {rawText} is more than {percent} closer than {current}'s {Beside(toCurrent, toRaw)}")
            : new StabilisedSegment(0, raw, current, true,
                $"held in {current}: {raw}'s centroid at distance {rawText} is not {percent} closer than {current}'s {Beside(toCurrent, toRaw)} (needs < {Beside(edge, toRaw)})");
    }

    // A customer stays in its rule segment while one of that segment's rules still holds with the thresholds eased by the
    // margin and no earlier rule holds with them hardened by it; the fallback holds while no rule holds hardened. A rule
    // naming the fallback segment holds its customers as any rule does (it keeps them from later rules); below it eased,
    // they are held as the fallback is.
    private static StabilisedSegment Step(RuleObservation observation, string current, double margin)
    {
        var raw = observation.RawSegment;
        var rules = observation.RuleSegments;
        var percent = Percent(margin);
        var isFallback = current == observation.Fallback;
        if (observation.Merged.Contains(current) || (!isFallback && !rules.Contains(current)))
        {
            return new StabilisedSegment(0, raw, raw, false, $"{current} is not a segment this period; took {raw}");
        }

        // The numbers behind a reason, as ABC's "(needs 1,650)": the facts of a rule at the eased or hardened thresholds.
        string Facts(IEnumerable<int> indices, double slack, bool named) => observation.Facts is not { } facts ? ""
            : $" ({string.Join("; ", indices.Select(i => (named ? $"{rules[i]}: " : "") + facts(i, slack)))})";

        var holding = Enumerable.Range(0, rules.Count).FirstOrDefault(i => rules[i] == current && observation.HoldsEased[i], isFallback ? rules.Count : -1);
        if (holding < 0)
        {
            var own = Enumerable.Range(0, rules.Count).Where(i => rules[i] == current);
            var left = $"no {current} rule holds even with thresholds eased by {percent}{Facts(own, margin, named: false)}";
            // Leaving its segment, the customer falls only as far as the margin allows (as ABC's bands do): to the first later
            // rule still holding eased, short of the rule its raw segment comes from. Revenue 19,000 under rules ≥ 100,000 and
            // ≥ 20,000 and m = 0.1 moves a strategic customer to core (eased 18,000), not past it to the fallback.
            var ownRule = own.First();
            var next = ownRule + 1;
            var end = observation.RawRule < 0 ? rules.Count : observation.RawRule;
            var landing = Enumerable.Range(next, Math.Max(0, end - next)).FirstOrDefault(
                i => rules[i] != current && !observation.Merged.Contains(rules[i]) && observation.HoldsEased[i], -1);
            if (landing < 0 || rules[landing] == raw)
            {
                // Its facts as written put it higher: it must leave its segment, and the margin decides leaving, not where
                // the facts are. Say that the rule it rises on may hold only as written.
                var higher = observation.RawRule;
                var rise = higher >= 0 && higher < ownRule && rules[higher] == raw
                    ? observation.HoldsHardened[higher]
                        ? $", and the {raw} rule holds with them hardened by {percent}{Facts([higher], -margin, named: false)}"
                        : $", and the {raw} rule holds as written, though not hardened by {percent}{Facts([higher], -margin, named: false)}: the segment its facts give"
                    : "";
                return new StabilisedSegment(0, raw, raw, false, $"moved from {current} to {raw}: {left}{rise}");
            }

            return new StabilisedSegment(0, raw, rules[landing], false,
                    $"moved from {current} to {rules[landing]}: {left}, and the {rules[landing]} rule still holds with them eased{Facts([landing], margin, named: false)}");
        }

        // An earlier rule of a merged-away segment sends the customer where the merge goes. Into the fallback, that is away
        // from a rule segment, so it counts like any earlier rule; into the nearest viable later rule it satisfies, which the
        // held segment's rule (holding eased) may be, or from the fallback into the fallback, it does not. Into the segment
        // the rule's own merge_into gives, it counts unless that is the held segment.
        bool Leads(int i) => rules[i] != current
            && (!observation.Merged.Contains(rules[i])
                || (observation.ListedMerges.TryGetValue(i, out var into) ? into != current : observation.MergeInto == SmallSegmentMerge.Fallback && !isFallback));
        var better = Enumerable.Range(0, holding).FirstOrDefault(i => Leads(i) && observation.HoldsHardened[i], -1);
        if (better >= 0)
        {
            // The customer moves as far as the margin allows, to the first rule holding hardened (as ABC's bands do): its raw
            // segment's rule may hold only as written (revenue 105,000 against A's 100,000 hardened to 110,000 moved a
            // fallback customer to A on B's hardened rule). A merged-away segment's customers go where the merge sends them.
            var merged = observation.Merged.Contains(rules[better]);
            var into = observation.ListedMerges.GetValueOrDefault(better);
            var target = merged ? into ?? raw : rules[better];
            return new StabilisedSegment(0, raw, target, false,
                $"moved from {current} to {target}: the {rules[better]} rule holds with thresholds hardened by {percent}{Facts([better], -margin, named: false)}"
                + (merged ? $", and {rules[better]} is merged away into {into ?? observation.Fallback} this period" : ""));
        }

        // The rules passed over are not weighed: say which were, rather than that no earlier rule holds.
        var weighed = Enumerable.Range(0, holding).Any(i => rules[i] != current && !Leads(i)) ? " of a viable segment" : "";
        // What held the customer: the earlier rule it satisfies as written, short of its hardened thresholds; else (its raw
        // segment comes later) its own rule, within its eased thresholds.
        var rawRule = observation.RawRule;
        var earlier = rawRule >= 0 && rawRule < holding && Leads(rawRule) ? Facts([rawRule], -margin, named: true) : null;
        return new StabilisedSegment(0, raw, current, true, holding == rules.Count
            ? $"held in {current}: no rule{weighed} holds with thresholds hardened by {percent}{earlier}"
            : $"held in {current}: its rule holds with thresholds eased by {percent}{(earlier is null ? Facts([holding], margin, named: false) : "")}, "
              + $"and no earlier rule{weighed} holds hardened by {percent}{earlier}");
    }

    // Distance to the nearest centroid of a segment; NaN when no cluster has that segment.
    private static double Nearest(DistanceObservation observation, string segment)
    {
        var nearest = double.NaN;
        for (var c = 0; c < observation.Segments.Count; c++)
        {
            if (observation.Segments[c] == segment && !(observation.Distances[c] >= nearest))
            {
                nearest = observation.Distances[c];
            }
        }

        return nearest;
    }

    private static StabilisedSegment Step(BandedObservation observation, string current, double margin)
    {
        var bands = observation.Bands;
        var value = observation.Value;
        var rawBand = bands.BandOf(value);
        var raw = bands.Segments[rawBand];
        var held = bands.Segments.ToList().IndexOf(current);
        if (held < 0)
        {
            return new StabilisedSegment(0, raw, raw, false, $"{current} is not a {bands.Metric} band this period; took {raw}");
        }

        if (rawBand == held)
        {
            return new StabilisedSegment(0, raw, raw, false, Unchanged);
        }

        var percent = Percent(margin);
        if (rawBand > held)
        {
            // Highest band whose lower cut-off the value clears by the margin (t + m·|t| rises with t).
            var reached = held;
            for (var band = held + 1; band <= rawBand; band++)
            {
                var threshold = bands.Thresholds[band - 1];
                if (bands.IsAbove(value, threshold + (margin * Math.Abs(threshold))))
                {
                    reached = band;
                }
            }

            var target = bands.Thresholds[reached == held ? held : reached - 1];
            var edge = target + (margin * Math.Abs(target));
            var valueText = Beside(value, ReasonFormat.Nearer(value, target, edge));
            return reached == held
                ? new StabilisedSegment(0, raw, current, true,
                    $"held in {current}: {bands.Metric} {valueText} crosses the threshold {ReasonFormat.CutoffTwoDecimals(target)} but not by {percent} (needs {Beside(edge, value)})")
                : new StabilisedSegment(0, raw, bands.Segments[reached], false,
                    $"moved from {current} to {bands.Segments[reached]}: {bands.Metric} {valueText} clears {Beside(edge, value)} (threshold {ReasonFormat.CutoffTwoDecimals(target)} + {percent})");
        }

        // Lowest band whose upper cut-off the value falls below by the margin.
        var lowest = held;
        for (var band = held - 1; band >= rawBand; band--)
        {
            var threshold = bands.Thresholds[band];
            if (!bands.IsAbove(value, threshold - (margin * Math.Abs(threshold))))
            {
                lowest = band;
            }
        }

        var cut = bands.Thresholds[lowest == held ? held - 1 : lowest];
        var floor = cut - (margin * Math.Abs(cut));
        var text = Beside(value, ReasonFormat.Nearer(value, cut, floor));
        return lowest == held
            ? new StabilisedSegment(0, raw, current, true,
                $"held in {current}: {bands.Metric} {text} crosses the threshold {ReasonFormat.CutoffTwoDecimals(cut)} but not by {percent} (needs {Beside(floor, value)})")
            : new StabilisedSegment(0, raw, bands.Segments[lowest], false,
                $"moved from {current} to {bands.Segments[lowest]}: {bands.Metric} {text} falls past {Beside(floor, value)} (threshold {ReasonFormat.CutoffTwoDecimals(cut)} − {percent})");
    }

    // The fact is whichever of the two segments is the inactive one (or the fixed observation's).
    private static string AtOnce(string current, string raw, string fact) =>
        raw == fact
            ? $"{raw} at once from {current}: a fact, not held back by hysteresis"
            : $"{raw} at once after {current}: no earlier position to hold";

    private static string Released(string current, string raw) =>
        $"{raw} from {current}: released to keep the segments within their size limits";

    private static string Missing(string? current) =>
        current is null ? "no assignment yet" : $"no raw segment this period; kept {current}";

    // Values, distances and edges print as the model reasons print CVs and centroid distances (two decimals), with the
    // digits that tell a value from the number it was weighed against where two decimals would print them equal.
    private static string Beside(double value, double other) => ReasonFormat.TwoDecimals(value, other);

    private static string Percent(double margin) => ReasonFormat.CutoffPercent(margin);
}
