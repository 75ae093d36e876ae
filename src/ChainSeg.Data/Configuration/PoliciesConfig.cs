namespace ChainSeg.Data.Configuration;

/// <summary>Service policies per segment, the business calendar and inventory-policy settings (<c>policies:</c>).</summary>
public sealed class PoliciesConfig
{
    /// <summary>Policy per segment of the active model.</summary>
    public Dictionary<string, PolicyConfig> Segments { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Policy for segments without an entry; ChainSeg's documented default when left out.</summary>
    public PolicyConfig? Default { get; set; }

    /// <summary>
    /// Product class (functional, innovative, unclassified) → what its cells change in the segments' policies for that class's
    /// SKUs (Fisher 1997 crossed with the customer segments); without any, every class takes its segment's policy.
    /// </summary>
    public Dictionary<string, ProductClassPolicyConfig> ProductClasses { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Working days for promise dates.</summary>
    public CalendarConfig Calendar { get; set; } = new();

    /// <summary>How SKU-location inventory policies are derived from segment targets.</summary>
    public InventoryPolicyConfig Inventory { get; set; } = new();

    /// <summary>Pre-approved shortage allocation rules per segment.</summary>
    public Dictionary<string, ShortageRuleConfig> Shortage { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Peak-period capacity planning: the resources fulfilment shares across segments.</summary>
    public CapacityConfig Capacity { get; set; } = new();
}

/// <summary>Peak-period capacity planning (<c>policies.capacity</c>).</summary>
public sealed class CapacityConfig
{
    /// <summary>Bucket whose busiest instance in the history is planned: week, month (default) or quarter.</summary>
    public string Period { get; set; } = "month";

    /// <summary>Resources by name; without any, one <c>fulfilment_hours</c> resource at 0.02 h per unit and 85 % of the peak's need.</summary>
    public Dictionary<string, CapacityResourceConfig> Resources { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One capacity resource: how much there is in the period and how much a unit of each segment uses.</summary>
public sealed class CapacityResourceConfig
{
    /// <summary>Capacity available in the period, in the resource's own unit (hours, pallets, …); give this or share_of_need.</summary>
    public double? Capacity { get; set; }

    /// <summary>Capacity as a share of what serving the whole peak demand would use (e.g. 0.85).</summary>
    public double? ShareOfNeed { get; set; }

    /// <summary>Resource used per unit served.</summary>
    public double PerUnit { get; set; } = 1;

    /// <summary>Per-segment overrides of <see cref="PerUnit"/>.</summary>
    public Dictionary<string, double> PerUnitBySegment { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>One segment's service policy.</summary>
public sealed class PolicyConfig
{
    /// <summary>Cycle-service-level target (Type 1); give this or fill_rate (not both; neither for make_to_order).</summary>
    public double? Csl { get; set; }

    /// <summary>Fill-rate target (Type 2).</summary>
    public double? FillRate { get; set; }

    /// <summary>Lead-time commitment in business days.</summary>
    public int LeadTimeDays { get; set; } = 3;

    /// <summary>Order cut-off, local time HH:mm.</summary>
    public string Cutoff { get; set; } = "14:00";

    /// <summary>Delivery window in business days after the promised date.</summary>
    public int DeliveryWindowDays { get; set; }

    /// <summary>warehouse_pick, drop_ship or cross_dock.</summary>
    public string Route { get; set; } = "warehouse_pick";

    /// <summary>make_to_stock, assemble_to_order or make_to_order.</summary>
    public string FulfilmentMode { get; set; } = "make_to_stock";

    /// <summary>Priority tier, 1 = highest.</summary>
    public int Priority { get; set; } = 3;

    /// <summary>Premium-service surcharge: an amount ("25") or a percentage ("2%").</summary>
    public string? Surcharge { get; set; }
}

/// <summary>What a cell of the product axis changes in a segment's policy; a setting left out keeps the segment's.</summary>
public class CellPolicyConfig
{
    /// <summary>make_to_stock, assemble_to_order or make_to_order (no safety stock for the cell).</summary>
    public string? FulfilmentMode { get; set; }

    /// <summary>Cycle-service-level target for the cell's stock (not with make_to_order).</summary>
    public double? Csl { get; set; }

    /// <summary>Fill-rate target for the cell's stock.</summary>
    public double? FillRate { get; set; }

    /// <summary>Lead-time commitment in business days.</summary>
    public int? LeadTimeDays { get; set; }
}

/// <summary>A product class's cells (<c>policies.product_classes.CLASS</c>): settings for every segment, refined per segment.</summary>
public sealed class ProductClassPolicyConfig : CellPolicyConfig
{
    /// <summary>Segment → its cell's own settings, refining the class-wide ones part by part.</summary>
    public Dictionary<string, CellPolicyConfig> Segments { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Weekend days and holidays.</summary>
public sealed class CalendarConfig
{
    /// <summary>Non-working weekdays (english names).</summary>
    public List<string> Weekend { get; set; } = ["saturday", "sunday"];

    /// <summary>Holidays, yyyy-MM-dd.</summary>
    public List<string> Holidays { get; set; } = [];
}

/// <summary>Inventory-policy settings.</summary>
public sealed class InventoryPolicyConfig
{
    /// <summary>How a SKU-location's target follows the segments it serves: highest, demand_weighted or segment_reserves.</summary>
    public string TargetRule { get; set; } = "highest";

    /// <summary>When segments mix CSL and fill-rate targets: strictest (the target needing the most safety stock decides), refuse, convert_to_csl or convert_to_fill_rate.</summary>
    public string MixedTargets { get; set; } = "strictest";

    /// <summary>Lead time when the inventory table has none for a SKU-location.</summary>
    public double DefaultLeadTimeDays { get; set; } = 7;

    /// <summary>Lead-time standard deviation when the inventory table has none.</summary>
    public double DefaultLeadTimeSdDays { get; set; } = 1;

    /// <summary>Days between stock reviews (1 = a nightly planning run); the reorder point covers the undershoot this causes (0 = continuous review).</summary>
    public double ReviewPeriodDays { get; set; } = 1;

    /// <summary>Highest-volume SKUs solved with the multi-echelon guaranteed-service model.</summary>
    public int MultiEchelonSkus { get; set; } = 20;

    /// <summary>
    /// One cycle service level the multi-echelon model protects at every stage; left out, each stage protects the CSL its
    /// SKU-location's policy promises (analytic_csl), a stage that supplies others the highest of those it serves.
    /// </summary>
    public double? MultiEchelonCsl { get; set; }

    /// <summary>Kanban safety factor α.</summary>
    public double KanbanSafetyFactor { get; set; } = 0.1;

    /// <summary>Kanban container size in units; one week of demand (rounded up) when left out.</summary>
    public double? KanbanContainer { get; set; }
}

/// <summary>One segment's shortage rule.</summary>
public sealed class ShortageRuleConfig
{
    /// <summary>Priority tier (1 = served first).</summary>
    public int Tier { get; set; } = 1;

    /// <summary>Guaranteed share of the segment's open demand, 0-1.</summary>
    public double MinFill { get; set; }
}

/// <summary>Cost parameters (<c>costs:</c>).</summary>
public sealed class CostsConfig
{
    /// <summary>Annual holding cost as a share of unit cost, when the inventory table has none.</summary>
    public double HoldingCostRate { get; set; } = 0.25;

    /// <summary>Fixed cost per replenishment order (EOQ).</summary>
    public double OrderingCost { get; set; } = 100;

    /// <summary>Standard rates per unit of a cost pool's driver, by cost_pools activity, charged instead of the pool's average rate.</summary>
    public Dictionary<string, double> ActivityRates { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Time equations by cost_pools activity: such a pool is priced by time-driven ABC instead of its average rate.</summary>
    public Dictionary<string, TimeEquationConfig> TimeEquations { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The direct costs the data records per customer charged in cost-to-serve (freight, service_events); null charges both.</summary>
    public List<string>? Direct { get; set; }
}

/// <summary>One pool's time equation (<c>costs.time_equations.ACTIVITY</c>, Kaplan &amp; Anderson 2004).</summary>
public sealed class TimeEquationConfig
{
    /// <summary>Minutes a year the activity's people and equipment can work (typically 80–85 % of theoretical).</summary>
    public double? PracticalCapacityMinutes { get; set; }

    /// <summary>Minutes a year of theoretical capacity, taken at <see cref="PracticalShare"/> when practical is not given.</summary>
    public double? TheoreticalCapacityMinutes { get; set; }

    /// <summary>The share of theoretical capacity that is practical, in (0, 1].</summary>
    public double PracticalShare { get; set; } = 0.8;

    /// <summary>Minutes per unit of each cost driver (orders holds the time per order, b₀).</summary>
    public Dictionary<string, double> Minutes { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>Monte-Carlo check of the inventory policies (<c>simulation:</c>).</summary>
public sealed class SimulationConfig
{
    /// <summary>Most SKU-locations simulated per run (a deterministic sample when there are more).</summary>
    public int SkuLocations { get; set; } = 500;

    /// <summary>Simulated days after a 90-day warm-up.</summary>
    public int Days { get; set; } = 730;

    /// <summary>Replications per SKU-location.</summary>
    public int Replications { get; set; } = 1;

    /// <summary>Master seed.</summary>
    public int Seed { get; set; } = 42;

    /// <summary>SKU-locations per segment on the service-versus-inventory curve.</summary>
    public int TradeOffSkuLocations { get; set; } = 50;
}
