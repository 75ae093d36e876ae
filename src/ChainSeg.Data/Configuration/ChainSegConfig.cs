namespace ChainSeg.Data.Configuration;

/// <summary>The whole <c>chainseg.yaml</c>; every key is optional with a sensible default.</summary>
public sealed class ChainSegConfig
{
    /// <summary>Export files mapped onto canonical tables, keyed by canonical table name.</summary>
    public Dictionary<string, SourceConfig> Sources { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Identifier standardisation rules.</summary>
    public IdentifierConfig Identifiers { get; set; } = new();

    /// <summary>Reference date for windows, recency and tenure (yyyy-MM-dd); default the latest order date.</summary>
    public string? AsOf { get; set; }

    /// <summary>Analysis window ending at as_of, e.g. <c>12 months</c>; default all history.</summary>
    public string? Window { get; set; }

    /// <summary>Period bucket of the demand series (variability, XYZ, demand classes): month (default), quarter or week; stability has its own (segmentation.stability.bucket).</summary>
    public string? Periods { get; set; }

    /// <summary>Reporting currency: the ISO 4217 code (e.g. GBP) the outputs name beside every amount; amounts are not converted.</summary>
    public string? Currency { get; set; }

    /// <summary>Metric definitions with variants (OTIF window, demand measure, hierarchy roll-up).</summary>
    public MetricsConfig Metrics { get; set; } = new();

    /// <summary>Segmentation models; without it the defaults of <see cref="Segmentation.DefaultModels"/> run.</summary>
    public SegmentationConfig? Segmentation { get; set; }

    /// <summary>Cut-offs of Fisher's product axis (functional or innovative SKUs).</summary>
    public ProductAxisConfig ProductAxis { get; set; } = new();

    /// <summary>Service policies, calendar and inventory-policy settings.</summary>
    public PoliciesConfig Policies { get; set; } = new();

    /// <summary>Monte-Carlo check of the inventory policies.</summary>
    public SimulationConfig Simulation { get; set; } = new();

    /// <summary>Cost parameters.</summary>
    public CostsConfig Costs { get; set; } = new();

    /// <summary>KPI targets and drift limits the run's alerts.csv checks; without it no alert is raised.</summary>
    public AlertsConfig Alerts { get; set; } = new();

    /// <summary>Folder the config file lives in; source paths are relative to it. Set by the loader.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string BaseDirectory { get; set; } = Directory.GetCurrentDirectory();

    /// <summary>File the configuration was read from, or null for the defaults.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    public string? SourceFile { get; set; }
}
