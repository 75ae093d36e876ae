using System.Globalization;

namespace ChainSeg.Data.Configuration;

/// <summary>The one range of every seed, flag or setting: 0 to <see cref="int.MaxValue"/>.</summary>
public static class SeedSetting
{
    /// <summary>Returns <paramref name="seed"/> when it is 0 or more.</summary>
    /// <exception cref="ConfigurationException">A negative seed; the message names <paramref name="setting"/> and the range.</exception>
    // segmentation.models.*.seed refuses a negative seed (.NET draws it as its absolute value); generate, demo and simulate
    // took one, so -1 was a seed in one place and an error in another.
    public static int Require(int seed, string setting) => seed >= 0
        ? seed
        : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{setting} must be in [0, {int.MaxValue}]; got {seed}."));
}
