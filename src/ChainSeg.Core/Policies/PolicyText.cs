using System.Globalization;
using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Policies;

// Invariant formats for rule texts and explanations, so a promise reads the same on every machine.
internal static class PolicyText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // 2025-03-04
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", Invariant);

    // 2025-03-03 15:20
    public static string Timestamp(DateTime at) => at.ToString("yyyy-MM-dd HH:mm", Invariant);

    // 14:00, or 14:00:30 when the cut-off has seconds.
    public static string Time(TimeOnly time) => time.ToString(time.Second == 0 ? "HH:mm" : "HH:mm:ss", Invariant);

    // 1250 -> "1,250.00": money in the order's currency.
    public static string Money(decimal amount) => amount.ToString("#,0.00", Invariant);

    // 2.5 -> "2.5": a percentage as configured.
    public static string Percent(decimal percent) => percent.ToString("0.####", Invariant);

    // 0.98 -> "0.98", 0.968600001 -> "0.9686".
    public static string Share(double value) => value.ToString("0.####", Invariant);

    // 41.234 -> "41.23": units of stock.
    public static string Units(double value) => value.ToString("#,0.##", Invariant);

    // "0.98 CSL" or "0.99 fill rate".
    public static string Target(ServiceTarget target) =>
        Share(target.Value) + (target.Kind == ServiceLevelKind.CycleServiceLevel ? " CSL" : " fill rate");

    // "1 business day", "3 business days".
    public static string BusinessDays(int days) =>
        days.ToString(Invariant) + (days == 1 ? " business day" : " business days");
}
