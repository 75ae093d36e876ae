using System.Globalization;

namespace ChainSeg.Core.Segmentation;

// Number formats for reason texts, all invariant so a reason reads the same on every machine.
internal static class ReasonFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // 312400 -> "312,400"; 5.2 -> "5.2"; 0.95 -> "0.95".
    public static string Number(double value) =>
        double.IsNaN(value) ? "missing" : value.ToString("#,0.####", Invariant);

    // 0.784 -> "78.4 %": a cumulative or volume share.
    public static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + " %";

    // 0.8 -> "80 %": a configured cut-off, shown as written.
    public static string CutoffPercent(double share) => (share * 100).ToString("0.##", Invariant) + " %";

    // 0.3123 -> "0.31": CV, ADI and CV².
    public static string TwoDecimals(double value) => value.ToString("0.00", Invariant);
}
