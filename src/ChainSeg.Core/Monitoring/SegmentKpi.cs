namespace ChainSeg.Core.Monitoring;

/// <summary>Which way a KPI should move: up (service, revenue, margin) or down (cost to serve).</summary>
public enum KpiDirection
{
    /// <summary>More is better: a value under target is the miss.</summary>
    HigherIsBetter,

    /// <summary>Less is better: a value over target is the miss.</summary>
    LowerIsBetter,
}

/// <summary>What a KPI's value is, which decides how it is read and how its drift is measured.</summary>
public enum KpiUnit
{
    /// <summary>A share of a whole in [0, 1] (OTIF): drift in points.</summary>
    Share,

    /// <summary>A ratio that may leave [0, 1] (margin %, cost-to-serve %, price realisation): drift in points.</summary>
    Ratio,

    /// <summary>An amount of money: drift relative to the earlier value, as its scale is the segment's own.</summary>
    Money,

    /// <summary>A duration in days (order cycle time): drift in days.</summary>
    Days,
}

/// <summary>One KPI reported per segment (kpis_by_segment.csv) and watched by alerts.</summary>
/// <param name="Name">Its name, that of the customer metric it pools (otif_rate, revenue, …).</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Unit">What its value is.</param>
public sealed record SegmentKpi(string Name, KpiDirection Direction, KpiUnit Unit)
{
    /// <summary>Every segment KPI, in the order the file lists them.</summary>
    public static IReadOnlyList<SegmentKpi> All { get; } =
    [
        new("otif_rate", KpiDirection.HigherIsBetter, KpiUnit.Share),
        new("revenue", KpiDirection.HigherIsBetter, KpiUnit.Money),
        new("gross_margin_pct", KpiDirection.HigherIsBetter, KpiUnit.Ratio),
        new("cost_to_serve_pct", KpiDirection.LowerIsBetter, KpiUnit.Ratio),
        new("net_contribution", KpiDirection.HigherIsBetter, KpiUnit.Money),
        new("price_realisation", KpiDirection.HigherIsBetter, KpiUnit.Ratio),
        new("fill_rate_units", KpiDirection.HigherIsBetter, KpiUnit.Share),
        new("fill_rate_lines", KpiDirection.HigherIsBetter, KpiUnit.Share),
        new("fill_rate_orders", KpiDirection.HigherIsBetter, KpiUnit.Share),
        new("order_cycle_days", KpiDirection.LowerIsBetter, KpiUnit.Days),
        new("perfect_order_rate", KpiDirection.HigherIsBetter, KpiUnit.Share),
    ];

    /// <summary>The KPI of a name, or null for a name that is none.</summary>
    public static SegmentKpi? Named(string name) => All.FirstOrDefault(k => k.Name == name);

    /// <summary>A value as a planner reads it: shares and ratios in per cent, money with thousands separators (and <paramref name="currency"/>'s code when given), days, each to <paramref name="places"/> places (two: to the cent).</summary>
    public string Format(double value, string? currency = null, int places = 2) => Unit switch
    {
        KpiUnit.Money => Money(value, currency, places),
        KpiUnit.Days => Days(value, places),
        _ => Percent(value, places),
    };

    /// <summary>A difference between two values, in points for shares and ratios, in money (and <paramref name="currency"/>'s code when given) for money, in days for days, to <paramref name="places"/> places.</summary>
    public string FormatChange(double change, string? currency = null, int places = 2) => Unit switch
    {
        KpiUnit.Money => Money(Math.Abs(change), currency, places),
        KpiUnit.Days => Days(Math.Abs(change), places),
        _ => Fixed(Math.Abs(change) * 100, places) + " points",
    };

    private static string Money(double amount, string? currency, int places) =>
        amount.ToString("#,##0." + new string('0', places), System.Globalization.CultureInfo.InvariantCulture) + (currency is null ? "" : " " + currency);

    private static string Days(double days, int places) => Fixed(days, places) + " days";

    /// <summary>A share in per cent to <paramref name="places"/> places (0.0125 as "1.25 %" at two).</summary>
    internal static string Percent(double share, int places) => Fixed(share * 100, places) + " %";

    private static string Fixed(double value, int places) => value.ToString("0." + new string('0', places), System.Globalization.CultureInfo.InvariantCulture);
}
