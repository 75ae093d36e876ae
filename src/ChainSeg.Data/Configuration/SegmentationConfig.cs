using System.Text.Json.Serialization;

namespace ChainSeg.Data.Configuration;

/// <summary>Named, versioned segmentation models (<c>segmentation:</c> in chainseg.yaml).</summary>
public sealed class SegmentationConfig
{
    /// <summary>The model whose segments drive policies; the first model when left out.</summary>
    public string? Active { get; set; }

    /// <summary>Models by name.</summary>
    public Dictionary<string, SegmentationModelConfig> Models { get; set; } = new(StringComparer.Ordinal);

    /// <summary>How many trailing periods are segmented to measure stability and apply hysteresis.</summary>
    public StabilityConfig Stability { get; set; } = new();
}

/// <summary>Periods over which segment stability is measured.</summary>
public sealed class StabilityConfig
{
    /// <summary>Number of period ends segmented, the current as-of included (default 4; 1 switches stability off).</summary>
    public int Periods { get; set; } = 4;

    /// <summary>Length of one period: month or quarter (default), spelt as the top-level periods may be (monthly, quarters, in any case).</summary>
    public string Bucket { get; set; } = "quarter";
}

/// <summary>One segmentation model.</summary>
public sealed class SegmentationModelConfig
{
    /// <summary>Bumped on every change; stored with each assignment.</summary>
    public int Version { get; set; } = 1;

    /// <summary>rules (the default), abc, abc_xyz, rfm or kmeans; a preset name (gattorna, order_profile) is expanded at load.</summary>
    public string Method
    {
        get;
        set
        {
            // method: left blank arrives as null, which the loader would fill with the default rules: kept as an empty name
            // instead, it is refused as one, naming the methods, not taken for a rules model the file never named.
            field = value ?? "";
            MethodConfigured = true;
        }
    } = "rules";

    /// <summary>Whether <c>method</c> was written in the configuration (not the default).</summary>
    internal bool MethodConfigured { get; private set; }

    /// <summary>The preset the model was expanded from (<c>method: gattorna</c>), or null.</summary>
    [YamlDotNet.Serialization.YamlIgnore]
    [JsonInclude]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Preset { get; internal set; }

    /// <summary>What picks the default policy map when no policies are configured: the preset, else the method.</summary>
    internal string PolicyMethod => Preset ?? Method;

    /// <summary>The keys the configuration file wrote for this model (empty for a model built in code).</summary>
    internal IReadOnlySet<string> WrittenKeys { get; set; } = new HashSet<string>();

    /// <summary>Free text recorded with the model: who defined what and why.</summary>
    public string? Assumptions { get; set; }

    /// <summary>Segment metrics by top-level parent account; children inherit their parent's segment.</summary>
    public bool RollUpHierarchy { get; set; }

    /// <summary>Ordered rules (first match wins) for method rules.</summary>
    public List<RuleConfig> Rules { get; set; } = [];

    /// <summary>Segment of customers that match no rule.</summary>
    public string Fallback { get; set; } = "standard";

    /// <summary>Segments with a smaller share merge into the fallback (or nearest viable segment), with a reason.</summary>
    public double MinSegmentShare { get; set; }

    /// <summary>Metric the share is measured in (e.g. revenue); customers when left out.</summary>
    public string? MinShareOf { get; set; }

    /// <summary>Where small segments go: fallback (default) or nearest.</summary>
    public string MergeInto { get; set; } = "fallback";

    /// <summary>Most segments fulfilment can run as service tiers: refuses larger rule models, caps k for kmeans, warns for other methods when below the segments they assign.</summary>
    public int? MaxSegments { get; set; }

    /// <summary>Fewest segments (kmeans: the smallest k tried, 2 or more); <c>k.min</c> is an alias.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? MinSegments { get; set; }

    /// <summary>Keeps customers from flipping: <c>{ periods: N }</c> or <c>{ margin: 0.1 }</c>.</summary>
    public HysteresisConfig? Hysteresis { get; set; }

    /// <summary>Value metric for ABC (revenue, gross_margin, units, …).</summary>
    public string ValueMetric { get; set; } = "revenue";

    /// <summary>ABC cumulative-share cut-offs.</summary>
    public AbcConfig Abc { get; set; } = new();

