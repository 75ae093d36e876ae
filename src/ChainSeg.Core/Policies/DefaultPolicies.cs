using ChainSeg.Core.Inventory;
using ChainSeg.Core.Segmentation;

namespace ChainSeg.Core.Policies;

/// <summary>
/// The documented ChainSeg default ABC×XYZ → service policy map, used when <c>chainseg.yaml</c> has no <c>policies:</c>.
/// </summary>
/// <remarks>
/// Setting one service level per ABC class is the standard approach in practice (Teunter, Babai &amp; Syntetos 2010,
/// "ABC Classification: Service Levels and Inventory Costs", POMS 19(3) 343–352, who also show that which class deserves the
/// highest level is disputed). The values below are a ChainSeg default, not taken from a source: value (A → C) lowers the
/// target and the priority; variability (X → Z) moves the decoupling point upstream (stock → assemble → make to order), because
/// buffering erratic demand with finished goods is what costs most. All targets are CSL so that SKU-locations serving several
/// cells never mix target kinds.
/// <code>
/// cell  target    mode               route           lead  cut-off  window  priority  surcharge
/// AX    0.98 CSL  make_to_stock      warehouse_pick     1  16:00         0         1  none
/// AY    0.97 CSL  make_to_stock      warehouse_pick     2  15:00         1         1  none
/// AZ    0.95 CSL  assemble_to_order  warehouse_pick     3  14:00         1         2  none
/// BX    0.95 CSL  make_to_stock      warehouse_pick     2  14:00         1         2  none
/// BY    0.93 CSL  make_to_stock      warehouse_pick     3  14:00         1         2  none
/// BZ    0.90 CSL  assemble_to_order  warehouse_pick     5  12:00         2         3  none
/// CX    0.90 CSL  make_to_stock      cross_dock         3  12:00         2         3  none
/// CY    0.85 CSL  make_to_stock      warehouse_pick     4  12:00         2         3  2 %
/// CZ    none      make_to_order      drop_ship         10  12:00         3         4  25.00
/// other 0.90 CSL  make_to_stock      warehouse_pick     3  12:00         2         3  none     (fallback)
/// </code>
/// CX goes through cross-dock because steady small flows can be scheduled in and out without put-away; CY and CZ carry
/// surcharges because small, irregular accounts cost the most to serve per unit of revenue (DEFINITIONS.md, cost-to-serve).
/// Lead time and window are business days; amounts are in the order's currency.
/// </remarks>
public static class DefaultPolicies
{
    /// <summary>The policy for segments outside the map (e.g. "inactive", cluster names): B-level service from stock.</summary>
    public static ServicePolicy Fallback { get; } = Stocked(0.90, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, 12, 2, 3);

    /// <summary>The nine ABC×XYZ cells ("AX" … "CZ") with <see cref="Fallback"/> for any other segment.</summary>
    public static PolicyBook AbcXyz { get; } = new(
        new Dictionary<string, ServicePolicy>(StringComparer.Ordinal)
        {
            [Cell(AbcClass.A, XyzClass.X)] = Stocked(0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 16, 0, 1),
            [Cell(AbcClass.A, XyzClass.Y)] = Stocked(0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 15, 1, 1),
            [Cell(AbcClass.A, XyzClass.Z)] = Stocked(0.95, FulfilmentMode.AssembleToOrder, ServiceRoute.WarehousePick, 3, 14, 1, 2),
            [Cell(AbcClass.B, XyzClass.X)] = Stocked(0.95, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 1, 2),
            [Cell(AbcClass.B, XyzClass.Y)] = Stocked(0.93, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, 14, 1, 2),
            [Cell(AbcClass.B, XyzClass.Z)] = Stocked(0.90, FulfilmentMode.AssembleToOrder, ServiceRoute.WarehousePick, 5, 12, 2, 3),
            [Cell(AbcClass.C, XyzClass.X)] = Stocked(0.90, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 3, 12, 2, 3),
            [Cell(AbcClass.C, XyzClass.Y)] = Stocked(0.85, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 4, 12, 2, 3, Surcharge.Percentage(2m)),
            [Cell(AbcClass.C, XyzClass.Z)] = new ServicePolicy(
                target: null, FulfilmentMode.MakeToOrder, ServiceRoute.DropShip, leadTimeDays: 10, new TimeOnly(12, 0), deliveryWindowDays: 3,
                priority: 4, Surcharge.Amount(25m)),
        },
        Fallback);

