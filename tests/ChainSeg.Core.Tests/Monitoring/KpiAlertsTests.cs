using ChainSeg.Core.Monitoring;

namespace ChainSeg.Core.Tests.Monitoring;

public sealed class KpiAlertsTests
{
    private static readonly DateOnly Q1 = new(2025, 3, 31), Q2 = new(2025, 6, 30);

    private static KpiAlertRules Rules(Dictionary<string, KpiTarget>? targets = null, Dictionary<string, IReadOnlyDictionary<string, KpiTarget>>? segments = null,
        Dictionary<string, double>? drift = null) => new(targets ?? [], segments ?? [], drift ?? []);

    // Lower is better for the cost share: 0.12 against 0.10 ± 0.01 is 2 points above, within twice the tolerance: a warning;
    // 0.13 is 3 points above: critical.
    [Fact]
    public void Evaluate_CostShareAboveTarget_WarnsWithinTwiceTheToleranceAndIsCriticalBeyond()
    {
        var values = new[] { new SegmentKpiValue("core", "cost_to_serve_pct", "cts.abc_pct", Q2, 0.12), new SegmentKpiValue("tail", "cost_to_serve_pct", "cts.abc_pct", Q2, 0.13) };

        var alerts = KpiAlerts.Evaluate(values, Rules(new() { ["cost_to_serve_pct"] = new KpiTarget(0.10, 0.01) }), "inactive");

        Assert.Equal([("core", KpiAlerts.AboveTarget, AlertSeverity.Warning), ("tail", KpiAlerts.AboveTarget, AlertSeverity.Critical)],
            alerts.Select(a => (a.Segment, a.Kind, a.Severity)));
    }

