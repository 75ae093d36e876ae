using System.Globalization;

namespace ChainSeg.Data.Generation;

/// <summary>How a customer's behaviour changes part-way through the horizon.</summary>
internal enum ShiftKind : byte
{
    Churn,
    VolumeDrop,
    Growth,
    ArchetypeChange,
}

/// <summary>A planted change of behaviour from the first day of a quarter on.</summary>
// Customer: Customer index.
// Month: Horizon month (0 = January 2024) the change starts; always a quarter's first month.
// After: The customer's profile from the change on (another archetype for an archetype change).
internal sealed record PlantedShift(int Customer, ShiftKind Kind, int Month, CustomerProfile After)
{
    /// <summary>Order-rate multiplier from the change on: churn stops ordering.</summary>
    public double RateMultiplier => Kind switch
    {
        ShiftKind.Churn => 0,
        ShiftKind.VolumeDrop => 0.3,
        ShiftKind.Growth => 2.5,
        _ => 1,
    };

    /// <summary>Quarter label such as <c>2025-Q2</c>.</summary>
    public string Period => string.Create(CultureInfo.InvariantCulture, $"{2024 + (Month / 12)}-Q{(Month % 12 / 3) + 1}");

    public string KindName => Kind switch
    {
        ShiftKind.Churn => "churn",
        ShiftKind.VolumeDrop => "volume_drop",
        ShiftKind.Growth => "growth",
        _ => "archetype_change",
    };

    /// <summary>The archetype a changing customer moves to: a different way of buying, not a random one.</summary>
    public static CustomerArchetype ChangedArchetype(CustomerArchetype from) => from switch
    {
        CustomerArchetype.SteadyKeyAccount => CustomerArchetype.HighServiceLowMargin,
        CustomerArchetype.EcommerceSmall => CustomerArchetype.HighServiceLowMargin,
        CustomerArchetype.HighServiceLowMargin => CustomerArchetype.SteadyKeyAccount,
        CustomerArchetype.BulkDistributor => CustomerArchetype.ErraticProject,
        _ => CustomerArchetype.BulkDistributor,
    };
}
