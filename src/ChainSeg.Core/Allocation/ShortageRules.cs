namespace ChainSeg.Core.Allocation;

/// <summary>The approved shortage rules: one <see cref="SegmentShortageRule"/> per segment, and whether allocations are whole units.</summary>
public sealed class ShortageRules
{
    private readonly Dictionary<string, SegmentShortageRule> bySegment;

    /// <summary>Creates the rule set.</summary>
    /// <param name="segments">One rule per segment; segment names are compared exactly (ordinal).</param>
    /// <param name="integerUnits">True to allocate whole units (order quantities and supply must then be whole numbers).</param>
    /// <exception cref="ArgumentException">No rules, or two rules for the same segment.</exception>
    public ShortageRules(IEnumerable<SegmentShortageRule> segments, bool integerUnits = false)
    {
        ArgumentNullException.ThrowIfNull(segments);
        bySegment = new Dictionary<string, SegmentShortageRule>(StringComparer.Ordinal);
        foreach (var rule in segments)
        {
            ArgumentNullException.ThrowIfNull(rule, nameof(segments));
            if (!bySegment.TryAdd(rule.Segment, rule))
            {
                throw new ArgumentException($"Segment '{rule.Segment}' has more than one shortage rule.", nameof(segments));
            }
        }

        if (bySegment.Count == 0)
        {
            throw new ArgumentException("Shortage rules need at least one segment.", nameof(segments));
        }

        Segments = [.. bySegment.Values.OrderBy(r => r.Tier).ThenBy(r => r.Segment, StringComparer.Ordinal)];
        IntegerUnits = integerUnits;
    }

    /// <summary>The rules, by tier and then segment name.</summary>
    public IReadOnlyList<SegmentShortageRule> Segments { get; }

    /// <summary>True when allocations are whole units.</summary>
    public bool IntegerUnits { get; }

    /// <summary>The rule of a segment.</summary>
    /// <exception cref="ArgumentException">The segment has no rule (the message lists the segments that do).</exception>
    public SegmentShortageRule For(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return bySegment.TryGetValue(segment, out var rule)
            ? rule
            : throw new ArgumentException(
                $"Segment '{segment}' has no shortage rule; rules exist for: {string.Join(", ", Segments.Select(r => r.Segment))}.",
                nameof(segment));
    }
}
