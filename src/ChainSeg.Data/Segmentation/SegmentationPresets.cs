using ChainSeg.Core.Segmentation;
using ChainSeg.Data.Configuration;

namespace ChainSeg.Data.Segmentation;

/// <summary>
/// Segmentation presets (DEFINITIONS.md "Segmentation presets"): configurations shipped with the tool, each citing its
/// source, that a model names as its method (<c>method: gattorna</c>). A preset fills the settings the model leaves out;
/// whatever the model writes itself (its own <c>rules:</c>, <c>dimensions:</c>, <c>fallback:</c>) wins.
/// </summary>
/// <remarks>
/// <c>abc_xyz</c> and <c>rfm</c>, the other presets DEFINITIONS.md names, are methods of their own. Fisher's product axis
/// classifies products, not customers, so it is no method: every run builds it (<see cref="Products.ProductAxisStage"/>).
/// </remarks>
public static class SegmentationPresets
{
    /// <summary>Order profile: k-means on the order-profile drivers of cost-to-serve.</summary>
    public const string OrderProfile = "order_profile";

    /// <summary>Gattorna's behavioural alignment: rules assigning each customer one of four supply chain types.</summary>
    public const string Gattorna = "gattorna";

    /// <summary>Shapiro's customer classification matrix: rules placing each customer by net price realised × cost-to-serve.</summary>
    public const string Shapiro = "shapiro";

    /// <summary>The preset names a model's method may take.</summary>
    public static readonly IReadOnlyList<string> Names = [OrderProfile, Gattorna, Shapiro];

    /// <summary>
    /// Expands every model whose method names a preset into the preset's method and settings, keeping the settings the
    /// model wrote (<see cref="SegmentationModelConfig.WrittenKeys"/>) and recording the preset's name.
    /// </summary>
    public static void Expand(SegmentationConfig? segmentation)
    {
        if (segmentation is null)
            return;
        foreach (var model in segmentation.Models.Values)
            if (Create(model.Method) is { } preset)
                Apply(preset, model);
    }

