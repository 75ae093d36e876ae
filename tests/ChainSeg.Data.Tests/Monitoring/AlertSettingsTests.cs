using ChainSeg.Data.Configuration;
using ChainSeg.Data.Monitoring;
using ChainSeg.Data.Pipeline;

namespace ChainSeg.Data.Tests.Monitoring;

// alerts: is checked with the rest of the settings (a run's first second, and validate), each mistake in one line naming
// the key and the fix.
public sealed class AlertSettingsTests
{
    private static string Refusal(string yaml) =>
        Assert.Throws<ConfigurationException>(() => ConfigCheck.Settings(ConfigLoader.Parse(yaml), TimeProvider.System)).Message;

    [Fact]
    public void Settings_AlertsAsDocumented_AreRead()
    {
        var config = ConfigLoader.Parse("""
            window: 12 months
            alerts:
              targets:
                otif_rate: { target: 0.95, tolerance: 0.02 }
                cost_to_serve_pct: { target: 0.08, definition: "cts.abc_pct[direct=freight,service_events]" }
              segments:
                strategic:
                  otif_rate: { target: 0.98 }
              drift:
                otif_rate: 0.05
                revenue: 0.1
            """);

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal(0.02, rules.Targets["otif_rate"].Tolerance);
        Assert.Equal(0, rules.Targets["cost_to_serve_pct"].Tolerance);
        // The segment's tolerance is the KPI's own unless it gives one.
        Assert.Equal((0.98, 0.02), (rules.SegmentTargets["strategic"]["otif_rate"].Target, rules.SegmentTargets["strategic"]["otif_rate"].Tolerance));
        Assert.Equal(0.1, rules.Drift["revenue"]);
    }

