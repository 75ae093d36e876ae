using System.Globalization;

namespace ChainSeg.Core.Monitoring;

/// <summary>A segment's value of a KPI at one period end, under its definition id; null when it has none (no timed order, no revenue).</summary>
public sealed record SegmentKpiValue(string Segment, string Kpi, string Definition, DateOnly PeriodEnd, double? Value);

/// <summary>A KPI's target and the miss it tolerates before an alert, both in the KPI's unit.</summary>
/// <param name="Target">The value aimed at.</param>
/// <param name="Tolerance">The miss (≥ 0) that is still no alert.</param>
/// <param name="Definition">The definition id the target was set for; null accepts the run's.</param>
public sealed record KpiTarget(double Target, double Tolerance, string? Definition = null);

/// <summary>What alerts watch: targets per KPI and per segment, and the drift between period ends that is worth saying.</summary>
/// <param name="Targets">KPI → target for every segment (save inactive).</param>
/// <param name="SegmentTargets">Segment → KPI → target, replacing the KPI's own for that segment.</param>
/// <param name="Drift">KPI → the largest change from the previous period end that is no alert: points for shares and ratios, days for days, a share of the earlier value for money (where it is above 0; else <see cref="DriftAmounts"/>).</param>
public sealed record KpiAlertRules(
    IReadOnlyDictionary<string, KpiTarget> Targets,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, KpiTarget>> SegmentTargets,
    IReadOnlyDictionary<string, double> Drift)
{
    /// <summary>No targets and no drift limits: nothing is alerted.</summary>
    public static KpiAlertRules None { get; } = new(new Dictionary<string, KpiTarget>(), new Dictionary<string, IReadOnlyDictionary<string, KpiTarget>>(), new Dictionary<string, double>());

    /// <summary>KPI → for money, the largest change in money that is no alert from an earlier value of 0 or less, where a share of it means nothing.</summary>
    public IReadOnlyDictionary<string, double> DriftAmounts { get; init; } = new Dictionary<string, double>();

    /// <summary>The reporting currency's ISO 4217 code, written after each amount of a money KPI's message; null names none.</summary>
    public string? Currency { get; init; }

    /// <summary>True when nothing is watched.</summary>
    public bool IsEmpty => Targets.Count == 0 && SegmentTargets.Count == 0 && Drift.Count == 0;

    /// <summary>The target that applies to a segment's KPI, or null.</summary>
    public KpiTarget? TargetFor(string segment, string kpi, string exemptSegment) =>
        SegmentTargets.TryGetValue(segment, out var own) && own.TryGetValue(kpi, out var target) ? target
        : segment != exemptSegment && Targets.TryGetValue(kpi, out var common) ? common : null;
}

/// <summary>How urgent an alert is.</summary>
public static class AlertSeverity
{
    /// <summary>A miss of more than twice the tolerance (any miss with tolerance 0).</summary>
    public const string Critical = "critical";

    /// <summary>A miss beyond the tolerance, or a drift the bad way.</summary>
    public const string Warning = "warning";

    /// <summary>A drift the good way: worth a look (a data change can look like one), not a problem.</summary>
    public const string Info = "info";
}

/// <summary>One alert of alerts.csv.</summary>
/// <param name="Segment">The segment.</param>
/// <param name="Kpi">The KPI's name.</param>
/// <param name="Definition">Its definition id.</param>
/// <param name="PeriodEnd">The period end of the value (the run's as_of).</param>
/// <param name="Value">The segment's value.</param>
/// <param name="Kind">below_target, above_target or drift.</param>
/// <param name="Target">The target missed; null for a drift.</param>
/// <param name="Tolerance">The target's tolerance, or the drift limit.</param>
/// <param name="PreviousPeriodEnd">For a drift, the earlier period end; else null.</param>
/// <param name="PreviousValue">For a drift, the value there; else null.</param>
/// <param name="Severity">critical, warning or info (<see cref="AlertSeverity"/>).</param>
/// <param name="Message">What a planner reads: segment, KPI, value, the target or earlier value, the limit and the definition.</param>
public sealed record KpiAlert(string Segment, string Kpi, string Definition, DateOnly PeriodEnd, double Value, double? Target, double Tolerance,
    DateOnly? PreviousPeriodEnd, double? PreviousValue, string Kind, string Severity, string Message);

