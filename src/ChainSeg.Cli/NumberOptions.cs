using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Cli;

/// <summary>
/// Numeric flags of every command, parsed in the invariant culture: a bad value is a one-line usage error naming the flag
/// and what it takes, not System.CommandLine's message naming a .NET type.
/// </summary>
internal static class NumberOptions
{
    /// <summary>A required finite number.</summary>
    public static Option<double> Number(string name, string description) =>
        new(name) { Description = description, Required = true, CustomParser = result => ParseNumber(result) ?? 0.0 };

    /// <summary>A finite number with a default.</summary>
    public static Option<double> Number(string name, string description, double defaultValue) =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => ParseNumber(result) ?? defaultValue };

    /// <summary>An optional finite number (null when not given).</summary>
    public static Option<double?> OptionalNumber(string name, string description) =>
        new(name) { Description = description, CustomParser = ParseNumber };

    /// <summary>An optional share of a whole (null when not given): a percent ("95%") is told the fraction it stands for.</summary>
    public static Option<double?> OptionalShare(string name, string description) =>
        new(name) { Description = description, CustomParser = result => ParseNumber(result, share: true) };

    /// <summary>A required whole number of type <typeparamref name="T"/> (int, long); <paramref name="range"/> is the flag's valid interval.</summary>
    public static Option<T> WholeNumber<T>(string name, string description, (T Min, T Max)? range = null) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        new(name) { Description = description, Required = true, CustomParser = result => ParseWholeNumber(result, range) ?? T.Zero };

    /// <summary>A whole number of type <typeparamref name="T"/> (int, long) with a default; <paramref name="range"/> is the flag's valid interval.</summary>
    public static Option<T> WholeNumber<T>(string name, string description, T defaultValue, (T Min, T Max)? range = null) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        new(name) { Description = description, DefaultValueFactory = _ => defaultValue, CustomParser = result => ParseWholeNumber(result, range) ?? defaultValue };

    /// <summary>An optional whole number of type <typeparamref name="T"/> (null when not given); <paramref name="range"/> is the flag's valid interval.</summary>
    public static Option<T?> OptionalWholeNumber<T>(string name, string description, (T Min, T Max)? range = null) where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        new(name) { Description = description, CustomParser = result => ParseWholeNumber(result, range) };

    /// <summary>The name of the flag a value was given to.</summary>
    public static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "value";

    // Invariant parsing whatever the machine's culture: "0.225" must never read as 225 under de-DE; NaN and infinity are no input.
    private static double? ParseNumber(ArgumentResult result) => ParseNumber(result, share: false);

    // A share is where a planner writes a percent; elsewhere "25%" has no one reading (--holding is a cost, not a rate).
    private static double? ParseNumber(ArgumentResult result, bool share)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        var parsed = double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value);
        if (parsed && double.IsFinite(value))
            return value;
        // A numeral beyond a double's range (1e400) parses as infinity: a number, only far too large.
        if (share && ShareSetting.PercentMessage(token) is { } percent)
            result.AddError($"{OptionName(result)} {percent}.");
        else if (parsed && double.IsInfinity(value) && token.Any(char.IsAsciiDigit))
            result.AddError($"{OptionName(result)} '{token}' is beyond the range of numbers (about ±1.8e308); write one within it.");
        else
            result.AddError($"{OptionName(result)} '{token}' is not a finite number; write it like 1300 or 0.225 (a dot for decimals, no thousands separators).");
        return null;
    }

    private static T? ParseWholeNumber<T>(ArgumentResult result, (T Min, T Max)? range) where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out T value))
            return value;
        // A number beyond the type's range (10 digits for an int) is named with the flag's range (demo --customers takes
        // [10, 10000000], not an int's), or the type's where the flag has none; anything else as not a whole number.
        result.AddError(!BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? $"{OptionName(result)} expects a whole number; got '{token}'."
            : range is var (min, max)
                ? string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)} must be in [{min}, {max}]; got {token}.")
                : string.Create(CultureInfo.InvariantCulture, $"{OptionName(result)} expects a whole number from {T.MinValue} to {T.MaxValue}; got '{token}'."));
        return null;
    }
}
