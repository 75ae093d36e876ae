using System.Collections.Concurrent;

namespace ChainSeg.Core.Policies;

/// <summary>
/// Segment → service policy, with a fallback policy for segments that have no entry (e.g. "inactive", cluster names, a model
/// change that introduced a segment nobody configured). Segment names match exactly (ordinal), as the segmentation writes them.
/// </summary>
public sealed class PolicyBook
{
    private readonly Dictionary<string, ServicePolicy> _policies;

    // Routing and SKU-location targets resolve the same few segment names millions of times; a choice is immutable, so build
    // each once. The cache grows with the distinct segment names seen, which a segmentation keeps small.
    private readonly ConcurrentDictionary<string, PolicyChoice> _choices = new(StringComparer.Ordinal);

    private readonly PolicyChoice _noSegment;

    // Choose as a delegate made once: a method group passed to GetOrAdd would allocate one on every lookup.
    private readonly Func<string, PolicyChoice> _choose;

    /// <summary>Creates a book from per-segment policies and the fallback for every other segment.</summary>
    /// <exception cref="ArgumentException">A segment name is blank or given twice, or a policy is null.</exception>
    public PolicyBook(IEnumerable<KeyValuePair<string, ServicePolicy>> policies, ServicePolicy fallback)
    {
        ArgumentNullException.ThrowIfNull(policies);
        ArgumentNullException.ThrowIfNull(fallback);
        _policies = new Dictionary<string, ServicePolicy>(StringComparer.Ordinal);
        foreach (var (segment, policy) in policies)
        {
            if (string.IsNullOrWhiteSpace(segment))
            {
                throw new ArgumentException("A policy's segment name is empty.", nameof(policies));
            }

            if (policy is null)
            {
                throw new ArgumentException($"Segment '{segment}' has no policy (null).", nameof(policies));
            }

            if (!_policies.TryAdd(segment, policy))
            {
                throw new ArgumentException($"Segment '{segment}' has two policies; give each segment one.", nameof(policies));
            }
        }

        Fallback = fallback;
        _noSegment = new PolicyChoice(null, Fallback, IsFallback: true, "no segment → fallback policy");
        Segments = [.. _policies.Keys.Order(StringComparer.Ordinal)];
        _choose = Choose;
    }

    /// <summary>The policy for segments without an entry.</summary>
    public ServicePolicy Fallback { get; }

    /// <summary>Segments with their own entry, ordered by name (ordinal) for stable output.</summary>
    public IReadOnlyList<string> Segments { get; }

    /// <summary>The policy configured for a segment, without falling back.</summary>
    public bool TryGetPolicy(string segment, out ServicePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return _policies.TryGetValue(segment, out policy!);
    }

    /// <summary>The policy for a segment (its entry, else the fallback) with the explanation of which entry decided.</summary>
    /// <param name="segment">The segment; null or blank when the customer has no segment.</param>
    public PolicyChoice Resolve(string? segment) =>
        string.IsNullOrWhiteSpace(segment) ? _noSegment : _choices.GetOrAdd(segment, _choose);

    private PolicyChoice Choose(string segment)
    {
        if (_policies.TryGetValue(segment, out var policy))
        {
            return new PolicyChoice(segment, policy, IsFallback: false, $"segment {segment} → its own policy");
        }

        // A case slip in hand-written config ("ax" for "AX") is the usual cause of a silent fallback, so name the near miss.
        var nearMiss = Segments.FirstOrDefault(s => string.Equals(s, segment, StringComparison.OrdinalIgnoreCase));
        var hint = nearMiss is null ? "" : $" (did you mean {nearMiss}?)";
        return new PolicyChoice(segment, Fallback, IsFallback: true, $"segment {segment} has no policy{hint} → fallback policy");
    }
}
