namespace ChainSeg.Core.Segmentation;

/// <summary>
/// The time bucket a demand series is aggregated to. It travels with every XYZ and demand class because
/// the class of a customer changes with the bucket (weekly demand is more variable than monthly).
/// </summary>
public sealed record DemandBucket
{
    private DemandBucket(string name, string adjective)
    {
        Name = name;
        Adjective = adjective;
    }

    /// <summary>Bucket name as written in configuration and outputs, e.g. "month".</summary>
    public string Name { get; }

    /// <summary>Adjective for reason texts, e.g. "monthly".</summary>
    public string Adjective { get; }

    /// <summary>Daily buckets.</summary>
    public static DemandBucket Day { get; } = new("day", "daily");

    /// <summary>Weekly buckets.</summary>
    public static DemandBucket Week { get; } = new("week", "weekly");

    /// <summary>Monthly buckets.</summary>
    public static DemandBucket Month { get; } = new("month", "monthly");

    /// <summary>Quarterly buckets.</summary>
    public static DemandBucket Quarter { get; } = new("quarter", "quarterly");

    /// <summary>Yearly buckets.</summary>
    public static DemandBucket Year { get; } = new("year", "yearly");

    /// <summary>The bucket of a configuration name (day, week, month, quarter, year; case-insensitive).</summary>
    /// <exception cref="ArgumentException">The name is not one of the five buckets.</exception>
    public static DemandBucket Parse(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return All.FirstOrDefault(b => string.Equals(b.Name, name.Trim(), StringComparison.OrdinalIgnoreCase))
            ?? throw new ArgumentException(
                $"Unknown demand bucket '{name}'; expected one of: {string.Join(", ", All.Select(b => b.Name))}.", nameof(name));
    }

    private static IEnumerable<DemandBucket> All => [Day, Week, Month, Quarter, Year];

    /// <inheritdoc/>
    public override string ToString() => Name;
}