    /// <summary>XYZ coefficient-of-variation cut-offs.</summary>
    public XyzConfig Xyz { get; set; } = new();

    /// <summary>RFM scoring.</summary>
    public RfmConfig Rfm { get; set; } = new();

    /// <summary>Clustering dimensions (metric names).</summary>
    public List<string> Dimensions { get; set; } = [];

    /// <summary>Dimensions clustered on a log scale.</summary>
    public List<string> LogScale { get; set; } = [];

    /// <summary>Range of cluster counts, an alias of min_segments/max_segments; k is chosen by silhouette.</summary>
    public ClusterCountConfig K { get; set; } = new();

    /// <summary>Optional minimum and maximum cluster shares, enforced by min-cost flow.</summary>
    public ClusterSizeConfig? Size { get; set; }

    /// <summary>Seed of every random draw.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>Service tier names, best first, that clusters map onto.</summary>
    public List<string> Tiers { get; set; } = [];
}

/// <summary>One ordered rule.</summary>
public sealed class RuleConfig
{
    /// <summary>Segment the rule assigns.</summary>
    public string Segment { get; set; } = "";

    /// <summary>Condition on customer_metrics.csv columns, e.g. <c>revenue &gt;= 250000 and orders_per_month &gt;= 4</c>.</summary>
    public string When { get; set; } = "";

    /// <summary>Where the rule's customers go when its segment is under min_segment_share: the first viable segment listed, else they stay; null: the model's merge_into.</summary>
    /// <remarks>Left out of a definition without it, so the definition hash of every rules model written before it stays.</remarks>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? MergeInto { get; set; }
}

/// <summary>Hysteresis: consecutive periods or relative margin.</summary>
public sealed class HysteresisConfig
{
    /// <summary>Consecutive periods in a new segment before a customer moves.</summary>
    public int? Periods { get; set; }

    /// <summary>Relative margin beyond a threshold before a customer moves (threshold methods).</summary>
    public double? Margin { get; set; }
}

/// <summary>ABC cut-offs on cumulative value share.</summary>
public sealed class AbcConfig
{
    /// <summary>Upper cumulative share of class A.</summary>
    public double A { get; set; } = 0.80;

    /// <summary>Upper cumulative share of class B.</summary>
    public double B { get; set; } = 0.95;
}

/// <summary>XYZ cut-offs on the coefficient of variation.</summary>
public sealed class XyzConfig
{
    /// <summary>Largest CV of class X.</summary>
    public double X { get; set; } = 0.5;

    /// <summary>Largest CV of class Y.</summary>
    public double Y { get; set; } = 1.0;
}

/// <summary>RFM scoring options.</summary>
public sealed class RfmConfig
{
    /// <summary>Score levels (3 to 5).</summary>
    public int Levels { get; set; } = 5;

    /// <summary>Recency metric (smaller is better).</summary>
    public string Recency { get; set; } = "recency_days";

    /// <summary>Frequency metric.</summary>
    public string Frequency { get; set; } = "orders";

    /// <summary>Monetary metric.</summary>
    public string Monetary { get; set; } = "revenue";
}

/// <summary>Range of cluster counts (<c>k: { min, max }</c>), an alias of min_segments/max_segments.</summary>
public sealed class ClusterCountConfig
{
    /// <summary>Fewest clusters (default 3).</summary>
    public int Min
    {
        get;
        set
        {
            field = value;
            MinConfigured = true;
        }
    } = 3;

    /// <summary>Most clusters, the service tiers fulfilment can run (default 6).</summary>
    public int Max
    {
        get;
        set
        {
            field = value;
            MaxConfigured = true;
        }
    } = 6;

    /// <summary>Whether <c>k.min</c> was written in the configuration (not the default).</summary>
    internal bool MinConfigured { get; private set; }

    /// <summary>Whether <c>k.max</c> was written in the configuration (not the default).</summary>
    internal bool MaxConfigured { get; private set; }
}

/// <summary>Cluster size limits as shares of customers.</summary>
public sealed class ClusterSizeConfig
{
    /// <summary>Smallest cluster share.</summary>
    public double? MinShare { get; set; }

    /// <summary>Largest cluster share.</summary>
    public double? MaxShare { get; set; }
}
