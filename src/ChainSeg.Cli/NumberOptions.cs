using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

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

    /// <summary>The name of the flag a value was given to.</summary>
    public static string OptionName(ArgumentResult result) => result.Parent is OptionResult option ? option.Option.Name : "value";

    // Invariant parsing whatever the machine's culture: "0.225" must never read as 225 under de-DE; NaN and infinity are no input.
    private static double? ParseNumber(ArgumentResult result)
    {
        string token = result.Tokens.Count > 0 ? result.Tokens[0].Value : string.Empty;
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
            return value;
        result.AddError($"{OptionName(result)} '{token}' is not a finite number; write it like 1300 or 0.225 (a dot for decimals, no thousands separators).");
        return null;
    }
}
