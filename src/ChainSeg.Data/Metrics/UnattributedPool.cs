using System.Globalization;

namespace ChainSeg.Data.Metrics;

/// <summary>A cost pool whose driver has no volume in the window, so no customer's cost_to_serve carries its cost.</summary>
/// <param name="Activity">The pool's activity (cost_pools.activity).</param>
/// <param name="Driver">Its driver (cost_pools.driver).</param>
/// <param name="AnnualCost">Its annual cost.</param>
/// <param name="WindowCost">Its cost for the window, as cost-to-serve would have charged it.</param>
public sealed record UnattributedPool(string Activity, string Driver, double AnnualCost, double WindowCost)
{
    // Where each driver's volume comes from, so the warning names the export to load.
    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        ["orders"] = "order_lines", ["lines"] = "order_lines", ["units"] = "order_lines", ["returns"] = "order_lines with negative quantities",
        ["customers"] = "order_lines", ["revenue"] = "order_lines", ["shipments"] = "shipments", ["freight"] = "shipments, freight_cost",
        ["expedites"] = "service_events, event_type expedite", ["complaints"] = "service_events, event_type complaint",
        ["order_changes"] = "service_events, event_type order_change",
        ["weight_kg"] = "products, weight_kg",
    };

    /// <summary>The run warning: the pool, the cost no customer carries and the fix.</summary>
    public string Warning() =>
        $"cost_pool_unattributed: pool '{Activity}' (driver {Driver}) has no {Driver} in the window, so its {Money(WindowCost)} for the window "
        + $"({Money(AnnualCost)} a year) is in no customer's cost_to_serve; load the export that records the driver ({Sources.GetValueOrDefault(Driver, Driver)}) "
        + "or give the pool another driver.";

    private static string Money(double value) => value.ToString("N2", CultureInfo.InvariantCulture);
}
