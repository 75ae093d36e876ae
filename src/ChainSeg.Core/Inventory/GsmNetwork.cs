namespace ChainSeg.Core.Inventory;

/// <summary>A guaranteed-service network: a tree of stages (JSON: <c>z</c>, <c>nodes</c>).</summary>
public sealed record GsmNetwork
{
    /// <summary>Safety factor z: each stage covers demand up to μτ + zσ√τ over its net replenishment time τ, unless the stage sets its own.</summary>
    public required double Z { get; init; }

    /// <summary>The stages; links are given by each node's predecessors.</summary>
    public required IReadOnlyList<GsmNode> Nodes { get; init; }
}

/// <summary>One stage of a guaranteed-service network; times are whole periods, demand is per period.</summary>
public sealed record GsmNode
{
    /// <summary>Unique stage id.</summary>
    public required string Id { get; init; }

    /// <summary>Ids of the stages that supply this one (one unit of each per unit of this stage).</summary>
    public IReadOnlyList<string> Predecessors { get; init; } = [];

    /// <summary>Processing (or transit) time T in periods once all inputs are available.</summary>
    public int ProcessingTime { get; init; }

    /// <summary>Holding cost per unit of safety stock per period.</summary>
    public double HoldingCost { get; init; }

    /// <summary>Mean external demand per period at this stage.</summary>
    public double DemandMean { get; init; }

    /// <summary>Standard deviation of external demand per period at this stage.</summary>
    public double DemandSd { get; init; }

    /// <summary>Service time the outside supplier guarantees; only for stages without predecessors (default 0).</summary>
    public int? ExternalInboundCst { get; init; }

    /// <summary>This stage's own safety factor (Graves &amp; Willems allow one per stage), e.g. from the service level of the customers it serves; the network's z when null.</summary>
    public double? Z { get; init; }

    /// <summary>Longest service time this stage may quote; defaults to 0 for customer-facing stages (no successors) and to no limit otherwise.</summary>
    public int? OutboundCst { get; init; }
}

/// <summary>Committed service times and safety stocks of a guaranteed-service network; property names map to the calculator's JSON keys.</summary>
/// <param name="TotalCost">Σ holding cost × safety stock.</param>
/// <param name="CommittedServiceTimes">Outbound committed service time S per stage.</param>
/// <param name="InboundServiceTimes">Inbound service time SI per stage.</param>
/// <param name="NetReplenishmentTimes">SI + T − S per stage, the time its safety stock must cover.</param>
/// <param name="SafetyStock">zσ√(SI + T − S) per stage, z the stage's own or the network's, σ pooled over the demand the stage serves.</param>
/// <param name="BaseStock">Pooled mean demand × net replenishment time + safety stock per stage.</param>
public sealed record GsmResult(
    double TotalCost,
    IReadOnlyDictionary<string, int> CommittedServiceTimes,
    IReadOnlyDictionary<string, int> InboundServiceTimes,
    IReadOnlyDictionary<string, int> NetReplenishmentTimes,
    IReadOnlyDictionary<string, double> SafetyStock,
    IReadOnlyDictionary<string, double> BaseStock);
