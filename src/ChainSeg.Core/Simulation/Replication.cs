namespace ChainSeg.Core.Simulation;

/// <summary>
/// One replication of one stocking point. Each period: (1) orders due arrive and fill backorders first; (2) demand is filled from
/// stock on hand, the rest backordered or lost; (3) the policy reviews the inventory position and may order; an order placed at the
/// end of period t with lead time ℓ arrives at the start of period t + ℓ + 1.
/// A replenishment cycle runs from one arrival to the next; it has a stockout when some demand in it goes unfilled or backorders are open.
/// </summary>
internal static class Replication
{
    /// <summary>Simulates replication <paramref name="replication"/> of the item and returns its measured sums.</summary>
    public static ReplicationTally Run(SimulatedItem item, SimulationSettings settings, int replication, ReplicationWorkspace workspace)
    {
        var point = item.Point;
        var policy = item.Policy;
        var demandRandom = new Random(SimulationSeed.For(settings.Seed, point.Id, replication, SimulationSeed.DemandStream));
        var leadTimeRandom = new Random(SimulationSeed.For(settings.Seed, point.Id, replication, SimulationSeed.LeadTimeStream));
        int periods = settings.Periods;
        int warmUp = settings.WarmUpPeriods;
        bool lostSales = settings.Shortages == ShortageHandling.LostSales;
        workspace.Reset(periods);
        double[] arrivals = workspace.Arrivals;
        bool[] due = workspace.Due;

        double net = point.InitialOnHand ?? Math.Max(policy.MaximumInventoryPosition, 0.0);
        double onOrder = 0.0;
        bool cycleOpen = false;
        bool cycleShort = false;
        var tally = new ReplicationTally();

        for (int t = 0; t < periods; t++)
        {
            bool measured = t >= warmUp;
            if (due[t])
            {
                net += arrivals[t];
                onOrder -= arrivals[t];

                // Only cycles that start after the warm-up are counted, so none straddles the start-up state.
                if (measured)
                {
                    if (cycleOpen)
                    {
                        tally.CloseCycle(cycleShort);
                    }

                    cycleOpen = true;
                    cycleShort = false;
                }
            }

            double demand = point.Demand.Next(demandRandom);
            double onHand = Math.Max(net, 0.0);
            double filled = Math.Min(demand, onHand);
            net -= lostSales ? filled : demand;
            if (filled < demand || net < 0.0)
            {
                cycleShort = true;
            }

            if (measured)
            {
                tally.Record(demand, filled, onHand, net);
            }

            if (policy.Review(net + onOrder, t, out double orderQty))
            {
                int leadTime = point.LeadTime.Next(leadTimeRandom);
                if (leadTime < 0)
                {
                    throw new InvalidOperationException($"Lead time sampler of {point.Id} returned {leadTime} periods; lead times must be ≥ 0.");
                }

                long arrival = t + 1L + leadTime;
                onOrder += orderQty;
                if (arrival < periods)
                {
                    arrivals[arrival] += orderQty;
                    due[arrival] = true;
                }

                if (measured && orderQty > 0.0)
                {
                    tally.Orders++;
                }
            }
        }

        return tally;
    }
}