    [Fact]
    public void Settings_MistypedKpi_IsRefusedWithTheNearestName()
    {
        var message = Refusal("alerts:\n  targets:\n    otif: { target: 0.95 }\n");

        Assert.StartsWith("alerts.targets.otif is not a KPI (did you mean 'otif_rate'?); KPIs: otif_rate, revenue,", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Settings_DefinitionIdAsKey_PointsAtItsKpi()
    {
        var message = Refusal("alerts:\n  drift:\n    otif.order: 0.05\n");

        Assert.StartsWith("alerts.drift.otif.order names a definition, not a KPI; key it by the KPI, otif_rate (this run measures it as otif.order)", message, StringComparison.Ordinal);
    }

    // Fill rate is watched from below, cycle time from above, in days (a target of 4 days is no share).
    [Fact]
    public void Settings_FillRateAndCycleTimeTargets_AreRead()
    {
        var config = ConfigLoader.Parse("alerts:\n  targets:\n    fill_rate_units: { target: 0.97 }\n    order_cycle_days: { target: 4, tolerance: 0.5, definition: order.cycle_time }\n  drift:\n    order_cycle_days: 1\n");

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal((0.97, 4.0, 0.5, 1.0), (rules.Targets["fill_rate_units"].Target, rules.Targets["order_cycle_days"].Target, rules.Targets["order_cycle_days"].Tolerance, rules.Drift["order_cycle_days"]));
    }

    // Line and order fill are shares watched from below; fill.order's id (its variant in brackets) points at its KPI.
    [Fact]
    public void Settings_LineAndOrderFillTargets_AreReadAsShares()
    {
        var config = ConfigLoader.Parse("alerts:\n  targets:\n    fill_rate_lines: { target: 0.95, definition: fill.line }\n    fill_rate_orders: { target: 0.9, definition: \"fill.order[first_time]\" }\n  drift:\n    fill_rate_orders: 0.05\n");

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal((0.95, 0.9, 0.05), (rules.Targets["fill_rate_lines"].Target, rules.Targets["fill_rate_orders"].Target, rules.Drift["fill_rate_orders"]));
        Assert.Equal("alerts.targets.fill_rate_lines.target 95 is a share in [0, 1]; write 0.95 for 95 %.", Refusal("alerts:\n  targets:\n    fill_rate_lines: { target: 95 }\n"));
        Assert.StartsWith("alerts.drift.fill.order names a definition, not a KPI; key it by the KPI, fill_rate_orders", Refusal("alerts:\n  drift:\n    fill.order: 0.05\n"), StringComparison.Ordinal);
    }

    // The perfect order rate is a share watched from below, as OTIF; its definition id points at it.
    [Fact]
    public void Settings_PerfectOrderRateTarget_IsReadAsAShare()
    {
        var config = ConfigLoader.Parse("alerts:\n  targets:\n    perfect_order_rate: { target: 0.9, tolerance: 0.02, definition: perfect_order }\n  drift:\n    perfect_order_rate: 0.05\n");

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal((0.9, 0.02, 0.05), (rules.Targets["perfect_order_rate"].Target, rules.Targets["perfect_order_rate"].Tolerance, rules.Drift["perfect_order_rate"]));
        Assert.Equal("alerts.targets.perfect_order_rate.target 90 is a share in [0, 1]; write 0.9 for 90 %.", Refusal("alerts:\n  targets:\n    perfect_order_rate: { target: 90 }\n"));
        Assert.StartsWith("alerts.drift.perfect_order names a definition, not a KPI; key it by the KPI, perfect_order_rate", Refusal("alerts:\n  drift:\n    perfect_order: 0.05\n"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("alerts:\n  targets:\n    otif_rate: { tolerance: 0.02 }\n", "alerts.targets.otif_rate needs a target (e.g. alerts.targets.otif_rate: { target: 0.95, tolerance: 0.02 }).")]
    [InlineData("alerts:\n  targets:\n    otif_rate: { target: 95 }\n", "alerts.targets.otif_rate.target 95 is a share in [0, 1]; write 0.95 for 95 %.")]
    [InlineData("alerts:\n  segments:\n    key:\n      revenue: { target: 1000, tolerance: -5 }\n", "alerts.segments.key.revenue.tolerance must be 0 or more (the miss still tolerated, in the KPI's unit); got -5.")]
    [InlineData("window: 12 months\nalerts:\n  drift:\n    revenue: 0\n", "alerts.drift.revenue must be finite and above 0 (the change from the previous period end that is still no alert: 0.05 is 5 points of a rate, or 5 % of an amount); got 0.")]
    [InlineData("window: 12 months\nalerts:\n  drift:\n    revenue: .inf\n", "alerts.drift.revenue must be finite and above 0 (the change from the previous period end that is still no alert: 0.05 is 5 points of a rate, or 5 % of an amount); got Infinity.")]
    [InlineData("alerts:\n  segments:\n    key:\n", "alerts.segments.key is empty; give it a KPI's target (e.g. otif_rate: { target: 0.98 }) or remove it.")]
    [InlineData("alerts:\n  targets:\n    fill_rate_units: { target: 97 }\n", "alerts.targets.fill_rate_units.target 97 is a share in [0, 1]; write 0.97 for 97 %.")]
    [InlineData("alerts:\n  targets:\n    order_cycle_days: { tolerance: 1 }\n", "alerts.targets.order_cycle_days needs a target (e.g. alerts.targets.order_cycle_days: { target: 5, tolerance: 1 }).")]
    public void Settings_WrongValue_IsRefusedInOneLineNamingTheFix(string yaml, string expected) => Assert.Equal(expected, Refusal(yaml));

    // A share or ratio written in per cent (tolerance 2 for 2 points, drift 5 for 5 points, a cost-to-serve target of 25
    // for 25 %) was accepted and silently watched nothing: no segment misses a target by 200 points or drifts 500.
    [Theory]
    [InlineData("alerts:\n  targets:\n    otif_rate: { target: 0.95, tolerance: 2 }\n", "alerts.targets.otif_rate.tolerance 2 is in points written as a fraction (at most 1); write 0.02 for 2 points.")]
    [InlineData("alerts:\n  segments:\n    key:\n      gross_margin_pct: { target: 0.3, tolerance: 5 }\n", "alerts.segments.key.gross_margin_pct.tolerance 5 is in points written as a fraction (at most 1); write 0.05 for 5 points.")]
    [InlineData("alerts:\n  targets:\n    cost_to_serve_pct: { target: 25 }\n", "alerts.targets.cost_to_serve_pct.target 25 is a ratio written as a fraction (within ±2, 200 %); write 0.25 for 25 %.")]
    [InlineData("alerts:\n  drift:\n    otif_rate: 5\n", "alerts.drift.otif_rate 5 is in points written as a fraction (at most 1); write 0.05 for 5 points.")]
    // A money drift limit is a share of the earlier value: 5 written for 5 % waits for revenue to rise sixfold and alerts no fall.
    [InlineData("window: 12 months\nalerts:\n  drift:\n    revenue: 5\n", "alerts.drift.revenue 5 is a share of the earlier value written as a fraction (at most 2, 200 %); write 0.05 for 5 %.")]
    [InlineData("window: 12 months\nalerts:\n  drift:\n    net_contribution: 10\n", "alerts.drift.net_contribution 10 is a share of the earlier value written as a fraction (at most 2, 200 %); write 0.1 for 10 %.")]
    [InlineData("alerts:\n  targets:\n    order_cycle_days: { target: -5 }\n", "alerts.targets.order_cycle_days.target -5 is a number of days; it must be 0 or more.")]
    public void Settings_ValueInTheWrongUnit_IsRefusedNamingTheFraction(string yaml, string expected) => Assert.Equal(expected, Refusal(yaml));

    // Ratios may leave [0, 1] (price above list, cost to serve above revenue); a money drift is a share of the earlier amount and may exceed 1.
    [Fact]
    public void Settings_RatioBeyondOneAndLargeMoneyDrift_AreRead()
    {
        var config = ConfigLoader.Parse("window: 12 months\nalerts:\n  targets:\n    price_realisation: { target: 1.02, tolerance: 0.05 }\n    net_contribution: { target: -5000 }\n  drift:\n    revenue: 1.5\n    order_cycle_days: 3\n");

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal((1.02, -5000.0, 1.5, 3.0), (rules.Targets["price_realisation"].Target, rules.Targets["net_contribution"].Target, rules.Drift["revenue"], rules.Drift["order_cycle_days"]));
    }

    // Without window: each period end's figures are all history up to it, so a segment's revenue only accumulates: on the
    // demo a revenue drift of 10 % alerted every segment 'rose 14–19 %' each quarter (and a contribution drift compared
    // cumulative sums). Rates and the cycle time stay ratios of sums and may drift without a window.
    [Theory]
    [InlineData("revenue")]
    [InlineData("net_contribution")]
    public void Settings_MoneyDriftWithoutAWindow_IsRefusedNamingWindow(string kpi)
    {
        var message = Refusal($"alerts:\n  drift:\n    {kpi}: 0.1\n    otif_rate: 0.05\n");

        Assert.Equal($"alerts.drift.{kpi} compares {kpi} over all history up to each period end (no window:), running totals that grow with every period; set window: (e.g. window: 12 months) so every period end covers as long, or remove it.", message);
    }

    // A segment's target for a segment the active model never assigns watches nobody: validate says so, naming the near miss.
    [Fact]
    public void NeverAssigned_AlertsForAnUnknownSegment_AreWarned()
    {
        var config = ConfigLoader.Parse("""
            segmentation:
              active: tiers
              models:
                tiers: { method: rules, rules: [ { segment: key, when: "revenue >= 500" } ], fallback: standard }
            alerts:
              segments:
                Key:
                  otif_rate: { target: 0.98 }
            """);
        var (models, active) = ConfigCheck.Settings(config, TimeProvider.System);

        var warning = Assert.Single(ChainSeg.Data.Policies.PolicySegmentNames.NeverAssigned(config, active, models.Models[active]));

        Assert.StartsWith("policy_unknown_segment: alerts.segments.Key names segment 'Key', which the active model 'tiers' (rules) never assigns", warning, StringComparison.Ordinal);
        Assert.EndsWith("(did you mean key?).", warning, StringComparison.Ordinal);
    }

    // DEFINITIONS.md: KPIs under different definition ids are never compared; a target pinned to otif.order is refused in a
    // run that measures OTIF per line, rather than compared with it.
    [Fact]
    public void Settings_TargetPinnedToAnotherDefinition_IsRefused()
    {
        var message = Refusal("metrics:\n  otif: { level: line }\nalerts:\n  targets:\n    otif_rate: { target: 0.95, definition: otif.order }\n");

        Assert.Equal("alerts.targets.otif_rate is set for definition otif.order, but this run measures otif_rate as otif.line; set the target for otif.line (definition: otif.line), or change metrics: back to otif.order.", message);
    }

    // A pinned definition no run measures the KPI under (otif.lines for otif.line) is a typo, not another definition:
    // "change metrics: back to otif.lines" would send the planner looking for a setting that does not exist.
    [Fact]
    public void Settings_MistypedPinnedDefinition_IsRefusedWithTheNearestId()
    {
        var message = Refusal("alerts:\n  targets:\n    otif_rate: { target: 0.95, definition: otif.lines }\n");

        Assert.Equal("alerts.targets.otif_rate.definition otif.lines is no definition of otif_rate (did you mean 'otif.line'?); its definitions: otif.order, otif.line; this run measures it as otif.order (definition: otif.order).", message);
    }

    // drift_amount: judges a money drift from an earlier value of 0 or less, where drift:'s share of it means nothing; it
    // needs the KPI's drift: limit beside it, and is money: a rate's drift is in points already.
    [Fact]
    public void Settings_DriftAmount_IsReadForMoneyBesideItsDriftLimit()
    {
        var config = ConfigLoader.Parse("window: 12 months\nalerts:\n  drift:\n    net_contribution: 0.1\n  drift_amount:\n    net_contribution: 5000\n");

        var rules = AlertSettings.From(config.Alerts, ChainSeg.Data.Metrics.MetricsOptions.From(config, new DateOnly(2025, 6, 30), new DateOnly(2024, 1, 1)));

        Assert.Equal(5000, rules.DriftAmounts["net_contribution"]);
    }

    [Theory]
    [InlineData("window: 12 months\nalerts:\n  drift:\n    otif_rate: 0.05\n  drift_amount:\n    otif_rate: 0.1\n", "alerts.drift_amount.otif_rate is for money (revenue, net_contribution), whose drift: is a share of the earlier value; otif_rate's drift: is in its own unit already, so remove it.")]
    [InlineData("window: 12 months\nalerts:\n  drift_amount:\n    revenue: 5000\n", "alerts.drift_amount.revenue judges revenue's drift where the earlier value is 0 or less, beside its share limit; set alerts.drift.revenue too (e.g. revenue: 0.1).")]
    [InlineData("window: 12 months\nalerts:\n  drift:\n    revenue: 0.1\n  drift_amount:\n    revenue: 0\n", "alerts.drift_amount.revenue must be a finite amount above 0 (the change in money from an earlier value of 0 or less that is still no alert); got 0.")]
    // .inf is above 0: "must be an amount above 0 … got Infinity" named no fault.
    [InlineData("window: 12 months\nalerts:\n  drift:\n    revenue: 0.1\n  drift_amount:\n    revenue: .inf\n", "alerts.drift_amount.revenue must be a finite amount above 0 (the change in money from an earlier value of 0 or less that is still no alert); got Infinity.")]
    [InlineData("window: 12 months\nalerts:\n  drift_amount:\n    revnue: 5000\n", "alerts.drift_amount.revnue is not a KPI (did you mean 'revenue'?); KPIs: otif_rate, revenue, gross_margin_pct, cost_to_serve_pct, net_contribution, price_realisation, fill_rate_units, fill_rate_lines, fill_rate_orders, order_cycle_days, perfect_order_rate.")]
    public void Settings_WrongDriftAmount_IsRefusedInOneLine(string yaml, string expected) => Assert.Equal(expected, Refusal(yaml));

    // The run's one warning per KPI whose drift could not be judged names the segments, the change in money and the fix.
    [Fact]
    public void Warnings_UnjudgedDrift_IsOneLinePerKpi()
    {
        var summary = new AlertSummary(0, 0, 0, 0, true)
        {
            Unjudged =
            [
                new ChainSeg.Core.Monitoring.UnjudgedDrift("net_contribution", "tail", "tail fell by 1,714.49 from -2,172.74 at 2025-03-31 to -3,887.23 at 2025-06-30"),
                new ChainSeg.Core.Monitoring.UnjudgedDrift("net_contribution", "new", "new rose by 10.00 from 0.00 at 2025-03-31 to 10.00 at 2025-06-30"),
            ],
        };

        var warning = Assert.Single(summary.Warnings(new DateOnly(2025, 6, 30)));

        Assert.Equal("alert_drift_unjudged: alerts.drift.net_contribution is a share of the earlier value, which was 0 or less for 2 segments (tail fell by 1,714.49 from -2,172.74 at 2025-03-31 to -3,887.23 at 2025-06-30; new rose by 10.00 from 0.00 at 2025-03-31 to 10.00 at 2025-06-30), where a share means nothing, so their drift was not judged; set alerts.drift_amount.net_contribution (the change in money that is still no alert) to judge it.", warning);
    }
}
