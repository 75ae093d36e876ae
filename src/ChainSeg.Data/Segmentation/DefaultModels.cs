using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Segmentation;

/// <summary>
/// The models a run uses when chainseg.yaml defines none (no <c>segmentation:</c> section, or one without <c>models:</c>):
/// ABC×XYZ on revenue (active, DEFINITIONS.md preset <c>abc_xyz</c>), RFM quintiles (Hughes 1994) and behavioural k-means
/// on the order-profile drivers of cost-to-serve.
/// </summary>
public static class DefaultModels
{
    /// <summary>Name of the default active model.</summary>
    public const string Active = "abc-xyz";

    /// <summary>
    /// The segmentation a run uses: the configured one when it defines models, else the defaults with whatever the section
    /// sets besides (a section that only changes stability keeps the default models).
    /// </summary>
    public static SegmentationConfig For(SegmentationConfig? configured)
    {
        if (configured is { Models.Count: > 0 })
            return configured;
        var defaults = Create();
        if (configured is null)
            return defaults;
        defaults.Stability = configured.Stability;
        defaults.Active = configured.Active ?? Active;
        return defaults;
    }

    /// <summary>A fresh copy of the default configuration.</summary>
    public static SegmentationConfig Create() => new()
    {
        Active = Active,
        Models = new(StringComparer.Ordinal)
        {
            [Active] = new()
            {
                Method = "abc_xyz",
                Assumptions = "ABC on revenue (A ≤ 80 %, B ≤ 95 % cumulative) × XYZ on the CV of monthly units (X ≤ 0.5, Y ≤ 1.0).",
            },
            ["rfm"] = new()
            {
                Method = "rfm",
                Assumptions = "Recency (days since last order), frequency (orders) and monetary (revenue) quintile scores.",
            },
            ["behaviour"] = new()
            {
                Method = "kmeans",
                Assumptions = "How customers order: frequency, order size and shape, variability and service demands; k by silhouette.",
                Dimensions = ["orders_per_month", "lines_per_order", "units_per_line", "avg_order_value", "demand_cv", "expedite_rate", "return_rate", "gross_margin_pct"],
                LogScale = ["orders_per_month", "lines_per_order", "units_per_line", "avg_order_value"],
                K = new() { Min = 3, Max = 6 },
                Size = new() { MinShare = 0.03 },
            },
        },
    };
}
