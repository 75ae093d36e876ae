namespace ChainSeg.Data.Configuration;

/// <summary>KPI targets, tolerances and drift limits (<c>alerts:</c> in chainseg.yaml), checked against kpis_by_segment.csv into alerts.csv.</summary>
public sealed class AlertsConfig
{
    /// <summary>KPI name → target for every segment of the active model (inactive excepted).</summary>
    public Dictionary<string, KpiTargetConfig?> Targets { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Segment → KPI name → target, replacing the KPI's own target for that segment.</summary>
    public Dictionary<string, Dictionary<string, KpiTargetConfig?>?> Segments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>KPI name → largest change from the previous period end that is no alert (points for rates, a share of the earlier value above 0 for money).</summary>
    public Dictionary<string, double?> Drift { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Money KPI → largest change in money that is no alert where the earlier value is 0 or less, and a share of it means nothing.</summary>
    public Dictionary<string, double?> DriftAmount { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One KPI's target.</summary>
public sealed class KpiTargetConfig
{
    /// <summary>The value aimed at, in the KPI's unit (0.95 for 95 % OTIF).</summary>
    public double? Target { get; set; }

    /// <summary>The miss still tolerated (≥ 0; default 0, or the KPI's own under targets: for a segment's).</summary>
    public double? Tolerance { get; set; }

    /// <summary>The definition id the target was set for (otif.order); a run measuring another is refused rather than compared.</summary>
    public string? Definition { get; set; }
}
