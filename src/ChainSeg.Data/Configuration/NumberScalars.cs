using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ChainSeg.Data.Configuration;

/// <summary>
/// Reads ahead of YamlDotNet's own parsing of a decimal setting, refusing what it would take wrongly or word in .NET's
/// terms: a number beyond a double's range (1e400 became Infinity, "got Infinity") and a percent ("98%", "not a number").
/// </summary>
internal sealed partial class NumberScalars : INodeDeserializer
{
    /// <inheritdoc/>
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if ((expectedType != typeof(double) && expectedType != typeof(double?)) || !reader.Accept<Scalar>(out var scalar))
            return false;
        var text = scalar.Value.Trim();
        if (Percent().Match(text) is { Success: true } percent
            && double.TryParse(percent.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var share) && double.IsFinite(share))
            throw new YamlException(scalar.Start, scalar.End,
                string.Create(CultureInfo.InvariantCulture, $"'{text}' is a percent; write the share as a fraction: {share / 100} for {share} %"));
        // .NET spells infinity as words (Infinity, ∞), YAML as .inf: a numeral that parses to it is merely too large.
        if (text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsInfinity(number))
            throw new YamlException(scalar.Start, scalar.End, $"'{text}' is beyond the range of numbers (about ±1.8e308); write one within it");
        return false;
    }

    [GeneratedRegex(@"^([+-]?[0-9]*\.?[0-9]+)\s*%$")]
    private static partial Regex Percent();
}
