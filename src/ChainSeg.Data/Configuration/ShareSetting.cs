using System.Globalization;

namespace ChainSeg.Data.Configuration;

/// <summary>Wording for settings that are shares of a whole (csl, fill_rate, min_fill, …): written as fractions such as 0.98, never as percents.</summary>
public static class ShareSetting
{
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
        value is > 0 and < 1 ? value
            : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture,
                $"{setting} must be a fraction between 0 and 1 (neither included), {Example(value, typicalPercent)}; got {value}."));
}
