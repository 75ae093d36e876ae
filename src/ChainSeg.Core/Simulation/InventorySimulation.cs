namespace ChainSeg.Core.Simulation;

/// <summary>
/// Seeded Monte-Carlo simulation of replenishment policies for many stocking points, in discrete periods, in parallel across points.
/// Figures depend only on the inputs and the seed, never on thread scheduling or the order of the points.
/// </summary>
public static class InventorySimulation
{
    /// <summary>Simulates every item and aggregates the results by segment.</summary>
    /// <exception cref="ArgumentException">an item lacks its point or policy, or two items share a stocking point id (they would share random streams).</exception>
    public static SimulationResult Run(IReadOnlyList<SimulatedItem> items, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(settings);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            if (item?.Point is null || item.Policy is null)
            {
                throw new ArgumentException("Every item needs a stocking point and a policy.", nameof(items));
            }

            if (!ids.Add(item.Point.Id))
            {
                throw new ArgumentException($"Stocking point id '{item.Point.Id}' appears twice; ids must be unique.", nameof(items));
            }
        }

        var results = new StockingPointResult[items.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism };
        Parallel.For(
            0,
            items.Count,
            options,
            () => new ReplicationWorkspace(),
            (i, _, workspace) =>
            {
                results[i] = Simulate(items[i], settings, workspace);
                return workspace;
            },
            _ => { });

        return new SimulationResult(results, SegmentResult.Aggregate(results));
    }

    /// <summary>Simulates one item on the calling thread.</summary>
    public static StockingPointResult RunItem(SimulatedItem item, SimulationSettings settings)
    {
        ArgumentNullException.ThrowIfNull(item);
        ArgumentNullException.ThrowIfNull(settings);
        return Simulate(item, settings, new ReplicationWorkspace());
    }

    private static StockingPointResult Simulate(SimulatedItem item, SimulationSettings settings, ReplicationWorkspace workspace)
    {
        var tallies = new ReplicationTally[settings.Replications];
        for (int r = 0; r < tallies.Length; r++)
        {
            tallies[r] = Replication.Run(item, settings, r, workspace);
        }

        return StockingPointResult.FromReplications(item.Point, tallies);
    }
}
