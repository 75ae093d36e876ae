namespace ChainSeg.Core.Inventory;

/// <summary>
/// Guaranteed-service model for tree networks (Graves &amp; Willems 2000): chooses each stage's committed service time S
/// to minimise Σ h·z·σ·√(SI + T − S), with SI ≥ S of every predecessor, by dynamic programming over the tree.
/// </summary>
public static class GuaranteedServiceModel
{
    /// <summary>Optimal committed service times, inbound service times and safety stocks; forests are solved tree by tree.</summary>
    /// <exception cref="ArgumentException">ids repeat, a predecessor is unknown, or the links contain a cycle.</exception>
    /// <exception cref="ArgumentOutOfRangeException">z, a time, a cost or a demand figure is negative.</exception>
    public static GsmResult Optimize(GsmNetwork network)
    {
        var tree = GsmTree.Build(network);
        var plan = new GsmDynamicProgramme(tree).Solve();
        return Describe(tree, plan.Outbound, plan.Inbound);
    }

    /// <summary>Cost and safety stocks of given committed service times; each inbound time is the latest predecessor's (or the external supplier's).</summary>
    /// <exception cref="ArgumentException">a stage has no committed service time.</exception>
    /// <exception cref="ArgumentOutOfRangeException">a committed service time is negative or above the stage's outbound limit.</exception>
    public static GsmResult Evaluate(GsmNetwork network, IReadOnlyDictionary<string, int> committedServiceTimes)
    {
        ArgumentNullException.ThrowIfNull(committedServiceTimes);
        var tree = GsmTree.Build(network);
        var outbound = new int[tree.Count];
        var inbound = new int[tree.Count];
        for (int j = 0; j < tree.Count; j++)
        {
            string id = network.Nodes[j].Id;
            if (!committedServiceTimes.TryGetValue(id, out int s))
            {
                throw new ArgumentException($"No committed service time for node '{id}'.", nameof(committedServiceTimes));
            }

            int limit = network.Nodes[j].OutboundCst ?? (tree.Successors[j].Count == 0 ? 0 : int.MaxValue);
            if (s < 0 || s > limit)
            {
                throw new ArgumentOutOfRangeException(nameof(committedServiceTimes), s,
                    $"Committed service time of '{id}' must be in [0, {limit}]; got {s}.");
            }

            outbound[j] = s;
        }

        for (int j = 0; j < tree.Count; j++)
        {
            int latestInput = tree.Predecessors[j].Length == 0 ? tree.InboundFloor[j] : tree.Predecessors[j].Max(i => outbound[i]);

            // A stage may quote later than its inputs allow; it then holds nothing and waits (net replenishment time 0).
            inbound[j] = Math.Max(latestInput, outbound[j] - tree.ProcessingTime(j));
        }

        return Describe(tree, outbound, inbound);
    }

    private static GsmResult Describe(GsmTree tree, int[] outbound, int[] inbound)
    {
        var cst = new Dictionary<string, int>(tree.Count, StringComparer.Ordinal);
        var si = new Dictionary<string, int>(tree.Count, StringComparer.Ordinal);
        var nrt = new Dictionary<string, int>(tree.Count, StringComparer.Ordinal);
        var safetyStock = new Dictionary<string, double>(tree.Count, StringComparer.Ordinal);
        var baseStock = new Dictionary<string, double>(tree.Count, StringComparer.Ordinal);
        double total = 0.0;
        for (int j = 0; j < tree.Count; j++)
        {
            var node = tree.Network.Nodes[j];
            int tau = inbound[j] + node.ProcessingTime - outbound[j];
            double ss = tree.SafetyFactor(j) * tree.PooledSd[j] * Math.Sqrt(tau);
            cst[node.Id] = outbound[j];
            si[node.Id] = inbound[j];
            nrt[node.Id] = tau;
            safetyStock[node.Id] = ss;
            baseStock[node.Id] = tree.PooledMean[j] * tau + ss;
            total += node.HoldingCost * ss;
        }

        return new GsmResult(total, cst, si, nrt, safetyStock, baseStock);
    }
}