    // A watched KPI no segment has a value for at the latest period end (cost-to-serve without cost pools) is checked
    // against nothing: named, so the run can say so instead of reading as "no alert". A value in the inactive segment alone
    // does not count for a KPI-wide target, and a drift limit needs the KPI at the period end before as well.
    [Fact]
    public void Unwatched_KpisWithoutAValueAtTheLatestEnd_AreNamedOnce()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "otif_rate", "otif.order", Q1, 0.9), new SegmentKpiValue("core", "otif_rate", "otif.order", Q2, 0.93),
            new SegmentKpiValue("core", "cost_to_serve_pct", "cts.abc_pct", Q2, null),
            new SegmentKpiValue("inactive", "fill_rate_units", "fill.unit", Q2, 0.9), new SegmentKpiValue("core", "fill_rate_units", "fill.unit", Q2, null),
            new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q2, 4.0),
        };
        var rules = Rules(
            new() { ["otif_rate"] = new KpiTarget(0.95, 0.02), ["cost_to_serve_pct"] = new KpiTarget(0.1, 0.01), ["fill_rate_units"] = new KpiTarget(0.98, 0) },
            new() { ["core"] = new Dictionary<string, KpiTarget> { ["cost_to_serve_pct"] = new KpiTarget(0.2, 0.01) } },
            new() { ["otif_rate"] = 0.05, ["order_cycle_days"] = 1 });

        Assert.Equal(["cost_to_serve_pct", "fill_rate_units", "order_cycle_days"], KpiAlerts.Unwatched(values, rules, "inactive"));
        Assert.Empty(KpiAlerts.Unwatched([], KpiAlertRules.None, "inactive"));
    }

    // A miss of exactly the tolerance is no alert; inactive takes no KPI-wide target; an empty value is not compared.
    [Fact]
    public void Evaluate_MissWithinTolerance_InactiveAndEmptyValues_RaiseNothing()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "otif_rate", "otif.order", Q2, 0.93), new SegmentKpiValue("inactive", "otif_rate", "otif.order", Q2, 0.1),
            new SegmentKpiValue("new", "otif_rate", "otif.order", Q2, null),
        };

        Assert.Empty(KpiAlerts.Evaluate(values, Rules(new() { ["otif_rate"] = new KpiTarget(0.95, 0.02) }), "inactive"));
    }

    // DEFINITIONS.md: never compare KPIs computed under different definition ids — a target set for otif.order is not applied
    // to an otif.line value, nor is an otif.line value drifted against an otif.order one.
    [Fact]
    public void Evaluate_OtherDefinition_IsNotCompared()
    {
        var values = new[] { new SegmentKpiValue("core", "otif_rate", "otif.order", Q1, 0.99), new SegmentKpiValue("core", "otif_rate", "otif.line", Q2, 0.5) };

        Assert.Empty(KpiAlerts.Evaluate(values, Rules(new() { ["otif_rate"] = new KpiTarget(0.95, 0, "otif.order") }, drift: new() { ["otif_rate"] = 0.05 }), "inactive"));
    }

    // Cycle time is in days and lower is better: 6.5 days against 5 ± 1 is 1.5 days above (a warning); a drift from 5.0 to
    // 4.0 days is a change of 1 day, within a limit of 1, and from 5.0 to 7.5 one of 2.5 days the bad way.
    [Fact]
    public void Evaluate_CycleTimeInDays_IsAboveTargetAndDriftsInDays()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q1, 5.0), new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q2, 6.5),
            new SegmentKpiValue("tail", "order_cycle_days", "order.cycle_time", Q1, 5.0), new SegmentKpiValue("tail", "order_cycle_days", "order.cycle_time", Q2, 4.0),
        };

        var alerts = KpiAlerts.Evaluate(values, Rules(new() { ["order_cycle_days"] = new KpiTarget(5, 1) }, drift: new() { ["order_cycle_days"] = 1 }), "inactive");

        Assert.Equal([("core", KpiAlerts.AboveTarget, AlertSeverity.Warning), ("core", KpiAlerts.Drift, AlertSeverity.Warning)], alerts.Select(a => (a.Segment, a.Kind, a.Severity)));
        Assert.Equal("core: order_cycle_days 6.50 days at 2025-06-30 is 1.50 days above its target 5.00 days (tolerance 1.00 days; order.cycle_time)", alerts[0].Message);
        Assert.StartsWith("core: order_cycle_days rose 1.50 days from 5.00 days at 2025-03-31 to 6.50 days at 2025-06-30 (drift limit 1.00 days;", alerts[1].Message, StringComparison.Ordinal);
    }

    // Money drifts relative to the earlier amount: revenue 1,000,000 → 900,000 is −10 %, beyond 5 %; 100 → 104 is +4 %, within.
    [Fact]
    public void Evaluate_MoneyDrift_IsRelativeToTheEarlierAmount()
    {
        var values = new[]
        {
            new SegmentKpiValue("big", "revenue", "revenue.net", Q1, 1_000_000), new SegmentKpiValue("big", "revenue", "revenue.net", Q2, 900_000),
            new SegmentKpiValue("small", "revenue", "revenue.net", Q1, 100), new SegmentKpiValue("small", "revenue", "revenue.net", Q2, 104),
        };

        var alert = Assert.Single(KpiAlerts.Evaluate(values, Rules(drift: new() { ["revenue"] = 0.05 }), "inactive"));

        Assert.Equal(("big", KpiAlerts.Drift, AlertSeverity.Warning, 1_000_000.0), (alert.Segment, alert.Kind, alert.Severity, alert.PreviousValue!.Value));
        Assert.Equal("big: revenue fell 10.0 % from 1,000,000.00 at 2025-03-31 to 900,000.00 at 2025-06-30 (drift limit 5.0 %; revenue.net)", alert.Message);
    }

    // A share of an earlier value of 0 or less means nothing (a loss of 2,172.74 deepening to 3,887.23 is no "fall of 78.9 %"):
    // with an amount limit the change is judged in money and worded so (3,887.23 − 2,172.74 = 1,714.49, beyond 1,000; a
    // loss of 1,000 → 1,500 is 500, within); a fall is the bad way for net contribution.
    [Fact]
    public void Evaluate_MoneyDriftFromZeroOrLess_IsJudgedInMoneyAgainstTheAmountLimit()
    {
        var values = new[]
        {
            new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q1, -2_172.74), new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q2, -3_887.23),
            new SegmentKpiValue("new", "net_contribution", "contribution.net", Q1, -1_000), new SegmentKpiValue("new", "net_contribution", "contribution.net", Q2, -1_500),
        };
        var rules = Rules(drift: new() { ["net_contribution"] = 0.1 }) with { DriftAmounts = new Dictionary<string, double> { ["net_contribution"] = 1_000 } };

        var alert = Assert.Single(KpiAlerts.Evaluate(values, rules, "inactive"));

        Assert.Equal(("tail", AlertSeverity.Warning, 1_000.0), (alert.Segment, alert.Severity, alert.Tolerance));
        Assert.Equal("tail: net_contribution fell by 1,714.49 from -2,172.74 at 2025-03-31 to -3,887.23 at 2025-06-30 (drift limit 1,000.00 from an earlier value of 0 or less; contribution.net)", alert.Message);
        Assert.Empty(KpiAlerts.Unjudged(values, rules, "inactive"));
    }

    // Without an amount limit such a drift cannot be judged: no alert, but named (a run warns once per KPI) with the change
    // in money; unchanged, or from a positive value, there is nothing to say.
    [Fact]
    public void Unjudged_MoneyDriftFromZeroOrLessWithoutAnAmountLimit_IsNamedNotAlerted()
    {
        var values = new[]
        {
            new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q1, -2_172.74), new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q2, -3_887.23),
            new SegmentKpiValue("flat", "net_contribution", "contribution.net", Q1, -50), new SegmentKpiValue("flat", "net_contribution", "contribution.net", Q2, -50),
            new SegmentKpiValue("new", "revenue", "revenue.net", Q1, 0), new SegmentKpiValue("new", "revenue", "revenue.net", Q2, 800),
            new SegmentKpiValue("core", "revenue", "revenue.net", Q1, 1_000), new SegmentKpiValue("core", "revenue", "revenue.net", Q2, 1_010),
        };
        var rules = Rules(drift: new() { ["net_contribution"] = 0.1, ["revenue"] = 0.05 });

        Assert.Empty(KpiAlerts.Evaluate(values, rules, "inactive"));
        Assert.Equal(["net_contribution: tail fell by 1,714.49 from -2,172.74 at 2025-03-31 to -3,887.23 at 2025-06-30", "revenue: new rose by 800.00 from 0.00 at 2025-03-31 to 800.00 at 2025-06-30"],
            KpiAlerts.Unjudged(values, rules, "inactive").Select(u => $"{u.Kpi}: {u.Change}"));
    }

    // The inactive segment has no orders in the window, so its revenue and net contribution are its returns, 0 or less at
    // every period end: a drift limit set for the trading segments would always find it "from 0 or less", warn it unjudged
    // (asking for drift_amount: on its account alone) or alert on its returns. It takes no drift, as it takes no KPI-wide target.
    [Fact]
    public void Drift_InactiveSegment_IsNeitherAlertedNorNamedUnjudged()
    {
        var values = new[]
        {
            new SegmentKpiValue("inactive", "net_contribution", "contribution.net", Q1, -18.39), new SegmentKpiValue("inactive", "net_contribution", "contribution.net", Q2, -44.69),
            new SegmentKpiValue("inactive", "revenue", "revenue.net", Q1, 0), new SegmentKpiValue("inactive", "revenue", "revenue.net", Q2, -124.08),
            new SegmentKpiValue("core", "revenue", "revenue.net", Q1, 1_000), new SegmentKpiValue("core", "revenue", "revenue.net", Q2, 1_010),
        };
        var rules = Rules(drift: new() { ["net_contribution"] = 0.1, ["revenue"] = 0.05 });
        var withAmounts = rules with { DriftAmounts = new Dictionary<string, double> { ["net_contribution"] = 10, ["revenue"] = 10 } };

        Assert.Empty(KpiAlerts.Unjudged(values, rules, "inactive"));
        Assert.Empty(KpiAlerts.Evaluate(values, withAmounts, "inactive"));
        // Nor does its value make the KPI watched: with only inactive compared, nothing a planner set the limit for was.
        Assert.Equal(["net_contribution"], KpiAlerts.Unwatched(values, Rules(drift: new() { ["net_contribution"] = 0.1 }), "inactive"));
    }

    // A segment's own target replaces the KPI-wide one, for that segment only.
    [Fact]
    public void Evaluate_SegmentTarget_ReplacesTheKpiWideTarget()
    {
        var values = new[] { new SegmentKpiValue("strategic", "otif_rate", "otif.order", Q2, 0.96), new SegmentKpiValue("core", "otif_rate", "otif.order", Q2, 0.96) };
        var rules = Rules(new() { ["otif_rate"] = new KpiTarget(0.95, 0) },
            new() { ["strategic"] = new Dictionary<string, KpiTarget> { ["otif_rate"] = new KpiTarget(0.98, 0.01) } });

        var alert = Assert.Single(KpiAlerts.Evaluate(values, rules, "inactive"));

        Assert.Equal(("strategic", 0.98, AlertSeverity.Warning), (alert.Segment, alert.Target!.Value, alert.Severity));
    }

    // currency: names the money of a money KPI's alert beside each amount; a rate's alert has none to name.
    [Fact]
    public void Evaluate_CurrencyNamed_MoneyAlertsNameItBesideEachAmountAndRatesDoNot()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "revenue", "revenue.net", Q1, 1_000_000), new SegmentKpiValue("core", "revenue", "revenue.net", Q2, 900_000),
            new SegmentKpiValue("core", "net_contribution", "contribution.net", Q2, -100), new SegmentKpiValue("core", "otif_rate", "otif.order", Q2, 0.9),
        };
        var rules = Rules(new() { ["net_contribution"] = new KpiTarget(500, 100), ["otif_rate"] = new KpiTarget(0.95, 0.01) }, drift: new() { ["revenue"] = 0.05 }) with { Currency = "GBP" };

        var messages = KpiAlerts.Evaluate(values, rules, "inactive").Select(a => a.Message).ToList();

        Assert.Contains("core: net_contribution -100.00 GBP at 2025-06-30 is 600.00 GBP below its target 500.00 GBP (tolerance 100.00 GBP; contribution.net)", messages);
        Assert.Contains("core: revenue fell 10.0 % from 1,000,000.00 GBP at 2025-03-31 to 900,000.00 GBP at 2025-06-30 (drift limit 5.0 %; revenue.net)", messages);
        Assert.Contains("core: otif_rate 90.00 % at 2025-06-30 is 5.00 points below its target 95.00 % (tolerance 1.00 points; otif.order)", messages);
    }

    // A miss that rounds to its tolerance at two places reads as no miss ("1.00 days above, tolerance 1.00 days"): the
    // message shows as many places as make the excess visible, for the value, target and tolerance alike. 6.004 − 5 =
    // 1.004 days; 0.99 − 0.96996 = 2.004 points; 500 − 399.996 = 100.004; with tolerance 0 any miss is critical, and
    // 0.95 − 0.92996 = 2.004 points is more than twice 1 point, shown so. A miss visible at two places keeps two.
    [Fact]
    public void Evaluate_MissRoundingToTheTolerance_ShowsThePlacesThatMakeTheExcessVisible()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q2, 6.004), new SegmentKpiValue("core", "otif_rate", "otif.order", Q2, 0.96996),
            new SegmentKpiValue("core", "net_contribution", "contribution.net", Q2, 399.996), new SegmentKpiValue("tail", "order_cycle_days", "order.cycle_time", Q2, 5.001),
            new SegmentKpiValue("tail", "otif_rate", "otif.order", Q2, 0.92996), new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q2, 390),
        };
        var rules = Rules(
            new() { ["order_cycle_days"] = new KpiTarget(5, 1), ["otif_rate"] = new KpiTarget(0.99, 0.02), ["net_contribution"] = new KpiTarget(500, 100) },
            new() { ["tail"] = new Dictionary<string, KpiTarget> { ["order_cycle_days"] = new KpiTarget(5, 0), ["otif_rate"] = new KpiTarget(0.95, 0.01) } });

        var messages = KpiAlerts.Evaluate(values, rules, "inactive").Select(a => (a.Severity, a.Message)).ToList();

        Assert.Equal(
        [
            (AlertSeverity.Warning, "core: net_contribution 399.996 at 2025-06-30 is 100.004 below its target 500.000 (tolerance 100.000; contribution.net)"),
            (AlertSeverity.Warning, "core: order_cycle_days 6.004 days at 2025-06-30 is 1.004 days above its target 5.000 days (tolerance 1.000 days; order.cycle_time)"),
            (AlertSeverity.Warning, "core: otif_rate 96.996 % at 2025-06-30 is 2.004 points below its target 99.000 % (tolerance 2.000 points; otif.order)"),
            (AlertSeverity.Warning, "tail: net_contribution 390.00 at 2025-06-30 is 110.00 below its target 500.00 (tolerance 100.00; contribution.net)"),
            (AlertSeverity.Critical, "tail: order_cycle_days 5.001 days at 2025-06-30 is 0.001 days above its target 5.000 days (tolerance 0.000 days; order.cycle_time)"),
            (AlertSeverity.Critical, "tail: otif_rate 92.996 % at 2025-06-30 is 2.004 points below its target 95.000 % (tolerance 1.000 points; otif.order)"),
        ], messages.OrderBy(m => m.Message, StringComparer.Ordinal));
    }

    // The same for a drift: 5 → 6.003 days is 1.003 days against a limit of 1; revenue 1,000,000 → 949,600 is 5.04 %
    // against 5 % (5.0 % at one place); a loss deepening by 1,000.004 against an amount limit of 1,000.
    [Fact]
    public void Evaluate_DriftRoundingToTheLimit_ShowsThePlacesThatMakeTheExcessVisible()
    {
        var values = new[]
        {
            new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q1, 5), new SegmentKpiValue("core", "order_cycle_days", "order.cycle_time", Q2, 6.003),
            new SegmentKpiValue("core", "revenue", "revenue.net", Q1, 1_000_000), new SegmentKpiValue("core", "revenue", "revenue.net", Q2, 949_600),
            new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q1, -500), new SegmentKpiValue("tail", "net_contribution", "contribution.net", Q2, -1_500.004),
        };
        var rules = Rules(drift: new() { ["order_cycle_days"] = 1, ["revenue"] = 0.05, ["net_contribution"] = 0.1 })
            with { DriftAmounts = new Dictionary<string, double> { ["net_contribution"] = 1_000 } };

        var messages = KpiAlerts.Evaluate(values, rules, "inactive").Select(a => a.Message).Order(StringComparer.Ordinal).ToList();

        Assert.Equal(
        [
            "core: order_cycle_days rose 1.003 days from 5.000 days at 2025-03-31 to 6.003 days at 2025-06-30 (drift limit 1.000 days; order.cycle_time)",
            "core: revenue fell 5.04 % from 1,000,000.00 at 2025-03-31 to 949,600.00 at 2025-06-30 (drift limit 5.00 %; revenue.net)",
            "tail: net_contribution fell by 1,000.004 from -500.000 at 2025-03-31 to -1,500.004 at 2025-06-30 (drift limit 1,000.000 from an earlier value of 0 or less; contribution.net)",
        ], messages);
    }
}
