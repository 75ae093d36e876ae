namespace ChainSeg.Core.Inventory;

/// <summary>Which inventory service level a target refers to (DEFINITIONS.md "Inventory service levels").</summary>
public enum ServiceLevelKind
{
    /// <summary>Type 1 (α): probability of no stock-out in a replenishment cycle, definition id <c>csl</c>.</summary>
    CycleServiceLevel,

    /// <summary>Type 2 (β): share of demand met from stock, 1 − ESC/Q, definition id <c>fill_rate</c>.</summary>
    FillRate,
}

/// <summary>A service-level target that always says which service level it is: a 95 % CSL is not a 95 % fill rate.</summary>
public sealed record ServiceTarget
{
    private ServiceTarget(ServiceLevelKind kind, double value)
    {
        Kind = kind;
        Value = value;
    }

    /// <summary>Kind of service level.</summary>
    public ServiceLevelKind Kind { get; }

    /// <summary>Target value in (0, 1).</summary>
    public double Value { get; }

    /// <summary>The valid targets of either kind, (0, 1): a certain service needs infinite stock, none needs no target.</summary>
    public static ValueRange Range => ValueRange.OpenUnit;

    /// <summary>Definition id from DEFINITIONS.md: <c>csl</c> or <c>fill_rate</c>.</summary>
    public string DefinitionId => Kind == ServiceLevelKind.CycleServiceLevel ? "csl" : "fill_rate";

    /// <summary>A cycle-service-level (Type 1) target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">csl is not in (0, 1).</exception>
    public static ServiceTarget CycleServiceLevel(double csl) =>
        new(ServiceLevelKind.CycleServiceLevel, Arguments.InRange(csl, Range, nameof(csl), "Cycle service level"));

    /// <summary>A fill-rate (Type 2) target.</summary>
    /// <exception cref="ArgumentOutOfRangeException">fillRate is not in (0, 1).</exception>
    public static ServiceTarget FillRate(double fillRate) =>
        new(ServiceLevelKind.FillRate, Arguments.InRange(fillRate, Range, nameof(fillRate), "Fill rate"));
}