    /// <summary>
    /// The four supply chain types of the <c>gattorna</c> preset (<see cref="GattornaAlignment"/>) with <see cref="Fallback"/>
    /// for any other segment.
    /// </summary>
    /// <remarks>
    /// Gattorna (2006) names what each type is for; the values are ChainSeg's: continuous replenishment is planned with
    /// the customer, so it gets the highest stock target and first claim on short stock; agile buys speed (next-day, late
    /// cut-off, tight window) and pays for it; lean is served at the lowest cost from stock, consolidated over a wider
    /// window; fully flexible needs are made to order, so they carry no safety stock (DEFINITIONS.md).
    /// <code>
    /// segment                   target    mode           route           lead  cut-off  window  priority  surcharge
    /// continuous_replenishment  0.98 CSL  make_to_stock  warehouse_pick     2  14:00         0         1  none
    /// agile                     0.97 CSL  make_to_stock  warehouse_pick     1  17:00         0         2  5 %
    /// lean                      0.92 CSL  make_to_stock  cross_dock         3  12:00         2         3  none
    /// fully_flexible            none      make_to_order  warehouse_pick    10  12:00         3         3  none
    /// </code>
    /// </remarks>
    public static PolicyBook Gattorna { get; } = new(
        new Dictionary<string, ServicePolicy>(StringComparer.Ordinal)
        {
            [GattornaAlignment.ContinuousReplenishment] = Stocked(0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 0, 1),
            [GattornaAlignment.Agile] = Stocked(0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 17, 0, 2, Surcharge.Percentage(5m)),
            [GattornaAlignment.Lean] = Stocked(0.92, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 3, 12, 2, 3),
            [GattornaAlignment.FullyFlexible] = new ServicePolicy(
                target: null, FulfilmentMode.MakeToOrder, ServiceRoute.WarehousePick, leadTimeDays: 10, new TimeOnly(12, 0), deliveryWindowDays: 3,
                priority: 3, surcharge: null),
        },
        Fallback);

    /// <summary>
    /// The four quadrants of the <c>shapiro</c> preset (<see cref="ShapiroQuadrant"/>) with <see cref="Fallback"/> for any other
    /// segment, the unplaced customers included.
    /// </summary>
    /// <remarks>
    /// Shapiro et al. (1987) say what each quadrant calls for; the values are ChainSeg's: carriage trade pays for the service
    /// it demands, so it gets it (next day, late cut-off, first claim on short stock); passive customers are the most
    /// profitable and are protected with a high target and the same first claim; aggressive customers' service is held to
    /// standard and its extras charged (the source's remedy for lost margin is to unbundle and price service); bargain
    /// basement is served at the lowest cost, consolidated through cross-dock over a wider window.
    /// <code>
    /// segment           target    mode           route           lead  cut-off  window  priority  surcharge
    /// carriage_trade    0.98 CSL  make_to_stock  warehouse_pick     1  16:00         0         1  none
    /// passive           0.97 CSL  make_to_stock  warehouse_pick     2  14:00         1         1  none
    /// aggressive        0.93 CSL  make_to_stock  warehouse_pick     3  12:00         1         2  3 %
    /// bargain_basement  0.90 CSL  make_to_stock  cross_dock         4  12:00         2         3  none
    /// </code>
    /// </remarks>
    public static PolicyBook Shapiro { get; } = new(
        new Dictionary<string, ServicePolicy>(StringComparer.Ordinal)
        {
            [ShapiroQuadrant.CarriageTrade] = Stocked(0.98, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 1, 16, 0, 1),
            [ShapiroQuadrant.Passive] = Stocked(0.97, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 2, 14, 1, 1),
            [ShapiroQuadrant.Aggressive] = Stocked(0.93, FulfilmentMode.MakeToStock, ServiceRoute.WarehousePick, 3, 12, 1, 2, Surcharge.Percentage(3m)),
            [ShapiroQuadrant.BargainBasement] = Stocked(0.90, FulfilmentMode.MakeToStock, ServiceRoute.CrossDock, 4, 12, 2, 3),
        },
        Fallback);

    private static string Cell(AbcClass abc, XyzClass xyz) => AbcXyzMatrix.CellName(abc, xyz);

    private static ServicePolicy Stocked(
        double csl, FulfilmentMode mode, ServiceRoute route, int leadTimeDays, int cutoffHour, int windowDays, int priority, Surcharge? surcharge = null) =>
        new(ServiceTarget.CycleServiceLevel(csl), mode, route, leadTimeDays, new TimeOnly(cutoffHour, 0), windowDays, priority, surcharge);
}
