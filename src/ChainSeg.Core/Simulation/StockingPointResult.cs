namespace ChainSeg.Core.Simulation;

/// <summary>
/// Simulated service and inventory of one stocking point over its measured periods, pooled across replications.
/// Rates with nothing to measure (no demand, no completed cycle) are reported as 1: nothing went short.
/// </summary>
/// <param name="Id">Stocking point id.</param>
/// <param name="Segment">Segment the point is reported under.</param>
/// <param name="Replications">Independent runs pooled.</param>
/// <param name="MeasuredPeriods">Periods measured per replication (after warm-up).</param>
/// <param name="UnitsDemanded">Units demanded, all replications.</param>
/// <param name="UnitsFilledFromStock">Units shipped from stock in the period they were demanded, all replications.</param>
/// <param name="FillRate">Definition <c>fill.unit</c>: units filled from stock ÷ units demanded.</param>
/// <param name="FillRateStandardError">Standard error of the fill rate from the spread between replications; null with one replication.</param>
/// <param name="Cycles">Completed replenishment cycles (arrival to arrival), all replications.</param>
/// <param name="StockoutCycles">Completed cycles in which demand went unfilled or backorders were open.</param>
/// <param name="CycleServiceLevel">Definition <c>csl</c>: share of replenishment cycles without a stockout.</param>
/// <param name="CycleServiceLevelStandardError">Binomial standard error √(p(1 − p)/cycles), fair when cycles are nearly independent; null without cycles.</param>
/// <param name="ReadyRate">Definition <c>ready_rate</c>: share of periods ending with stock on hand.</param>
/// <param name="StockoutPeriods">Periods with unfilled demand, per replication.</param>
/// <param name="AverageOnHand">Average stock on hand in units, demand taken to arrive evenly through each period.</param>
/// <param name="AverageBackorders">Average backorders in units at the end of a period (0 under lost sales).</param>
/// <param name="OrdersPlaced">Orders of more than zero units, per replication.</param>
/// <param name="AverageInventoryValue">Unit cost × average on hand.</param>
/// <param name="CarryingCost">Holding cost rate × unit cost × average on hand, per the time unit of the rate (per year for an annual rate).</param>
public sealed record StockingPointResult(
    string Id,
    string Segment,
    int Replications,
    int MeasuredPeriods,
    double UnitsDemanded,
    double UnitsFilledFromStock,
    double FillRate,
    double? FillRateStandardError,
    int Cycles,
    int StockoutCycles,
    double CycleServiceLevel,
    double? CycleServiceLevelStandardError,
    double ReadyRate,
    double StockoutPeriods,
    double AverageOnHand,
    double AverageBackorders,
    double OrdersPlaced,
    double AverageInventoryValue,
    double CarryingCost)
{
    /// <summary>Pools the replications of one stocking point.</summary>
    internal static StockingPointResult FromReplications(StockingPoint point, IReadOnlyList<ReplicationTally> replications)
    {
        double demanded = 0.0, filled = 0.0, onHand = 0.0, backorders = 0.0;
        long periods = 0, stockoutPeriods = 0, periodsWithStock = 0, orders = 0;
        int cycles = 0, stockoutCycles = 0;
        foreach (var tally in replications)
        {
            demanded += tally.UnitsDemanded;
            filled += tally.UnitsFilled;
            onHand += tally.OnHandSum;
            backorders += tally.BackorderSum;
            periods += tally.Periods;
            stockoutPeriods += tally.StockoutPeriods;
            periodsWithStock += tally.PeriodsWithStock;
            orders += tally.Orders;
            cycles += tally.Cycles;
            stockoutCycles += tally.StockoutCycles;
        }

        int count = replications.Count;
        double averageOnHand = onHand / periods;
        // Without a completed cycle (or without demand) the measure has no observation: NaN, not a perfect 1.0.
        double csl = cycles > 0 ? 1.0 - (double)stockoutCycles / cycles : double.NaN;
        return new StockingPointResult(
            Id: point.Id,
            Segment: point.Segment,
            Replications: count,
            MeasuredPeriods: (int)(periods / count),
            UnitsDemanded: demanded,
            UnitsFilledFromStock: filled,
            FillRate: demanded > 0.0 ? filled / demanded : double.NaN,
            FillRateStandardError: FillRateSpread(replications),
            Cycles: cycles,
            StockoutCycles: stockoutCycles,
            CycleServiceLevel: csl,
            CycleServiceLevelStandardError: cycles > 0 ? Math.Sqrt(csl * (1.0 - csl) / cycles) : null,
            ReadyRate: (double)periodsWithStock / periods,
            StockoutPeriods: (double)stockoutPeriods / count,
            AverageOnHand: averageOnHand,
            AverageBackorders: backorders / periods,
            OrdersPlaced: (double)orders / count,
            AverageInventoryValue: point.UnitCost * averageOnHand,
            CarryingCost: point.HoldingCostRate * point.UnitCost * averageOnHand);
    }

    private static double? FillRateSpread(IReadOnlyList<ReplicationTally> replications)
    {
        if (replications.Count < 2)
        {
            return null;
        }

        double sum = 0.0, sumOfSquares = 0.0;
        foreach (var tally in replications)
        {
            double fill = tally.UnitsDemanded > 0.0 ? tally.UnitsFilled / tally.UnitsDemanded : 1.0;
            sum += fill;
            sumOfSquares += fill * fill;
        }

        int n = replications.Count;
        double mean = sum / n;
        double variance = Math.Max(sumOfSquares - n * mean * mean, 0.0) / (n - 1);
        return Math.Sqrt(variance / n);
    }
}
