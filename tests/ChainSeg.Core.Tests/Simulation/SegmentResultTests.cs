using ChainSeg.Core.Simulation;

namespace ChainSeg.Core.Tests.Simulation;

public sealed class SegmentResultTests
{
    private static StockingPointResult Result(string id, string segment, double demanded, double filled, int cycles, int stockoutCycles, double ready, double onHand, double value, double cost) =>
        new(id, segment, 1, 100, demanded, filled, filled / demanded, null, cycles, stockoutCycles, 1.0 - (double)stockoutCycles / cycles, null,
            ready, 2.0, onHand, 0.0, 5.0, value, cost);

    [Fact]
    public void Aggregate_TwoPoints_PoolsUnitsAndCyclesRatherThanAveragingRates()
    {
        // Fill rates 0.5 (on 10 units) and 0.95 (on 1,000 units): pooled (5 + 950)/1,010, not their mean 0.725.
        // CSL: 1 of 4 and 10 of 100 cycles short: 1 − 11/104.
        var points = new[]
        {
            Result("a", "core", 10.0, 5.0, 4, 1, 0.5, 3.0, 30.0, 7.5),
            Result("b", "core", 1_000.0, 950.0, 100, 10, 0.9, 40.0, 80.0, 20.0),
        };

        var segment = Assert.Single(SegmentResult.Aggregate(points));

        Assert.Equal(955.0 / 1_010.0, segment.FillRate, 12);
        Assert.Equal(1.0 - 11.0 / 104.0, segment.CycleServiceLevel, 12);
        Assert.Equal(0.7, segment.ReadyRate, 12);
        Assert.Equal(2, segment.StockingPoints);
        Assert.Equal(4.0, segment.StockoutPeriods);
        Assert.Equal(43.0, segment.AverageOnHand);
        Assert.Equal(110.0, segment.AverageInventoryValue);
        Assert.Equal(27.5, segment.CarryingCost);
    }

    [Fact]
    public void Aggregate_SeveralSegments_OrdersByNameOrdinally()
    {
        var points = new[]
        {
            Result("a", "b-tier", 10.0, 10.0, 1, 0, 1.0, 1.0, 1.0, 1.0),
            Result("b", "B-tier", 10.0, 10.0, 1, 0, 1.0, 1.0, 1.0, 1.0),
            Result("c", "a-tier", 10.0, 10.0, 1, 0, 1.0, 1.0, 1.0, 1.0),
        };

        Assert.Equal(["B-tier", "a-tier", "b-tier"], SegmentResult.Aggregate(points).Select(s => s.Segment));
    }
}
