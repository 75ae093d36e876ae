namespace ChainSeg.Core.Allocation;

/// <summary>A segment's demand in a peak period, what a unit earns, what it uses of each resource, and the service committed to it.</summary>
public sealed record SegmentCapacityDemand
{
    /// <summary>Creates a segment's demand.</summary>
    /// <param name="segment">Segment name.</param>
    /// <param name="demand">Units demanded in the period, ≥ 0.</param>
    /// <param name="unitContribution">Contribution margin per unit served (may be negative).</param>
    /// <param name="minimumServiceShare">Committed share of the demand to serve, in [0, 1].</param>
    /// <param name="resourceUsage">Resource used per unit served, by resource name, each ≥ 0; a resource not named is not used.</param>
    /// <exception cref="ArgumentException">segment is blank, or a resource name in the usage is blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A number is outside its range (the message names it).</exception>
    public SegmentCapacityDemand(
        string segment, double demand, double unitContribution, double minimumServiceShare, IReadOnlyDictionary<string, double> resourceUsage)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(segment);
        ArgumentNullException.ThrowIfNull(resourceUsage);
        Segment = segment;
        Demand = Arguments.NonNegative(demand, nameof(demand), $"Demand of segment '{segment}'");
        UnitContribution = Arguments.Finite(unitContribution, nameof(unitContribution), $"Unit contribution of segment '{segment}'");
        MinimumServiceShare = Arguments.ClosedUnit(minimumServiceShare, nameof(minimumServiceShare), $"Minimum service share of segment '{segment}'");
        var usage = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (resource, perUnit) in resourceUsage)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(resource, nameof(resourceUsage));
            usage[resource] = Arguments.NonNegative(perUnit, nameof(resourceUsage), $"Use of resource '{resource}' per unit of segment '{segment}'");
        }

        ResourceUsage = usage;
    }

    /// <summary>Segment name.</summary>
    public string Segment { get; }

    /// <summary>Units demanded in the period.</summary>
    public double Demand { get; }

    /// <summary>Contribution margin per unit served.</summary>
    public double UnitContribution { get; }

    /// <summary>Committed share of the demand to serve.</summary>
    public double MinimumServiceShare { get; }

    /// <summary>Resource used per unit served, by resource name.</summary>
    public IReadOnlyDictionary<string, double> ResourceUsage { get; }
}
