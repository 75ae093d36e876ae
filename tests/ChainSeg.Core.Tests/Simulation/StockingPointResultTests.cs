using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class StockingPointResultTests
{
    private static readonly StockingPoint Point = new("SKU", "core", new PoissonDemandSampler(1.0), new FixedLeadTime(1), unitCost: 8.0, holdingCostRate: 0.25);

    private static ReplicationTally Tally(double demanded, double filled, int cycles, int stockoutCycles, double onHandSum)
    {
        var tally = new ReplicationTally
        {
            Periods = 10,
            UnitsDemanded = demanded,
            UnitsFilled = filled,
            Cycles = cycles,
            StockoutCycles = stockoutCycles,
            OnHandSum = onHandSum,
            PeriodsWithStock = 7,
            StockoutPeriods = 3,
            Orders = 4,
        };
        return tally;
    }

    [Fact]
    public void FromReplications_TwoReplications_PoolsAndMeasuresSpread()
    {
        // Fill rates 0.9 and 0.7 per replication: pooled 230/300; standard error of their mean √(0.02/2) = 0.1.
        // CSL 1 − 5/20 = 0.75 with binomial standard error √(0.75 · 0.25/20). Average on hand (40 + 60)/20 = 5.
        var result = StockingPointResult.FromReplications(Point, [Tally(100.0, 90.0, 10, 2, 40.0), Tally(200.0, 140.0, 10, 3, 60.0)]);

        Assert.Equal(230.0 / 300.0, result.FillRate, 12);
        Assert.Equal(0.1, result.FillRateStandardError!.Value, 12);
        Assert.Equal(0.75, result.CycleServiceLevel, 12);
        Assert.Equal(Math.Sqrt(0.75 * 0.25 / 20), result.CycleServiceLevelStandardError!.Value, 12);
        Assert.Equal(5.0, result.AverageOnHand, 12);
        Assert.Equal(40.0, result.AverageInventoryValue, 12);
        Assert.Equal(10.0, result.CarryingCost, 12);
        Assert.Equal(0.7, result.ReadyRate, 12);
        Assert.Equal(3.0, result.StockoutPeriods);
        Assert.Equal(4.0, result.OrdersPlaced);
        Assert.Equal(10, result.MeasuredPeriods);
    }

    [Fact]
    public void FromReplications_NoDemandNoCycles_ReportsNoMeasureRatherThanFullService()
    {
        // Nothing was demanded and no cycle completed: there is no observation of either measure, so neither reads 100 %.
        var result = StockingPointResult.FromReplications(Point, [Tally(0.0, 0.0, 0, 0, 5.0)]);

        Assert.True(double.IsNaN(result.FillRate));
        Assert.True(double.IsNaN(result.CycleServiceLevel));
        Assert.Null(result.FillRateStandardError);
        Assert.Null(result.CycleServiceLevelStandardError);
    }
}
