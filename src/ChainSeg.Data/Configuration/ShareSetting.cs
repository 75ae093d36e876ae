using System.Globalization;
using System.Text.RegularExpressions;
using ChainSeg.Core;

namespace ChainSeg.Data.Configuration;

/// <summary>Wording for settings that are shares of a whole (csl, fill_rate, min_fill, …): written as fractions such as 0.98, never as percents.</summary>
public static partial class ShareSetting
{
    /// <summary>"'98%' is a percent; write the share as a fraction: 0.98 for 98 %" when <paramref name="text"/> is a percent, else null.</summary>
    public static string? PercentMessage(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        text = text.Trim();
        return Percent().Match(text) is { Success: true } percent
            && double.TryParse(percent.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && double.IsFinite(share)
                ? string.Create(CultureInfo.InvariantCulture, $"'{text}' is a percent; write the share as a fraction: {share / 100} for {share} %")
                : null;
    }

    [GeneratedRegex(@"^([+-]?[0-9]*\.?[0-9]+)\s*%$")]
    private static partial Regex Percent();

    /// <summary>
    /// "such as 0.98 for 98 %": the fraction <paramref name="value"/> stands for when it reads as a percent (above 1, at
    /// most 100), else the fraction of <paramref name="typicalPercent"/>.
    /// </summary>
    public static string Example(double value, int typicalPercent)
    {
        var percent = value is > 1 and <= 100 ? value : typicalPercent;
        return string.Create(CultureInfo.InvariantCulture, $"such as {percent / 100} for {percent} %");
    }

    /// <summary>Returns <paramref name="value"/> when it lies strictly between 0 and 1.</summary>
    /// <exception cref="ConfigurationException">It does not; the message names <paramref name="setting"/> and the fraction a percent stands for.</exception>
    public static double RequireOpenFraction(double value, string setting, int typicalPercent) =>
        Require(value, setting, ValueRange.OpenUnit, typicalPercent);

    /// <summary>
    /// Returns <paramref name="value"/> when it lies in <paramref name="range"/> (the range Core checks, stated there once).
    /// Without <paramref name="meaning"/> the message words a fraction's range ("a fraction from 0 to 1"), with it the
    /// range in brackets and what the share is of ("in [0, 1] (a share of the customers, such as 0.05 for 5 %)").
    /// </summary>
    /// <exception cref="ConfigurationException">It does not; the message names <paramref name="setting"/> and the fraction a percent stands for.</exception>
    public static double Require(double value, string setting, ValueRange range, int typicalPercent, string? meaning = null) =>
        range.Contains(value) ? value
            : throw new ConfigurationException(meaning is null
                ? string.Create(CultureInfo.InvariantCulture, $"{setting} must be a fraction {Words(range)}, {Example(value, typicalPercent)}; got {value}.")
                : string.Create(CultureInfo.InvariantCulture, $"{setting} must be in {range} ({meaning}, {Example(value, typicalPercent)}); got {value}."));

    /// <summary><paramref name="range"/> in words: "above 0 and at most 1".</summary>
    internal static string Words(ValueRange range)
    {
        var (low, high) = (range.Low.ToString(CultureInfo.InvariantCulture), range.High.ToString(CultureInfo.InvariantCulture));
        return (range.LowIncluded, range.HighIncluded) switch
        {
            (true, true) => $"from {low} to {high}",
            (false, false) => $"between {low} and {high} (neither included)",
            (false, true) => $"above {low} and at most {high}",
            (true, false) => $"at least {low} and below {high}",
        };
    }
}