/// <summary>A money drift from an earlier value of 0 or less that no amount limit judges (<see cref="KpiAlerts.Unjudged"/>).</summary>
/// <param name="Kpi">The KPI's name.</param>
/// <param name="Segment">The segment.</param>
/// <param name="Change">The change in money as a planner reads it ("tail fell by 1,714.49 from -2,172.74 at … to -3,887.23 at …").</param>
public sealed record UnjudgedDrift(string Kpi, string Segment, string Change);

/// <summary>Checks segments' KPIs at the latest period end against their targets and against the period end before it.</summary>
public static class KpiAlerts
{
    /// <summary>Alert kinds.</summary>
    public const string BelowTarget = "below_target", AboveTarget = "above_target", Drift = "drift";

    /// <summary>
    /// The alerts at the latest period end of <paramref name="values"/>: a target missed by more than its tolerance, and a change
    /// from the previous period end beyond the KPI's drift limit. Values under another definition than the target's, or than
    /// the earlier value's, are not compared (DEFINITIONS.md). <paramref name="exemptSegment"/> (inactive) takes no KPI-wide target and no drift.
    /// </summary>
    public static IReadOnlyList<KpiAlert> Evaluate(IReadOnlyList<SegmentKpiValue> values, KpiAlertRules rules, string exemptSegment)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rules);
        if (values.Count == 0 || rules.IsEmpty)
            return [];
        var latest = values.Max(v => v.PeriodEnd);
        var alerts = new List<KpiAlert>();
        foreach (var v in values.Where(v => v.PeriodEnd == latest && v.Value is not null).OrderBy(v => v.Segment, StringComparer.Ordinal))
        {
            if (SegmentKpi.Named(v.Kpi) is { } kpi && rules.TargetFor(v.Segment, v.Kpi, exemptSegment) is { } target
                && (target.Definition is null || target.Definition == v.Definition) && Missed(kpi, v, target, rules.Currency) is { } alert)
                alerts.Add(alert);
        }
        foreach (var (kpi, now, before) in DriftPairs(values, rules, exemptSegment))
        {
            // A share of an earlier value of 0 or less means nothing: such a drift is judged in money, or not at all (Unjudged).
            var limit = kpi.Unit == KpiUnit.Money && before.Value <= 0 ? rules.DriftAmounts.GetValueOrDefault(kpi.Name) : rules.Drift[kpi.Name];
            if (limit > 0 && Drifted(kpi, now, before.Value!.Value, before.PeriodEnd, limit, rules.Currency) is { } drift)
                alerts.Add(drift);
        }
        return alerts.OrderBy(a => a.Segment, StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// The money drifts at the latest period end of <paramref name="values"/> from an earlier value of 0 or less that no
    /// <see cref="KpiAlertRules.DriftAmounts"/> limit judges, by KPI and segment (<paramref name="exemptSegment"/> has no drift): the share limit cannot, so no alert is raised for them.
    /// </summary>
    public static IReadOnlyList<UnjudgedDrift> Unjudged(IReadOnlyList<SegmentKpiValue> values, KpiAlertRules rules, string exemptSegment)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rules);
        return DriftPairs(values, rules, exemptSegment)
            .Where(p => p.Kpi.Unit == KpiUnit.Money && p.Before.Value <= 0 && p.Now.Value != p.Before.Value && !rules.DriftAmounts.ContainsKey(p.Kpi.Name))
            .OrderBy(p => p.Kpi.Name, StringComparer.Ordinal)
            .Select(p => new UnjudgedDrift(p.Kpi.Name, p.Now.Segment, $"{p.Now.Segment} {Change(p.Kpi, p.Now, p.Before.Value!.Value, p.Before.PeriodEnd, rules.Currency, 2)}"))
            .ToList();
    }

    // Each segment's value at the latest period end of a KPI with a drift limit, beside its value at the period end before
    // under the same definition (DEFINITIONS.md: never compared across definitions), by segment. The exempt segment (inactive)
    // has none: without orders in the window its money KPIs are its returns, 0 or less at every end, and its rates are empty.
    private static IEnumerable<(SegmentKpi Kpi, SegmentKpiValue Now, SegmentKpiValue Before)> DriftPairs(IReadOnlyList<SegmentKpiValue> values, KpiAlertRules rules, string exemptSegment)
    {
        if (values.Count == 0 || rules.Drift.Count == 0)
            yield break;
        var latest = values.Max(v => v.PeriodEnd);
        var previousEnd = values.Where(v => v.PeriodEnd < latest).Select(v => (DateOnly?)v.PeriodEnd).Max();
        var previous = values.Where(v => v.PeriodEnd == previousEnd).ToDictionary(v => (v.Segment, v.Kpi));
        foreach (var now in values.Where(v => v.PeriodEnd == latest && v.Value is not null && v.Segment != exemptSegment).OrderBy(v => v.Segment, StringComparer.Ordinal))
        {
            if (SegmentKpi.Named(now.Kpi) is { } kpi && rules.Drift.ContainsKey(now.Kpi) && previous.TryGetValue((now.Segment, now.Kpi), out var before)
                && before.Value is not null && before.Definition == now.Definition)
                yield return (kpi, now, before);
        }
    }

    /// <summary>
    /// The KPIs <paramref name="rules"/> watch that none of their checks can compare at the latest period end, by name: no
    /// segment the target applies to has a value (cost-to-serve without cost pools), and for a drift limit no segment has one
    /// at both that end and the one before. Alerts are silent about them, so a run names them rather than read as "no alert".
    /// </summary>
    public static IReadOnlyList<string> Unwatched(IReadOnlyList<SegmentKpiValue> values, KpiAlertRules rules, string exemptSegment)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.IsEmpty)
            return [];
        DateOnly? latest = values.Count == 0 ? null : values.Max(v => v.PeriodEnd);
        var previous = values.Where(v => v.PeriodEnd < latest).Select(v => (DateOnly?)v.PeriodEnd).Max();
        var measured = values.Where(v => v.Value is not null).ToLookup(v => (v.PeriodEnd, v.Kpi), v => (v.Segment, v.Definition));
        bool Has(DateOnly? end, string kpi, Func<string, bool> segment) => end is { } e && measured[(e, kpi)].Any(m => segment(m.Segment));
        var watched = new HashSet<string>(StringComparer.Ordinal);
        foreach (var kpi in rules.Targets.Keys.Where(k => Has(latest, k, s => s != exemptSegment)))
            watched.Add(kpi);
        foreach (var (segment, targets) in rules.SegmentTargets)
            watched.UnionWith(targets.Keys.Where(k => Has(latest, k, s => s == segment)));
        foreach (var kpi in rules.Drift.Keys.Where(k => latest is { } e && previous is { } p
            && measured[(e, k)].Any(now => now.Segment != exemptSegment && measured[(p, k)].Contains(now))))
            watched.Add(kpi);
        return rules.Targets.Keys.Concat(rules.SegmentTargets.Values.SelectMany(t => t.Keys)).Concat(rules.Drift.Keys)
            .Distinct(StringComparer.Ordinal).Where(k => !watched.Contains(k)).Order(StringComparer.Ordinal).ToList();
    }

    private static KpiAlert? Missed(SegmentKpi kpi, SegmentKpiValue v, KpiTarget target, string? currency)
    {
        var value = v.Value!.Value;
        var miss = kpi.Direction == KpiDirection.HigherIsBetter ? target.Target - value : value - target.Target;
        // Compared to 9 places, so 0.98 − 0.96 (0.020000000000000018 in doubles) is a miss of 2 points, not a hair more.
        miss = Math.Round(miss, 9);
        if (miss <= target.Tolerance)
            return null;
        var severity = miss > Math.Round(2 * target.Tolerance, 9) ? AlertSeverity.Critical : AlertSeverity.Warning;
        var kind = kpi.Direction == KpiDirection.HigherIsBetter ? BelowTarget : AboveTarget;
        var word = kind == BelowTarget ? "below" : "above";
        var places = Places(2, (x, p) => kpi.FormatChange(x, currency, p), miss, target.Tolerance, Math.Round(2 * target.Tolerance, 9));
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{v.Segment}: {kpi.Name} {kpi.Format(value, currency, places)} at {v.PeriodEnd:yyyy-MM-dd} is {kpi.FormatChange(miss, currency, places)} {word} its target {kpi.Format(target.Target, currency, places)} (tolerance {kpi.FormatChange(target.Tolerance, currency, places)}; {v.Definition})");
        return new KpiAlert(v.Segment, kpi.Name, v.Definition, v.PeriodEnd, value, target.Target, target.Tolerance, null, null, kind, severity, message);
    }

    private static KpiAlert? Drifted(SegmentKpi kpi, SegmentKpiValue now, double earlier, DateOnly earlierEnd, double limit, string? currency)
    {
        var change = now.Value!.Value - earlier;
        // Money drifts relative to the earlier amount: 5 % of a segment's revenue, whatever its size; from 0 or less, in money.
        var inMoney = kpi.Unit == KpiUnit.Money && earlier <= 0;
        var size = kpi.Unit == KpiUnit.Money && !inMoney ? Math.Abs(change / earlier) : Math.Abs(change);
        if (change == 0 || Math.Round(size, 9) <= limit)
            return null;
        var worse = kpi.Direction == KpiDirection.HigherIsBetter ? change < 0 : change > 0;
        var bySharePlaces = kpi.Unit == KpiUnit.Money && !inMoney;
        var places = bySharePlaces ? Places(1, SegmentKpi.Percent, Math.Round(size, 9), limit) : Places(2, (x, p) => kpi.FormatChange(x, currency, p), Math.Round(size, 9), limit);
        var limitText = inMoney ? kpi.FormatChange(limit, currency, places) + " from an earlier value of 0 or less"
            : bySharePlaces ? SegmentKpi.Percent(limit, places) : kpi.FormatChange(limit, places: places);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"{now.Segment}: {kpi.Name} {Change(kpi, now, earlier, earlierEnd, currency, places)} (drift limit {limitText}; {now.Definition}){(worse ? "" : "; the better way, check it is real")}");
        return new KpiAlert(now.Segment, kpi.Name, now.Definition, now.PeriodEnd, now.Value.Value, null, limit, earlierEnd, earlier, Drift,
            worse ? AlertSeverity.Warning : AlertSeverity.Info, message);
    }

    // "fell 2.00 points from … to …"; money by a share of a positive earlier value ("fell 10.0 %"), else by
    // the amount ("fell by 1,714.49"), as a share of a loss or of nothing reads as nonsense. places are those of the
    // change: of the share for money by a share (its amounts stay to the cent), else of every figure.
    private static string Change(SegmentKpi kpi, SegmentKpiValue now, double earlier, DateOnly earlierEnd, string? currency, int places)
    {
        var change = now.Value!.Value - earlier;
        var byShare = kpi.Unit == KpiUnit.Money && earlier > 0;
        var how = kpi.Unit != KpiUnit.Money ? kpi.FormatChange(change, places: places)
            : byShare ? SegmentKpi.Percent(Math.Abs(change / earlier), places)
            : "by " + kpi.FormatChange(change, currency, places);
        var amountPlaces = byShare ? 2 : places;
        return string.Create(CultureInfo.InvariantCulture,
            $"{(change < 0 ? "fell" : "rose")} {how} from {kpi.Format(earlier, currency, amountPlaces)} at {earlierEnd:yyyy-MM-dd} to {kpi.Format(now.Value.Value, currency, amountPlaces)} at {now.PeriodEnd:yyyy-MM-dd}");
    }

    // The fewest places, from fewest up, at which the excess (compared to 9 places) reads apart from every limit it passed:
    // at two places a cycle time 1.004 days over target reads "1.00 days above, tolerance 1.00 days", no reason to alert.
    private static int Places(int fewest, Func<double, int, string> show, double excess, params double[] limits)
    {
        const int most = 9;
        for (var places = fewest; places < most; places++)
        {
            if (limits.All(limit => excess <= limit || show(excess, places) != show(limit, places)))
                return places;
        }
        return most;
    }
}
