namespace ChainSeg.Core.Simulation;

/// <summary>Running sums of one replication's measured periods.</summary>
internal struct ReplicationTally
{
    /// <summary>Periods measured.</summary>
    public int Periods;

    /// <summary>Units demanded.</summary>
    public double UnitsDemanded;

    /// <summary>Units shipped from stock in the period they were demanded.</summary>
    public double UnitsFilled;

    /// <summary>Periods in which some demand was not filled from stock.</summary>
    public int StockoutPeriods;

    /// <summary>Periods ending with stock on hand.</summary>
    public int PeriodsWithStock;

    /// <summary>Sum over periods of the time-average stock on hand.</summary>
    public double OnHandSum;

    /// <summary>Sum over periods of the backorders at the end of the period.</summary>
    public double BackorderSum;

    /// <summary>Replenishment cycles completed.</summary>
    public int Cycles;

    /// <summary>Completed cycles in which a shortage occurred.</summary>
    public int StockoutCycles;

    /// <summary>Orders of more than zero units placed.</summary>
    public int Orders;

    /// <summary>Adds one measured period: demand, units filled, stock on hand after receipts, net inventory after demand.</summary>
    public void Record(double demand, double filled, double onHandAtStart, double netAfterDemand)
    {
        Periods++;
        UnitsDemanded += demand;
        UnitsFilled += filled;
        if (filled < demand)
        {
            StockoutPeriods++;
        }

        if (netAfterDemand > 0.0)
        {
            PeriodsWithStock++;
        }

        // Demand is taken to arrive evenly through the period: stock falls linearly, to zero part-way when demand exceeds it.
        OnHandSum += onHandAtStart >= demand ? onHandAtStart - 0.5 * demand : 0.5 * onHandAtStart * onHandAtStart / demand;
        BackorderSum += Math.Max(-netAfterDemand, 0.0);
    }

    /// <summary>Counts a completed replenishment cycle.</summary>
    public void CloseCycle(bool hadShortage)
    {
        Cycles++;
        if (hadShortage)
        {
            StockoutCycles++;
        }
    }
}
