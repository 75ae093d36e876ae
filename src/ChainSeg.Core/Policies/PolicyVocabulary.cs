namespace ChainSeg.Core.Policies;

/// <summary>The snake_case names of policy choices as written in <c>chainseg.yaml</c> and output files, both ways.</summary>
public static class PolicyVocabulary
{
    private static readonly (ServiceRoute Value, string Name)[] Routes =
        [(ServiceRoute.WarehousePick, "warehouse_pick"), (ServiceRoute.DropShip, "drop_ship"), (ServiceRoute.CrossDock, "cross_dock")];

    private static readonly (FulfilmentMode Value, string Name)[] Modes =
    [
        (FulfilmentMode.MakeToStock, "make_to_stock"),
        (FulfilmentMode.AssembleToOrder, "assemble_to_order"),
        (FulfilmentMode.MakeToOrder, "make_to_order"),
    ];

    private static readonly (TargetAggregation Value, string Name)[] Aggregations =
    [
        (TargetAggregation.Highest, "highest"),
        (TargetAggregation.DemandWeighted, "demand_weighted"),
        (TargetAggregation.SegmentReserves, "segment_reserves"),
    ];

    private static readonly (MixedTargetHandling Value, string Name)[] Mixings =
    [
        (MixedTargetHandling.Strictest, "strictest"),
        (MixedTargetHandling.Refuse, "refuse"),
        (MixedTargetHandling.ConvertToCsl, "convert_to_csl"),
        (MixedTargetHandling.ConvertToFillRate, "convert_to_fill_rate"),
    ];

    /// <summary>The config name of a route, e.g. <c>warehouse_pick</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">route is not a defined <see cref="ServiceRoute"/>.</exception>
    public static string Name(ServiceRoute route) => NameOf(Routes, route, nameof(route));

    /// <summary>The config name of a fulfilment mode, e.g. <c>make_to_order</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">mode is not a defined <see cref="FulfilmentMode"/>.</exception>
    public static string Name(FulfilmentMode mode) => NameOf(Modes, mode, nameof(mode));

    /// <summary>The config name of an aggregation rule, e.g. <c>demand_weighted</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">aggregation is not a defined <see cref="TargetAggregation"/>.</exception>
    public static string Name(TargetAggregation aggregation) => NameOf(Aggregations, aggregation, nameof(aggregation));

    /// <summary>The config name of a mixed-target handling, e.g. <c>convert_to_csl</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">handling is not a defined <see cref="MixedTargetHandling"/>.</exception>
    public static string Name(MixedTargetHandling handling) => NameOf(Mixings, handling, nameof(handling));

    /// <summary>Reads a route name (exact, snake_case).</summary>
    /// <exception cref="ArgumentException">text is not one of warehouse_pick, drop_ship, cross_dock.</exception>
    public static ServiceRoute ParseRoute(string text) => Parse(Routes, text, "route");

    /// <summary>Reads a fulfilment mode name (exact, snake_case).</summary>
    /// <exception cref="ArgumentException">text is not one of make_to_stock, assemble_to_order, make_to_order.</exception>
    public static FulfilmentMode ParseFulfilmentMode(string text) => Parse(Modes, text, "fulfilment_mode");

    /// <summary>Reads an aggregation rule name (exact, snake_case).</summary>
    /// <exception cref="ArgumentException">text is not one of highest, demand_weighted, segment_reserves.</exception>
    public static TargetAggregation ParseTargetAggregation(string text) => Parse(Aggregations, text, "target aggregation");

    /// <summary>Reads a mixed-target handling name (exact, snake_case).</summary>
    /// <exception cref="ArgumentException">text is not one of refuse, convert_to_csl, convert_to_fill_rate.</exception>
    public static MixedTargetHandling ParseMixedTargetHandling(string text) => Parse(Mixings, text, "mixed target handling");

    private static string NameOf<T>((T Value, string Name)[] table, T value, string paramName)
        where T : struct, Enum
    {
        foreach (var (v, name) in table)
        {
            if (EqualityComparer<T>.Default.Equals(v, value))
            {
                return name;
            }
        }

        throw new ArgumentOutOfRangeException(paramName, value, $"Must be one of {string.Join(", ", table.Select(t => t.Value))}.");
    }

    private static T Parse<T>((T Value, string Name)[] table, string text, string what)
        where T : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var (value, name) in table)
        {
            if (string.Equals(name, text, StringComparison.Ordinal))
            {
                return value;
            }
        }

        throw new ArgumentException($"Unknown {what} '{text}'; expected one of {string.Join(", ", table.Select(t => t.Name))}.", nameof(text));
    }
}
