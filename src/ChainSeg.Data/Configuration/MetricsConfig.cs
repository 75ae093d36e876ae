namespace ChainSeg.Data.Configuration;

/// <summary>Metric definitions that have variants (<c>metrics:</c> in chainseg.yaml).</summary>
public sealed class MetricsConfig
{
    /// <summary>Report metrics for top-level parent accounts, a parent including its children.</summary>
    public bool RollUpHierarchy { get; set; }

    /// <summary>What periodic demand measures: units (default) or revenue.</summary>
    public string DemandMeasure { get; set; } = "units";

    /// <summary>On-time-in-full variant.</summary>
    public OtifConfig Otif { get; set; } = new();

    /// <summary>Fill rate variants.</summary>
    public FillConfig Fill { get; set; } = new();
}

/// <summary>Fill rate variants (DEFINITIONS.md fill.order).</summary>
public sealed class FillConfig
{
    /// <summary>When an order counts as completely filled: first_time (default, by its first ship date's shipments) or after_backorders (by every shipment known by the period end).</summary>
    public string Order { get; set; } = "first_time";
}

/// <summary>On-time-in-full variant (DEFINITIONS.md).</summary>
public sealed class OtifConfig
{
    /// <summary>What the rates count: order (default, otif.order) or line (otif.line, order id + SKU).</summary>
    public string Level { get; set; } = "order";

    /// <summary>The date on time is judged against: promised (default, shipments.promised_date) or requested (the order's latest order_lines.requested_date).</summary>
    public string Reference { get; set; } = "promised";

    /// <summary>Days after the reference date still on time.</summary>
    public int LateDays { get; set; }

    /// <summary>Days before the reference date still on time; leave out to accept any early delivery.</summary>
    public int? EarlyDays { get; set; }

    /// <summary>Share of the ordered quantity that may be missing and still count as in full.</summary>
    public double InFullTolerance { get; set; }
}
