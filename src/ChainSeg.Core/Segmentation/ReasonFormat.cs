using System.Globalization;

namespace ChainSeg.Core.Segmentation;

// Number formats for reason texts, all invariant so a reason reads the same on every machine.
internal static class ReasonFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    // 312400 -> "312,400"; 5.2 -> "5.2"; 0.95 -> "0.95".
    public static string Number(double value) =>
        double.IsNaN(value) ? "missing" : value.ToString("#,0.####", Invariant);

    // Whether the metric is an amount of money (revenue, gross_margin, cost_to_serve, …), which customer_metrics.csv writes to
    // the cent: a reason prints it so, as a planner reads an amount ("revenue -1,591.20"; "-1,591.2" read as a figure in another unit).
    public static bool IsMoney(string metric) => MoneyMetrics.Contains(metric);

    // -1591.2 -> "-1,591.20": money to the cent with group separators; a sum netted to a rounding error reads 0.00, not -0.00.
    public static string Money(double value)
    {
        if (double.IsNaN(value))
            return "missing";
        var text = value.ToString("#,0.00", Invariant);
        return text == "-0.00" ? "0.00" : text;
    }

    // A metric's value as its unit reads: money to the cent, anything else as Number.
    public static string Figure(string metric, double value) => IsMoney(metric) ? Money(value) : Number(value);

    // A percentile of money among the customers: to the cent, with up to four decimals as a percentile of any metric shows.
    public static string MoneyPercentile(double value) => value.ToString("#,0.00##", Invariant);

    // A rule's threshold with every digit it was written with (up to 15 decimals): 0.00001 is not "0", 0.96999 not "0.97".
    public static string Threshold(double threshold) => threshold.ToString("#,0.###############", Invariant);

    // A rule threshold moved by a hysteresis margin (t ± m·|t|), at the precision its two settings give it. The rule: as many
    // decimals as the threshold is shown with plus those of the margin as a fraction (5 % = 0.05: two), as a product of two
    // decimals has no more digits than both together: 0.97 hardened by 15 % is exactly 1.1155, 19.99 by 10 % 21.989. Rounded
    // there, a double's noise goes (21.988999999999997) and no digit is cut (twelve significant ones cut 123,456.789 hardened
    // by 12.34 %, 138,691.3567626, to 138,691.356763); trailing zeros go too, save money's two. A percentile is shown to four
    // decimals (money two to four), so it moves to four plus the margin's: p50 0.0952380… eased by 5 % reads 0.090476.
    public static string MovedThreshold(double moved, string shownThreshold, double margin, bool money)
    {
        var decimals = Math.Min(15, DecimalsOf(shownThreshold) + DecimalsOf(((decimal)Math.Abs(margin)).ToString(Invariant)));
        var least = money ? 2 : 0;
        var most = Math.Max(least, decimals);
        var format = "#,0" + (most == 0 ? "" : "." + new string('0', least) + new string('#', most - least));
        return (Math.Round(moved, decimals, MidpointRounding.AwayFromZero) + 0.0).ToString(format, Invariant);
    }

    // Digits after the decimal point of an invariant number text, trailing zeros not counted ("0.0500" has two).
    private static int DecimalsOf(string text)
    {
        var dot = text.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? 0 : text.TrimEnd('0').Length - dot - 1;
    }

    // A metric value beside the rule threshold it was compared with: as Number, with more decimals where four would print a
    // value other than the threshold as the threshold ("otif 0.95 < 0.95" for 0.94996). thresholdText is Threshold(threshold),
    // formatted once per rule rather than once per customer.
    public static string Number(double value, double threshold, string thresholdText)
    {
        var text = Number(value);
        if (double.IsNaN(value) || value == threshold)
            return text;
        for (var d = 5; text == thresholdText && d <= 15; d++)
            text = value.ToString("#,0." + new string('#', d), Invariant);
        return text;
    }

    // 0.784 -> "78.4 %": a cumulative or volume share.
    public static string Percent(double share) => (share * 100).ToString("0.0", Invariant) + " %";

    // A share shown beside the cut-off it was compared with: 0.95002 against 0.95 -> "95.002 %", not "95.0 %" (see Beside).
    public static string Percent(double share, double cutoff) => Beside(share * 100, cutoff * 100, 1) + " %";

    // 0.8 -> "80 %": a configured cut-off, shown as written.
    public static string CutoffPercent(double share) => (share * 100).ToString("0.##", Invariant) + " %";

    // 0.3123 -> "0.31", 105000 -> "105,000.00": CV, ADI and CV², centroid distances, and the values hysteresis weighs.
    public static string TwoDecimals(double value) => value.ToString("N2", Invariant);

    // 1.0 -> "1.00", 0.955 -> "0.955", 100000 -> "100,000.00": a cut-off among two-decimal values, with every digit it
    // holds (up to 15 decimals), so a value given the digits that tell it from the cut-off is not set beside a rounded one.
    public static string CutoffTwoDecimals(double cutoff) => cutoff.ToString("#,0.00#############", Invariant);

    // A value shown beside the cut-off it was compared with: 1.0049 against 1.0 -> "1.005", not "1.00" (see Beside).
    public static string TwoDecimals(double value, double cutoff) => Beside(value, cutoff, 2);

    // Of two cut-offs, the one a value is shown beside: the nearer, where a rounded value could read as equal to it.
    public static double Nearer(double value, double first, double second) =>
        Math.Abs(value - first) < Math.Abs(value - second) ? first : second;

    // A value on one side of a cut-off must not read as equal to it ("CV 1.00 > 1.00"), nor a positive value as zero: more
    // decimals are shown until the two differ in print and the value shows ("CV 1.0000004", where six significant digits
    // read "CV 1 crosses the threshold 1"). A value within a running sum's rounding (1e-12) of the cut-off is on it, as the
    // classifiers compare, and shows as few decimals as the cut-off; 15 decimals are as many as a double's digits hold.
    private static string Beside(double value, double cutoff, int decimals)
    {
        for (var d = decimals; ; d++)
        {
            var text = value.ToString("N" + d, Invariant);
            // A share of a large population rounds to nothing ("top 0.0 %" for the largest of 200,000 customers): digits are
            // added until it shows.
            var readsZero = value != 0 && Math.Round(value, d) == 0;
            if (Math.Abs(value - cutoff) <= 1e-12 * Math.Max(1, Math.Abs(cutoff)) || d >= 15 || (text != cutoff.ToString("N" + d, Invariant) && !readsZero))
                return text;
        }
    }
}
