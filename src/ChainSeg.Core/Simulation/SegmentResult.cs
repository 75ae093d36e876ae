namespace ChainSeg.Core.Simulation;

/// <summary>Simulated service and inventory of one segment's stocking points, rates pooled over units, cycles and periods.</summary>
/// <param name="Segment">Segment name.</param>
/// <param name="StockingPoints">Stocking points in the segment.</param>
/// <param name="UnitsDemanded">Units demanded, all points and replications.</param>
/// <param name="UnitsFilledFromStock">Units filled from stock, all points and replications.</param>
/// <param name="FillRate">Definition <c>fill.unit</c>: units filled from stock ÷ units demanded, over all points; NaN without demand.</param>
/// <param name="Cycles">Completed replenishment cycles, all points.</param>
/// <param name="StockoutCycles">Completed cycles with a stockout, all points.</param>
/// <param name="CycleServiceLevel">Definition <c>csl</c>: share of all the segment's cycles without a stockout; NaN without a completed cycle.</param>
/// <param name="ReadyRate">Definition <c>ready_rate</c>: share of all the segment's periods ending with stock on hand.</param>
/// <param name="StockoutPeriods">Periods with unfilled demand per replication, summed over points.</param>
/// <param name="AverageOnHand">Average units on hand, summed over points.</param>
/// <param name="AverageInventoryValue">Average value on hand, summed over points.</param>
/// <param name="CarryingCost">Carrying cost, summed over points (per the time unit of the holding cost rates).</param>
public sealed record SegmentResult(
    string Segment,
    int StockingPoints,
    double UnitsDemanded,
    double UnitsFilledFromStock,
    double FillRate,
    int Cycles,
    int StockoutCycles,
    double CycleServiceLevel,
    double ReadyRate,
    double StockoutPeriods,
    double AverageOnHand,
    double AverageInventoryValue,
    double CarryingCost)
{
    /// <summary>One row per segment, in ordinal order of the segment name.</summary>
    internal static IReadOnlyList<SegmentResult> Aggregate(IEnumerable<StockingPointResult> points) =>
        points
            .GroupBy(p => p.Segment, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(Of)
            .ToList();

    private static SegmentResult Of(IGrouping<string, StockingPointResult> segment)
    {
        double demanded = segment.Sum(p => p.UnitsDemanded);
        double filled = segment.Sum(p => p.UnitsFilledFromStock);
        int cycles = segment.Sum(p => p.Cycles);
        int stockoutCycles = segment.Sum(p => p.StockoutCycles);

        // Every point measures the same number of periods, so the pooled ready rate is the points' mean.
        return new SegmentResult(
            Segment: segment.Key,
            StockingPoints: segment.Count(),
            UnitsDemanded: demanded,
            UnitsFilledFromStock: filled,
            FillRate: demanded > 0.0 ? filled / demanded : double.NaN,
            Cycles: cycles,
            StockoutCycles: stockoutCycles,
            CycleServiceLevel: cycles > 0 ? 1.0 - (double)stockoutCycles / cycles : double.NaN,
            ReadyRate: segment.Average(p => p.ReadyRate),
            StockoutPeriods: segment.Sum(p => p.StockoutPeriods),
            AverageOnHand: segment.Sum(p => p.AverageOnHand),
            AverageInventoryValue: segment.Sum(p => p.AverageInventoryValue),
            CarryingCost: segment.Sum(p => p.CarryingCost));
    }
}
