using System.Globalization;
using ChainSeg.Core.Monitoring;
using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;
using ChainSeg.Data.Metrics;

namespace ChainSeg.Data.Monitoring;

/// <summary>Turns <c>alerts:</c> into the rules alerts.csv is checked by, refusing a setting that is wrong in one line that names it and the fix.</summary>
public static class AlertSettings
{
    /// <summary>The rules of <paramref name="alerts"/> for a run measuring under <paramref name="options"/>'s definitions.</summary>
    /// <exception cref="ConfigurationException">An unknown KPI, a missing or out-of-range target, a negative tolerance, a drift limit or drift_amount: not finite and above 0, a share's or ratio's tolerance or drift limit above 1 (written in points), a money drift limit above 2 (written in per cent), a money drift without window:, a drift_amount: on other than money or without its drift: limit, a target set for another definition than the run's, or for a definition id the KPI never has (with the nearest).</exception>
    public static KpiAlertRules From(AlertsConfig alerts, MetricsOptions options)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        var definitions = SegmentKpiTable.Definitions(options);
        var targets = alerts.Targets.ToDictionary(t => Kpi(t.Key, "alerts.targets", definitions), t => Target($"alerts.targets.{t.Key}", t.Value, null, definitions[t.Key], SegmentKpiTable.KnownDefinitions(t.Key, options)), StringComparer.Ordinal);
        var segments = new Dictionary<string, IReadOnlyDictionary<string, KpiTarget>>(StringComparer.Ordinal);
        foreach (var (segment, kpis) in alerts.Segments)
        {
            if (kpis is null || kpis.Count == 0)
                throw new ConfigurationException($"alerts.segments.{segment} is empty; give it a KPI's target (e.g. otif_rate: {{ target: 0.98 }}) or remove it.");
            segments[segment] = kpis.ToDictionary(k => Kpi(k.Key, $"alerts.segments.{segment}", definitions),
                k => Target($"alerts.segments.{segment}.{k.Key}", k.Value, targets.GetValueOrDefault(k.Key), definitions[k.Key], SegmentKpiTable.KnownDefinitions(k.Key, options)), StringComparer.Ordinal);
        }
        var drift = alerts.Drift.ToDictionary(d => Kpi(d.Key, "alerts.drift", definitions), d => d.Value is { } limit && limit > 0 && double.IsFinite(limit)
            ? Comparable($"alerts.drift.{d.Key}", SegmentKpi.Named(d.Key)!, DriftLimit($"alerts.drift.{d.Key}", SegmentKpi.Named(d.Key)!, limit), options)
            : throw new ConfigurationException($"alerts.drift.{d.Key} must be finite and above 0 (the change from the previous period end that is still no alert: 0.05 is 5 points of a rate, or 5 % of an amount); got {Text(d.Value)}."),
            StringComparer.Ordinal);
        var amounts = alerts.DriftAmount.ToDictionary(d => Kpi(d.Key, "alerts.drift_amount", definitions), d => Amount(d.Key, d.Value, drift), StringComparer.Ordinal);
        return new KpiAlertRules(targets, segments, drift) { DriftAmounts = amounts };
    }

    // A money KPI's drift from an earlier value of 0 or less, judged in money beside its share limit.
    private static double Amount(string key, double? amount, IReadOnlyDictionary<string, double> drift)
    {
        var at = $"alerts.drift_amount.{key}";
        if (SegmentKpi.Named(key)!.Unit != KpiUnit.Money)
            throw new ConfigurationException($"{at} is for money ({string.Join(", ", SegmentKpi.All.Where(k => k.Unit == KpiUnit.Money).Select(k => k.Name))}), whose drift: is a share of the earlier value; {key}'s drift: is in its own unit already, so remove it.");
        if (!drift.ContainsKey(key))
            throw new ConfigurationException($"{at} judges {key}'s drift where the earlier value is 0 or less, beside its share limit; set alerts.drift.{key} too (e.g. {key}: 0.1).");
        return amount is { } limit && limit > 0 && double.IsFinite(limit)
            ? limit
            : throw new ConfigurationException($"{at} must be a finite amount above 0 (the change in money from an earlier value of 0 or less that is still no alert); got {Text(amount)}.");
    }

    // The KPI a key names; a definition id (otif.order) is pointed at its KPI, anything else gets the nearest name.
    private static string Kpi(string key, string at, IReadOnlyDictionary<string, string> definitions)
    {
        if (definitions.ContainsKey(key))
            return key;
        var known = string.Join(", ", definitions.Keys);
        if (definitions.FirstOrDefault(d => d.Value == key || d.Value.Split('[')[0] == key || (key.StartsWith("otif.", StringComparison.Ordinal) && d.Key == "otif_rate")) is { Key: not null } byDefinition)
            throw new ConfigurationException($"{at}.{key} names a definition, not a KPI; key it by the KPI, {byDefinition.Key} (this run measures it as {byDefinition.Value}), and pin the definition with definition: {key} if it matters. KPIs: {known}.");
        throw new ConfigurationException($"{at}.{key} is not a KPI{MetricNameSuggestion.Hint(key, definitions.Keys)}; KPIs: {known}.");
    }

    private static KpiTarget Target(string at, KpiTargetConfig? written, KpiTarget? inherited, string runDefinition, IReadOnlyList<string> known)
    {
        var kpi = SegmentKpi.Named(at[(at.LastIndexOf('.') + 1)..])!;
        if (written?.Target is not { } target || !double.IsFinite(target))
            throw new ConfigurationException($"{at} needs a target (e.g. {at}: {{ {Example(kpi.Unit)} }}).");
        if (kpi.Unit == KpiUnit.Share && target is < 0 or > 1)
            throw new ConfigurationException($"{at}.target {Text(target)} is a share in [0, 1]; write {Text(target / 100)} for {Text(target)} %.");
        // A ratio may leave [0, 1] (price above list), but not by a factor a per-cent figure (25 for 25 %) would give.
        if (kpi.Unit == KpiUnit.Ratio && Math.Abs(target) > MaxRatioTarget)
            throw new ConfigurationException($"{at}.target {Text(target)} is a ratio written as a fraction (within ±2, 200 %); write {Text(target / 100)} for {Text(target)} %.");
        if (kpi.Unit == KpiUnit.Days && target < 0)
            throw new ConfigurationException($"{at}.target {Text(target)} is a number of days; it must be 0 or more.");
        var tolerance = written.Tolerance ?? inherited?.Tolerance ?? 0;
        if (!(tolerance >= 0) || !double.IsFinite(tolerance))
            throw new ConfigurationException($"{at}.tolerance must be 0 or more (the miss still tolerated, in the KPI's unit); got {Text(tolerance)}.");
        InPoints($"{at}.tolerance", kpi, tolerance);
        var definition = string.IsNullOrWhiteSpace(written.Definition) ? inherited?.Definition : written.Definition.Trim();
        if (definition is not null && definition != runDefinition && !known.Any(id => id.Split('[')[0] == definition.Split('[')[0]))
            throw new ConfigurationException($"{at}.definition {definition} is no definition of {kpi.Name}{MetricNameSuggestion.Hint(definition, known)}; its definitions: {string.Join(", ", known)}; this run measures it as {runDefinition} (definition: {runDefinition}).");
        // DEFINITIONS.md: KPIs computed under different definition ids are never compared.
        if (definition is not null && definition != runDefinition)
            throw new ConfigurationException($"{at} is set for definition {definition}, but this run measures {kpi.Name} as {runDefinition}; set the target for {runDefinition} (definition: {runDefinition}), or change metrics: back to {definition}.");
        return new KpiTarget(target, tolerance, definition);
    }

    // Largest ratio target read as a fraction: 200 %, beyond any margin, cost-to-serve or price realisation aimed at.
    private const double MaxRatioTarget = 2;

    // A tolerance or drift limit of a share or ratio is in points written as a fraction: above 1 (100 points) it covers
    // every value the KPI takes and silently watches nothing, as 2 written for 2 points would.
    private static double InPoints(string at, SegmentKpi kpi, double points) =>
        kpi.Unit is KpiUnit.Share or KpiUnit.Ratio && points > 1
            ? throw new ConfigurationException($"{at} {Text(points)} is in points written as a fraction (at most 1); write {Text(points / 100)} for {Text(points)} points.")
            : points;

    // A money drift limit is a share of the earlier value: beyond 200 % (as a ratio target) it is a per-cent figure, 5
    // written for 5 %, which waits for a sixfold rise and alerts no fall of revenue at all.
    private static double DriftLimit(string at, SegmentKpi kpi, double limit) =>
        kpi.Unit == KpiUnit.Money && limit > MaxRatioTarget
            ? throw new ConfigurationException($"{at} {Text(limit)} is a share of the earlier value written as a fraction (at most {Text(MaxRatioTarget)}, {Text(MaxRatioTarget * 100)} %); write {Text(limit / 100)} for {Text(limit)} %.")
            : InPoints(at, kpi, limit);

    // Without window: each period end's figures are all history up to it: rates stay ratios of sums, but money is a running
    // total, so a drift limit on it fires on every segment that simply kept trading.
    private static double Comparable(string at, SegmentKpi kpi, double limit, MetricsOptions options) =>
        kpi.Unit == KpiUnit.Money && options.WholeHistory
            ? throw new ConfigurationException($"{at} compares {kpi.Name} over all history up to each period end (no window:), running totals that grow with every period; set window: (e.g. window: 12 months) so every period end covers as long, or remove it.")
            : limit;

    private static string Example(KpiUnit unit) => unit switch
    {
        KpiUnit.Money => "target: 100000, tolerance: 5000",
        KpiUnit.Days => "target: 5, tolerance: 1",
        _ => "target: 0.95, tolerance: 0.02",
    };

    private static string Text(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "nothing";
}
