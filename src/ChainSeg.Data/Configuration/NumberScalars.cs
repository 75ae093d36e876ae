using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ChainSeg.Data.Configuration;

/// <summary>
/// Reads ahead of YamlDotNet's own parsing of a number setting, refusing what it would take wrongly or word in .NET's
/// terms: a number beyond a double's range (1e400 became Infinity, "got Infinity"), a percent ("98%", "not a number"), and
/// an empty value (~) where the setting cannot be none (it became 0).
/// </summary>
internal sealed partial class NumberScalars : INodeDeserializer
{
    /// <inheritdoc/>
    public bool Deserialize(IParser reader, Type expectedType, Func<IParser, Type, object?> nestedObjectDeserializer, out object? value, ObjectDeserializer rootDeserializer)
    {
        value = null;
        if (!reader.Accept<Scalar>(out var scalar))
            return false;
        // YAML's null (~, null, or nothing after the colon) became 0 for a setting that cannot be none: "version: ~" was
        // refused as "got 0", "ordering_cost: ~" taken as free. A nullable setting (kanban_container: ~) keeps null as none.
        if (WholeOrDecimal.Contains(expectedType) && scalar.Style == ScalarStyle.Plain && YamlNull().IsMatch(scalar.Value))
            throw new YamlException(scalar.Start, scalar.End,
                $"the value is empty; write {(expectedType == typeof(double) ? "a number" : "a whole number")} here, or remove the key for its default");
        if (expectedType != typeof(double) && expectedType != typeof(double?))
            return false;
        var text = scalar.Value.Trim();
        if (ShareSetting.PercentMessage(text) is { } percent)
            throw new YamlException(scalar.Start, scalar.End, percent);
        // .NET spells infinity as words (Infinity, ∞), YAML as .inf: a numeral that parses to it is merely too large.
        if (text.Any(char.IsAsciiDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsInfinity(number))
            throw new YamlException(scalar.Start, scalar.End, $"'{text}' is beyond the range of numbers (about ±1.8e308); write one within it");
        return false;
    }

    // The number types of settings that take a value whenever written (their nullable forms mean "none" when null).
    private static readonly Type[] WholeOrDecimal = [typeof(int), typeof(long), typeof(double)];

    // YAML 1.2's core schema: a plain ~, null in three spellings, or no text at all.
    [GeneratedRegex("^(~|null|Null|NULL|)$")]
    private static partial Regex YamlNull();
}