    /// <summary>The preset's settings as a model, or null when <paramref name="name"/> names no preset.</summary>
    public static SegmentationModelConfig? Create(string name) => name switch
    {
        OrderProfile => new()
        {
            Method = "kmeans",
            Preset = OrderProfile,
            Assumptions = "Preset order_profile: customers grouped by how they order and are delivered (lines per order, units per "
                + "line, order value, drop size, deliveries per order, frequency, expedite, order change and return shares), the drivers of "
                + "cost-to-serve (Fuller, O'Conor & Rawlinson 1993, \"Tailored logistics: the next advantage\", Harvard Business "
                + "Review 71(3); Braithwaite & Samakh 1998, \"The cost-to-serve method\", International Journal of Logistics "
                + "Management 9(1)); k by silhouette. Order corrections, which the source reads, are the share of orders changed "
                + "(order_change_rate, from order_change service events: an ERP change log). Without shipments (service events, a "
                + "change log) the delivery (expedite, order change) drivers are empty for every customer and shape no cluster.",
            Dimensions = ["lines_per_order", "units_per_line", "avg_order_value", "drop_size", "deliveries_per_order", "orders_per_month", "expedite_rate", "order_change_rate", "return_rate"],
            LogScale = ["lines_per_order", "units_per_line", "avg_order_value", "drop_size", "orders_per_month"],
            Size = new() { MinShare = 0.03 },
        },
        Gattorna => new()
        {
            Method = "rules",
            Preset = Gattorna,
            Assumptions = "Preset gattorna: behavioural alignment after Gattorna 2006, Living Supply Chains (FT Prentice Hall): "
                + "unpredictable (lumpy) demand → fully flexible, demanding and urgent (expediting, or changing orders) → agile, price-driven (price realisation "
                + "≤ 0.85) → lean, predictable (smooth, CV ≤ 0.5) → continuous replenishment, the rest transactional → lean. The "
                + "cut-offs are ChainSeg's starting points, to be tuned by writing the model's own rules (Syntetos–Boylan's demand "
                + "classes, XYZ's X cut-off, a 10 % expedite share, 10 % of orders changed, 15 % or more below list price on "
                + "average). Gattorna's demanding customers change their orders often: a customer changing one order in ten is "
                + "treated as one expediting one in ten, each a late change the supply chain must absorb. Order changes are "
                + "read from order_change service events (an ERP change log); without one order_change_rate is empty and the "
                + "expedite share alone decides.",
            Rules =
            [
                new() { Segment = GattornaAlignment.FullyFlexible, When = "demand_class == 'lumpy'" },
                new() { Segment = GattornaAlignment.Agile, When = "expedite_rate >= 0.10 or order_change_rate >= 0.10" },
                // Before continuous replenishment: a steady buyer who buys on price is served lean, not planned with it.
                new() { Segment = GattornaAlignment.Lean, When = "price_realisation <= 0.85" },
                new() { Segment = GattornaAlignment.ContinuousReplenishment, When = "demand_class == 'smooth' and demand_cv <= 0.5" },
            ],
            Fallback = GattornaAlignment.Lean,
        },
        Shapiro => new()
        {
            Method = "rules",
            Preset = Shapiro,
            Assumptions = "Preset shapiro: the customer classification matrix of Shapiro, Rangan, Moriarty & Ross 1987, \"Manage customers "
                + "for profits (not just sales)\", Harvard Business Review 65(5): net price realised (price_realisation, revenue ÷ list "
                + "value) against cost-to-serve (cost_to_serve_pct, cost-to-serve ÷ revenue), each split at its median among the "
                + "customers segmented, as the source splits high from low; customers without either figure (no list prices, no cost "
                + "pools) are unplaced. A quadrant under min_segment_share merges into the quadrant of its price side, else of its "
                + "cost side, never into unplaced; with neither viable it stays.",
            // Unplaced means "no figures to place": a small quadrant merged there labelled customers with both figures as
            // having none. Each merges into a quadrant sharing an axis, the price side first, whose default policy is the
            // nearest (carriage trade 98 % and passive 97 %; aggressive 93 % and bargain basement 90 %).
            Rules =
            [
                new() { Segment = ShapiroQuadrant.CarriageTrade, When = "price_realisation >= median and cost_to_serve_pct >= median", MergeInto = [ShapiroQuadrant.Passive, ShapiroQuadrant.Aggressive] },
                new() { Segment = ShapiroQuadrant.Passive, When = "price_realisation >= median and cost_to_serve_pct < median", MergeInto = [ShapiroQuadrant.CarriageTrade, ShapiroQuadrant.BargainBasement] },
                new() { Segment = ShapiroQuadrant.Aggressive, When = "price_realisation < median and cost_to_serve_pct >= median", MergeInto = [ShapiroQuadrant.BargainBasement, ShapiroQuadrant.CarriageTrade] },
                new() { Segment = ShapiroQuadrant.BargainBasement, When = "price_realisation < median and cost_to_serve_pct < median", MergeInto = [ShapiroQuadrant.Aggressive, ShapiroQuadrant.Passive] },
            ],
            Fallback = ShapiroQuadrant.Unplaced,
        },
        _ => null,
    };

    private static void Apply(SegmentationModelConfig preset, SegmentationModelConfig model)
    {
        bool Open(string key) => !model.WrittenKeys.Contains(key);
        model.Method = preset.Method;
        model.Preset = preset.Preset;
        if (Open("assumptions"))
            model.Assumptions = preset.Assumptions;
        if (Open("dimensions"))
            model.Dimensions = [.. preset.Dimensions];
        // A model that picks its own dimensions keeps the preset's log scale for those it kept, which validation would
        // otherwise refuse as log-scaling a dimension the model does not cluster on.
        if (Open("log_scale"))
            model.LogScale = [.. preset.LogScale.Where(model.Dimensions.Contains)];
        if (Open("size"))
            model.Size = preset.Size;
        if (Open("rules"))
            model.Rules = [.. preset.Rules.Select(r => new RuleConfig { Segment = r.Segment, When = r.When, MergeInto = r.MergeInto?.ToList() })];
        if (Open("fallback"))
            model.Fallback = preset.Fallback;
    }
}
