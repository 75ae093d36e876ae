namespace ChainSeg.Core.Simulation;

/// <summary>A SKU at a location as the simulation sees it: its demand, lead time, unit cost and the segment whose target drives it.</summary>
public sealed record StockingPoint
{
    /// <summary>Creates a stocking point; demand and lead time are in the simulation's period.</summary>
    /// <param name="id">Unique key, e.g. "SKU-17@DC1"; it also seeds the point's random streams.</param>
    /// <param name="segment">Segment the point is reported under.</param>
    /// <param name="demand">Demand per period.</param>
    /// <param name="leadTime">Replenishment lead time in periods.</param>
    /// <param name="unitCost">Cost of one unit.</param>
    /// <param name="holdingCostRate">Holding cost per unit of value per time unit (typically per year, e.g. 0.25).</param>
    /// <param name="initialOnHand">Stock on hand at the start; null starts at the policy's maximum inventory position.</param>
    /// <exception cref="ArgumentException">id or segment is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">unitCost, holdingCostRate or initialOnHand is negative or not finite.</exception>
    public StockingPoint(
        string id,
        string segment,
        IDemandSampler demand,
        ILeadTimeSampler leadTime,
        double unitCost,
        double holdingCostRate,
        double? initialOnHand = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(id);
        ArgumentException.ThrowIfNullOrEmpty(segment);
        ArgumentNullException.ThrowIfNull(demand);
        ArgumentNullException.ThrowIfNull(leadTime);
        Id = id;
        Segment = segment;
        Demand = demand;
        LeadTime = leadTime;
        UnitCost = Arguments.NonNegative(unitCost, nameof(unitCost), "Unit cost");
        HoldingCostRate = Arguments.NonNegative(holdingCostRate, nameof(holdingCostRate), "Holding cost rate");
        if (initialOnHand is { } onHand)
        {
            Arguments.NonNegative(onHand, nameof(initialOnHand), "Initial stock on hand");
        }

        InitialOnHand = initialOnHand;
    }

    /// <summary>Unique key of the SKU-location.</summary>
    public string Id { get; }

    /// <summary>Segment the point is reported under.</summary>
    public string Segment { get; }

    /// <summary>Demand per period.</summary>
    public IDemandSampler Demand { get; }

    /// <summary>Replenishment lead time in periods.</summary>
    public ILeadTimeSampler LeadTime { get; }

    /// <summary>Cost of one unit.</summary>
    public double UnitCost { get; }

    /// <summary>Holding cost per unit of value per time unit; carrying cost is reported per the same time unit.</summary>
    public double HoldingCostRate { get; }

    /// <summary>Stock on hand at the start; null starts at the policy's maximum inventory position.</summary>
    public double? InitialOnHand { get; }
}
