using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace ChainSeg.Data.Configuration;

/// <summary>The .NET date layouts of one column under <c>formats:</c>, tried in order: one written alone, or a list.</summary>
/// <remarks>
/// A list reads an export that writes date-only and date-time values in one column (31.12.2025 beside 31.12.2025 14:05),
/// which one layout would quarantine half of; a single layout stays the short form.
/// </remarks>
public sealed class DateLayouts : List<string>, IYamlConvertible
{
    /// <inheritdoc/>
    public void Read(IParser parser, Type expectedType, ObjectDeserializer nestedObjectDeserializer)
    {
        if (parser.TryConsume<Scalar>(out var scalar))
            Add(scalar.Value);
        else
            AddRange((List<string>?)nestedObjectDeserializer(typeof(List<string>)) ?? []);
    }

    /// <inheritdoc/>
    public void Write(IEmitter emitter, ObjectSerializer nestedObjectSerializer) =>
        nestedObjectSerializer(Count == 1 ? this[0] : new List<string>(this));
}
