using System.Globalization;

namespace ChainSeg.Core.Segmentation.Stability;

/// <summary>
/// Keeps segments from flipping every period. Pure functions from one customer's per-period raw segments
/// (and, for the margin rule, metric values and cut-offs) to stabilised segments with a reason per period.
/// The first assigned period sets the segment; a period without a raw segment keeps it and breaks any run.
/// </summary>
public static class SegmentHysteresis
{
    /// <summary>
    /// <c>hysteresis: { periods: N }</c> — a customer moves to a new segment only after N consecutive periods
    /// with that same raw segment (N = 1 follows the raw segment at once).
    /// </summary>
    /// <param name="rawSegments">Raw segment per period, oldest first; null where the customer had no assignment.</param>
    /// <param name="periods">Consecutive periods required (≥ 1).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="periods"/> is below 1.</exception>
    public static IReadOnlyList<StabilisedSegment> ByPeriods(IReadOnlyList<string?> rawSegments, int periods)
    {
        ArgumentNullException.ThrowIfNull(rawSegments);
        ArgumentOutOfRangeException.ThrowIfLessThan(periods, 1);
        var result = new List<StabilisedSegment>(rawSegments.Count);
        string? current = null;
        string? candidate = null;
        var run = 0;
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

            if (current is null || raw == current)
            {
                var reason = current is null ? "initial assignment" : "unchanged";
                current = raw;
                candidate = null;
                run = 0;
                result.Add(new StabilisedSegment(t, raw, current, false, reason));
                continue;
            }

            run = raw == candidate ? run + 1 : 1;
            candidate = raw;
            if (run >= periods)
            {
                result.Add(new StabilisedSegment(
                    t, raw, raw, false, $"moved from {current} to {raw} after {run} consecutive {Plural(run, "period")} in {raw}"));
                current = raw;
                candidate = null;
                run = 0;
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
    /// <c>hysteresis: { margin: m }</c> for threshold-based segments — a customer crosses a cut-off t only when
    /// its value is beyond it by the relative margin: above t + m·|t| to move up, below t − m·|t| to move down
    /// (same inclusiveness as the bands). A customer whose raw band is several bands away moves as far as the
    /// margin allows. The cut-offs of each period apply to that period.
    /// </summary>
    /// <param name="observations">Value and bands per period, oldest first; null where the customer had no value.</param>
    /// <param name="margin">Relative margin in [0, 1) (0.1 = 10 %).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="margin"/> is outside [0, 1).</exception>
    /// <exception cref="ArgumentException">A value is not finite.</exception>
    public static IReadOnlyList<StabilisedSegment> ByMargin(IReadOnlyList<BandedObservation?> observations, double margin)
    {
        ArgumentNullException.ThrowIfNull(observations);
        if (!(margin >= 0 && margin < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(margin), margin, $"Margin must be in [0, 1); got {Number(margin)}.");
        }

        var result = new List<StabilisedSegment>(observations.Count);
        string? current = null;
        for (var t = 0; t < observations.Count; t++)
        {
            var observation = observations[t];
            if (observation is null)
            {
                result.Add(new StabilisedSegment(t, null, current, false, Missing(current)));
                continue;
            }

            if (!double.IsFinite(observation.Value))
            {
                throw new ArgumentException($"Period {t}: value {observation.Value} is not finite.", nameof(observations));
            }

            var step = Step(observation, current, margin);
            result.Add(step with { Period = t });
            current = step.Segment;
        }

        return result;
    }

    private static StabilisedSegment Step(BandedObservation observation, string? current, double margin)
    {
        var bands = observation.Bands;
        var value = observation.Value;
        var rawBand = bands.BandOf(value);
        var raw = bands.Segments[rawBand];
        if (current is null)
        {
            return new StabilisedSegment(0, raw, raw, false, "initial assignment");
        }

        var held = bands.Segments.ToList().IndexOf(current);
        if (held < 0)
        {
            return new StabilisedSegment(0, raw, raw, false, $"{current} is not a {bands.Metric} band this period; took {raw}");
        }

        if (rawBand == held)
        {
            return new StabilisedSegment(0, raw, raw, false, "unchanged");
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
            return reached == held
                ? new StabilisedSegment(0, raw, current, true,
                    $"held in {current}: {bands.Metric} {Number(value)} crosses the threshold {Number(target)} but not by {percent} (needs {Number(edge)})")
                : new StabilisedSegment(0, raw, bands.Segments[reached], false,
                    $"moved from {current} to {bands.Segments[reached]}: {bands.Metric} {Number(value)} clears {Number(edge)} (threshold {Number(target)} + {percent})");
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
        return lowest == held
            ? new StabilisedSegment(0, raw, current, true,
                $"held in {current}: {bands.Metric} {Number(value)} crosses the threshold {Number(cut)} but not by {percent} (needs {Number(floor)})")
            : new StabilisedSegment(0, raw, bands.Segments[lowest], false,
                $"moved from {current} to {bands.Segments[lowest]}: {bands.Metric} {Number(value)} falls past {Number(floor)} (threshold {Number(cut)} − {percent})");
    }

    private static string Missing(string? current) =>
        current is null ? "no assignment yet" : $"no raw segment this period; kept {current}";

    private static string Plural(int count, string noun) => count == 1 ? noun : noun + "s";

    private static string Number(double value) => value.ToString("G6", CultureInfo.InvariantCulture);

    private static string Percent(double margin) => (margin * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
