using ChainSeg.Core.Inventory;

namespace ChainSeg.Core.Simulation;

/// <summary>One point of a segment's service-versus-inventory curve: a target, what the computed policies achieved, and what it cost.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="TargetKind">Which service level the target is (a 95 % CSL is not a 95 % fill rate).</param>
/// <param name="Target">Target every point of the segment was given.</param>
/// <param name="StockingPoints">Stocking points in the segment.</param>
/// <param name="AchievedCycleServiceLevel">Simulated <c>csl</c>, pooled over the segment's cycles.</param>
/// <param name="AchievedFillRate">Simulated <c>fill.unit</c>, pooled over the segment's units.</param>
/// <param name="AchievedReadyRate">Simulated <c>ready_rate</c>, pooled over the segment's periods.</param>
/// <param name="AverageOnHand">Average units on hand, summed over points.</param>
/// <param name="AverageInventoryValue">Average value on hand, summed over points.</param>
/// <param name="CarryingCost">Carrying cost, summed over points, per the time unit of the holding cost rates.</param>
public sealed record TradeOffPoint(
    string Segment,
    ServiceLevelKind TargetKind,
    double Target,
    int StockingPoints,
    double AchievedCycleServiceLevel,
    double AchievedFillRate,
    double AchievedReadyRate,
    double AverageOnHand,
    double AverageInventoryValue,
    double CarryingCost);
