using System.Globalization;

namespace ChainSeg.Data.Configuration;

/// <summary>The one range of every seed, flag or setting: 0 to <see cref="int.MaxValue"/>.</summary>
public static class SeedSetting
{
    /// <summary>The range a seed takes, as the flags' parsers name it.</summary>
    public static (int Min, int Max) Range { get; } = (0, int.MaxValue);

    /// <summary>Returns <paramref name="seed"/> when it is 0 or more.</summary>
    /// <exception cref="ConfigurationException">A negative seed; the message names <paramref name="setting"/> and the range.</exception>
    // segmentation.models.*.seed refuses a negative seed (.NET draws it as its absolute value); generate, demo and simulate
    // took one, so -1 was a seed in one place and an error in another.
    public static int Require(int seed, string setting) => seed >= Range.Min
        ? seed
        : throw new ConfigurationException(string.Create(CultureInfo.InvariantCulture, $"{setting} must be in [{Range.Min}, {Range.Max}]; got {seed}."));
}
